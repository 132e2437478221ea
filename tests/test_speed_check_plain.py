"""The check's view through a pipe drawn without rich (render/check/plain.py): every byte is
the one rich writes, at any width, in both languages; where the plain drawing could differ
(wide, combining or control characters, a table rich would shrink) rich draws it, and the
tests say which of the two drew."""

import dataclasses
import io
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AS_OF, make_company

from asfcert.assess.checker import CheckOptions, check
from asfcert.base.i18n import L10n
from asfcert.cli.output import _plain_console, _Trimmed, draw_piped
from asfcert.render.check import plain, terminal
from asfcert.render.common.plaintext import (
    NARROW,
    Fallback,
    console_width,
    padded,
    wrap,
)

VIEW = "asfcert.render.check.terminal:render"
ROOT = Path(__file__).resolve().parents[1]
# every company folder of the examples and the fixtures (the fixtures hold none today)
FOLDERS = sorted({p.parent for base in ("examples", "tests/fixtures") for p in (ROOT / base).rglob("company.yaml")})
WIDTHS = ("40", "80", "120", "200")
_results: dict = {}


def result_of(folder: Path):
    if folder not in _results:
        _results[folder] = check(folder, CheckOptions(today=AS_OF))
    return _results[folder]


def by_rich(result, lang) -> bytes:
    buffer = io.StringIO()
    stream = _Trimmed(buffer, encoding="utf-8")
    terminal.render(result, lang, _plain_console(stream))
    stream.flush()
    return buffer.getvalue().encode()


def piped(result, lang) -> tuple[str, bytes]:
    """(which drew, the bytes) as `present` draws a check through a pipe."""
    buffer = io.StringIO()
    stream = _Trimmed(buffer, encoding="utf-8")
    path = draw_piped(VIEW, result, lang, stream)
    stream.flush()
    return path, buffer.getvalue().encode()


def same(result, monkeypatch, columns: str, lang: str) -> str:
    monkeypatch.setenv("COLUMNS", columns)
    path, text = piped(result, lang)
    assert text == by_rich(result, lang)
    return path


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_example_and_fixture_folder_is_drawn_as_rich_draws_it(folder, monkeypatch):
    result = result_of(folder)
    paths = {(w, lang): same(result, monkeypatch, w, lang) for w in WIDTHS for lang in ("sv", "en")}
    assert FOLDERS and len(FOLDERS) >= 9
    # the plain drawing holds from 80 columns
    assert {paths[w, lang] for w in WIDTHS[1:] for lang in ("sv", "en")} == {"plain"}


@pytest.fixture(scope="module")
def company(tmp_path_factory):
    return check(make_company(tmp_path_factory.mktemp("c") / "c", owners=[{"name": "Kommunen", "kind": "kommun", "share_percent": 1}]),
                 CheckOptions(today=AS_OF))


def with_texts(result, *, title=None, message=None, hint=None, name=None, summary=None):
    """`result` with its first clause's title, every finding's message and hint, the
    company's name and every figure's summary replaced."""
    clauses = [dataclasses.replace(c, title=L10n(title, title)) if title is not None and i == 0 else c
               for i, c in enumerate(result.clauses)]
    findings = [dataclasses.replace(f, message=L10n(message, message) if message is not None else f.message,
                                    hint=L10n(hint, hint) if hint is not None else f.hint) for f in result.findings]
    requirements = [dataclasses.replace(r, summary=L10n(summary, summary)) if summary is not None and r.summary else r
                    for r in result.requirements]
    company = {**result.company, "name": name} if name is not None and result.company else result.company
    return dataclasses.replace(result, clauses=clauses, findings=findings, requirements=requirements, company=company)


LONG_WORD = "Arbetsintegrerande" * 9
GENERATED = {
    "long title": dict(title="Ägarförhållanden och vinstdisposition för arbetsintegrerande sociala företag " * 3),
    "long message": dict(message=("Lönespridningen är för stor: högsta lön delad med lägsta är 2,61 — över gränsen. " * 6).strip()),
    "long words": dict(message=f"Se {LONG_WORD} och {LONG_WORD[:70]}   {LONG_WORD[:77]}x y", hint=LONG_WORD + "   "),
    "spaces": dict(message="   Inledande  och   dubbla mellanslag   ", hint="slut     "),
    "long name": dict(name="Kooperativet Återbruket i Östra Göinge ekonomisk förening " * 2),
    "long summary": dict(summary="37 000 / 24 900 = 1,49 ≤ 2,5; " * 8),
}


@pytest.mark.parametrize("case", GENERATED, ids=str)
@pytest.mark.parametrize("columns", WIDTHS)
def test_generated_texts_are_drawn_as_rich_draws_them(company, case, columns, monkeypatch):
    result = with_texts(company, **GENERATED[case])
    paths = {same(result, monkeypatch, columns, lang) for lang in ("sv", "en")}
    if columns != "40":
        assert paths == {"plain"}


HOSTILE = {
    "control": "Kvarnen\x1b[2J\x07 AB", "bidi": "Kvarnen \u202eBA\u202c", "wide": "株式会社カイシャ",
    "combining": "Kvarne\u0301n", "emoji": "Kvarnen 🌾", "tab": "Kvarnen\tAB", "newline": "Kvarnen\nAB",
    "nbsp": "Kvarnen\xa0AB", "soft hyphen": "Kvarn\xaden", "zero width": "Kvarn\u200ben", "carriage return": "Kvarnen\rAB",
}


@pytest.mark.parametrize("where", ["title", "message", "hint", "name", "summary"])
@pytest.mark.parametrize("case", HOSTILE, ids=str)
def test_hostile_texts_are_drawn_by_rich(company, case, where, monkeypatch):
    result = with_texts(company, **{where: HOSTILE[case]})
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(Fallback):
        plain.render(result, "sv", 80)
    assert same(result, monkeypatch, "80", "sv") == "rich"


def test_no_findings_and_no_clauses(company, monkeypatch):
    bare = dataclasses.replace(company, findings=[])
    assert bare.sorted_findings() == []
    none = dataclasses.replace(company, findings=[], clauses=[])
    for result in (bare, none):
        for lang in ("sv", "en"):
            assert same(result, monkeypatch, "80", lang) == "plain"
    assert "─" not in piped(none, "sv")[1].decode()


def test_an_empty_message_is_drawn_by_rich(company, monkeypatch):
    assert same(with_texts(company, message=""), monkeypatch, "80", "sv") == "rich"


def test_a_table_rich_would_shrink_is_drawn_by_rich(company, monkeypatch):
    with pytest.raises(Fallback, match="table"):
        plain.render(company, "sv", 40)
    assert same(company, monkeypatch, "40", "sv") == "rich"


def test_the_narrow_characters_are_one_cell_shown_as_they_are_and_no_whitespace():
    from rich.cells import cell_len

    from asfcert.base.safetext import VISIBLE

    for char in NARROW:
        assert cell_len(char) == 1 and char.isprintable() and ord(char) not in VISIBLE, repr(char)
        assert char == " " or not re.match(r"\s", char), repr(char)
    assert "ä" in NARROW and "Ö" in NARROW and "—" in NARROW and "\t" not in NARROW


def test_wrapping_follows_rich_on_random_texts():
    """Text printed plainly and inside Padding(…, 4), as the view prints them."""
    from rich.padding import Padding
    from rich.text import Text

    rng = random.Random(17)
    alphabet = "aåäö ÅÄÖ—…,.-" + "b" * 5 + " " * 4
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 160)))
        width = rng.randint(40, 130)
        buffer = io.StringIO()
        stream = _Trimmed(buffer, encoding="utf-8")
        console = _plain_console(stream)
        console.width = width
        console.print(Text(text))
        try:
            mine = wrap(text, width) + padded(text, width, 4)
        except Fallback:  # only a text of spaces alone, which rich pads to nothing
            assert not text.strip(" ")
            continue
        console.print(Padding(Text(text), (0, 0, 0, 4), expand=False))
        stream.flush()
        assert "".join(line + "\n" for line in mine) == buffer.getvalue(), (text, width)


def test_the_width_is_rich_s(monkeypatch):
    from rich.console import Console

    for columns in ("57", "80", "133", "zz", None):
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        assert console_width(io.StringIO()) == Console(file=io.StringIO()).width
    monkeypatch.setenv("COLUMNS", "12")
    with pytest.raises(Fallback):  # too narrow for the views: rich lays them out
        console_width(io.StringIO())
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(Fallback):  # rich draws ASCII boxes for an encoding that is not UTF
        console_width(_Trimmed(io.StringIO(), encoding="latin-1"))


@pytest.mark.parametrize("told", [{"FORCE_COLOR": "1"}, {"TTY_COMPATIBLE": "1"}, {"TTY_COMPATIBLE": "1", "TERM": "dumb"}])
def test_a_pipe_rich_takes_for_a_terminal_is_drawn_by_rich(company, told, monkeypatch):
    for name, value in told.items():
        monkeypatch.setenv(name, value)
    assert same(company, monkeypatch, "80", "sv") == "rich"
    if "TERM" not in told:  # rich's colours, which the plain drawing has not (a dumb terminal has none)
        assert "\x1b[" in piped(company, "sv")[1].decode()
    for name, value in {"FORCE_COLOR": "", "TTY_COMPATIBLE": "0"}.items():
        monkeypatch.setenv(name, value)
    assert same(company, monkeypatch, "80", "sv") == "plain"


def test_a_piped_check_does_not_import_rich(tmp_path):
    root = make_company(tmp_path / "c")
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('rich loaded: %s\\n' % ('rich.console' in sys.modules)))\n"
        "from asfcert.cli import main\n"
        f"sys.argv = ['asfcert', 'check', {str(root)!r}, '--as-of', {AS_OF.isoformat()!r}, '--no-cache']\n"
        "main()\n"
    )
    import os

    env = {**os.environ, "COLUMNS": "80", "ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120, check=False)
    assert b"rich loaded: False" in proc.stderr, proc.stderr
    rich = subprocess.run([sys.executable, "-c", code.replace("main()", "import rich.console\nmain()")],
                          capture_output=True, env=env, timeout=120, check=False)
    assert proc.stdout == rich.stdout and proc.returncode == rich.returncode
    assert "Redo för revision".encode() in proc.stdout or b"ASF-" in proc.stdout

"""The `audit` and `verify` views through a pipe drawn without rich (render/audit/plain.py):
every byte is the one rich writes, for every example company (audited, and decided), in
both languages and at the widths where the table changes (a column more from 110); for
`verify`, for every verdict of a real certificate and a file only pyHanko judges. Where the
plain drawing could differ (wide, combining or control characters, a table rich would
shrink) rich draws it, and the tests say which of the two drew."""

import dataclasses
import datetime as dt
import io
import os
import shutil
import subprocess
import sys

import pytest
from audit_helpers import (
    AUDITOR,
    EXAMPLES,
    audit,
    certify,
    cohort,
    decide,
    registry,
    set_results,
    setup,
)
from trust_helpers import PASSPHRASE

from asfcert.certify import status
from asfcert.certify.verify import verify
from asfcert.cli.audit_cmd import AuditRun
from asfcert.cli.output import _plain_console, _Trimmed, draw_piped
from asfcert.render.audit import plain, terminal
from asfcert.render.common.plaintext import Fallback

AUDIT = "asfcert.render.audit.terminal:render_audit_run"
VERIFY = "asfcert.render.audit.terminal:render_verify"
COMPANIES = sorted(p.parent.name for p in EXAMPLES.glob("*/company.yaml"))
WIDTHS = ("80", "110", "120", "200")


def by_rich(view: str, result, lang: str) -> bytes:
    buffer = io.StringIO()
    stream = _Trimmed(buffer, encoding="utf-8")
    getattr(terminal, view.rsplit(":", 1)[1])(result, lang, _plain_console(stream))
    stream.flush()
    return buffer.getvalue().encode()


def piped(view: str, result, lang: str) -> tuple[str, bytes]:
    """(which drew, the bytes) as `present` draws the view through a pipe."""
    buffer = io.StringIO()
    stream = _Trimmed(buffer, encoding="utf-8")
    path = draw_piped(view, result, lang, stream)
    stream.flush()
    return path, buffer.getvalue().encode()


def same(view: str, result, monkeypatch, columns: str, lang: str) -> str:
    monkeypatch.setenv("COLUMNS", columns)
    path, text = piped(view, result, lang)
    assert text == by_rich(view, result, lang)
    return path


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """Every example company audited, then decided with every result conform, in a registry."""
    reg = registry(tmp_path_factory.mktemp("examples") / "registry")
    omgang = reg / "omgang-ht2026"
    for name in COMPANIES:
        shutil.copytree(EXAMPLES / name, omgang / name)
    cohort(omgang, {name: {"auditor": AUDITOR} for name in COMPANIES})
    runs = {}
    for name in COMPANIES:
        runs[name, "audit"] = AuditRun(audit(omgang / name), [omgang / name / "audit" / "rapport.pdf"])
        set_results(omgang / name)
        runs[name, "decide"] = AuditRun(audit(omgang / name, today=dt.date(2026, 11, 30), decide=True))
    return runs


@pytest.mark.parametrize("stage", ["audit", "decide"])
@pytest.mark.parametrize("name", COMPANIES)
def test_every_example_company_is_drawn_as_rich_draws_it(examples, name, stage, monkeypatch):
    run = examples[name, stage]
    assert len(COMPANIES) >= 6
    assert (run.result.decision is not None) == (stage == "decide")
    paths = {same(AUDIT, run, monkeypatch, w, lang) for w in WIDTHS for lang in ("sv", "en")}
    assert paths == {"plain"}


def test_the_wide_table_has_the_result_column(examples, monkeypatch):
    run = examples[COMPANIES[0], "decide"]
    from asfcert.render.audit.labels import word

    for columns, shown in (("109", False), ("110", True)):
        monkeypatch.setenv("COLUMNS", columns)
        path, text = piped(AUDIT, run, "en")
        lines = text.decode().splitlines()
        header = lines[lines.index(word("per_clause", "en")) + 1].split()
        assert path == "plain" and (word("result", "en") in header) == shown, header
        assert text == by_rich(AUDIT, run, "en")


def with_texts(run, *, title=None, message=None, name=None, path=None):
    result = run.result
    items = [dataclasses.replace(i, title=type(i.title)(title, title)) if title is not None and n == 0 else i
             for n, i in enumerate(result.proposal.items)]
    findings = [dataclasses.replace(f, message=type(f.message)(message, message)) if message is not None else f
                for f in result.findings]
    company = {**result.company, "name": name} if name is not None else result.company
    result = dataclasses.replace(result, proposal=dataclasses.replace(result.proposal, items=items),
                                 findings=findings, company=company)
    return AuditRun(result, [path] if path is not None else run.reports)


GENERATED = {
    "long title": dict(title="Ägarförhållanden och vinstdisposition för arbetsintegrerande sociala företag " * 3),
    "trailing spaces": dict(title="Ägarförhållanden" + " " * 60),
    "long message": dict(message=("Lönespridningen är för stor: högsta lön delad med lägsta är 2,61 — över gränsen. " * 6).strip()),
    "long name": dict(name="Kooperativet Återbruket i Östra Göinge ekonomisk förening " * 2),
    "long path": dict(path="/tmp/" + "mapp-med-långt-namn/" * 12 + "rapport.pdf"),
}


@pytest.mark.parametrize("case", GENERATED, ids=str)
@pytest.mark.parametrize("columns", WIDTHS)
def test_generated_texts_are_drawn_as_rich_draws_them(examples, case, columns, monkeypatch):
    run = with_texts(examples[COMPANIES[0], "audit"], **GENERATED[case])
    assert {same(AUDIT, run, monkeypatch, columns, lang) for lang in ("sv", "en")} == {"plain"}


HOSTILE = {
    "control": "Kvarnen\x1b[2J\x07 AB", "bidi": "Kvarnen \u202eBA\u202c", "wide": "株式会社カイシャ",
    "combining": "Kvarne\u0301n", "emoji": "Kvarnen 🌾", "tab": "Kvarnen\tAB", "newline": "Kvarnen\nAB",
    "nbsp": "Kvarnen\xa0AB", "soft hyphen": "Kvarn\xaden", "zero width": "Kvarn\u200ben",
}


@pytest.mark.parametrize("where", ["title", "message", "name", "path"])
@pytest.mark.parametrize("case", HOSTILE, ids=str)
def test_hostile_texts_are_drawn_by_rich(examples, case, where, monkeypatch):
    run = with_texts(examples[COMPANIES[0], "audit"], **{where: HOSTILE[case]})
    with pytest.raises(Fallback):
        plain.render_audit_run(run, "sv", 80)
    assert same(AUDIT, run, monkeypatch, "80", "sv") == "rich"


def test_a_table_rich_would_shrink_is_drawn_by_rich(examples, monkeypatch):
    run = examples[COMPANIES[0], "decide"]
    with pytest.raises(Fallback, match="table"):
        plain.render_audit_run(run, "sv", 40)
    assert same(AUDIT, run, monkeypatch, "40", "sv") == "rich"


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """A real certificate's verify results: every verdict the view shows."""
    from asfcert.certify.signing import sign_pdf
    from asfcert.records import keys
    from asfcert.render.certificate.view import render_pdf

    base = tmp_path_factory.mktemp("verdicts")
    root = setup(base)
    reg = root.parents[1]
    decide(root)
    rec = certify(root).record
    pdf = str(root / "certificate" / f"{rec.number}-sv.pdf")
    day = dt.date(2027, 1, 1)
    found = {
        "valid": verify(pdf, today=day),
        "expired": verify(rec.number, registry_dir=reg, today=rec.valid_until + dt.timedelta(days=1)),
        "wrong code": verify(rec.number, registry_dir=reg, code="AAAAA-BBBBB", today=day),
        "unknown number": verify("ASF-2026-9999", registry_dir=reg, today=day),
    }
    # signed by pyHanko (as an older asfcert signed): judged by the bounded pyHanko child
    older = root / "certificate" / "older.pdf"
    older.write_bytes(sign_pdf(render_pdf(rec, "sv", "asfcert-test-token", None, None),
                               keys.open_store(reg).signer(PASSPHRASE.encode()), number=rec.number))
    found["pyhanko"] = verify(str(older), today=day)
    status.change(rec.number, "suspend", "Anmärkningen ej åtgärdad", registry_dir=reg, today=dt.date(2027, 6, 1))
    found["suspended"] = verify(pdf, today=dt.date(2027, 6, 2))
    status.change(rec.number, "withdraw", "Företaget har upphört", registry_dir=reg, today=dt.date(2027, 7, 1))
    found["revoked"] = verify(rec.number, registry_dir=reg, today=dt.date(2027, 7, 2))
    return found


VERDICTS = {"valid": "valid", "expired": "expired", "wrong code": "altered", "unknown number": "unknown",
            "pyhanko": "valid", "suspended": "suspended", "revoked": "withdrawn"}


@pytest.mark.parametrize("case", VERDICTS, ids=str)
def test_every_verdict_is_drawn_as_rich_draws_it(verdicts, case, monkeypatch):
    result = verdicts[case]
    assert result.verdict == VERDICTS[case]
    paths = {same(VERIFY, result, monkeypatch, w, lang) for w in WIDTHS for lang in ("sv", "en")}
    assert paths == {"plain"}


@pytest.mark.parametrize("case", ["control", "wide", "newline", "bidi"])
def test_a_hostile_detail_is_drawn_by_rich(verdicts, case, monkeypatch):
    from asfcert.base.i18n import L10n

    result = dataclasses.replace(verdicts["suspended"], details=[L10n(HOSTILE[case], HOSTILE[case])])
    with pytest.raises(Fallback):
        plain.render_verify(result, "sv", 80)
    assert same(VERIFY, result, monkeypatch, "80", "sv") == "rich"


def test_a_piped_audit_does_not_import_rich(tmp_path):
    def audited(code: str, where: str) -> subprocess.CompletedProcess:
        reg = registry(tmp_path / where / "registry")
        omgang = reg / "omgang-ht2026"
        shutil.copytree(EXAMPLES / COMPANIES[0], omgang / COMPANIES[0])
        cohort(omgang, {COMPANIES[0]: {"auditor": AUDITOR}})
        argv = ["asfcert", "audit", str(omgang / COMPANIES[0]), "--lang", "en", "--auditor", AUDITOR, "--as-of", "2026-11-30"]
        env = {**os.environ, "COLUMNS": "120", "ASFCERT_CACHE_DIR": str(tmp_path / where / "cache")}
        return subprocess.run([sys.executable, "-c", code + f"sys.argv = {argv!r}\nmain()\n"],
                              capture_output=True, env=env, timeout=120, check=False, cwd=tmp_path / where)

    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('rich loaded: %s\\n' % ('rich.console' in sys.modules)))\n"
        "from asfcert.cli import main\n"
    )
    proc = audited(code, "plain")
    assert b"rich loaded: False" in proc.stderr and proc.returncode in (0, 1) and proc.stdout, proc.stderr
    # the same first audit elsewhere, drawn by rich
    rich = audited(code + "import asfcert.cli.output as o\no.PLAIN.clear()\n", "rich")
    assert b"rich loaded: True" in rich.stderr, rich.stderr
    assert proc.stdout.replace(b"/plain/", b"/rich/") == rich.stdout and proc.returncode == rich.returncode
    assert COMPANIES[0].encode() in proc.stdout or b"Audit" in proc.stdout


def test_a_saved_root_is_drawn_whole_as_rich_draws_it(verdicts, tmp_path, monkeypatch):
    from asfcert.certify.verify import TrustSaved

    fingerprint = ":".join(["AB"] * 32)  # longer than 80 columns: never wrapped
    saved = TrustSaved(tmp_path / ("mapp-" * 20) / "root.pem", fingerprint)
    result = dataclasses.replace(verdicts["valid"], saved=saved)
    for columns in WIDTHS:
        assert same(VERIFY, result, monkeypatch, columns, "sv") == "plain"
    assert fingerprint in piped(VERIFY, result, "en")[1].decode()


@pytest.fixture(scope="module")
def recertified(tmp_path_factory):
    """A company certified before, audited and decided again: the view lists what changed."""
    from audit_helpers import redecide

    root = setup(tmp_path_factory.mktemp("again"))
    decide(root)
    certify(root)
    return AuditRun(redecide(root))


def test_what_changed_since_the_certificate_is_drawn_as_rich_draws_it(recertified, monkeypatch):
    since = recertified.result.since_certificate
    assert since and since.files.added
    paths = {same(AUDIT, recertified, monkeypatch, w, lang) for w in WIDTHS for lang in ("sv", "en")}
    assert paths == {"plain"}
    assert "styrelse-2027-02.pdf" in piped(AUDIT, recertified, "sv")[1].decode()


@pytest.mark.parametrize("view", [AUDIT, VERIFY])
def test_a_pipe_rich_takes_for_a_terminal_is_drawn_by_rich(examples, verdicts, view, monkeypatch):
    result = examples[COMPANIES[0], "decide"] if view == AUDIT else verdicts["valid"]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert same(view, result, monkeypatch, "80", "sv") == "rich"
    assert "\x1b[" in piped(view, result, "sv")[1].decode()  # rich's colours
    monkeypatch.setenv("FORCE_COLOR", "")
    assert same(view, result, monkeypatch, "80", "sv") == "plain"


@pytest.mark.parametrize("view", [AUDIT, VERIFY])
def test_present_draws_the_first_view_through_a_pipe_without_rich(examples, verdicts, view, capsys, monkeypatch):
    from asfcert.cli import output

    result = examples[COMPANIES[0], "decide"] if view == AUDIT else verdicts["suspended"]
    monkeypatch.setenv("COLUMNS", "120")
    expected = by_rich(view, result, "en").decode()

    def refuse(*_a, **_k):
        raise AssertionError("drawn by rich")

    monkeypatch.setattr(output, "_plain_console", refuse)
    capsys.readouterr()
    output.present(result, "terminal", "en")  # the cache is empty (a private one per test)
    assert capsys.readouterr().out == expected

"""What the CLI prints, as a user runs it: every format through one emitter, text from
people's files never raw on a terminal, JSON errors with --format json, and output under
any encoding. Each test runs the real command as a subprocess."""

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AS_OF, make_company

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "omgang-ht2026"
APPLICATIONS = ROOT / "examples" / "ansokningar"
ASFCERT = str(Path(sys.executable).parent / "asfcert")
DAY = AS_OF.isoformat()
INJECTED = "\x1b]0;owned\x07"  # sets the terminal's title: must never reach a terminal raw


def cli(*args, env=None, timeout=120):
    return subprocess.run([ASFCERT, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=timeout)


def on_terminal(*args, stream: str) -> tuple[int, bytes]:
    """Run with `stream` ("stdout" or "stderr") on a pseudo-terminal; what it received."""
    master, slave = pty.openpty()
    target = {"stdout": {"stdout": slave, "stderr": subprocess.DEVNULL}, "stderr": {"stdout": subprocess.DEVNULL, "stderr": slave}}[stream]
    proc = subprocess.Popen([ASFCERT, *args], **target, env={**os.environ, "TERM": "xterm", "COLUMNS": "100"})
    os.close(slave)
    received = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    return proc.wait(timeout=120), received


# --- the three bugs of issue 11 -------------------------------------------------------

def test_cohort_check_markdown_is_markdown_not_the_terminal_table():
    proc = cli("cohort", "check", str(EXAMPLE), "--as-of", "2026-11-22", "--format", "markdown")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("# Omgångskontroll — ")
    assert "| Företag | Läge | Klart | Hinder | Anm. | Handledare | Revisor |" in proc.stdout
    assert "| Växthuset i Borås ekonomisk förening | inlämnad | 100 % | 0 | 0 |" in proc.stdout
    assert "─" not in proc.stdout  # no rich table rule


def test_cohort_report_markdown_on_a_registry(tmp_path):
    registry = tmp_path / "registry"
    shutil.copytree(EXAMPLE, registry / "omgang-ht2026")
    proc = cli("cohort", "report", str(registry), "--as-of", "2026-11-22", "--format", "markdown", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Registry report — ")
    assert "| Cohort | Companies | Started |" in proc.stdout and "## Indicators" in proc.stdout
    assert proc.stderr == ""  # the hint about --out is for the terminal view


def test_intake_markdown_on_a_terminal_shows_escapes_from_company_yaml(tmp_path):
    root = make_company(tmp_path / "ansokan", name=f"Evil{INJECTED} AB")
    code, received = on_terminal("intake", str(root), "--as-of", DAY, "--format", "markdown", stream="stdout")
    assert code in (0, 1)
    assert received.startswith(b"# Granskning av ans")
    assert INJECTED.encode() not in received and b"\x1b" not in received  # Markdown never holds an escape
    assert "Evil<U+001B>]0;owned<U+0007> AB".encode() in received


def test_intake_progress_bar_shows_folder_names_through_the_rich_guard(tmp_path):
    applications = tmp_path / "ansokningar"
    applications.mkdir()
    shutil.copytree(APPLICATIONS / "flyttlaget", applications / f"evil{INJECTED}x")
    code, received = on_terminal("intake", str(applications), "--as-of", "2026-11-22", stream="stderr")
    assert code == 1
    assert b"asfcert intake" in received  # the bar was drawn
    assert INJECTED.encode() not in received and b"\x1b]0;" not in received
    assert b"evil<U+001B>]0;owned<U+0007>x" in received


def test_cohort_progress_bar_is_guarded_too(tmp_path):
    cohort = tmp_path / "omgang"
    shutil.copytree(EXAMPLE, cohort)
    code, received = on_terminal("cohort", "check", str(cohort), "--as-of", "2026-11-22", stream="stderr")
    assert code == 1 and b"\x1b]0;" not in received


# --- text from files is text ------------------------------------------------------------

@pytest.mark.parametrize("name", ["Kvarnen [/x] [bold]fet", "Kvarnen :cd: :AB:"])
def test_rich_markup_and_emoji_codes_in_a_company_name_are_shown_as_typed(tmp_path, name):
    """A name like "Kvarnen [/x]" once made rich raise MarkupError: exit 70; and rich turned
    ":cd:" into a disc (a key fingerprint's ":CD:" was shown as one)."""
    cohort = tmp_path / "omgang"
    shutil.copytree(EXAMPLE, cohort)
    profile = cohort / "kvarnen" / "company.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("name: Föreningen Kvarnen i Växjö", f'name: "{name}"'), encoding="utf-8")
    for args in (("cohort", "check", str(cohort)), ("check", str(cohort / "kvarnen"))):
        proc = cli(*args, "--as-of", "2026-11-22")
        assert proc.returncode == 1, proc.stderr
        assert name in proc.stdout


# --- JSON when asked for ------------------------------------------------------------------

def _json_error(proc, code, exit_code=2):
    assert proc.returncode == exit_code, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert data["format"] == "asfcert-error/1" and data["exit_code"] == exit_code
    assert set(data) >= {"code", "file", "line", "column", "message", "hint", "params", "findings", "lang"}
    if code is not None:
        assert data["code"] == code
        assert f"[{code}]" in proc.stderr  # the message for people is still on standard error
    return data


def test_every_command_with_format_prints_json_errors(tmp_path):
    missing = str(tmp_path / "finns-inte")
    company = make_company(tmp_path / "c")
    for args in (
        ("check", missing),
        ("intake", missing),
        ("audit", missing),
        ("verify", "ASF-2026-0001", "--registry", missing),
        ("cohort", "check", missing),
        ("cohort", "report", missing),
        ("registry", "build", missing, "--out", str(tmp_path / "site")),
        ("standard", "show", "9.9"),
    ):
        data = _json_error(cli(*args, "--format", "json", "--lang", "en"), None)
        assert data["message"] and data["lang"] == "en", args
    data = _json_error(cli("certify", "--format", "json"), "certify-one-action")
    assert data["message"].startswith("Ange antingen")
    data = _json_error(cli("cohort", "report", str(EXAMPLE), "--out", str(company / "rapport"), "--format", "json"), "out-in-company-folder")
    assert data["file"] == str(company / "rapport")


def test_without_json_errors_stay_text_on_standard_error(tmp_path):
    proc = cli("certify", "--lang", "en")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("asfcert: Give either a company folder") and "[certify-one-action]" in proc.stderr


# --- any encoding -------------------------------------------------------------------------

ENCODINGS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "C-locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}


def _env(encoding: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LANG")}
    return {**env, **ENCODINGS[encoding]}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_output_under_any_encoding_replaces_what_it_cannot_carry(tmp_path, encoding):
    env = _env(encoding)
    root = make_company(tmp_path / "c", name="Gröna Händer på Åkern AB")  # the output has "—" and "…" too
    for args, code in (
        (("check", str(root), "--as-of", DAY), 0),
        (("check", str(root), "--as-of", DAY, "--format", "markdown"), 0),
        (("intake", str(root), "--as-of", DAY), 0),
        (("cohort", "check", str(EXAMPLE), "--as-of", "2026-11-22"), 1),
        (("standard", "show", "3.2"), 0),
        (("check", str(tmp_path / "saknas")), 2),
    ):
        proc = subprocess.run([ASFCERT, *args], capture_output=True, env=env, timeout=120)
        assert proc.returncode == code, (args, proc.stderr.decode("utf-8", "replace"))
        assert b"Traceback" not in proc.stderr and proc.stdout + proc.stderr


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_json_under_any_encoding_reads_back_the_same(tmp_path, encoding):
    root = make_company(tmp_path / "c", name="Gröna Händer på Åkern AB")
    args = [ASFCERT, "check", str(root), "--as-of", DAY, "--format", "json"]
    plain = json.loads(subprocess.run(args, capture_output=True, timeout=120).stdout)
    proc = subprocess.run(args, capture_output=True, env=_env(encoding), timeout=120)
    assert proc.returncode == 0
    assert proc.stdout.isascii()  # every other character escaped: exact whatever the stream's encoding
    assert json.loads(proc.stdout) == plain
    assert plain["company"]["name"] == "Gröna Händer på Åkern AB"

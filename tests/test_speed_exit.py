"""`asfcert` as a program ends without the interpreter's teardown (cli/output.run_and_exit)
and replays the text of an unchanged check through a pipe (cli/replay.py): the exit codes,
and every byte of the output, stay what they were."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AS_OF, make_company

ASFCERT = str(Path(sys.executable).parent / "asfcert")


def program(*args, env=None, **kwargs):
    return subprocess.run([ASFCERT, *args], capture_output=True, env={**os.environ, "COLUMNS": "80", **(env or {})}, timeout=120, **kwargs)


def in_process(capsysbinary, monkeypatch, *args) -> tuple[int, bytes]:
    """The same command through rich, as before the replay: in this process, through `main(argv)`."""
    from asfcert.cli import main, output

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(output, "REPLAYED", frozenset())
    with pytest.raises(SystemExit) as done:
        main(list(args))
    return done.value.code, capsysbinary.readouterr().out


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_check_through_a_pipe_prints_what_rich_prints_first_and_warm(tmp_path, capsysbinary, monkeypatch, lang):
    root = make_company(tmp_path / "c", owners=[{"name": "Kommunen", "kind": "kommun", "share_percent": 1}])
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), "--lang", lang)
    code, expected = in_process(capsysbinary, monkeypatch, *args)
    first, again = program(*args), program(*args)
    assert (first.returncode, again.returncode) == (code, code) == (1, 1)
    assert first.stdout == again.stdout == expected
    assert b"kommun" in expected.lower()
    kept = list((Path(os.environ["ASFCERT_CACHE_DIR"]) / "view").rglob("*.json"))
    assert kept, "the second run replays the text the first one kept"


def test_no_cache_keeps_no_view(tmp_path):
    root = make_company(tmp_path / "c")
    cache = tmp_path / "cache"
    args = ("check", str(root), "--as-of", AS_OF.isoformat())
    plain = program(*args, "--no-cache", env={"ASFCERT_CACHE_DIR": str(cache)})
    assert plain.returncode == 0 and not cache.exists()
    assert program(*args, env={"ASFCERT_CACHE_DIR": str(cache)}).stdout == plain.stdout
    assert list((cache / "view").rglob("*.json"))


def test_another_width_is_another_text(tmp_path):
    root = make_company(tmp_path / "c")
    args = ("check", str(root), "--as-of", AS_OF.isoformat())
    wide, narrow, wide_again = program(*args), program(*args, env={"COLUMNS": "60"}), program(*args)
    assert wide.stdout == wide_again.stdout != narrow.stdout
    assert max(len(line) for line in narrow.stdout.decode().splitlines()) <= 60
    assert max(len(line) for line in wide.stdout.decode().splitlines()) > 60


def test_exit_codes_of_the_program(tmp_path):
    ready = make_company(tmp_path / "ready")
    blocked = make_company(tmp_path / "blocked", owners=[{"name": "Kommunen", "kind": "kommun", "share_percent": 1}])
    as_of = ("--as-of", AS_OF.isoformat())
    assert program("check", str(ready), *as_of).returncode == 0
    assert program("check", str(ready), *as_of, "--format", "json").returncode == 0
    assert program("check", str(blocked), *as_of).returncode == 1
    assert program("check", str(blocked), *as_of, "--format", "markdown").returncode == 1
    missing = program("check", str(tmp_path / "nowhere"), *as_of)
    assert missing.returncode == 2 and b"[folder-not-found]" in missing.stderr
    assert program("check", str(ready), "--format", "xml").returncode == 2  # a usage error
    version = program("--version")
    assert version.returncode == 0 and version.stdout.startswith(b"asfcert ")


def test_the_whole_output_reaches_a_slow_reader(tmp_path):
    """Flushed before the process ends: a reader that takes its time still gets every byte."""
    root = make_company(tmp_path / "c")
    args = [ASFCERT, "check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json"]
    whole = program(*args[1:]).stdout
    env = {**os.environ, "COLUMNS": "80"}
    slow = subprocess.run(["sh", "-c", '"$@" | (sleep 1; cat)', "sh", *args], capture_output=True, env=env, timeout=120)
    assert slow.stdout == whole and whole.rstrip().endswith(b"}")


def test_a_closed_pipe_ends_as_before(tmp_path):
    """`asfcert check … | head -1`: the reader goes away; no traceback, and the exit status
    is the interpreter's own for that case, as without the early exit."""
    root = make_company(tmp_path / "c", owners=[{"name": "Kommunen", "kind": "kommun", "share_percent": 1}])
    args = [ASFCERT, "check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json"]
    proc = subprocess.run(["sh", "-c", '"$@" | head -c 1 >/dev/null; exit 0', "sh", *args], capture_output=True, timeout=120)
    assert b"Traceback" not in proc.stderr


def test_exit_hooks_still_run(tmp_path):
    """The early exit runs what was registered with atexit (worker processes, temporary
    folders) and then ends with the command's code."""
    marker = tmp_path / "hook-ran"
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').close())\n"
        "from asfcert.cli import main\n"
        f"sys.argv = ['asfcert', 'check', {str(tmp_path / 'nowhere')!r}]\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == 2 and marker.exists()


def test_a_thread_still_running_gets_the_ordinary_exit(tmp_path):
    """A command that left a (non-daemon) thread running is not cut short."""
    marker = tmp_path / "thread-done"
    code = (
        "import sys, threading, time\n"
        "from asfcert.cli import main, output\n"
        f"def work(): time.sleep(0.5); open({str(marker)!r}, 'w').close()\n"
        "def command():\n"
        "    threading.Thread(target=work).start()\n"
        "    sys.exit(1)\n"
        "output.run_and_exit(command)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == 1 and marker.exists()

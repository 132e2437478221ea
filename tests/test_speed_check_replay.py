"""A check's command line, remembered (cli/replay.py): the same arguments run again go
straight to the check without loading typer, and print every byte and exit with the code
the parsed run did. Anything click could read differently is another command line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cache_entries import entries
from helpers import AS_OF, make_company

ASFCERT = str(Path(sys.executable).parent / "asfcert")
BLOCKED = [{"name": "Kommunen", "kind": "kommun", "share_percent": 1}]


def program(*args, env=None, cwd=None):
    return subprocess.run([ASFCERT, *args], capture_output=True, env={**os.environ, "COLUMNS": "80", **(env or {})},
                          cwd=cwd, timeout=120, check=False)


def remembered(cache: Path) -> list[Path]:
    return sorted((cache / "argv").rglob("*.json"))


def without_typer(*args, env=None, cwd=None) -> tuple[bool, subprocess.CompletedProcess]:
    """Run the program in this interpreter and tell whether typer was loaded."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('typer loaded: %s\\n' % ('typer' in sys.modules)))\n"
        "from asfcert.cli import main\n"
        f"sys.argv = ['asfcert', *{list(args)!r}]\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, env={**os.environ, "COLUMNS": "80", **(env or {})},
                          cwd=cwd, timeout=120, check=False)
    return b"typer loaded: False" in proc.stderr, proc


@pytest.mark.parametrize("extra", [(), ("--format", "json"), ("--format", "markdown", "--lang", "en"), ("-f", "json", "--strict-privacy")])
def test_the_remembered_command_line_prints_the_same_bytes_and_code(tmp_path, extra):
    root = make_company(tmp_path / "c", owners=BLOCKED)
    cache = tmp_path / "cache"
    env = {"ASFCERT_CACHE_DIR": str(cache)}
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), *extra)
    parsed = program(*args, env=env)
    assert len(remembered(cache)) == 1
    fast, again = without_typer(*args, env=env)
    assert fast, "the second run does not load typer"
    assert (again.returncode, again.stdout) == (parsed.returncode, parsed.stdout) == (1, parsed.stdout)
    assert program(*args, "--no-cache", env={"ASFCERT_CACHE_DIR": str(tmp_path / "none")}).stdout == parsed.stdout


def test_an_edit_is_seen_by_the_remembered_command_line(tmp_path):
    root = make_company(tmp_path / "c")
    env = {"ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json")
    assert program(*args, env=env).returncode == 0
    blocked = make_company(tmp_path / "b", owners=BLOCKED)
    (root / "company.yaml").write_bytes((blocked / "company.yaml").read_bytes())
    fast, edited = without_typer(*args, env=env)
    assert fast and edited.returncode == 1
    assert "public-owner" in {f["code"] for f in json.loads(edited.stdout)["findings"]}


def test_errors_of_a_remembered_command_line_are_said_as_before(tmp_path):
    root = make_company(tmp_path / "c")
    env = {"ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json", "--lang", "en")
    assert program(*args, env=env).returncode == 0
    (root / "company.yaml").rename(root / "moved.yaml")
    parsed = program(*args, env={"ASFCERT_CACHE_DIR": str(tmp_path / "other")})
    fast, again = without_typer(*args, env=env)
    assert fast
    assert (again.returncode, again.stdout, again.stderr.replace(b"typer loaded: False\n", b"")) == (parsed.returncode, parsed.stdout, parsed.stderr)
    assert json.loads(again.stdout)["format"] == "asfcert-error/1"


@pytest.mark.parametrize("change", ["variable", "language", "date", "folder", "cwd"])
def test_what_click_reads_makes_another_command_line(tmp_path, change):
    """The environment and the working folder decide what click makes of the same words."""
    root = make_company(tmp_path / "c", owners=BLOCKED)
    (tmp_path / "elsewhere").mkdir()
    cache = tmp_path / "cache"
    env = {"ASFCERT_CACHE_DIR": str(cache)}
    relative = os.path.relpath(root, tmp_path)
    args = ["check", relative, "--format", "json"]
    first = program(*args, env={**env, "ASFCERT_AS_OF": AS_OF.isoformat()}, cwd=tmp_path)
    assert first.returncode == 1
    other_env = {**env, "ASFCERT_AS_OF": AS_OF.isoformat()}
    cwd = tmp_path
    if change == "variable":
        other_env["ASFCERT_STRICT"] = "1"  # any ASFCERT_* variable: read by no option today, perhaps by one tomorrow
    elif change == "language":
        other_env["ASFCERT_LANG"] = "en"
    elif change == "date":
        other_env["ASFCERT_AS_OF"] = "2027-06-01"
    elif change == "cwd":
        cwd = tmp_path / "elsewhere"
    else:
        args[1] = str(root)
    fast, second = without_typer(*args, env=other_env, cwd=cwd)
    assert not fast, "a command line parsed again"
    expected = program(*args, "--no-cache", env={**other_env, "ASFCERT_CACHE_DIR": str(tmp_path / "none")}, cwd=cwd)
    assert (second.returncode, second.stdout) == (expected.returncode, expected.stdout)
    assert len(remembered(cache)) == 2


def test_no_cache_reads_and_keeps_no_command_line(tmp_path):
    root = make_company(tmp_path / "c")
    cache = tmp_path / "cache"
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), "--no-cache")
    assert program(*args, env={"ASFCERT_CACHE_DIR": str(cache)}).returncode == 0
    fast, again = without_typer(*args, env={"ASFCERT_CACHE_DIR": str(cache)})
    assert not fast and again.returncode == 0 and not cache.exists()


def test_help_and_usage_errors_are_never_remembered(tmp_path):
    root = make_company(tmp_path / "c")
    cache = tmp_path / "cache"
    env = {"ASFCERT_CACHE_DIR": str(cache)}
    for args in (("check", "--help"), ("check", str(root), "--as-of", "22/11/2026"), ("check", str(root), "--format", "xml")):
        first = program(*args, env=env)
        assert first.returncode in (0, 2)
        fast, again = without_typer(*args, env=env)
        assert not fast and (again.returncode, again.stdout) == (first.returncode, first.stdout)
    assert not remembered(cache)


@pytest.mark.parametrize("damage", [b"", b"{}", b'{"command": "check", "params": {"folder": 1}}', b"[1, 2]"])
def test_a_damaged_entry_is_parsed_again(tmp_path, damage):
    root = make_company(tmp_path / "c")
    cache = tmp_path / "cache"
    env = {"ASFCERT_CACHE_DIR": str(cache)}
    args = ("check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json")
    first = program(*args, env=env)
    entry, = remembered(cache)
    entry.write_bytes(damage)
    fast, again = without_typer(*args, env=env)
    assert not fast and (again.returncode, again.stdout) == (first.returncode, first.stdout)


def test_every_option_of_check_is_remembered():
    """An option added to `check` and not to what is remembered would be lost on a replay."""
    import inspect

    from asfcert.cli import check_cmd
    from asfcert.cli.replay import _PARAMS, remember_check

    options = set(inspect.signature(check_cmd.check).parameters)
    assert options == set(inspect.signature(remember_check).parameters)
    assert set(_PARAMS) == options - {"no_cache"}  # never remembered with --no-cache


def test_a_check_run_in_process_is_not_remembered(tmp_path, monkeypatch):
    """`main(argv)` has no command line of its own to remember, even after the program ran in the process."""
    from asfcert.cli import main
    from asfcert.cli.state import State

    root = make_company(tmp_path / "c")
    cache = tmp_path / "cache"
    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(cache))
    State.program_args = ["check", "elsewhere"]  # as a program run before in this process left it
    with pytest.raises(SystemExit) as done:
        main(["check", str(root), "--as-of", AS_OF.isoformat(), "--format", "json"])
    assert done.value.code == 0 and entries("check")  # the check ran and kept its result
    assert not remembered(cache) and State.program_args is None

"""The command line, run as a user runs it: exit codes, no tracebacks, nothing written."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AS_OF, make_company

ASFCERT = str(Path(sys.executable).parent / "asfcert")


def cli(*args, env=None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([ASFCERT, *args], capture_output=True, text=True, env=full_env, timeout=60)


def snapshot(root: Path) -> dict:
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    } | {"__dirs__": sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())}


def test_ready_folder_exits_0_and_writes_nothing(tmp_path):
    root = make_company(tmp_path / "c")
    before = snapshot(root)
    proc = cli("check", str(root), "--as-of", AS_OF.isoformat())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Redo för revision" in proc.stdout
    assert snapshot(root) == before


def test_blocking_findings_exit_1(tmp_path):
    root = make_company(tmp_path / "c", owners=[{"name": "Kommunen", "kind": "kommun", "share_percent": 1}])
    proc = cli("check", str(root), "--as-of", AS_OF.isoformat(), "--lang", "en")
    assert proc.returncode == 1
    assert "public-owner" in proc.stdout and "Not ready for audit" in proc.stdout


@pytest.mark.parametrize(
    "make",
    [
        lambda root: (root / "company.yaml").write_bytes(b""),
        lambda root: (root / "company.yaml").write_bytes(bytes(range(256)) * 4),
        lambda root: (root / "company.yaml").write_text("a: &a [x,x]\nb: &b [*a,*a]\nc: [*b,*b]\n"),
        lambda root: (root / "company.yaml").write_text("name: x\n\torg_number: y\n"),
        lambda root: (root / "company.yaml").write_text("name: x\nname: y\n"),
        lambda root: (root / "company.yaml").write_bytes("name: Gröna\n".encode("latin-1")),
        lambda root: (root / "company.yaml").write_text("- name: x\n"),
        lambda root: (root / "company.yaml").write_text("name: 12\norg_number: [1]\nowners: {kind: x}\n"),
        lambda root: (root / "company.yaml").mkdir(),
    ],
    ids=["empty-file", "binary", "alias-bomb", "tabs", "duplicate-keys", "latin-1", "list-root", "wrong-types", "folder-as-file"],
)
def test_bad_input_exits_2_without_traceback(tmp_path, make):
    root = tmp_path / "c"
    root.mkdir()
    make(root)
    before = snapshot(root)
    proc = cli("check", str(root))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "company.yaml" in proc.stdout
    assert snapshot(root) == before


@pytest.mark.parametrize("target", ["does-not-exist", "a-file"])
def test_missing_folder_or_a_file_exits_2(tmp_path, target):
    (tmp_path / "a-file").write_text("x")
    proc = cli("check", str(tmp_path / target), "--lang", "en")
    assert proc.returncode == 2
    assert proc.stderr.startswith("asfcert: ") and "Traceback" not in proc.stderr


def test_broken_standard_file_exits_2_with_located_errors(tmp_path):
    std = tmp_path / "std.yaml"
    std.write_text("format: asfcert-standard/1\nid: x\nversion: '1'\nclauses: []\n")
    proc = cli("check", str(make_company(tmp_path / "c")), "--standard", str(std), "--lang", "en")
    assert proc.returncode == 2
    assert f"{std}:1:1: schema-missing" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_markdown_output(tmp_path):
    proc = cli("check", str(make_company(tmp_path / "c")), "--format", "markdown", "--as-of", AS_OF.isoformat())
    assert proc.returncode == 0
    assert proc.stdout.startswith("# Självkontroll inför certifiering")
    assert "| 3.1 | Ändamål och inriktning | 3 | 3 | 0 | 0 | 0 | 100 % |" in proc.stdout


def test_language_from_environment(tmp_path):
    proc = cli("check", str(make_company(tmp_path / "c")), "--as-of", AS_OF.isoformat(), env={"ASFCERT_LANG": "en"})
    assert "Ready for audit" in proc.stdout


def test_usage_errors_exit_2(tmp_path):
    assert cli("check").returncode == 2
    assert cli("check", str(tmp_path), "--format", "xml").returncode == 2
    assert cli("check", str(tmp_path), "--as-of", "2025-13-01").returncode == 2


def test_version_and_help():
    assert cli("--version").stdout.startswith("asfcert ")
    help_text = cli("check", "--help").stdout
    assert "--format" in help_text and "--lang" in help_text and "--standard" in help_text


def test_an_internal_error_is_not_a_traceback(tmp_path):
    """A bug (here: forced with an unreadable cache root) gives a short notice, exit 70."""
    code = (
        "import asfcert.assess.checker as c\n"
        "def boom(*a, **k): raise ZeroDivisionError('forced')\n"
        "c.evaluate = boom\n"
        "from asfcert.cli import main\n"
        f"main(['check', {str(make_company(tmp_path / 'c'))!r}, '--no-cache'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "ASFCERT_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 70
    assert "Traceback" not in proc.stderr and "internt fel" in proc.stderr
    crash = next((tmp_path / "cache" / "crashes").iterdir())
    assert "ZeroDivisionError: forced" in crash.read_text()


def test_every_command_module_is_in_the_lazy_table():
    """`main` imports only the module of the command being run; a module missing from the
    table would still work through the fallback, but slowly and only by accident."""
    import importlib

    import typer.main

    from asfcert.cli import COMMANDS, app, load_commands

    folder = Path(importlib.import_module("asfcert.cli").__file__).parent
    assert {p.stem for p in folder.glob("*_cmd.py")} <= set(COMMANDS.values())
    load_commands(["--help"])
    group = typer.main.get_group(app)
    assert set(group.commands) == {name for name, module in COMMANDS.items() if (folder / f"{module}.py").exists()}


def test_the_app_is_the_typer_app_whichever_command_module_was_imported_first():
    # a submodule named like the package's lazy `app` would be bound over it by its import
    code = "import asfcert.cli.audit_cmd, typer; from asfcert.cli import app; print(isinstance(app, typer.Typer))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"

"""Output folders (`--out`): never inside a company folder, never onto something that is not a
creatable folder, for every command that takes one; and then nothing is written."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_company

from asfcert.base.errors import Abort
from asfcert.io import outdir

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "omgang-ht2026"
ASFCERT = str(Path(sys.executable).parent / "asfcert")


def cli(*args):
    return subprocess.run([ASFCERT, *args], capture_output=True, text=True, timeout=120, env=os.environ)


def tree(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir" for p in sorted(root.rglob("*"))}


@pytest.fixture
def cohort(tmp_path):
    """A copy of the example cohort: never write into examples/."""
    copy = tmp_path / "omgang"
    shutil.copytree(EXAMPLE, copy)
    return copy


def test_cohort_report_into_a_company_folder_exits_2_and_writes_nothing(cohort):
    before = tree(cohort)
    for out in (cohort / "vaxthuset", cohort / "vaxthuset" / "rapport", cohort / "vaxthuset" / "evidence" / "x" / "y"):
        proc = cli("cohort", "report", str(cohort), "--as-of", "2026-11-22", "--out", str(out))
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "[out-in-company-folder]" in proc.stderr and proc.stdout == ""
        assert tree(cohort) == before


@pytest.mark.parametrize("target", ["file", "/dev/null", "/proc/asfcert-x", "/sys/asfcert-x", "under-a-file"])
def test_out_that_is_not_a_creatable_folder_is_refused_by_every_command(tmp_path, cohort, target):
    (tmp_path / "file").write_text("keep me")
    out = {"file": tmp_path / "file", "under-a-file": tmp_path / "file" / "x"}.get(target, Path(target))
    code = "out-not-creatable" if target.startswith(("/proc", "/sys")) else "out-not-a-folder"
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "registry.yaml").write_text("format: asfcert-registry/1\ncertifier: SKOOPI\ncertifier_org_number: 829502-4247\nprefix: ASF\n")
    for args in (("cohort", "report", str(cohort), "--as-of", "2026-11-22"), ("registry", "build", str(registry))):
        proc = cli(*args, "--out", str(out))
        assert proc.returncode == 2, (args, proc.stdout + proc.stderr)
        assert f"[{code}]" in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "file").read_text() == "keep me"
    assert not Path("/proc/asfcert-x").exists()


def test_registry_build_into_a_company_folder_is_refused(tmp_path):
    company = make_company(tmp_path / "c")
    proc = cli("registry", "build", str(tmp_path), "--out", str(company / "site"))
    assert proc.returncode == 2 and "[out-in-company-folder]" in proc.stderr
    assert not (company / "site").exists()


def test_check_accepts_new_and_existing_folders_and_create_makes_them(tmp_path):
    assert outdir.check(tmp_path) == tmp_path
    new = tmp_path / "a" / "b"
    assert outdir.check(new) == new and not new.exists()
    assert outdir.create(new) == new and new.is_dir()


def test_check_sees_through_symbolic_links(tmp_path):
    company = make_company(tmp_path / "c")
    (tmp_path / "link").symlink_to(company)
    with pytest.raises(Abort) as err:
        outdir.check(tmp_path / "link" / "out")
    assert err.value.code == "out-in-company-folder"
    assert err.value.location.file == str(tmp_path / "link" / "out")
    assert err.value.params["company"] == str(company)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(Abort) as err:
        outdir.check(locked / "out")
    assert err.value.code == "out-not-creatable"


def test_create_turns_an_os_error_into_a_located_abort(tmp_path, monkeypatch):
    def refuse(self, *a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(Abort) as err:
        outdir.create(tmp_path / "new")
    assert err.value.code == "out-not-creatable" and err.value.location.file == str(tmp_path / "new")
    assert err.value.params["reason"].en == "permission denied"  # in words of both languages, not strerror's

"""`check` (and `audit`, `certify`, `cohort`) refuse, before walking or reading anything, a
folder that cannot be a company folder: a system folder, a folder without company.yaml, or
one with more than MAX_FILES entries. `check /` and `check /proc/self` did not finish in a
minute, and every file was hashed before company.yaml was looked for."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import make_company, run

from asfcert.base.errors import Abort
from asfcert.company import folder as folder_module

ASFCERT = str(Path(sys.executable).parent / "asfcert")


@pytest.fixture
def nothing_walked(monkeypatch):
    """Fails the test when the folder is walked or a file hashed."""

    def walked(*args, **kwargs):
        raise AssertionError("the folder was walked")

    monkeypatch.setattr(folder_module.CompanyFolder, "files", property(walked))
    monkeypatch.setattr(folder_module.CompanyFolder, "content_hash", walked)


def refusal(path: Path) -> Abort:
    with pytest.raises(Abort) as refused:
        run(path)
    assert refused.value.exit_code == 2 and refused.value.hint
    return refused.value


@pytest.mark.parametrize("path", ["/", "/proc/self", "/proc/self/fd", "/sys", "/dev", "/usr", "/etc", "/tmp"])
def test_a_system_folder_is_refused(nothing_walked, path):
    err = refusal(Path(path))
    assert (err.code, err.location.file) == ("folder-system", path)


def test_a_link_to_the_root_is_refused(nothing_walked, tmp_path):
    os.symlink("/", tmp_path / "root")
    assert refusal(tmp_path / "root").code == "folder-system"


def test_the_home_folder_itself_is_refused_even_with_company_yaml(nothing_walked, tmp_path, monkeypatch):
    home = make_company(tmp_path / "home")
    monkeypatch.setenv("HOME", str(home))
    assert refusal(home).code == "folder-system"


def test_a_folder_without_company_yaml_is_refused_before_it_is_walked(nothing_walked, tmp_path):
    root = make_company(tmp_path / "c")
    (root / "company.yaml").unlink()
    err = refusal(root)
    assert (err.code, err.location.file) == ("folder-not-company", str(root))
    assert "company.yaml" in err.message.en and "company.yaml" in err.message.sv


def test_a_folder_with_too_many_files_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(folder_module, "MAX_FILES", 40)
    root = make_company(tmp_path / "c")
    present = sum(len(dirs) + len(files) for _, dirs, files in os.walk(root))
    assert present < 40
    run(root)  # fine as it is
    for i in range(41 - present):
        (root / "evidence" / f"extra-{i}.txt").write_text("x")
    err = refusal(root)
    assert (err.code, err.params["limit"]) == ("folder-too-many-files", 40)


def test_counting_stops_at_the_limit(tmp_path, monkeypatch):
    seen = []
    real = os.scandir

    def counting(path):
        seen.append(path)
        return real(path)

    for i in range(30):
        (tmp_path / f"d{i}").mkdir()
        (tmp_path / f"d{i}" / "f").write_text("x")
    monkeypatch.setattr(folder_module.os, "scandir", counting)
    assert folder_module._more_entries_than(tmp_path, 5) and len(seen) == 1
    assert not folder_module._more_entries_than(tmp_path, 60)


def test_version_control_folders_are_counted_but_not_entered(tmp_path):
    for i in range(50):
        (tmp_path / ".git" / f"o{i}").mkdir(parents=True)
    assert not folder_module._more_entries_than(tmp_path, 5)


@pytest.mark.parametrize(("path", "code"), [("/", "folder-system"), ("/proc/self", "folder-system"), ("/usr/lib", "folder-not-company")])
def test_check_of_a_system_folder_answers_at_once(path, code):
    start = time.monotonic()
    proc = subprocess.run([ASFCERT, "check", path, "--lang", "en"], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, f"[{code}]" in proc.stderr) == (2, True), proc.stderr
    assert time.monotonic() - start < 10 and "Traceback" not in proc.stderr


def test_check_of_an_empty_folder_says_company_yaml_is_missing(tmp_path):
    proc = subprocess.run([ASFCERT, "check", str(tmp_path), "--lang", "en"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "[folder-not-company]" in proc.stderr and "company.yaml" in proc.stderr
    assert "Traceback" not in proc.stderr and list(tmp_path.iterdir()) == []

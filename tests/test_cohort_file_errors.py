"""cohort.yaml errors are errors: located, with a did-you-mean for a misspelled key, listed
as input errors (not warnings), and no empty table after them. Exit code 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "omgang-ht2026"


@pytest.fixture
def misspelled(tmp_path) -> Path:
    """The example cohort with `companies:` written `companys:`."""
    folder = tmp_path / "omgang-misspelled-key"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "cohort.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ncompanies:", "\ncompanys:"), encoding="utf-8")
    return folder


def cli(*args):
    env = {**os.environ, "ASFCERT_LANG": "sv", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "asfcert", *args], capture_output=True, text=True, env=env, timeout=300)


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(needle))


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_misspelled_key_is_an_input_error_with_its_line_and_no_table(misspelled, command):
    proc = cli("cohort", command, str(misspelled), "--as-of", "2026-11-22")
    assert proc.returncode == 2
    line = line_of(misspelled / "cohort.yaml", "companys:")
    assert f"cohort.yaml:{line}:1" in proc.stdout and "schema-unknown-field" in proc.stdout
    assert "`companies`?" in proc.stdout  # the did-you-mean
    assert "Varningar" not in proc.stdout and "Fel i indata" in proc.stdout
    assert "Företag " not in proc.stdout.split("Fel i indata")[0]  # no empty company table before it


def test_the_json_names_the_code_and_the_place(misspelled):
    proc = cli("cohort", "report", str(misspelled), "--as-of", "2026-11-22", "--format", "json")
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    found = [f for c in data["cohorts"] for f in c["findings"]] if "cohorts" in data else data["findings"]
    f = next(f for f in found if f["code"] == "schema-unknown-field")
    assert f["line"] == line_of(misspelled / "cohort.yaml", "companys:")

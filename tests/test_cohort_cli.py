"""`asfcert cohort check|report` as a user runs them."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "omgang-ht2026"
ASFCERT = str(Path(sys.executable).parent / "asfcert")


def cli(*args):
    return subprocess.run([ASFCERT, *args], capture_output=True, text=True, timeout=120, env=os.environ)


def test_cohort_check_on_the_example(tmp_path):
    proc = cli("cohort", "check", str(EXAMPLE), "--as-of", "2026-11-22")
    assert proc.returncode == 1, proc.stderr  # five companies are not ready
    assert "Omgångskontroll" in proc.stdout and "Växthuset i Borås" in proc.stdout
    data = json.loads(cli("cohort", "check", str(EXAMPLE), "--as-of", "2026-11-22", "--format", "json", "--lang", "en").stdout)
    assert data["exit_code"] == 1 and data["totals"]["companies"] == 7


def test_cohort_report_writes_the_exports_and_nothing_in_the_companies(tmp_path):
    copy = tmp_path / "omgang"
    shutil.copytree(EXAMPLE, copy)
    before = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*"))
    proc = cli("cohort", "report", str(copy), "--as-of", "2026-11-22", "--out", str(tmp_path / "rapport"), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "Cohort report" in proc.stdout and "Wrote:" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "rapport").iterdir()) == ["companies.csv", "indicators.csv", "report.html", "report.xlsx"]
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*")) == before


def test_broken_cohort_file_exits_2_without_traceback(tmp_path):
    copy = tmp_path / "omgang"
    shutil.copytree(EXAMPLE, copy)
    (copy / "cohort.yaml").write_text("name: x\nterm: HT26\ndates: {start: 2026-13-01}\n", encoding="utf-8")
    for command in ("check", "report"):
        proc = cli("cohort", command, str(copy), "--lang", "en")
        assert proc.returncode == 2 and "Traceback" not in proc.stdout + proc.stderr
        assert "cohort.yaml:3" in proc.stdout


def test_not_a_cohort_folder(tmp_path):
    proc = cli("cohort", "check", str(tmp_path))
    assert proc.returncode == 2 and proc.stderr.startswith("asfcert: ")

"""The certifier's year in the cohort report, replayed on one certificate with a remark:
the remark due soon, then past its deadline with the exact command that suspends the
certificate (run as printed), renewal due within the standard's window, and
`cohort init --renewals-from` starting the renewal cohort."""

import datetime as dt
import json
import os
import shlex
import shutil
import subprocess
import sys

import pytest
from audit_helpers import certify, decide, setup

from asfcert.assess.checker import CheckOptions
from asfcert.cohort.api import CohortOptions, run

ASFCERT = [sys.executable, "-m", "asfcert"]


@pytest.fixture(scope="module")
def certified(tmp_path_factory):
    """A registry with one company certified with a remark on 3.9.b (built once)."""
    root = setup(tmp_path_factory.mktemp("year"))
    decide(root, {"3.9.b": "remark"})
    record = certify(root).record
    return root.parents[1], record


@pytest.fixture
def registry(certified, tmp_path):
    source, record = certified
    copy = tmp_path / "registry"
    shutil.copytree(source, copy)
    return copy, record


def report_at(folder, day):
    return run(folder, CohortOptions(CheckOptions(today=day, use_cache=True), jobs=1))


def cli(*args, env=None):
    return subprocess.run([*ASFCERT, *map(str, args)], capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_remark_due_soon_then_overdue_with_the_suspend_command(registry):
    reg, record = registry
    deadline = record.remarks[0].deadline
    cohort = reg / "omgang-ht2026"

    early = report_at(cohort, deadline - dt.timedelta(days=45)).year
    assert early.remarks_due_soon == [] and early.remarks_overdue == []

    soon = report_at(cohort, deadline - dt.timedelta(days=10)).year
    assert [(m["certificate"], m["requirement"], m["deadline"]) for m in soon.remarks_due_soon] == [(record.number, "3.9.b", deadline.isoformat())]
    assert soon.remarks_overdue == []

    late_day = deadline + dt.timedelta(days=1)
    late = report_at(cohort, late_day).year
    assert late.remarks_due_soon == []
    [overdue] = late.remarks_overdue
    command = shlex.split(overdue["command"]["sv"])
    assert command[:4] == ["asfcert", "certify", "--suspend", record.number]
    assert command[command.index("--registry") + 1] == str(reg.resolve())

    done = cli(*command[1:], "--as-of", late_day.isoformat())  # the command as printed, run as is
    assert done.returncode == 0, done.stderr
    after = report_at(cohort, late_day).year
    assert [m["command"] for m in after.remarks_overdue] == [None]  # already suspended: nothing more to propose


def test_overdue_remark_in_every_output(registry, tmp_path):
    reg, record = registry
    day = (record.remarks[0].deadline + dt.timedelta(days=3)).isoformat()
    out = tmp_path / "out"
    text = cli("cohort", "report", reg / "omgang-ht2026", "--as-of", day, "--out", out)
    assert text.returncode == 0 and f"--suspend {record.number}" in text.stdout
    markdown = cli("cohort", "report", reg / "omgang-ht2026", "--as-of", day, "--format", "markdown", "--lang", "en")
    assert "```sh" in markdown.stdout and f"--suspend {record.number}" in markdown.stdout and "--lang en" in markdown.stdout
    assert f"--suspend {record.number}" in (out / "report.html").read_text(encoding="utf-8")
    from openpyxl import load_workbook

    sheet = load_workbook(out / "report.xlsx")["Försenade anmärkningar"]
    row = [c.value for c in sheet[2]]
    assert row[2] == record.number and row[5].startswith("asfcert certify --suspend")
    assert sheet.cell(2, 5).is_date and row[4].date() == record.remarks[0].deadline  # a date, not text


def test_renewal_due_within_the_standards_window(registry, tmp_path):
    reg, record = registry
    cohort = reg / "omgang-ht2026"
    before = report_at(cohort, record.valid_until - dt.timedelta(days=200)).year
    assert before.renewal_window_months == 6 and before.renewals_due == []
    due = report_at(cohort, record.valid_until - dt.timedelta(days=150)).year
    assert [(e["certificate"], e["valid_until"], e["renewing_in"]) for e in due.renewals_due] == [(record.number, record.valid_until.isoformat(), None)]

    from helpers import edited_standard

    wide = edited_standard(tmp_path, "renewal_window_months: 6", "renewal_window_months: 9")
    options = CohortOptions(CheckOptions(today=record.valid_until - dt.timedelta(days=200), use_cache=True, standard=wide), jobs=1)
    assert [e["certificate"] for e in run(cohort, options).year.renewals_due] == [record.number]


def test_cohort_init_renewals_from_the_registry(registry):
    reg, record = registry
    day = (record.valid_until - dt.timedelta(days=150)).isoformat()
    new = reg / "omgang-vt2028"
    done = cli("cohort", "init", new, "--term", "VT2028", "--renewals-from", reg, "--as-of", day, "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [(r["folder"], r["renews"]) for r in result["renewals"]] == [("grona", record.number)]

    from asfcert.records.cohort_file import load_cohort

    loaded = load_cohort(new, dt.date.fromisoformat(day)).required()
    entry = loaded.cohort.companies["grona"]
    assert (entry.renews, entry.state, entry.name) == (record.number, "admitted", record.company.name)
    assert loaded.cohort.dates.start == dt.date(2028, 1, 24)

    # the registry report shows the renewal as started in the new cohort
    due = report_at(reg, dt.date.fromisoformat(day)).year
    assert [(e["certificate"], e["renewing_in"]) for e in due.renewals_due] == [(record.number, "omgang-vt2028")]

    again = cli("cohort", "init", new, "--term", "VT2028")
    assert again.returncode == 2 and "[cohort-file-exists]" in again.stderr


def test_cohort_init_ordinary_cohort_lists_the_folders_there(tmp_path):
    from helpers import make_company

    folder = tmp_path / "omgang-ht2027"
    make_company(folder / "verkstaden")
    done = cli("cohort", "init", folder, "--term", "HT2027", "--name", "Certifiering hösten 2027")
    assert done.returncode == 0, done.stderr
    text = (folder / "cohort.yaml").read_text(encoding="utf-8")
    assert "verkstaden:" in text and "hours_min: 50" in text

    from asfcert.records.cohort_file import load_cohort

    cohort = load_cohort(folder, dt.date(2027, 8, 1)).required().cohort
    assert (cohort.name, cohort.term, cohort.dates.start, cohort.dates.submission_deadline) == (
        "Certifiering hösten 2027", "HT2027", dt.date(2027, 8, 23), dt.date(2027, 12, 22))
    assert list(cohort.companies) == ["verkstaden"] and cohort.targets.group_supervision_hours == 6

    checked = cli("cohort", "check", folder, "--as-of", "2027-08-01", "--format", "json")
    assert checked.returncode in (0, 1) and json.loads(checked.stdout)["usable"] is True


@pytest.mark.parametrize("term", ["HT27", "ST2027", "VT0999", ""])
def test_cohort_init_refuses_a_term_it_cannot_use(tmp_path, term):
    done = cli("cohort", "init", tmp_path / "x", "--term", term)
    assert done.returncode == 2 and "[cohort-term-invalid]" in done.stderr
    assert not (tmp_path / "x").exists()


def test_cohort_init_never_inside_a_company_folder(tmp_path):
    from helpers import make_company

    company = make_company(tmp_path / "verkstaden")
    done = cli("cohort", "init", company / "omgang", "--term", "HT2027")
    assert done.returncode == 2 and "[out-in-company-folder]" in done.stderr
    assert not (company / "omgang").exists()

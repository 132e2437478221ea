"""Hours per ASF, group and individual supervision hours and dropouts with their reasons,
against the targets in cohort.yaml, in the JSON, the HTML and the XLSX."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from asfcert.assess.checker import CheckOptions
from asfcert.cohort.api import CohortOptions, run
from asfcert.cohort.exports import write_all

FOLDER = Path(__file__).parent / "fixtures" / "cohort-hours" / "targets-and-supervision"
DAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="module")
def report():
    return run(FOLDER, CohortOptions(CheckOptions(today=DAY, use_cache=False), jobs=1))


def test_hours_against_the_expected_range(report):
    t = report.totals
    assert (t.hours_recorded, t.average_hours, t.hours_min, t.hours_max) == (3, 72.3, 45, 100)
    assert (t.target_hours_min, t.target_hours_max, t.hours_within_target) == (50, 100, 2)  # 45 is below, 100 is within


def test_supervision_group_and_individual(report):
    t = report.totals
    assert (t.groups_reporting_supervision, t.group_supervision_hours, t.average_group_supervision_hours) == (2, 10.5, 5.2)
    assert t.target_group_supervision_hours == 6
    assert (t.individual_supervision_recorded, t.individual_supervision_hours, t.average_individual_supervision_hours) == (2, 2.5, 1.2)
    assert t.target_individual_supervision_hours == 1
    rows = {r.folder: r for r in report.companies}
    assert (rows["beta"].group_supervision_hours, rows["beta"].individual_supervision_hours) == (6.0, 1.5)
    assert (rows["delta"].group_supervision_hours, rows["delta"].individual_supervision_hours) == (4.5, None)


def test_dropouts_by_name_with_reasons(report):
    assert [(d["company"], d["reason"], d["started"]) for d in report.totals.dropouts] == [
        ("Delta ek. för.", "Flyttade verksamheten till Norge", False), ("Epsilon AB", "Flyttade verksamheten till Norge", False)]


def test_in_the_json(tmp_path):
    done = subprocess.run([sys.executable, "-m", "asfcert", "cohort", "report", str(FOLDER), "--as-of", DAY.isoformat(), "--format", "json"],
                          capture_output=True, text=True, env=dict(os.environ))
    totals = json.loads(done.stdout)["totals"]
    assert (totals["average_group_supervision_hours"], totals["target_group_supervision_hours"], totals["hours_within_target"]) == (5.2, 6.0, 2)


def test_in_the_html_and_the_xlsx(report, tmp_path):
    write_all(report, tmp_path, "sv")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    funders = html[html.index('id="funders"'):html.index("</table>", html.index('id="funders"'))]
    assert "Grupphandledning, timmar per grupp</td><td class=\"n\">5,2</td><td class=\"n\">6</td>" in funders
    assert "Företag inom förväntad tid" in funders
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "report.xlsx")
    values = {row[0]: row[1] for row in book["Indikatorer"].iter_rows(min_row=2, values_only=True)}
    assert values["Mål för grupphandledning, timmar per grupp"] == 6 and values["Individuell handledning, timmar totalt"] == 2.5
    dropouts = list(book["Avhopp"].iter_rows(min_row=2, values_only=True))
    assert dropouts == [("targets-and-supervision", "Delta ek. för.", "före start", "Flyttade verksamheten till Norge"),
                        ("targets-and-supervision", "Epsilon AB", "före start", "Flyttade verksamheten till Norge")]

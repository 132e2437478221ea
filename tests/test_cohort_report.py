"""The cohort report on the shipped example cohort and on a synthetic registry."""

import csv
import datetime as dt
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from asfcert.assess.checker import CheckOptions
from asfcert.cohort.api import CohortOptions, run
from asfcert.cohort.exports import write_all

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "omgang-ht2026"
AS_OF = dt.date(2026, 11, 22)
sys.path.insert(0, str(ROOT / "bench"))


def report_of(path, jobs=1, cache=False):
    return run(path, CohortOptions(CheckOptions(today=AS_OF, use_cache=cache), jobs=jobs))


@pytest.fixture(scope="module")
def example():
    return report_of(EXAMPLE)


def test_example_indicators(example):
    t = example.totals
    assert (t.companies, t.started, t.withdrawn, t.did_not_start) == (7, 6, 1, 1)
    assert t.target_started == 8 and t.percent_started_of_target == 75.0
    assert t.ready_for_audit == 1 and t.submitted == 1 and t.in_progress == 5
    assert t.dropouts == [{"cohort": "omgang-ht2026", "company": "Bageriet Degen ekonomisk förening", "reason": t.dropouts[0]["reason"], "started": False}]
    assert t.fees_invoiced_sek == 36000 and t.fees_paid_sek == 24000 and t.fees_outstanding_sek == 12000
    assert (t.hours_recorded, t.average_hours) == (5, 62.0)
    assert t.supervisor_load == {"Maja Exempeldotter": 4, "Jonas Påhittsson": 3}


def test_example_rows(example):
    rows = {r.folder: r for r in example.companies}
    assert rows["vaxthuset"].state == "submitted" and rows["vaxthuset"].ready and rows["vaxthuset"].percent_ready == 100
    from asfcert.assess.checker import check

    traden = check(EXAMPLE / "traden", CheckOptions(today=AS_OF, use_cache=False))
    assert rows["traden"].blockers == traden.counts()["blocker"] >= 3 and rows["traden"].percent_ready < 100
    assert rows["bageriet-degen"].state == "withdrawn" and rows["bageriet-degen"].state_source == "cohort.yaml"
    assert rows["cykelkoket"].supervisor == "Maja Exempeldotter" and rows["cykelkoket"].auditor == "Erik Provsson"
    assert set(rows["vaxthuset"].clauses) >= {"3.1", "ASF-3", "SKOOPI"}


def test_exports(example, tmp_path):
    written = write_all(example, tmp_path, "sv")
    assert sorted(p.name for p in written) == ["companies.csv", "indicators.csv", "report.html", "report.xlsx"]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 3 and "Växthuset i Borås ekonomisk förening" in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing loaded from the network
    rows = list(csv.reader(io.StringIO((tmp_path / "companies.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Omgång", "Företag", "Läge"] and len(rows) == 8
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames == ["Indikatorer", "Företag", "Anmärkningar", "Andel klart", "Förnyelser", "Försenade anmärkningar",
                               "Anmärkningar, snar tidsgräns", "Klagomål", "Avhopp", "Enkätens effekter"]
    assert book["Indikatorer"]["B2"].value == 7


def test_english_exports(example, tmp_path):
    write_all(example, tmp_path, "en")
    rows = list(csv.reader((tmp_path / "indicators.csv").open(encoding="utf-8")))
    assert rows[1] == ["Companies in the cohort", "7"]


def test_registry_of_cohorts(tmp_path):
    from make_registry import build

    build(tmp_path / "reg", companies=45, pdfs=2, seed=3)
    report = report_of(tmp_path / "reg", jobs=2)
    assert report.scope == "registry" and len(report.cohorts) == 3
    assert [c.term for c in report.cohorts] == ["HT2025", "VT2026", "HT2026"]  # the generator starts from the newest term
    assert report.totals.companies == 45 == sum(c.indicators.companies for c in report.cohorts)
    assert report.totals.target_started == sum(c.indicators.target_started for c in report.cohorts)


def test_json_shape(example):
    from asfcert.render.common.jsonout import dumps

    data = json.loads(dumps(example.to_dict(), "en"))
    assert data["format"] == "asfcert-cohort-report/1" and data["lang"] == "en"
    assert data["totals"]["percent_started_of_target"] == 75.0
    assert {c["folder"] for c in data["companies"]} >= {"vaxthuset", "traden"}


def test_warm_report_equals_cold_and_sees_edits(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "c")
    cold = report_of(tmp_path / "c", cache=True).to_dict()
    warm = report_of(tmp_path / "c", cache=True).to_dict()
    assert cold == warm
    company = tmp_path / "c" / "vaxthuset" / "company.yaml"
    text = company.read_text(encoding="utf-8")
    company.write_text(text.replace("kind: members, share_percent: 100", "kind: public-sector, share_percent: 100"), encoding="utf-8")
    edited = report_of(tmp_path / "c", cache=True)
    row = next(r for r in edited.companies if r.folder == "vaxthuset")
    assert row.blockers == 1 and not row.ready


def test_registry_exports_with_certificates(tmp_path):
    from make_registry import build

    build(tmp_path / "reg", companies=60, pdfs=1, seed=5)
    report = report_of(tmp_path / "reg", jobs=2)
    states = {r.state for r in report.companies}
    assert {"certified", "in-progress"} <= states
    assert report.totals.certified_total == sum(r.certificate is not None for r in report.companies)
    valid = [r for r in report.companies if r.certificate_status == "valid"]
    assert report.totals.open_remarks == sum(len(r.open_remarks) for r in valid)
    written = write_all(report, tmp_path / "out", "en")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Registry report" in html and html.count("<tr>") > 60
    assert len(written) == 4

"""The participant survey imported from the cohort folder's CSV: response rate,
would-recommend share, effects by category, and warnings located in the file."""

import datetime as dt
from pathlib import Path

import pytest

from asfcert.assess.checker import CheckOptions
from asfcert.cohort.api import CohortOptions, run
from asfcert.cohort.exports import write_all

FIXTURES = Path(__file__).parent / "fixtures" / "survey"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "omgang-ht2026"
DAY = dt.date(2027, 6, 1)


def report(folder):
    return run(folder, CohortOptions(CheckOptions(today=DAY, use_cache=False), jobs=1))


def warnings(rep):
    return [(f.code, f.location.file, f.location.line, f.location.column) for f in rep.findings()]


def test_a_comma_export_with_extra_columns():
    rep = report(FIXTURES / "comma-export-with-extra-columns")
    t = rep.totals
    assert (t.survey_asked, t.survey_answered, t.survey_recommend_yes, t.survey_recommend_no) == (8, 4, 2, 1)
    assert (t.percent_survey_response, t.percent_would_recommend, t.target_percent_survey_response) == (50.0, 66.7, 60.0)
    # categories counted across answers, one spelling per category, the most named first
    assert t.survey_effects == {"got a job": 2, "better health": 1, "more confident": 1, "started studying": 1}
    assert warnings(rep) == []


def test_unknown_answers_and_more_answers_than_asked_are_warnings():
    rep = report(FIXTURES / "unknown-answers-and-more-than-asked")
    t = rep.totals
    assert (t.survey_answered, t.survey_recommend_yes, t.survey_recommend_no) == (3, 1, 1)
    assert t.survey_effects == {"fått anställning": 3, "bättre hälsa": 1}
    assert ("survey-value-unknown", "unknown-answers-and-more-than-asked/survey.csv", 3, 1) in warnings(rep)
    assert ("survey-more-than-asked", "unknown-answers-and-more-than-asked/survey.csv", None, None) in warnings(rep)


@pytest.mark.parametrize("folder, code", [("no-recommend-column", "survey-column-missing"), ("not-utf8", "survey-unreadable")])
def test_a_file_that_cannot_be_counted_is_a_warning(folder, code):
    rep = report(FIXTURES / folder)
    assert rep.exit_code == 0 and rep.check_exit_code == 1
    assert [w[0] for w in warnings(rep)] == [code]
    assert rep.totals.percent_would_recommend is None


def test_a_missing_survey_file_is_named(tmp_path):
    folder = tmp_path / "omgang"
    folder.mkdir()
    (folder / "cohort.yaml").write_text((FIXTURES / "not-utf8" / "cohort.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    rep = report(folder)
    assert [(w[0], w[1]) for w in warnings(rep)] == [("file-unreadable", "omgang/survey.csv")]
    assert (rep.totals.survey_asked, rep.totals.survey_answered) == (5, 0)


def test_the_survey_in_every_export(tmp_path):
    rep = run(EXAMPLE, CohortOptions(CheckOptions(today=dt.date(2026, 11, 22), use_cache=True), jobs=1))
    t = rep.totals
    assert (t.survey_asked, t.survey_answered, t.percent_survey_response, t.percent_would_recommend) == (41, 30, 73.2, 100.0)
    write_all(rep, tmp_path, "en")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Survey: response rate" in html and "73.2 %" in html and "bättre hälsa" in html
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "report.xlsx")
    effects = {row[0]: row[1] for row in book["Survey effects"].iter_rows(min_row=2, values_only=True)}
    assert effects == t.survey_effects and sum(effects.values()) >= 30
    indicators = {row[0].value: row[1] for row in book["Indicators"].iter_rows(min_row=2)}
    assert indicators["Survey: response rate"].value == pytest.approx(0.732) and indicators["Survey: response rate"].number_format == "0.0%"

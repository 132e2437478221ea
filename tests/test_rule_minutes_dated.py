"""minutes-dated: every set of minutes shows its date in the text."""

import pytest
from fixtures.hostile_pdfs import scan, text_pdf
from helpers import codes, make_company, only, requirement, run

MINUTES = "evidence/protokoll/styrelse-2026-03.pdf"


def with_minutes(tmp_path, *pages):
    root = make_company(tmp_path / "c")
    (root / MINUTES).write_bytes(text_pdf(*pages))
    return root


def test_dated_minutes_pass_and_the_dates_are_shown(company):
    req = requirement(run(company()), "3.8.c")
    assert req.status == "ready"
    assert req.figures["minutes"] == {"evidence/protokoll/apt-2026-09.pdf": "2026-03-12", MINUTES: "2026-03-12"}
    assert req.summary.en == "2 of 2 minutes are dated: 2026-03-12, 2026-03-12"


@pytest.mark.parametrize("written", ["Datum 2026-03-12", "Falun den 12 mars 2026", "12 March 2026", "March 12, 2026", "12/3 2026"])
def test_the_ways_dates_are_written(tmp_path, written):
    result = run(with_minutes(tmp_path, f"Protokoll fört vid styrelsemöte. {written}."))
    assert requirement(result, "3.8.c").figures["minutes"][MINUTES] == "2026-03-12"


def test_undated_minutes_are_an_observation(tmp_path):
    # the date in the file name does not count: the document must show it
    result = run(with_minutes(tmp_path, "Protokoll fört vid styrelsemöte. Närvarande: ordföranden och två ledamöter."))
    f = only(result, "minutes-undated")
    assert (f.severity, f.requirement, f.location.file) == ("observation", "3.8.c", MINUTES)
    assert requirement(result, "3.8.c").status == "ready" and result.exit_code == 0


def test_impossible_dates_are_not_dates(tmp_path):
    result = run(with_minutes(tmp_path, "Protokoll. Datum 2026-02-30 och 31 april 2026."))
    assert "minutes-undated" in codes(result)


def test_scanned_minutes_need_review(tmp_path):
    root = make_company(tmp_path / "c")
    (root / MINUTES).write_bytes(scan())
    f = only(run(root), "document-needs-review")
    assert (f.requirement, f.location.file) == ("3.8.c", MINUTES)


def test_the_yearly_review_counts_from_as_of(company):
    import datetime as dt

    root = company()
    assert "minutes-outdated" not in codes(run(root, today=dt.date(2027, 6, 12)))  # 15 months after 2026-03-12
    f = next(f for f in run(root, today=dt.date(2029, 3, 1)).findings if f.code == "minutes-outdated")
    assert f.requirement == "3.8.c"  # minutes from 2026 do not pass a re-certification in 2029

"""work-environment: SAM in place and followed up within 12 months."""

import datetime as dt

import pytest
from helpers import codes, line_of, only, requirement, run


def we(in_place=True, review=dt.date(2026, 3, 10)):
    return {"sam_in_place": in_place, "last_annual_review": review, "safety_representative": True}


@pytest.mark.parametrize(("review", "overdue"), [(dt.date(2025, 11, 22), False), (dt.date(2025, 11, 21), True), (dt.date(2024, 6, 1), True)])
def test_twelve_month_boundary(company, review, overdue):
    result = run(company(work_environment=we(review=review)))
    assert ("sam-review-overdue" in codes(result)) is overdue


def test_overdue_review_is_located(company):
    root = company(work_environment=we(review=dt.date(2025, 1, 15)))
    f = only(run(root), "sam-review-overdue")
    assert f.requirement == "3.9.a"
    assert f.location.line == line_of(root / "company.yaml", "last_annual_review:")
    assert f.params["months"] == 22


def test_no_sam_blocks(company):
    result = run(company(work_environment=we(in_place=False)))
    assert str(only(result, "sam-not-in-place").severity) == "blocker"
    assert requirement(result, "3.9.a").status == "failing"


def test_overdue_by_one_day_names_the_last_day_in_time(company):
    # One day past the boundary: the finding names the last day the follow-up was due,
    # not a rounded "12 months ago (at most 12)".
    f = only(run(company(work_environment=we(review=dt.date(2025, 11, 21)))), "sam-review-overdue")
    assert f.params["due"] == "2026-11-21"
    assert f.params["months"] == 12

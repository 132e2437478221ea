"""finances-reported: the latest fiscal year ended at most 18 months ago."""

from helpers import codes, only, run


def test_recent_year_passes(company):
    assert "finances-outdated" not in codes(run(company()))


def test_old_year_fails(company):
    result = run(company(finances=[{"year": 2023, "dividends_sek": 0}]))
    f = only(result, "finances-outdated")
    assert f.requirement == "3.2.a" and f.params["months"] == 34


def test_broken_fiscal_year_end_counts(company):
    # a fiscal year ending 2025-05-21 is 18 months old on 2026-11-21: outdated the day after
    ok = [{"year": 2025, "fiscal_year_end": "2025-05-22", "dividends_sek": 0}]
    assert "finances-outdated" not in codes(run(company(finances=ok)))
    old = [{"year": 2025, "fiscal_year_end": "2025-05-21", "dividends_sek": 0}]
    assert only(run(company(finances=old)), "finances-outdated").params["end"] == "2025-05-21"


def test_duplicate_year_is_a_schema_error(company):
    result = run(company(finances=[{"year": 2025}, {"year": 2025}]))
    assert result.exit_code == 2 and "schema-value" in codes(result)


def test_a_fiscal_year_end_in_another_year_is_a_located_warning(company):
    from helpers import line_of

    root = company(finances=[{"year": 2024, "fiscal_year_end": "2025-06-30", "dividends_sek": 0}])
    f = only(run(root), "fiscal-year-mismatch")
    assert (str(f.severity), f.requirement, f.params["end_year"]) == ("warning", "3.2.a", 2025)
    assert f.location.line == line_of(root / "company.yaml", "fiscal_year_end:")


def test_a_broken_fiscal_year_named_by_the_year_it_ends_is_no_finding(company):
    result = run(company(finances=[{"year": 2025, "fiscal_year_end": "2025-06-30", "dividends_sek": 0}]))
    assert "fiscal-year-mismatch" not in codes(result)

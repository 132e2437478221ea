"""no-dividends: no dividends in the recent fiscal years; allocations are allowed."""

from helpers import GOOD_PROFILE, codes, line_of, only, requirement, run


def finances(div_2025=0, div_2024=0, div_2021=None):
    rows = [
        {"year": 2025, "revenue_sek": 3200000, "result_sek": 85000, "dividends_sek": div_2025,
         "allocations": [{"kind": "julbonus", "amount_sek": 20000}], "support_to_other_work_integration_sek": 10000},
        {"year": 2024, "revenue_sek": 2900000, "result_sek": 40000, "dividends_sek": div_2024},
    ]
    if div_2021 is not None:
        rows.append({"year": 2021, "revenue_sek": 1000000, "result_sek": 1000, "dividends_sek": div_2021})
    return rows


def test_allocations_and_support_are_not_dividends(company):
    result = run(company(finances=finances()))
    req = requirement(result, "ASF-3.a")
    assert req.status == "ready"
    assert req.figures["allocations_sek"] == 20000


def test_dividends_fail_at_their_line(company):
    root = company(finances=finances(div_2025=50000))
    f = only(run(root), "dividends-paid")
    assert f.requirement == "ASF-3.a"
    assert f.location.line == line_of(root / "company.yaml", "dividends_sek: 50000")
    assert "50 000 kr" in f.message.sv and "2025" in f.message.sv


def test_only_the_recent_years_count(company):
    # years: 3 in the standard -> 2025, 2024, 2021 are the three most recent listed
    assert "dividends-paid" in codes(run(company(finances=finances(div_2021=1))))
    rows = finances() + [{"year": 2023, "dividends_sek": 0}, {"year": 2019, "dividends_sek": 5000}]
    assert "dividends-paid" not in codes(run(company(finances=rows)))


def test_no_finances_is_open(company):
    result = run(company(finances=None))
    assert requirement(result, "ASF-3.a").status == "open"


def test_good_profile_has_no_dividends():
    assert all(not y.get("dividends_sek") for y in GOOD_PROFILE["finances"])

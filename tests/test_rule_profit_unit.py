"""profit-unit: a part of a larger company is its own profit unit."""

from helpers import codes, only, requirement, run

UNIT = {"unit_name": "Caféet", "parent_name": "Exempelgruppen AB", "parent_org_number": "559999-0002"}


def test_whole_company_passes(company):
    assert requirement(run(company()), "ASF-1.c").status == "ready"


def test_unit_with_own_accounts_passes(company):
    assert "profit-unit-not-separate" not in codes(run(company(profit_unit={**UNIT, "separate_accounts": True})))


def test_unit_without_own_accounts_fails(company):
    f = only(run(company(profit_unit={**UNIT, "separate_accounts": False})), "profit-unit-not-separate")
    assert f.requirement == "ASF-1.c"

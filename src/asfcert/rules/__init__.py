"""The vocabulary of machine checks. Each module is one check kind (see rules/base.py); the
standard file chooses checks by `rule:` name and sets their parameters. Nothing taken from
a file is ever evaluated as code."""

from __future__ import annotations

from typing import Annotated, Union

from asfcert.rules import (
    annual_report,
    annual_report_filing,
    collective_agreement,
    employee_membership,
    filing_dividends,
    finances_reported,
    minutes_dated,
    no_dividends,
    no_public_owner,
    org_number,
    participation,
    pay_ratio,
    profit_unit,
    statutes_org_number,
    statutes_wording,
    supervisors_not_public,
    target_group,
    wage_subsidy_share,
    work_environment,
)

MODULES = (
    org_number,
    no_public_owner,
    pay_ratio,
    supervisors_not_public,
    no_dividends,
    target_group,
    participation,
    collective_agreement,
    work_environment,
    wage_subsidy_share,
    finances_reported,
    profit_unit,
    employee_membership,
    annual_report,
    statutes_wording,
    minutes_dated,
    statutes_org_number,
    annual_report_filing,
    filing_dividends,
)
RULES = {m.ID: m for m in MODULES}


def __getattr__(name: str):
    """`CheckSpec`, the options of any rule, chosen by `rule:`: built (with every rule's
    `Options`) where a standard is validated, never by a check that reads it kept."""
    if name != "CheckSpec":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from pydantic import Field

    spec = Annotated[Union[tuple(m.Options for m in MODULES)], Field(discriminator="rule")]
    globals()["CheckSpec"] = spec
    return spec

"""The vocabulary of machine checks. Each module is one check kind (see rules/base.py); the
standard file chooses checks by `rule:` name and sets their parameters. Nothing taken from
a file is ever evaluated as code."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from asfcert.rules import (
    annual_report,
    collective_agreement,
    employee_membership,
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
)
RULES = {m.ID: m for m in MODULES}

CheckSpec = Annotated[Union[tuple(m.Options for m in MODULES)], Field(discriminator="rule")]

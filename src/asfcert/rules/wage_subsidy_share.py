"""`wage-subsidy-share`: at least `min_percent` of employees were eligible for a wage subsidy
(lönestöd) when hired. An optional rule from the 2016 draft criteria; off by default.

Passes with `min_percent: 51`::

    headcount: {employees: 10, wage_subsidy_eligible_at_hire: 6}     # 60 % ≥ 51 %

Fails (`wage-subsidy-share-low`)::

    headcount: {employees: 10, wage_subsidy_eligible_at_hire: 5}     # 50 % < 51 %
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "wage-subsidy-share"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["wage-subsidy-share"]
        min_percent: Decimal = Field(Decimal(51), ge=0, le=100)

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


WAGE_SUBSIDY_SHARE_LOW = Kind(
    "wage-subsidy-share-low",
    L10n("För få anställda med rätt till lönestöd", "Too few employees eligible for wage subsidy"),
    L10n(
        "{eligible} av {employees} anställda ({share:pct}) hade rätt till lönestöd vid anställningen; minst {min:pct} krävs",
        "{eligible} of {employees} employees ({share:pct}) were eligible for a wage subsidy when hired; at least {min:pct} needed",
    ),
    L10n(
        "Kontrollera antalen under headcount i company.yaml. Regeln är ett tillval i standardfilen (SKOOPI:s utkast från 2016).",
        "Check the numbers under headcount in company.yaml. The rule is optional in the standard file (SKOOPI's 2016 draft).",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    hc = ctx.company.headcount
    if hc is None or not hc.employees:
        return ctx.missing("headcount", "employees")
    if hc.wage_subsidy_eligible_at_hire is None:
        return ctx.missing("headcount", "wage_subsidy_eligible_at_hire")
    share = (Decimal(hc.wage_subsidy_eligible_at_hire) * 100 / hc.employees).quantize(Decimal("0.1"))
    outcome = Outcome(figures={"share_percent": float(share), "min_percent": float(opts.min_percent)})
    if share < opts.min_percent:
        outcome.findings.append(
            ctx.finding(
                WAGE_SUBSIDY_SHARE_LOW, "headcount", "wage_subsidy_eligible_at_hire",
                eligible=hc.wage_subsidy_eligible_at_hire, employees=hc.employees, share=share, min=opts.min_percent,
            )
        )
    return outcome


KINDS = made_by(ID, WAGE_SUBSIDY_SHARE_LOW)

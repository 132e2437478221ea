"""`finances-reported`: the profile reports the finances of a fiscal year that ended at most
`max_age_months` months ago, so the auditor judges current figures.

Passes on 2026-11-22 with `max_age_months: 18`::

    finances: [{year: 2025, revenue_sek: 4200000, result_sek: 180000, dividends_sek: 0}]

Fails (`finances-outdated`)::

    finances: [{year: 2023, revenue_sek: 3900000, result_sek: 95000, dividends_sek: 0}]

A broken fiscal year counts as the year it ends: 2024-07-01 to 2025-06-30 is `year: 2025`.
`fiscal_year_end: 2025-06-30` under `year: 2024` is `fiscal-year-mismatch`, a warning: which
of the two was meant decides whether the figures are current.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.dates import months_between, older_than
from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.base.vocab import Severity
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "finances-reported"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["finances-reported"]
        max_age_months: int = Field(18, ge=1, le=120)

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


FINANCES_OUTDATED = Kind(
    "finances-outdated",
    L10n("Ekonomin är inte aktuell", "Finances out of date"),
    L10n(
        "Senaste räkenskapsåret slutade {end}, för {months} månader sedan (högst {max})",
        "The latest fiscal year ended on {end}, {months} months ago (at most {max})",
    ),
    L10n("Lägg till det senaste räkenskapsåret under finances.", "Add the latest fiscal year under finances."),
)

FISCAL_YEAR_MISMATCH = Kind(
    "fiscal-year-mismatch",
    L10n("Räkenskapsåret stämmer inte med `year`", "The fiscal year does not match its year"),
    L10n(
        "`year: {year}`, men räkenskapsåret slutar {end}; ett räkenskapsår räknas till året det slutar ({end_year})",
        "`year: {year}` but the fiscal year ends on {end}; a fiscal year counts as the year it ends ({end_year})",
    ),
    L10n(
        "Skriv `year: {end_year}`, eller rätta `fiscal_year_end` om datumet är fel.",
        "Write `year: {end_year}`, or correct `fiscal_year_end` if the date is wrong.",
    ),
    severity=Severity.WARNING,
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    years = ctx.company.finances
    if not years:
        return ctx.missing("finances")
    i = max(range(len(years)), key=lambda k: years[k].end)
    latest = years[i]
    months = months_between(latest.end, ctx.today)
    outcome = Outcome(
        figures={
            "latest_year": latest.year,
            "fiscal_year_end": latest.end.isoformat(),
            "months_since_end": months,
            "revenue_sek": float(latest.revenue_sek) if latest.revenue_sek is not None else None,
            "result_sek": float(latest.result_sek) if latest.result_sek is not None else None,
        }
    )
    for k, fy in enumerate(years):
        if fy.fiscal_year_end is not None and fy.fiscal_year_end.year != fy.year:
            outcome.findings.append(FISCAL_YEAR_MISMATCH(  # a warning whatever the requirement's severity
                location=ctx.at("finances", k, "fiscal_year_end"), requirement=ctx.requirement.id,
                year=fy.year, end=fy.fiscal_year_end.isoformat(), end_year=fy.fiscal_year_end.year,
            ))
    if older_than(latest.end, opts.max_age_months, ctx.today):
        outcome.findings.append(
            ctx.finding(FINANCES_OUTDATED, "finances", i, "year", end=latest.end.isoformat(), months=months, max=opts.max_age_months)
        )
    return outcome


KINDS = made_by(ID, FINANCES_OUTDATED, FISCAL_YEAR_MISMATCH)

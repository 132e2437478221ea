"""`no-dividends`: no dividends were paid in the `years` most recent fiscal years.

Solidarity allocations (a Christmas bonus, extra pension) and support to other work
integration are allowed and do not count as dividends.

Passes::

    finances:
      - {year: 2025, result_sek: 120000, dividends_sek: 0,
         allocations: [{kind: bonus, amount_sek: 30000}]}

Fails (`dividends-paid`)::

    finances:
      - {year: 2025, result_sek: 120000, dividends_sek: 50000}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "no-dividends"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["no-dividends"]
        years: int = Field(3, ge=1, le=20)

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


DIVIDENDS_PAID = Kind(
    "dividends-paid",
    L10n("Vinstutdelning", "Dividends paid"),
    L10n("Företaget delade ut {amount:num} kr i vinst för {year}", "The company paid {amount:num} SEK in dividends for {year}"),
    L10n(
        "Ett ASF delar inte ut vinst. Överskott återinvesteras; solidarisk avsättning (julbonus, pension) före bokslut är tillåten.",
        "An ASF does not pay dividends. Surplus is reinvested; a solidarity allocation (bonus, pension) before closing is allowed.",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    years = ctx.company.finances
    if not years:
        return ctx.missing("finances")
    recent = sorted(range(len(years)), key=lambda i: years[i].year, reverse=True)[: opts.years]
    outcome = Outcome()
    if all(years[i].dividends_sek is None for i in recent):
        return ctx.missing("finances", recent[0], "dividends_sek")
    for i in recent:
        amount = years[i].dividends_sek
        if amount:
            outcome.findings.append(ctx.finding(DIVIDENDS_PAID, "finances", i, "dividends_sek", amount=amount, year=years[i].year))
    outcome.figures = {
        "years": [years[i].year for i in recent],
        "dividends_sek": float(sum(years[i].dividends_sek or 0 for i in recent)),
        "allocations_sek": float(sum(a.amount_sek for i in recent for a in years[i].allocations)),
    }
    return outcome


KINDS = made_by(ID, DIVIDENDS_PAID)

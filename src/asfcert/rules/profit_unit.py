"""`profit-unit`: when the ASF is a part of a larger company, that part is its own profit
unit (resultatenhet) with separate accounts. A company that is the ASF as a whole passes.

Passes::

    profit_unit: null

Fails (`profit-unit-not-separate`)::

    profit_unit: {unit_name: Caféet, parent_name: Exempel AB,
                  parent_org_number: "556677-8899", separate_accounts: false}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "profit-unit"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["profit-unit"]

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


PROFIT_UNIT_NOT_SEPARATE = Kind(
    "profit-unit-not-separate",
    L10n("Ingen egen resultatenhet", "Not a separate profit unit"),
    L10n(
        "{unit} är en del av {parent} men redovisas inte som en egen resultatenhet",
        "{unit} is part of {parent} but is not accounted for as a profit unit of its own",
    ),
    L10n(
        "En del av ett företag kan bara vara ASF om den har en egen resultatredovisning.",
        "Part of a company can only be an ASF if it has result accounting of its own.",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    unit = ctx.company.profit_unit
    if unit is None:
        return Outcome(figures={"whole_company": True})
    outcome = Outcome(figures={"whole_company": False, "separate_accounts": unit.separate_accounts})
    if unit.separate_accounts is None:
        return ctx.missing("profit_unit", "separate_accounts")
    if not unit.separate_accounts:
        outcome.findings.append(
            ctx.finding(PROFIT_UNIT_NOT_SEPARATE, "profit_unit", "separate_accounts", unit=unit.unit_name, parent=unit.parent_name)
        )
    return outcome


KINDS = made_by(ID, PROFIT_UNIT_NOT_SEPARATE)

"""`collective-agreement`: the company has a collective agreement (kollektivavtal).

Passes::

    collective_agreement: {has_agreement: true, agreement: Via KFO}

Fails (`no-collective-agreement`)::

    collective_agreement: {has_agreement: false}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "collective-agreement"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["collective-agreement"]

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


NO_COLLECTIVE_AGREEMENT = Kind(
    "no-collective-agreement",
    L10n("Kollektivavtal saknas", "No collective agreement"),
    L10n("Företaget har inget kollektivavtal", "The company has no collective agreement"),
    L10n(
        "Teckna kollektivavtal, till exempel genom en arbetsgivarorganisation som KFO.",
        "Sign a collective agreement, for example through an employers' organisation such as KFO.",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    ca = ctx.company.collective_agreement
    if ca is None or ca.has_agreement is None:
        return ctx.missing("collective_agreement", "has_agreement")
    outcome = Outcome(figures={"has_agreement": ca.has_agreement, "agreement": ca.agreement})
    if not ca.has_agreement:
        outcome.findings.append(ctx.finding(NO_COLLECTIVE_AGREEMENT, "collective_agreement", "has_agreement"))
    return outcome


KINDS = made_by(ID, NO_COLLECTIVE_AGREEMENT)

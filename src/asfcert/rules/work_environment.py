"""`work-environment`: systematic work-environment management (SAM) is in place and was
followed up within `max_months_since_review` months; optionally a safety representative.

The boundary: a follow-up on 10 March 2026 is in time through 10 March 2027 (12 months);
from 11 March 2027 it is overdue. The message names that last day, not a rounded count of
months, which read as "12 months ago (at most 12)" a few days past the boundary.

Passes::

    work_environment: {sam_in_place: true, last_annual_review: 2026-03-10}

Fails (`sam-review-overdue`, checked on 2026-11-22 with the default 12 months)::

    work_environment: {sam_in_place: true, last_annual_review: 2025-06-01}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.dates import add_months, months_between, older_than
from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "work-environment"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["work-environment"]
        max_months_since_review: int = Field(12, ge=1, le=60)
        require_safety_representative: bool = False

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


SAM_NOT_IN_PLACE = Kind(
    "sam-not-in-place",
    L10n("SAM saknas", "No systematic work-environment management"),
    L10n("Systematiskt arbetsmiljöarbete (SAM) är inte på plats", "Systematic work-environment management (SAM) is not in place"),
    L10n(
        "Inför SAM enligt Arbetsmiljöverkets föreskrifter: undersök, riskbedöm, åtgärda, följ upp.",
        "Introduce SAM as the Swedish Work Environment Authority requires: investigate, assess risks, act, follow up.",
    ),
)
SAM_REVIEW_OVERDUE = Kind(
    "sam-review-overdue",
    L10n("SAM är inte uppföljt", "SAM review overdue"),
    L10n(
        "SAM följdes senast upp {date}; nästa uppföljning skulle ha gjorts senast {due} (minst var {max}:e månad)",
        "SAM was last followed up on {date}; the next follow-up was due by {due} (at least every {max} months)",
    ),
    L10n("Gör den årliga uppföljningen och skriv in datumet.", "Carry out the yearly review and record its date."),
)
NO_SAFETY_REPRESENTATIVE = Kind(
    "no-safety-representative",
    L10n("Skyddsombud saknas", "No safety representative"),
    L10n("Företaget har inget skyddsombud", "The company has no safety representative"),
    L10n("Låt medarbetarna utse ett skyddsombud.", "Let the employees appoint a safety representative."),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    we = ctx.company.work_environment
    if we is None or we.sam_in_place is None:
        return ctx.missing("work_environment", "sam_in_place")
    outcome = Outcome(figures={"sam_in_place": we.sam_in_place, "last_annual_review": str(we.last_annual_review or "")})
    if not we.sam_in_place:
        outcome.findings.append(ctx.finding(SAM_NOT_IN_PLACE, "work_environment", "sam_in_place"))
        return outcome
    if we.last_annual_review is None:
        return ctx.missing("work_environment", "last_annual_review")
    months = months_between(we.last_annual_review, ctx.today)
    outcome.figures["months_since_review"] = months
    if older_than(we.last_annual_review, opts.max_months_since_review, ctx.today):
        outcome.findings.append(
            ctx.finding(
                SAM_REVIEW_OVERDUE, "work_environment", "last_annual_review",
                date=we.last_annual_review.isoformat(), months=months, max=opts.max_months_since_review,
                due=add_months(we.last_annual_review, opts.max_months_since_review).isoformat(),
            )
        )
    if opts.require_safety_representative and not we.safety_representative:
        outcome.findings.append(ctx.finding(NO_SAFETY_REPRESENTATIVE, "work_environment", "safety_representative"))
    return outcome


KINDS = made_by(ID, SAM_NOT_IN_PLACE, SAM_REVIEW_OVERDUE, NO_SAFETY_REPRESENTATIVE)

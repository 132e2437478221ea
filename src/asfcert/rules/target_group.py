"""`target-group-employment`: the company employs people from the target group, and does not
only offer work training.

`min_employees` counts employees who came from the target group; `min_hired_last_24_months`
counts those hired in the last 24 months. A requirement usually sets one of them.

Passes with `min_employees: 1`::

    headcount: {employees: 12, target_group_employees: 8, work_training_participants: 10}

Fails (`target-group-not-employed`)::

    headcount: {employees: 3, target_group_employees: 0, work_training_participants: 25}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "target-group-employment"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["target-group-employment"]
        min_employees: int = Field(0, ge=0)
        min_hired_last_24_months: int = Field(0, ge=0)

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


TARGET_GROUP_NOT_EMPLOYED = Kind(
    "target-group-not-employed",
    L10n("Ingen anställd ur målgruppen", "No employees from the target group"),
    L10n(
        "{employed} anställda kommer från målgruppen (minst {min} krävs), medan {trainees} har arbetsträning",
        "{employed} employees come from the target group (at least {min} needed), while {trainees} are in work training",
    ),
    L10n(
        "Ett företag som bara erbjuder arbetsträning, utan att anställa ur målgruppen, är inte ett ASF.",
        "A company that only offers work training, without employing people from the target group, is not an ASF.",
    ),
)
TARGET_GROUP_NO_RECENT_HIRES = Kind(
    "target-group-no-recent-hires",
    L10n("Inga nyanställningar ur målgruppen", "No recent hires from the target group"),
    L10n(
        "{hired} anställda ur målgruppen de senaste 24 månaderna (minst {min} väntas)",
        "{hired} hires from the target group in the last 24 months (at least {min} expected)",
    ),
    L10n(
        "Beskriv hur företaget arbetar för att anställa ur målgruppen.",
        "Describe how the company works towards hiring from the target group.",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    hc = ctx.company.headcount
    if hc is None:
        return ctx.missing("headcount")
    outcome = Outcome(
        figures={
            "employees": hc.employees,
            "target_group_employees": hc.target_group_employees,
            "target_group_hired_last_24_months": hc.target_group_hired_last_24_months,
            "work_training_participants": hc.work_training_participants,
        }
    )
    if opts.min_employees:
        if hc.target_group_employees is None:
            return ctx.missing("headcount", "target_group_employees")
        if hc.target_group_employees < opts.min_employees:
            outcome.findings.append(
                ctx.finding(
                    TARGET_GROUP_NOT_EMPLOYED, "headcount", "target_group_employees",
                    employed=hc.target_group_employees, min=opts.min_employees,
                    trainees=hc.work_training_participants if hc.work_training_participants is not None else "?",
                )
            )
    if opts.min_hired_last_24_months:
        if hc.target_group_hired_last_24_months is None:
            return ctx.missing("headcount", "target_group_hired_last_24_months")
        if hc.target_group_hired_last_24_months < opts.min_hired_last_24_months:
            outcome.findings.append(
                ctx.finding(
                    TARGET_GROUP_NO_RECENT_HIRES, "headcount", "target_group_hired_last_24_months",
                    hired=hc.target_group_hired_last_24_months, min=opts.min_hired_last_24_months,
                )
            )
    return outcome


KINDS = made_by(ID, TARGET_GROUP_NOT_EMPLOYED, TARGET_GROUP_NO_RECENT_HIRES)

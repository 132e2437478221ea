"""`employee-membership`: employees can become co-owners or members. SKOOPI counts this as
positive but not required, so a requirement using it is usually an observation.

Passes::

    participation: {employees_can_become_members: true}

Fails (`employees-cannot-become-members`)::

    participation: {employees_can_become_members: false}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "employee-membership"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["employee-membership"]

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


EMPLOYEES_CANNOT_BECOME_MEMBERS = Kind(
    "employees-cannot-become-members",
    L10n("Medarbetare kan inte bli delägare", "Employees cannot become members"),
    L10n("Medarbetarna kan inte bli delägare eller medlemmar", "Employees cannot become co-owners or members"),
    L10n(
        "Överväg att låta medarbetare bli medlemmar eller delägare; det stärker delaktigheten.",
        "Consider letting employees become members or co-owners; it strengthens participation.",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    part = ctx.company.participation
    if part is None or part.employees_can_become_members is None:
        return ctx.missing("participation", "employees_can_become_members")
    outcome = Outcome(figures={"employees_can_become_members": part.employees_can_become_members})
    if not part.employees_can_become_members:
        outcome.findings.append(ctx.finding(EMPLOYEES_CANNOT_BECOME_MEMBERS, "participation", "employees_can_become_members"))
    return outcome


KINDS = made_by(ID, EMPLOYEES_CANNOT_BECOME_MEMBERS)

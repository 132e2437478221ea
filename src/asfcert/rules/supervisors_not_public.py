"""`supervisors-not-public`: no work supervisor (handledare of participants) is employed by
the public sector: an employer of the sector `public-sector`, or with an organisation number
starting with 2 (the state, regions, municipalities, parishes) whatever sector was chosen.

Passes::

    work_supervisors:
      - {role: Arbetshandledare café, employer: Gröna Verkstaden, employer_sector: own-company}

Fails (`supervisor-public-sector`)::

    work_supervisors:
      - {role: Arbetshandledare, employer: Exempelby kommun, employer_sector: public-sector}
"""

from __future__ import annotations

from typing import Literal

from asfcert.base.findings import Kind, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions

ID = "supervisors-not-public"


class Options(RuleOptions):
    rule: Literal["supervisors-not-public"]


SUPERVISOR_PUBLIC_SECTOR = Kind(
    "supervisor-public-sector",
    L10n("Handledare anställd i offentlig sektor", "Supervisor employed by the public sector"),
    L10n("Handledaren ({role}) är anställd av {employer}, som är offentlig sektor", "The supervisor ({role}) is employed by {employer}, which is public sector"),
    L10n(
        "Handledarna ska vara anställda av företaget eller en annan icke-offentlig arbetsgivare.",
        "Supervisors must be employed by the company or another non-public employer.",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    sups = ctx.company.work_supervisors
    if not sups:
        return ctx.missing("work_supervisors")
    from asfcert.rules.org_number import public_sector

    outcome = Outcome(figures={"supervisors": sum(s.count for s in sups)})
    public = []
    for i, s in enumerate(sups):
        by_number = s.employer_sector != "public-sector" and public_sector(s.employer_org_number)
        if s.employer_sector == "public-sector" or by_number:
            public.append(s)
            where = "employer_org_number" if by_number else "employer_sector"
            outcome.findings.append(ctx.finding(SUPERVISOR_PUBLIC_SECTOR, "work_supervisors", i, where, role=s.role, employer=s.employer))
    outcome.figures["public_sector"] = sum(s.count for s in public)
    return outcome


KINDS = made_by(ID, SUPERVISOR_PUBLIC_SECTOR)

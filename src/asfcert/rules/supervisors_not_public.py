"""`supervisors-not-public`: no work supervisor (handledare of participants) is employed by
the public sector: an employer of the sector `public-sector`, or one whose organisation
number is of legal-entity group 2 (the state, regions, municipalities, parishes) whatever
sector was chosen (`supervisor-employer-public-by-number`). An employer whose name sounds
like the public sector (`public_names`, and the municipalities and regions of
standard/public-bodies.yaml) is a warning for the auditor. Every number is validated
(rules/public_bodies.py): a bad check digit keeps the requirement open.

Passes::

    work_supervisors:
      - {role: Arbetshandledare café, employer: Gröna Verkstaden, employer_sector: own-company}

Fails (`supervisor-public-sector`)::

    work_supervisors:
      - {role: Arbetshandledare, employer: Exempelby kommun, employer_sector: public-sector}

Fails (`supervisor-employer-public-by-number`)::

    work_supervisors:
      - {role: Arbetshandledare, employer: Region Exempel, employer_sector: private, employer_org_number: "232100-0016"}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import Kind, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand
from asfcert.rules.public_bodies import (
    PUBLIC_WORDS,
    number,
    number_findings,
    public_name,
    warning,
)

ID = "supervisors-not-public"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["supervisors-not-public"]
        public_names: list[str] = Field(default_factory=lambda: list(PUBLIC_WORDS), description="Words in a name that sound like the public sector.")

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


SUPERVISOR_PUBLIC_SECTOR = Kind(
    "supervisor-public-sector",
    L10n("Handledare anställd i offentlig sektor", "Supervisor employed by the public sector"),
    L10n("Handledaren ({role}) är anställd av {employer}, som är offentlig sektor", "The supervisor ({role}) is employed by {employer}, which is public sector"),
    L10n(
        "Handledarna ska vara anställda av företaget eller en annan icke-offentlig arbetsgivare.",
        "Supervisors must be employed by the company or another non-public employer.",
    ),
)
SUPERVISOR_EMPLOYER_PUBLIC_BY_NUMBER = Kind(
    "supervisor-employer-public-by-number",
    L10n("Handledarens arbetsgivare är offentlig enligt organisationsnumret", "The supervisor's employer is public by its organisation number"),
    L10n(
        "Handledaren ({role}) är anställd av {employer}, organisationsnummer {number}, som hör till {group}: offentlig sektor, fast arbetsgivaren är angiven som {declared}",
        "The supervisor ({role}) is employed by {employer}, organisation number {number}, which belongs to {group}: the public sector, although the employer is given as {declared}",
    ),
    L10n(
        "Handledarna ska vara anställda av företaget eller en annan icke-offentlig arbetsgivare. Är numret fel, rätta det efter arbetsgivarens registreringsbevis.",
        "Supervisors must be employed by the company or another non-public employer. If the number is wrong, correct it from the employer's registration certificate.",
    ),
)
SUPERVISOR_EMPLOYER_PUBLIC_BY_NAME = Kind(
    "supervisor-employer-public-by-name",
    L10n("Handledarens arbetsgivare låter som offentlig sektor", "The supervisor's employer sounds like the public sector"),
    L10n(
        "Handledaren ({role}) är anställd av {employer}, som låter som offentlig sektor ({match}), men är angiven som {declared}",
        "The supervisor ({role}) is employed by {employer}, which sounds like the public sector ({match}), but is given as {declared}",
    ),
    L10n(
        "Revisorn kontrollerar arbetsgivaren. Skriv arbetsgivarens organisationsnummer i `employer_org_number`, så syns det av numret.",
        "The auditor checks the employer. Write the employer's organisation number in employer_org_number, so the number shows it.",
    ),
    severity=Severity.WARNING,
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    sups = ctx.company.work_supervisors
    if not sups:
        return ctx.missing("work_supervisors")
    outcome = Outcome(figures={"supervisors": sum(s.count for s in sups)})
    public = []
    for i, s in enumerate(sups):
        read = number(s.employer_org_number)
        outcome.findings += number_findings(ctx, read, s.employer, "work_supervisors", i, "employer_org_number")
        declared = f"`{s.employer_sector}`"
        if s.employer_sector == "public-sector":
            public.append(s)
            outcome.findings.append(ctx.finding(SUPERVISOR_PUBLIC_SECTOR, "work_supervisors", i, "employer_sector", role=s.role, employer=s.employer))
        elif read is not None and read.public:
            public.append(s)
            outcome.findings.append(ctx.finding(SUPERVISOR_EMPLOYER_PUBLIC_BY_NUMBER, "work_supervisors", i, "employer_org_number", role=s.role,
                                                employer=s.employer, number=read.shown, group=read.group_name, declared=declared))
        elif s.employer_sector != "own-company" and (match := public_name(s.employer, opts.public_names, ctx.cache)) is not None:
            outcome.findings.append(warning(ctx, SUPERVISOR_EMPLOYER_PUBLIC_BY_NAME, "work_supervisors", i, "employer",
                                            role=s.role, employer=s.employer, match=match, declared=declared))
    outcome.figures["public_sector"] = sum(s.count for s in public)
    return outcome


KINDS = made_by(ID, SUPERVISOR_PUBLIC_SECTOR, SUPERVISOR_EMPLOYER_PUBLIC_BY_NUMBER, SUPERVISOR_EMPLOYER_PUBLIC_BY_NAME)

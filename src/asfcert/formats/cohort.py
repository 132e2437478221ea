"""`cohort.yaml`: one term's cohort (omgång): dates, the people who supervise and audit,
the supervision groups, and each company's state, fee and auditor.

The company folders sit next to `cohort.yaml`; `companies` and `groups` name them by
folder name."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator, model_validator

from asfcert.formats.certificate import NUMBER_PATTERN
from asfcert.formats.types import (
    Amount,
    Count,
    Percent,
    Strict,
    Text,
    choice,
    empty,
    empty_map,
    invalid,
    one_or_many,
)

Role = choice("supervisor", "auditor", "coordinator", aliases={"handledare": "supervisor", "revisor": "auditor", "samordnare": "coordinator", "projektledare": "coordinator"})

State = choice(
    "applied",
    "admitted",
    "in-progress",
    "submitted",
    "audited",
    "certified",
    "certified-with-remarks",
    "not-certified",
    "withdrawn",
    aliases={
        "ansökt": "applied", "antagen": "admitted", "pågår": "in-progress", "inlämnad": "submitted",
        "reviderad": "audited", "certifierad": "certified", "certifierad med anmärkning": "certified-with-remarks",
        "ej certifierad": "not-certified", "inte certifierad": "not-certified",
        "certifierad med anmärkningar": "certified-with-remarks", "avbruten": "withdrawn", "avhopp": "withdrawn",
    },
)

Term = Annotated[str, Field(pattern=r"^(VT|HT)\d{4}$", description="`VT2027` (spring) or `HT2026` (autumn).")]


class Person(Strict):
    name: Text = Field(description="Full name of a supervisor, auditor or coordinator.")
    roles: Annotated[list[Role], BeforeValidator(one_or_many)] = Field(description="`supervisor`, `auditor` and/or `coordinator`.")
    home_company: str | None = Field(
        None, description="The certified ASF the person works at: a company folder name or an organisation number."
    )
    email: str | None = None


Hours = Annotated[Amount, Field(le=100_000)]  # `6`, `1,5`


class Group(Strict):
    supervisor: Text = Field(description="The supervisor's name, as under `people`.")
    companies: list[Text] = Field(description="The company folders in the group (4–5 is the norm).")
    supervision_hours: Hours | None = Field(None, description="Hours of group supervision held with the group so far.")


class Fee(Strict):
    amount_sek: Amount | None = Field(None, description="The fee for this company; defaults to the cohort's `fee_sek`.")
    invoiced: bool = Field(False, description="The fee has been invoiced.")
    paid: bool = Field(False, description="The fee has been paid.")


class CompanyEntry(Strict):
    """What the files of the company folder cannot tell by themselves."""

    name: Text | None = Field(None, description="The company's name, for a company without a folder (one that withdrew before starting).")
    state: State | None = Field(None, description="Set it when it cannot be derived from the files, e.g. `withdrawn`.")
    reason: str | None = Field(None, description="Why the company withdrew or was not admitted.")
    auditor: str | None = Field(None, description="The auditor appointed for the company, as under `people`.")
    fee: Fee = Field(default_factory=Fee)
    hours_spent: Count | None = Field(None, description="Hours the company reports spending on the certification.")
    submitted: dt.date | None = Field(None, description="When the company handed in its self-assessment.")
    supervision_hours: Hours | None = Field(None, description="Hours of individual supervision the company has had.")
    renews: str | None = Field(
        None, pattern=NUMBER_PATTERN, description="Re-certification: the number of the certificate it renews (`cohort init --renewals-from`)."
    )

    @model_validator(mode="after")
    def _withdrawn_needs_reason(self):
        if self.state == "withdrawn" and not self.reason:
            raise invalid("en avbruten ansökan behöver `reason`", "a withdrawn company needs a `reason`")
        return self


class AuditPeriod(Strict):
    start: dt.date
    end: dt.date


class Dates(Strict):
    start: dt.date = Field(description="The first day of the cohort.")
    submission_deadline: dt.date = Field(description="Last day to hand in; at most 4 months after the start.")
    audit_period: AuditPeriod | None = None

    @model_validator(mode="after")
    def _order(self):
        from asfcert.base.dates import add_months

        if self.submission_deadline < self.start:
            raise invalid("submission_deadline ligger före start", "submission_deadline is before start")
        if self.submission_deadline > add_months(self.start, 4):
            raise invalid(
                "submission_deadline ligger mer än 4 månader efter start",
                "submission_deadline is more than 4 months after start",
            )
        if self.audit_period and self.audit_period.end < self.audit_period.start:
            raise invalid("audit_period slutar före start", "audit_period ends before it starts")
        return self


class Targets(Strict):
    started: Count | None = Field(None, description="How many companies should start.")
    certified: Count | None = Field(None, description="How many should be certified.")
    hours_min: Count | None = Field(None, description="The fewest hours a company is expected to spend (e.g. 50).")
    hours_max: Count | None = Field(None, description="The most hours a company is expected to spend (e.g. 100).")
    group_supervision_hours: Hours | None = Field(None, description="Hours of group supervision each group should get (e.g. 6).")
    individual_supervision_hours: Hours | None = Field(None, description="Hours of individual supervision each company should get (e.g. 1).")
    survey_response_rate: Percent | None = Field(None, description="The share of participants who should answer the survey, in per cent.")

    @model_validator(mode="after")
    def _range(self):
        if self.hours_min is not None and self.hours_max is not None and self.hours_max < self.hours_min:
            raise invalid("hours_max är mindre än hours_min", "hours_max is less than hours_min")
        return self


class Survey(Strict):
    """The participant survey at the end of the cohort; its answers are `survey.csv` in the
    cohort folder (see docs/cohort.md)."""

    asked: Count = Field(description="How many participants were asked to answer.")
    file: str = Field("survey.csv", pattern=r"^[^/\\]+\.csv$", description="The answers, a CSV file in the cohort folder.")


class Cohort(Strict):
    name: Text = Field(description="e.g. `Certifiering hösten 2026`.")
    term: Term
    certifier: Text = Field("SKOOPI", description="Who certifies.")
    dates: Dates
    fee_sek: Amount | None = Field(None, description="The fee per company, in SEK.")
    targets: Targets = Field(default_factory=Targets)
    survey: Survey | None = Field(None, description="The participant survey: how many were asked, and the CSV file with the answers.")
    people: list[Person] = Field(default_factory=empty)
    groups: list[Group] = Field(default_factory=empty)
    companies: dict[str, CompanyEntry | None] = Field(
        default_factory=empty_map, description="Per company folder: state, auditor, fee, hours."
    )

    @field_validator("people")
    @classmethod
    def _unique_people(cls, people):
        names = [p.name for p in people]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise invalid(f"{dupes[0]} står två gånger under people", f"{dupes[0]} appears twice under people")
        return people

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name.casefold() == name.casefold()), None)

    def supervisor_of(self, company: str) -> str | None:
        return next((g.supervisor for g in self.groups if company in g.companies), None)

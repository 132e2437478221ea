"""`company.yaml`: the company profile. Everything but the name and organisation number may
be left empty while the company works on it; the rules then report the data as missing."""

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator, model_validator

from asfcert.formats.types import (
    Amount,
    Count,
    OrgNumber,
    Percent,
    SignedAmount,
    Strict,
    Text,
    YesNo,
    choice,
    empty,
    invalid,
    one_or_many,
)


def none_is_empty(value):
    """`evidence:` left empty is an empty list, so a kit needs no `[]` placeholder (which
    invites the mistake of writing a list under it)."""
    return [] if value is None else value


LegalForm = choice(
    "economic-association",
    "limited-company",
    "limited-company-svb",
    "non-profit-association",
    "foundation",
    "trading-partnership",
    "sole-trader",
    "other",
    aliases={
        "ekonomisk förening": "economic-association",
        "ek. för.": "economic-association",
        "aktiebolag": "limited-company",
        "ab": "limited-company",
        "aktiebolag svb": "limited-company-svb",
        "svb": "limited-company-svb",
        "ideell förening": "non-profit-association",
        "stiftelse": "foundation",
        "handelsbolag": "trading-partnership",
        "enskild firma": "sole-trader",
        "annan": "other",
    },
)

OwnerKind = choice(
    "members",
    "private-person",
    "private-company",
    "non-profit",
    "public-sector",
    aliases={
        "medlemmar": "members",
        "privatperson": "private-person",
        "privat person": "private-person",
        "privat företag": "private-company",
        "företag": "private-company",
        "ideell": "non-profit",
        "ideell organisation": "non-profit",
        "stiftelse": "non-profit",
        "offentlig sektor": "public-sector",
        "offentlig": "public-sector",
        "kommun": "public-sector",
        "region": "public-sector",
        "landsting": "public-sector",  # the old name of a region, still in use
        "stat": "public-sector",
        "staten": "public-sector",
        "samordningsförbund": "public-sector",
        "kommunalt bolag": "public-sector",
    },
)

Sector = choice(
    "own-company",
    "private",
    "non-profit",
    "public-sector",
    aliases={
        "eget företag": "own-company",
        "egna företaget": "own-company",
        "privat": "private",
        "ideell": "non-profit",
        "offentlig sektor": "public-sector",
        "offentlig": "public-sector",
        "kommun": "public-sector",
        "region": "public-sector",
        "landsting": "public-sector",  # the old name of a region, still in use
        "arbetsförmedlingen": "public-sector",
        "stat": "public-sector",
    },
)

AllocationKind = choice(
    "bonus", "pension", "other",
    aliases={"julbonus": "bonus", "pensionsavsättning": "pension", "extra pension": "pension", "annan": "other"},
)


class ProfitUnit(Strict):
    """Filled in when the ASF is a part of a larger company (a profit unit, *resultatenhet*)."""

    unit_name: Text = Field(description="The name of the unit that is the ASF.")
    parent_name: Text = Field(description="The larger company the unit belongs to.")
    parent_org_number: OrgNumber = Field(description="The larger company's organisation number, in quotes: validated, and one of group 2 (starting with 2) is the public sector.")
    separate_accounts: YesNo | None = Field(None, description="Whether the unit has its own result accounting.")


class Owner(Strict):
    name: Text = Field(description="Who owns, e.g. `Medlemmarna` or a company name. For private persons, a role is enough.")
    kind: OwnerKind = Field(description="`members`, `private-person`, `private-company`, `non-profit` or `public-sector` (kommun, region, stat…).")
    share_percent: Percent | None = Field(None, description="The owner's share in percent, 0–100.")
    org_number: OrgNumber | None = Field(None, description="The owner's organisation number, when the owner is an organisation (never a person's number): validated, and one of group 2 (starting with 2: state, region, municipality, parish) is the public sector whatever `kind` says.")
    controlled_by_public_sector: YesNo | None = Field(None, description="`true` when a municipality, a region or the state owns or controls this owner (a municipal company): it counts as the public sector.")


class Headcount(Strict):
    as_of: dt.date | None = Field(None, description="The date the figures refer to.")
    employees: Count | None = Field(None, description="Employees in total.")
    target_group_employees: Count | None = Field(
        None, description="Employees who came from the target group (far from the labour market)."
    )
    target_group_hired_last_24_months: Count | None = Field(
        None, description="Of those, how many were hired in the last 24 months."
    )
    work_training_participants: Count | None = Field(
        None, description="People in work training or internships (not employed)."
    )
    wage_subsidy_eligible_at_hire: Count | None = Field(
        None, description="Employees eligible for a wage subsidy (lönestöd) when hired. Optional."
    )

    @model_validator(mode="after")
    def _consistent(self):
        e, tg, hired = self.employees, self.target_group_employees, self.target_group_hired_last_24_months
        if e is not None and tg is not None and tg > e:
            raise invalid(
                f"target_group_employees ({tg}) kan inte vara fler än employees ({e})",
                f"target_group_employees ({tg}) cannot exceed employees ({e})",
            )
        if tg is not None and hired is not None and hired > tg:
            raise invalid(
                f"target_group_hired_last_24_months ({hired}) kan inte vara fler än target_group_employees ({tg})",
                f"target_group_hired_last_24_months ({hired}) cannot exceed target_group_employees ({tg})",
            )
        if e is not None and self.wage_subsidy_eligible_at_hire is not None and self.wage_subsidy_eligible_at_hire > e:
            raise invalid(
                "wage_subsidy_eligible_at_hire kan inte vara fler än employees",
                "wage_subsidy_eligible_at_hire cannot exceed employees",
            )
        return self


class PayRole(Strict):
    role: Text = Field(description="A role, never a person's name, e.g. `Verksamhetsledare`.")
    monthly_sek: Amount = Field(gt=0, description="Monthly pay for full time in SEK, before tax.")
    count: Count | None = Field(None, description="How many people have this role. Optional.")


class WorkSupervisor(Strict):
    role: Text = Field(description="The supervisor's role, e.g. `Arbetshandledare café`.")
    employer: Text = Field(description="Who employs the supervisor.")
    employer_sector: Sector = Field(description="`own-company`, `private`, `non-profit` or `public-sector`.")
    employer_org_number: OrgNumber | None = Field(None, description="The employer's organisation number: validated, and one of group 2 (starting with 2) is the public sector whatever `employer_sector` says.")
    count: Count = Field(1, description="How many supervisors this line stands for.")


class Allocation(Strict):
    kind: AllocationKind = Field(description="`bonus`, `pension` or `other`.")
    amount_sek: Amount = Field(description="The amount set aside, in SEK.")
    description: str | None = Field(None, description="What it was for, e.g. `julbonus till alla anställda`.")


class FiscalYear(Strict):
    year: int = Field(ge=1990, le=2100, description="The fiscal year, e.g. `2025`; a broken fiscal year counts as the year it ends (2024-07-01 to 2025-06-30 is 2025).")
    fiscal_year_end: dt.date | None = Field(None, description="Last day of the fiscal year when it is not 31 December.")
    revenue_sek: SignedAmount | None = Field(None, description="Net revenue (nettoomsättning) in SEK.")
    result_sek: SignedAmount | None = Field(None, description="Result after financial items (resultat) in SEK.")
    dividends_sek: Amount | None = Field(None, description="Dividends paid to owners (vinstutdelning) in SEK.")
    allocations: list[Allocation] = Field(
        default_factory=empty, description="Solidarity allocations before closing the books, e.g. a Christmas bonus."
    )
    support_to_other_work_integration_sek: Amount | None = Field(
        None, description="Surplus given to work integration outside the company, in SEK."
    )

    @property
    def end(self) -> dt.date:
        return self.fiscal_year_end or dt.date(self.year, 12, 31)


class CollectiveAgreement(Strict):
    has_agreement: YesNo | None = Field(None, description="`true` when the company has a collective agreement (kollektivavtal).")
    agreement: str | None = Field(None, description="Which agreement, or through which employers' organisation.")


class WorkEnvironment(Strict):
    sam_in_place: YesNo | None = Field(None, description="Systematic work-environment management (SAM) is in place.")
    last_annual_review: dt.date | None = Field(None, description="When SAM was last followed up (the yearly review).")
    safety_representative: YesNo | None = Field(None, description="The company has a safety representative (skyddsombud).")


class ParticipationOccasion(Strict):
    description: str | None = Field(None, description="How employees take part on this occasion.")
    evidence: Annotated[list[Text], BeforeValidator(one_or_many), BeforeValidator(none_is_empty)] = Field(
        default_factory=empty, description="Documents that show it, as paths in the folder."
    )


class Participation(Strict):
    introduction: ParticipationOccasion | None = Field(None, description="When new employees are introduced.")
    daily_operation: ParticipationOccasion | None = Field(None, description="In the day-to-day running of the company.")
    board_decisions: ParticipationOccasion | None = Field(None, description="For major board decisions.")
    employees_can_become_members: YesNo | None = Field(
        None, description="Employees can become co-owners or members. Positive, not required."
    )


class Company(Strict):
    name: Text = Field(description="The company's registered name.")
    org_number: OrgNumber = Field(description='The organisation number, in quotes: `"769612-3459"`.')
    legal_form: LegalForm | None = Field(None, description="e.g. `economic-association` (ekonomisk förening) or `limited-company-svb`.")
    profit_unit: ProfitUnit | None = Field(None, description="Only when the ASF is a unit of a larger company.")
    county: str | None = Field(None, description="County (län), for the public ASF list.")
    municipality: str | None = Field(None, description="Municipality (kommun), for the public ASF list.")
    industries: Annotated[list[Text], BeforeValidator(one_or_many), BeforeValidator(none_is_empty)] = Field(default_factory=empty, description="What the company does, e.g. `café`, `second hand`.")
    website: str | None = Field(None, description="The company's website, shown in the public ASF list.")
    social_value: str | None = Field(
        None, max_length=1000,
        description="The social value the company creates, in a sentence or two of its own words; shown on its page in the public ASF list. Never name a participant.",
    )
    owners: list[Owner] | None = Field(None, description="Everyone who owns a share of the company.")
    headcount: Headcount | None = Field(None, description="How many work in the company, and how many came from the target group.")
    pay: list[PayRole] | None = Field(None, description="Monthly full-time pay per role. Never names.")
    work_supervisors: list[WorkSupervisor] | None = Field(None, description="Work supervisors (handledare) of participants and who employs them.")
    finances: list[FiscalYear] | None = Field(None, description="One entry per fiscal year, newest first or last.")
    collective_agreement: CollectiveAgreement | None = Field(None, description="Whether employees have a collective agreement.")
    work_environment: WorkEnvironment | None = Field(None, description="Systematic work-environment management (SAM).")
    participation: Participation | None = Field(None, description="How employees take part in decisions, with documents.")

    @field_validator("finances")
    @classmethod
    def _unique_years(cls, finances):
        years = [f.year for f in finances or ()]
        dupes = sorted({y for y in years if years.count(y) > 1})
        if dupes:
            raise invalid(f"år {dupes[0]} står två gånger under finances", f"year {dupes[0]} appears twice under finances")
        return finances

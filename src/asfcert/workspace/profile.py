"""The company profile, `company.yaml`, as form sections: one page per section.

Every field of `formats.company.Company` is in exactly one section (a test keeps it so),
with a label and help in easy Swedish and in English. Choices carry the values the file
format uses and their Swedish names."""

from __future__ import annotations

from dataclasses import dataclass

from asfcert.base.i18n import L10n
from asfcert.workspace.fields import Field, Group, Rows


@dataclass(frozen=True)
class Section:
    id: str  # in the URL: /profile/<id>
    title: L10n
    intro: L10n
    parts: tuple

    @property
    def keys(self) -> tuple[str, ...]:
        """The top-level keys of company.yaml this section edits."""
        return tuple(p.key for p in self.parts)


def _c(value: str, sv: str, en: str) -> tuple[str, L10n]:
    return value, L10n(sv, en)


LEGAL_FORMS = (
    _c("economic-association", "Ekonomisk förening", "Economic association"),
    _c("limited-company", "Aktiebolag", "Limited company"),
    _c("limited-company-svb", "Aktiebolag med särskild vinstutdelningsbegränsning (svb)", "Limited company with restricted dividends (svb)"),
    _c("non-profit-association", "Ideell förening", "Non-profit association"),
    _c("foundation", "Stiftelse", "Foundation"),
    _c("trading-partnership", "Handelsbolag", "Trading partnership"),
    _c("sole-trader", "Enskild firma", "Sole trader"),
    _c("other", "Annan", "Other"),
)
OWNER_KINDS = (
    _c("members", "Medlemmarna", "The members"),
    _c("private-person", "Privatperson", "Private person"),
    _c("private-company", "Privat företag", "Private company"),
    _c("non-profit", "Ideell organisation", "Non-profit organisation"),
    _c("public-sector", "Offentlig sektor (kommun, region, stat)", "Public sector (municipality, region, state)"),
)
SECTORS = (
    _c("own-company", "Vårt eget företag", "Our own company"),
    _c("private", "Privat arbetsgivare", "Private employer"),
    _c("non-profit", "Ideell organisation", "Non-profit organisation"),
    _c("public-sector", "Offentlig sektor (kommun, region, Arbetsförmedlingen)", "Public sector (municipality, region, Public Employment Service)"),
)
ALLOCATION_KINDS = (
    _c("bonus", "Bonus, till exempel julbonus", "Bonus, for example a Christmas bonus"),
    _c("pension", "Extra pensionsavsättning", "Extra pension contribution"),
    _c("other", "Annat", "Other"),
)

_ORG_HELP = L10n(
    "Tio siffror med bindestreck. Ett nummer som börjar med 2 tillhör offentlig sektor.",
    "Ten digits with a hyphen. A number starting with 2 belongs to the public sector.",
)
_SEK = L10n("Kronor, före skatt.", "SEK, before tax.")


def _occasion(key: str, sv: str, en: str) -> Group:
    return Group(key, L10n(sv, en), (
        Field("description", L10n("Så här gör vi", "What we do"), "textarea",
              L10n("Beskriv med egna ord hur de anställda är med och bestämmer.", "Describe in your own words how employees take part in decisions.")),
        Field("evidence", L10n("Dokument som visar det", "Documents that show it"), "files"),
    ))


SECTIONS: tuple[Section, ...] = (
    Section(
        "company", L10n("Företaget", "The company"),
        L10n("Namn, organisationsnummer och var ni finns. Namn och län visas i den öppna listan över certifierade ASF.",
             "Name, organisation number and where you are. The name and county are shown in the public list of certified ASFs."),
        (
            Field("name", L10n("Företagets namn", "The company's name"), help=L10n("Som på registreringsbeviset.", "As on the registration certificate."), autocomplete="organization"),
            Field("org_number", L10n("Organisationsnummer", "Organisation number"), "orgnr", L10n("Tio siffror med bindestreck, till exempel 769612-3459.", "Ten digits with a hyphen, for example 769612-3459.")),
            Field("legal_form", L10n("Företagsform", "Legal form"), "choice", choices=LEGAL_FORMS),
            Field("county", L10n("Län", "County")),
            Field("municipality", L10n("Kommun", "Municipality")),
            Field("industries", L10n("Vad företaget gör", "What the company does"), "lines", L10n("En sak per rad, till exempel café.", "One thing per line, for example café.")),
            Field("website", L10n("Webbplats", "Website"), help=L10n("Till exempel https://www.exempel.se", "For example https://www.example.com"), autocomplete="url"),
            Field("social_value", L10n("Social nytta", "Social value"), "textarea",
                  L10n("Den sociala nyttan ni skapar, med en eller två meningar i egna ord. Visas i den öppna listan. Nämn aldrig en deltagare.",
                       "The social value you create, in a sentence or two of your own words. Shown in the public list. Never name a participant.")),
            Group("profit_unit", L10n("Om ASF:et är en del av ett större företag", "If the ASF is a part of a larger company"), (
                Field("unit_name", L10n("Enhetens namn", "The unit's name")),
                Field("parent_name", L10n("Det större företagets namn", "The larger company's name")),
                Field("parent_org_number", L10n("Det större företagets organisationsnummer", "The larger company's organisation number"), "orgnr", _ORG_HELP),
                Field("separate_accounts", L10n("Har enheten ett eget resultat i bokföringen?", "Does the unit have its own result in the accounts?"), "yesno"),
            ), L10n("Lämna tomt om hela företaget är ASF:et.", "Leave empty if the whole company is the ASF.")),
        ),
    ),
    Section(
        "owners", L10n("Ägare", "Owners"),
        L10n("Alla som äger en del av företaget. För en privatperson räcker en roll: skriv inget namn. Offentlig sektor får inte äga någon del.",
             "Everyone who owns a share of the company. For a private person a role is enough: write no name. The public sector may not own any share."),
        (
            Rows("owners", L10n("Ägare", "Owners"), L10n("Ägare {n}", "Owner {n}"), L10n("Lägg till en ägare", "Add an owner"), (
                Field("name", L10n("Vem äger", "Who owns"), help=L10n("Till exempel Medlemmarna.", "For example The members.")),
                Field("kind", L10n("Slag av ägare", "Kind of owner"), "choice", choices=OWNER_KINDS),
                Field("share_percent", L10n("Andel i procent", "Share in percent"), "amount"),
                Field("org_number", L10n("Ägarens organisationsnummer", "The owner's organisation number"), "orgnr",
                      L10n("Om ägaren är en organisation. " + _ORG_HELP.sv, "If the owner is an organisation. " + _ORG_HELP.en)),
                Field("controlled_by_public_sector", L10n("Ägs eller styrs ägaren av en kommun, en region eller staten?", "Is the owner owned or controlled by a municipality, a region or the state?"), "yesno",
                      L10n("Ja för ett kommunalt eller regionalt bolag: det räknas som offentlig sektor.", "Yes for a municipal or regional company: it counts as the public sector.")),
            )),
        ),
    ),
    Section(
        "headcount", L10n("Personal", "Staff"),
        L10n("Hur många som arbetar hos er en viss dag, och hur många som kom från målgruppen.",
             "How many people work with you on a given day, and how many came from the target group."),
        (
            Group("headcount", L10n("Antal personer", "Number of people"), (
                Field("as_of", L10n("Dagen siffrorna gäller", "The date the figures refer to"), "date", L10n("ÅÅÅÅ-MM-DD", "YYYY-MM-DD")),
                Field("employees", L10n("Anställda, totalt", "Employees, in total"), "int"),
                Field("target_group_employees", L10n("Anställda som kom från målgruppen", "Employees who came from the target group"), "int",
                      L10n("Alltså personer som stod långt från arbetsmarknaden.", "That is people who were far from the labour market.")),
                Field("target_group_hired_last_24_months", L10n("Av dem: anställda de senaste 24 månaderna", "Of those: hired in the last 24 months"), "int"),
                Field("work_training_participants", L10n("Personer i arbetsträning eller praktik", "People in work training or internships"), "int",
                      L10n("Som inte är anställda.", "Who are not employed.")),
                Field("wage_subsidy_eligible_at_hire", L10n("Anställda som hade rätt till lönestöd när de anställdes", "Employees eligible for a wage subsidy when hired"), "int",
                      L10n("Frivilligt.", "Optional.")),
            )),
        ),
    ),
    Section(
        "pay", L10n("Lön per roll", "Pay per role"),
        L10n("Månadslönen för heltid per roll, aldrig namn. Den högsta lönen får vara högst {max:num} gånger den lägsta.",
             "The monthly full-time pay per role, never names. The highest pay may be at most {max:num} times the lowest."),
        (
            Rows("pay", L10n("Roller", "Roles"), L10n("Roll {n}", "Role {n}"), L10n("Lägg till en roll", "Add a role"), (
                Field("role", L10n("Roll", "Role"), help=L10n("Till exempel Verksamhetsledare.", "For example Manager.")),
                Field("monthly_sek", L10n("Månadslön för heltid", "Monthly pay, full time"), "amount", _SEK),
                Field("count", L10n("Hur många har rollen", "How many have the role"), "int", L10n("Frivilligt.", "Optional.")),
            )),
        ),
    ),
    Section(
        "supervisors", L10n("Handledare", "Supervisors"),
        L10n("Deltagarnas arbetshandledare och vem som anställer dem. Handledarna får inte vara anställda av offentlig sektor.",
             "The participants' work supervisors and who employs them. Supervisors must not be employed by the public sector."),
        (
            Rows("work_supervisors", L10n("Handledare", "Supervisors"), L10n("Handledare {n}", "Supervisor {n}"), L10n("Lägg till handledare", "Add a supervisor"), (
                Field("role", L10n("Roll", "Role"), help=L10n("Till exempel Arbetshandledare café.", "For example Work supervisor café.")),
                Field("employer", L10n("Arbetsgivare", "Employer")),
                Field("employer_sector", L10n("Slag av arbetsgivare", "Kind of employer"), "choice", choices=SECTORS),
                Field("employer_org_number", L10n("Arbetsgivarens organisationsnummer", "The employer's organisation number"), "orgnr", _ORG_HELP),
                Field("count", L10n("Antal handledare", "Number of supervisors"), "int"),
            )),
        ),
    ),
    Section(
        "finances", L10n("Ekonomi", "Finances"),
        L10n("Ett block per räkenskapsår, från årsredovisningen. Belopp i kronor.",
             "One block per fiscal year, from the annual report. Amounts in SEK."),
        (
            Rows("finances", L10n("Räkenskapsår", "Fiscal years"), L10n("Räkenskapsår {n}", "Fiscal year {n}"), L10n("Lägg till ett räkenskapsår", "Add a fiscal year"), (
                Field("year", L10n("År", "Year"), "int", L10n("Till exempel 2025.", "For example 2025.")),
                Field("fiscal_year_end", L10n("Sista dagen i räkenskapsåret", "Last day of the fiscal year"), "date",
                      L10n("Bara om det inte är 31 december. ÅÅÅÅ-MM-DD.", "Only when it is not 31 December. YYYY-MM-DD.")),
                Field("revenue_sek", L10n("Nettoomsättning", "Net revenue"), "amount"),
                Field("result_sek", L10n("Resultat efter finansiella poster", "Result after financial items"), "amount"),
                Field("dividends_sek", L10n("Vinstutdelning till ägarna", "Dividends to the owners"), "amount", L10n("Skriv 0 om ni inte delat ut något.", "Write 0 if you paid none.")),
                Field("support_to_other_work_integration_sek", L10n("Överskott till annan arbetsintegrering", "Surplus given to other work integration"), "amount"),
                Rows("allocations", L10n("Solidariska avsättningar före bokslut", "Solidarity allocations before closing the books"), L10n("Avsättning {n}", "Allocation {n}"),
                     L10n("Lägg till en avsättning", "Add an allocation"), (
                    Field("kind", L10n("Slag", "Kind"), "choice", choices=ALLOCATION_KINDS),
                    Field("amount_sek", L10n("Belopp", "Amount"), "amount"),
                    Field("description", L10n("Vad det var", "What it was")),
                )),
            )),
        ),
    ),
    Section(
        "agreements", L10n("Avtal och arbetsmiljö", "Agreements and work environment"),
        L10n("Kollektivavtal och systematiskt arbetsmiljöarbete (SAM).", "Collective agreement and systematic work-environment management (SAM)."),
        (
            Group("collective_agreement", L10n("Kollektivavtal", "Collective agreement"), (
                Field("has_agreement", L10n("Har de anställda kollektivavtal?", "Do employees have a collective agreement?"), "yesno"),
                Field("agreement", L10n("Vilket avtal", "Which agreement"), help=L10n("Eller genom vilken arbetsgivarorganisation.", "Or through which employers' organisation.")),
            )),
            Group("work_environment", L10n("Arbetsmiljö (SAM)", "Work environment (SAM)"), (
                Field("sam_in_place", L10n("Har ni systematiskt arbetsmiljöarbete?", "Do you have systematic work-environment management?"), "yesno"),
                Field("last_annual_review", L10n("Senaste årliga uppföljningen", "Latest yearly follow-up"), "date", L10n("ÅÅÅÅ-MM-DD", "YYYY-MM-DD")),
                Field("safety_representative", L10n("Har ni ett skyddsombud?", "Do you have a safety representative?"), "yesno"),
            )),
        ),
    ),
    Section(
        "participation", L10n("Delaktighet", "Participation"),
        L10n("Hur de anställda är med och bestämmer, vid tre tillfällen, och vilka dokument som visar det.",
             "How employees take part in decisions, on three occasions, and which documents show it."),
        (
            Group("participation", L10n("Delaktighet", "Participation"), (
                _occasion("introduction", "När nya medarbetare börjar", "When new employees start"),
                _occasion("daily_operation", "I det dagliga arbetet", "In the daily work"),
                _occasion("board_decisions", "När styrelsen fattar viktiga beslut", "When the board makes major decisions"),
                Field("employees_can_become_members", L10n("Kan de anställda bli medlemmar eller delägare?", "Can employees become members or co-owners?"), "yesno",
                      L10n("Bra, men inget krav.", "Good, but not required.")),
            )),
        ),
    ),
)

BY_ID = {s.id: s for s in SECTIONS}
SECTION_OF_KEY = {key: s for s in SECTIONS for key in s.keys}


def section_for(path: tuple) -> Section | None:
    """The section that edits the value at `path` in company.yaml."""
    return SECTION_OF_KEY.get(path[0]) if path and isinstance(path[0], str) else None

"""Impartiality: may this auditor audit this company?

People, their roles and home companies come from the cohort file (`cohort.yaml` in the
folder that holds the company folders, or `--cohort FILE`). The auditor is refused when
they are not listed as an auditor there, when the cohort appoints someone else for the
company, when they supervise the company's group, when the company is their home company
(by folder name, company name or organisation number), or when company.yaml lists them
among the owners. Without a cohort file the command refuses, unless `--no-cohort` is
given: then only the owners are checked and the record and report say so."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import COHORT_FILE

_B = Severity.BLOCKER
AUDITOR_UNKNOWN = Kind(
    "auditor-unknown",
    L10n("Okänd revisor", "Unknown auditor"),
    L10n("{auditor} finns inte under `people` i {file}", "{auditor} is not listed under `people` in {file}"),
    L10n("Lägg till personen med `roles: [auditor]` och `home_company:`, eller kontrollera stavningen.",
         "Add the person with `roles: [auditor]` and `home_company:`, or check the spelling."),
    _B,
)
AUDITOR_NO_ROLE = Kind(
    "auditor-not-an-auditor",
    L10n("Personen är inte revisor", "The person is not an auditor"),
    L10n("{auditor} har inte rollen `auditor` (revisor) i {file}", "{auditor} does not have the auditor role in {file}"),
    L10n("Bara utbildade revisorer får revidera; lägg till `auditor` under `roles` om personen är det.",
         "Only trained auditors may audit; add `auditor` under `roles` if the person is one."),
    _B,
)
AUDITOR_NOT_APPOINTED = Kind(
    "auditor-not-appointed",
    L10n("Annan revisor utsedd", "Another auditor appointed"),
    L10n("Utsedd revisor för {company} är {appointed}, inte {auditor}", "The auditor appointed for {company} is {appointed}, not {auditor}"),
    L10n("Ändra `auditor:` för företaget i omgångsfilen om uppdraget har flyttats.",
         "Change the company's `auditor:` in the cohort file if the assignment has moved."),
    _B,
)
AUDITOR_IS_SUPERVISOR = Kind(
    "auditor-is-supervisor",
    L10n("Revisorn är handledare för företaget", "The auditor supervises the company"),
    L10n("{auditor} är handledare för gruppen där {company} ingår; handledare och revisor ska vara olika personer",
         "{auditor} supervises the group {company} is in; supervisor and auditor must be different people"),
    L10n("Utse en annan revisor för företaget.", "Appoint another auditor for the company."),
    _B,
)
AUDITOR_WORKS_THERE = Kind(
    "auditor-works-at-company",
    L10n("Revisorn arbetar i företaget", "The auditor works at the company"),
    L10n("{auditor} har {company} som hemföretag (`home_company: {home}`)", "{auditor} has {company} as home company (home_company: {home})"),
    L10n("Ingen får revidera sitt eget företag; utse en annan revisor.", "Nobody may audit their own company; appoint another auditor."),
    _B,
)
AUDITOR_IS_OWNER = Kind(
    "auditor-is-owner",
    L10n("Revisorn är delägare i företaget", "The auditor owns part of the company"),
    L10n("{auditor} står som ägare i company.yaml", "{auditor} is listed as an owner in company.yaml"),
    L10n("En ägare får inte revidera företaget; utse en annan revisor.", "An owner may not audit the company; appoint another auditor."),
    _B,
)
_E = Severity.ERROR
AUDITOR_NOT_FOUND = Kind(
    "auditor-not-found",
    L10n("Revisorn finns inte i omgångsfilen", "The auditor is not in the cohort file"),
    L10n("{auditor} finns inte under `people` i {file}", "{auditor} is not listed under `people` in {file}"),
    L10n("Kontrollera stavningen, eller lägg till personen med `roles: [auditor]` och `home_company:`.",
         "Check the spelling, or add the person with `roles: [auditor]` and `home_company:`."),
    _E,
    effect=Effect.ABORTS,
)
# An unknown name is a typing mistake far more often than a conflict of interest: it is
# refused as unknown (not as Jäv), with the nearest listed name when one is near.
_DID_YOU_MEAN = L10n("Menade du {name}? Skriv namnet som under `people` i {file}.",
                     "Did you mean {name}? Write the name as under `people` in {file}.")
IMPARTIALITY_REFUSED = Kind(
    "impartiality-refused",
    L10n("Jäv", "Impartiality"),
    L10n("Jäv: {auditor} kan inte revidera {company}", "Impartiality: {auditor} cannot audit {company}"),
    L10n("Revisorn måste vara opartisk; se docs/auditor.md.", "The auditor must be impartial; see docs/auditor.md."),
    _E,
    effect=Effect.ABORTS,
)
COHORT_OPTIONS_CONFLICT = Kind(
    "impartiality-cohort-options",
    L10n("Motstridiga val", "Conflicting options"),
    L10n("--cohort och --no-cohort går inte att kombinera", "--cohort and --no-cohort cannot be combined"),
    L10n("Välj det ena.", "Choose one."),
    _E,
    effect=Effect.ABORTS,
)
NO_COHORT_FILE = Kind(
    "impartiality-no-cohort-file",
    L10n("Ingen omgångsfil", "No cohort file"),
    L10n("Omgångsfilen saknas, så jäv kan inte prövas", "There is no cohort file, so impartiality cannot be checked"),
    L10n(
        "Ange filen med --cohort FIL. Finns ingen, ange --no-cohort: då prövas bara ägarna i company.yaml, "
        "och protokollet och rapporten visar det.",
        "Give the file with --cohort FILE. If there is none, give --no-cohort: only the owners in company.yaml "
        "are then checked, and the record and the report say so.",
    ),
    _E,
    effect=Effect.ABORTS,
)
AUDITOR_MISSING = Kind(
    "auditor-missing",
    L10n("Ingen revisor angiven", "No auditor given"),
    L10n("Ingen revisor angiven", "No auditor given"),
    L10n("Ange --auditor NAMN.", "Give --auditor NAME."),
    _E,
    effect=Effect.ABORTS,
)


@dataclass
class Verdict:
    auditor: str
    basis: str  # cohort | owners-only
    cohort_file: Path | None = None

    def record(self, company_root: Path, today) -> dict:
        shown = None
        if self.cohort_file is not None:
            import os

            shown = Path(os.path.relpath(self.cohort_file, company_root)).as_posix()
        return {"basis": self.basis, "cohort_file": shown, "checked": today}


def _key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def same_name(a: str, b: str) -> bool:
    """Names compared without regard to case and spacing."""
    return _key(a) == _key(b)


def nearest(name: str, known: list[str]) -> str | None:
    """The listed name nearest to `name` (case and spacing aside), when one is near: a
    letter or two wrong, swapped or missing."""
    import difflib

    keys = {_key(k): k for k in known}
    close = difflib.get_close_matches(_key(name), list(keys), n=1, cutoff=0.8)
    return keys[close[0]] if close else None


def _same_number(a: str, b: str) -> bool:
    """Whether two texts name one organisation (or personal identity) number."""
    from asfcert.rules.org_number import normalise

    x, y = normalise(str(a)), normalise(str(b))
    return x.isdigit() and len(x) in (10, 12) and x[-10:] == y[-10:]


def check(
    auditor: str | None, *, root: Path, company, company_doc, cohort_path: Path | None, no_cohort: bool, cache=None
) -> Verdict:
    """The auditor's name and the basis of the check, or an abort (exit code 1) that lists
    every reason the auditor is refused. With a `cache`, the parse of the cohort file's
    bytes is reused."""
    from asfcert.records import cohort_file as cohorts

    folder_name = root.name
    if no_cohort and cohort_path is not None:
        raise Abort(COHORT_OPTIONS_CONFLICT)
    problems: list[Finding] = []
    cohort_file = None if no_cohort else cohorts.for_company(root, cohort_path)
    if cohort_file is None and not no_cohort:
        raise Abort(NO_COHORT_FILE, location=Location(str(root.parent / COHORT_FILE)), file=COHORT_FILE, folder=str(root.parent))
    if cohort_file is not None:
        within = None if cohort_path is not None else root.parent
        loaded = cohorts.read(cohort_file, str(cohort_file), within=within, cache=cache).required()
        cohort, doc = loaded.cohort, loaded.doc
        entry = cohort.companies.get(folder_name)
        appointed = entry.auditor if entry else None
        auditor = auditor or appointed
        if not auditor:
            raise _no_auditor()
        _must_be_listed(auditor, cohort, doc, str(cohort_file))
        problems += _against_cohort(auditor, cohort, doc, str(cohort_file), folder_name, company, appointed)
    elif not auditor:
        raise _no_auditor()
    for i, owner in enumerate(company.owners or ()):
        if _key(owner.name) == _key(auditor):
            problems.append(AUDITOR_IS_OWNER(location=company_doc.where(("owners", i, "name")), auditor=auditor))
    if problems:
        raise Abort(IMPARTIALITY_REFUSED, findings=problems, exit_code=1, auditor=auditor, company=company.name)
    return Verdict(auditor, "cohort" if cohort_file else "owners-only", cohort_file)


def _no_auditor() -> Abort:
    return Abort(AUDITOR_MISSING)


def _must_be_listed(auditor: str, cohort, doc, file: str) -> None:
    if any(_key(p.name) == _key(auditor) for p in cohort.people):
        return
    unknown = AUDITOR_UNKNOWN(location=doc.where(("people",)), auditor=auditor, file=file)
    near = nearest(auditor, [p.name for p in cohort.people])
    hint = _DID_YOU_MEAN.format(name=near, file=file) if near else None
    raise Abort(AUDITOR_NOT_FOUND, findings=[unknown], exit_code=1, hint=hint, auditor=auditor, file=file)


def _against_cohort(auditor, cohort, doc, file, folder_name, company, appointed) -> list[Finding]:
    out: list[Finding] = []
    index = next(i for i, p in enumerate(cohort.people) if _key(p.name) == _key(auditor))  # listed: _must_be_listed
    person = cohort.people[index]
    if "auditor" not in person.roles:
        out.append(AUDITOR_NO_ROLE(location=doc.where(("people", index, "roles")), auditor=auditor, file=file))
    if appointed and _key(appointed) != _key(auditor):
        out.append(AUDITOR_NOT_APPOINTED(
            location=doc.where(("companies", folder_name, "auditor")), company=folder_name, appointed=appointed, auditor=auditor
        ))
    for g, group in enumerate(cohort.groups):
        if folder_name in group.companies and _key(group.supervisor) == _key(auditor):
            out.append(AUDITOR_IS_SUPERVISOR(location=doc.where(("groups", g, "supervisor")), auditor=auditor, company=folder_name))
    home = person.home_company
    if home and (
        _key(home) in (_key(folder_name), _key(company.name))
        or _same_number(home, company.org_number)
    ):
        out.append(AUDITOR_WORKS_THERE(
            location=doc.where(("people", index, "home_company")), auditor=auditor, company=folder_name, home=home
        ))
    return out


KINDS = made_by(
    "impartiality",
    AUDITOR_UNKNOWN,
    AUDITOR_NO_ROLE,
    AUDITOR_NOT_APPOINTED,
    AUDITOR_IS_SUPERVISOR,
    AUDITOR_WORKS_THERE,
    AUDITOR_IS_OWNER,
    AUDITOR_NOT_FOUND,
    IMPARTIALITY_REFUSED,
    COHORT_OPTIONS_CONFLICT,
    NO_COHORT_FILE,
    AUDITOR_MISSING,
)

"""`cohort.yaml`: find and load cohorts, with one loader. A cohort folder holds
`cohort.yaml` and its company folders; a registry folder holds cohort folders. The loader
returns the file's located problems as findings (a cohort report shows them next to the
other cohorts); a command that cannot go on without the file aborts (`required`). Also the
coordinator's warnings about a cohort."""

from __future__ import annotations

import datetime as dt
import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import COHORT_FILE
from asfcert.company.folder import COMPANY_FILE
from asfcert.io.cache import PLAIN, models_of
from asfcert.records.files import unusable

MAX_GROUP = 5

COHORT_FILE_UNUSABLE = Kind(
    "cohort-file-unusable",
    L10n("Omgångsfilen går inte att använda", "The cohort file cannot be used"),
    L10n("Omgångsfilen går inte att använda", "The cohort file cannot be used"),
    L10n("Rätta raderna ovan (se docs/cohort.md).", "Correct the lines above (see docs/cohort.md)."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)
COHORT_FILE_MISSING = Kind(
    "cohort-file-missing",
    L10n("Omgångsfilen finns inte", "The cohort file does not exist"),
    L10n("Omgångsfilen finns inte", "The cohort file does not exist"),
    L10n("Kontrollera sökvägen till cohort.yaml.", "Check the path to cohort.yaml."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)
COHORT_NOT_A_FOLDER = Kind(
    "cohort-not-a-folder",
    L10n("Ingen mapp", "Not a folder"),
    L10n("Det är inte en mapp", "It is not a folder"),
    L10n("Ange omgångens mapp (med cohort.yaml) eller registret.", "Give the cohort folder (with cohort.yaml) or the registry."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)
NO_COHORTS = Kind(
    "cohort-none-found",
    L10n("Ingen omgång hittades", "No cohort found"),
    L10n("Mappen innehåller varken cohort.yaml eller mappar med cohort.yaml", "The folder holds neither cohort.yaml nor folders with cohort.yaml"),
    L10n("En omgång är en mapp med cohort.yaml och företagens mappar; se docs/cohort.md.",
         "A cohort is a folder with cohort.yaml and the company folders; see docs/cohort.md."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)

_W = Severity.WARNING
GROUP_TOO_LARGE = Kind(
    "cohort-group-too-large",
    L10n("För stor handledningsgrupp", "Supervision group too large"),
    L10n("{supervisor} handleder {count} företag (högst {max})", "{supervisor} supervises {count} companies (at most {max})"),
    L10n("Dela gruppen eller ta in fler handledare.", "Split the group or bring in more supervisors."),
    _W,
)
SUPERVISOR_AUDITS_OWN_GROUP = Kind(
    "cohort-supervisor-audits-own-group",
    L10n("Handledaren reviderar sin egen grupp", "Supervisor audits their own group"),
    L10n("{person} handleder {company} och är också dess revisor", "{person} supervises {company} and is also its auditor"),
    L10n("Utse en annan revisor; handledare och revisor ska vara olika personer.", "Appoint another auditor; supervisor and auditor must be different people."),
    _W,
)
AUDITOR_FROM_OWN_COMPANY = Kind(
    "cohort-auditor-own-company",
    L10n("Revisorn kommer från företaget", "Auditor comes from the company"),
    L10n("{person} arbetar på {company} och kan inte revidera det", "{person} works at {company} and cannot audit it"),
    L10n("Utse en revisor från ett annat ASF.", "Appoint an auditor from another ASF."),
    _W,
)
SUBMISSION_LATE = Kind(
    "cohort-submission-late",
    L10n("Inlämningen är försenad", "Submission late"),
    L10n("{company} har inte lämnat in; sista dag var {deadline}", "{company} has not handed in; the deadline was {deadline}"),
    L10n("Kontakta företaget och skriv in `submitted:` när det har lämnat in.", "Contact the company and record `submitted:` when it has handed in."),
    _W,
)
SUBMITTED_AFTER_DEADLINE = Kind(
    "cohort-submitted-after-deadline",
    L10n("Inlämnat efter sista dag", "Handed in after the deadline"),
    L10n("{company} lämnade in {submitted}, efter sista dag {deadline}", "{company} handed in on {submitted}, after the deadline {deadline}"),
    L10n("Inget att rätta: det noteras i rapporten. Kom överens med företaget om revisionen behöver flyttas.",
         "Nothing to correct: it is noted in the report. Agree with the company whether the audit needs to move."),
    _W,
)
UNKNOWN_PERSON = Kind(
    "cohort-unknown-person",
    L10n("Okänd person", "Unknown person"),
    L10n("{person} står inte under `people` med rollen {role}", "{person} is not listed under `people` with the role {role}"),
    L10n("Lägg till personen under `people` med rätt roll.", "Add the person under `people` with the right role."),
    _W,
)
COMPANY_FOLDER_MISSING = Kind(
    "cohort-company-folder-missing",
    L10n("Företagets mapp saknas", "Company folder missing"),
    L10n("{company} finns i cohort.yaml men har ingen mapp med company.yaml", "{company} is in cohort.yaml but has no folder with company.yaml"),
    L10n("Skapa kitet med `asfcert new`, eller markera företaget som `withdrawn` med en `reason`.", "Create the kit with `asfcert new`, or mark the company `withdrawn` with a `reason`."),
    _W,
)
COMPANY_WITHOUT_GROUP = Kind(
    "cohort-company-without-group",
    L10n("Företaget saknar handledare", "Company has no supervisor"),
    L10n("{company} ingår inte i någon grupp under `groups`", "{company} is not in any group under `groups`"),
    L10n("Lägg till företaget i en handledares grupp.", "Add the company to a supervisor's group."),
    _W,
)
COMPANY_INPUT_ERROR = Kind(
    "cohort-company-input-error",
    L10n("Företagets filer går inte att använda", "The company's files cannot be used"),
    L10n("{company}: {file} går inte att använda ({code}: {problem}){more}", "{company}: {file} cannot be used ({code}: {problem}){more}"),
    L10n("Kör `asfcert check` på företagets mapp för alla fel med rad och åtgärd.", "Run `asfcert check` on the company folder for every error with its line and how to fix it."),
    _W,
)
COMPANY_RECORD_UNREADABLE = Kind(
    "cohort-company-record-unreadable",
    L10n("Revisionsprotokoll eller certifikat kan inte läsas", "Audit record or certificate cannot be read"),
    L10n(
        "{company}: {file} kan inte läsas, så beslut och certifikat i den räknas inte ({problem})",
        "{company}: {file} cannot be read, so the decision or certificate in it does not count ({problem})",
    ),
    L10n("Kör `asfcert audit` på företagets mapp för alla fel i filen.", "Run `asfcert audit` on the company folder for every problem in the file."),
    _W,
)


@dataclass
class CompanyRef:
    folder: str  # the folder name, the company's key in cohort.yaml
    path: Path
    exists: bool  # the folder has a company.yaml
    entry: object | None = None  # model.cohort.CompanyEntry


@dataclass
class LoadedCohort:
    path: Path  # the cohort folder
    cohort: object | None  # model.cohort.Cohort, None when cohort.yaml is unusable
    findings: list[Finding] = field(default_factory=list)
    companies: list[CompanyRef] = field(default_factory=list)
    doc: object | None = None  # the parsed cohort.yaml, for locating warnings
    shown: str = COHORT_FILE  # the file as messages name it

    @property
    def usable(self) -> bool:
        return self.cohort is not None and not any(f.severity == Severity.ERROR for f in self.findings)

    def required(self) -> LoadedCohort:
        """The cohort, or an abort with every located problem in the file (exit code 2)."""
        if not self.usable:
            raise unusable(COHORT_FILE_UNUSABLE, self.shown, self.findings)
        return self


def find_cohorts(path: Path) -> list[Path]:
    """The cohort folders at `path`: itself if it holds cohort.yaml, else its subfolders
    that do (a registry). Aborts when there are none."""
    if not path.is_dir():
        raise Abort(COHORT_NOT_A_FOLDER, location=Location(str(path)), path=str(path))
    if (path / COHORT_FILE).exists():
        return [path]
    found = sorted(p for p in path.iterdir() if p.is_dir() and (p / COHORT_FILE).exists())
    if not found:
        raise Abort(NO_COHORTS, location=Location(str(path)), path=str(path))
    return found


def for_company(company_root: Path, explicit: Path | None) -> Path | None:
    """The cohort file of a company: `explicit` (--cohort FILE), else cohort.yaml in the
    folder that holds the company folder, else None."""
    if explicit is not None:
        if not explicit.is_file():
            raise Abort(COHORT_FILE_MISSING, location=Location(str(explicit)), file=str(explicit))
        return explicit
    candidate = company_root.parent / COHORT_FILE
    # anything there (a folder, a link that loops) is the cohort file, and the loader says what is wrong
    return candidate if os.path.lexists(candidate) else None


def read(path: Path, shown: str, *, within: Path | None, cache=None) -> LoadedCohort:
    """The one loader of a cohort file: the cohort, or None and the located problems.
    `within`: the folder the file must be in (after following links). With a cache
    (io.cache.Cache), what the file's bytes gave is kept: the cohort, its problems and its
    parse come back without parsing or validating again (no validator built)."""
    import hashlib

    from asfcert.formats.cohort import Cohort
    from asfcert.io.cache import key
    from asfcert.io.yamlfile import YamlProblem, parse, read_bytes

    try:
        raw = read_bytes(path, shown, within=within)
        digest = key(KEPT, _KEPT_VERSION, shown, hashlib.sha256(raw).hexdigest()) if cache and cache.enabled else None
        kept = cache.get_kept(KEPT, digest, _KEPTS) if digest else None
        if _fits(kept, Cohort):
            cohort, findings, doc = kept
        else:
            from asfcert.io.schema_errors import validate

            doc = parse(raw, shown)
            cohort, findings = validate(Cohort, doc)
            if digest:
                cache.put_kept(KEPT, digest, (cohort, list(findings), doc))
    except YamlProblem as p:
        return LoadedCohort(path.parent, None, [p.finding], shown=shown)
    return LoadedCohort(path.parent, cohort, list(findings), doc=doc, shown=shown)


KEPT = "cohort-file"  # cache namespace: what a cohort file's bytes gave
_KEPT_VERSION = 1  # bump when what is kept changes in a way the tool fingerprint cannot see
_KEPTS = models_of(("asfcert.formats.cohort",), PLAIN | {
    ("asfcert.io.yamlfile", "YamlDoc"), ("asfcert.base.findings", "Finding"), ("asfcert.base.findings", "Location"),
    ("asfcert.base.findings", "Severity"), ("asfcert.base.findings", "Effect"), ("asfcert.base.i18n", "L10n"),
})  # what a kept cohort file may hold: the cohort's models, its problems and the parse's plain values


def _fits(kept, Cohort) -> bool:
    from asfcert.io.yamlfile import YamlDoc

    if type(kept) is not tuple or len(kept) != 3:
        return False
    cohort, findings, doc = kept
    return (
        type(doc) is YamlDoc and type(findings) is list and all(type(f) is Finding for f in findings)
        and (cohort is None or type(cohort) is Cohort)
    )


def load_cohort(folder: Path, today: dt.date, cache=None) -> LoadedCohort:
    """A cohort folder: its cohort.yaml and the company folders it names or holds."""
    loaded = read(folder / COHORT_FILE, f"{folder.name}/{COHORT_FILE}", within=folder, cache=cache)
    if loaded.cohort is None:
        return loaded
    cohort = loaded.cohort
    present = set()  # the company folders it holds: strings, not pathlib (a registry holds a thousand)
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir and _exists(os.path.join(entry.path, COMPANY_FILE)):
                present.add(entry.name)
    names = set(cohort.companies) | {c for g in cohort.groups for c in g.companies} | present
    for name in sorted(names):
        path = folder / name
        exists = name in present or (path / COMPANY_FILE).exists()
        loaded.companies.append(CompanyRef(name, path, exists, cohort.companies.get(name)))
    return loaded


def _exists(path: str) -> bool:
    """Path.exists on a string: False when the file is not there, and the error raised when
    it cannot be told."""
    try:
        os.stat(path)
    except OSError as e:
        if e.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return False
        raise
    except ValueError:
        return False
    return True


def warnings(loaded: LoadedCohort, today: dt.date, org_numbers: dict[str, str], states: dict[str, str]) -> list[Finding]:
    """The coordinator's warnings; `org_numbers` maps company folder to its (normalised)
    organisation number, from the checks, and `states` to its lifecycle state."""
    from asfcert.base.orgnr import normalise

    cohort, doc, companies = loaded.cohort, loaded.doc, loaded.companies
    out: list[Finding] = []
    for i, group in enumerate(cohort.groups):
        if len(group.companies) > MAX_GROUP:
            out.append(GROUP_TOO_LARGE(location=doc.where(("groups", i, "companies")), supervisor=group.supervisor, count=len(group.companies), max=MAX_GROUP))
        person = cohort.person(group.supervisor)
        if person is None or "supervisor" not in person.roles:
            out.append(UNKNOWN_PERSON(location=doc.where(("groups", i, "supervisor")), person=group.supervisor, role="supervisor"))
    for name, entry in cohort.companies.items():
        if entry is None:
            continue
        if entry.auditor:
            path = ("companies", name, "auditor")
            person = cohort.person(entry.auditor)
            if person is None or "auditor" not in person.roles:
                out.append(UNKNOWN_PERSON(location=doc.where(path), person=entry.auditor, role="auditor"))
            if (cohort.supervisor_of(name) or "").casefold() == entry.auditor.casefold():
                out.append(SUPERVISOR_AUDITS_OWN_GROUP(location=doc.where(path), person=entry.auditor, company=name))
            home = person.home_company if person else None
            if home and (home == name or normalise(home) == org_numbers.get(name)):
                out.append(AUDITOR_FROM_OWN_COMPANY(location=doc.where(path), person=entry.auditor, company=name))
        deadline = cohort.dates.submission_deadline
        if entry.submitted and entry.submitted > deadline:
            out.append(SUBMITTED_AFTER_DEADLINE(location=doc.where(("companies", name, "submitted")), company=name, submitted=entry.submitted.isoformat(), deadline=deadline.isoformat()))
    deadline = cohort.dates.submission_deadline
    grouped = {c for g in cohort.groups for c in g.companies}
    for ref in companies:
        entry = ref.entry
        state = entry.state if entry else None
        if state == "withdrawn":
            continue
        if not ref.exists and state not in ("applied", "admitted"):
            out.append(COMPANY_FOLDER_MISSING(location=_company_location(doc, ref.folder), company=ref.folder))
        if ref.folder not in grouped:
            out.append(COMPANY_WITHOUT_GROUP(location=_company_location(doc, ref.folder), company=ref.folder))
        if today > deadline and states.get(ref.folder) in ("admitted", "in-progress"):
            out.append(SUBMISSION_LATE(location=_company_location(doc, ref.folder), company=ref.folder, deadline=deadline.isoformat()))
    return out


def _company_location(doc, name: str) -> Location:
    if ("companies", name) in doc.keys:
        return doc.where(("companies", name), key=True)
    return doc.where(("groups",), key=True) if ("groups",) in doc.keys else Location(doc.file)


KINDS = made_by(
    "cohort",
    COHORT_FILE_UNUSABLE,
    COHORT_FILE_MISSING,
    COHORT_NOT_A_FOLDER,
    NO_COHORTS,
    GROUP_TOO_LARGE,
    SUPERVISOR_AUDITS_OWN_GROUP,
    AUDITOR_FROM_OWN_COMPANY,
    SUBMISSION_LATE,
    SUBMITTED_AFTER_DEADLINE,
    UNKNOWN_PERSON,
    COMPANY_FOLDER_MISSING,
    COMPANY_WITHOUT_GROUP,
    COMPANY_INPUT_ERROR,
    COMPANY_RECORD_UNREADABLE,
)

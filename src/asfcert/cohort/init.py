"""`asfcert cohort init DIR --term TERM`: start a cohort file, so nobody writes cohort.yaml
from nothing. With `--renewals-from REGISTRY` the cohort holds the companies whose
certificates come due for renewal within the standard's window, each marked with the
certificate it renews. The file is created once (never replaced) and read back through the
cohort loader before it is written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.dates import add_days, add_months
from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import COHORT_FILE, COMPANY_FILE

TERM_INVALID = Kind(
    "cohort-term-invalid",
    L10n("Terminen går inte att använda", "The term cannot be used"),
    L10n("`{term}` är ingen termin", "`{term}` is not a term"),
    L10n("Skriv VT eller HT och året, till exempel --term VT2027.", "Write VT (spring) or HT (autumn) and the year, for example --term VT2027."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)
COHORT_EXISTS = Kind(
    "cohort-file-exists",
    L10n("Omgångsfilen finns redan", "The cohort file exists already"),
    L10n("{file} finns redan; asfcert ersätter den inte", "{file} exists already; asfcert does not replace it"),
    L10n("Ändra den befintliga filen, eller starta omgången i en ny mapp.", "Edit the existing file, or start the cohort in a new folder."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)

_TERM = re.compile(r"^(VT|HT)(\d{4})$")
_HEADER = (
    "# The cohort file, started by `asfcert cohort init`. Fill in the people, the groups and each\n"
    "# company's auditor; every field is described in docs/reference/cohort-yaml.md.\n"
)
# SKOOPI's model (docs/cohort.md): 50–100 hours per ASF, 6 hours of group and 1 of individual supervision
DEFAULT_TARGETS = {"hours_min": 50, "hours_max": 100, "group_supervision_hours": 6, "individual_supervision_hours": 1}


@dataclass
class InitResult:
    path: Path
    term: str
    companies: list[str] = field(default_factory=list)  # the company folders listed
    renewals: list[dict] = field(default_factory=list)  # folder, name, renews, valid_until, from
    exit_code: int = 0

    def to_dict(self) -> dict:
        return {"format": "asfcert-cohort-init/1", "file": str(self.path), "term": self.term,
                "companies": self.companies, "renewals": self.renewals, "exit_code": self.exit_code}


def default_start(term: str) -> dt.date:
    """The first Monday on or after 20 January (VT) or 20 August (HT)."""
    season, year = _TERM.match(term).groups()
    day = dt.date(int(year), 1 if season == "VT" else 8, 20)
    return add_days(day, (7 - day.weekday()) % 7)


def init(folder: Path, term: str, *, name: str | None = None, start: dt.date | None = None,
         renewals_from: Path | None = None, today: dt.date | None = None, standard: Path | None = None) -> InitResult:
    from asfcert.io import outdir

    if not _TERM.match(term or "") or int(term[2:]) < 1900:
        raise Abort(TERM_INVALID, location=Location("--term"), term=term)
    today = today or dt.date.today()
    outdir.check(folder)  # never inside a company folder
    target = folder / COHORT_FILE
    if target.exists() or target.is_symlink():
        raise Abort(COHORT_EXISTS, location=Location(str(target)), file=str(target))
    start = start or default_start(term)
    renewals = due_for_renewal(renewals_from, today, standard) if renewals_from is not None else []
    present = sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / COMPANY_FILE).exists()) if folder.is_dir() else []
    text = cohort_text(term, name, start, present, renewals)
    _read_back(text, f"{folder.name}/{COHORT_FILE}")
    from asfcert.io import atomic

    outdir.create(folder)
    if not atomic.create_exclusive(target, text.encode("utf-8")):  # another run was first
        raise Abort(COHORT_EXISTS, location=Location(str(target)), file=str(target))
    listed = sorted(set(present) | {r["folder"] for r in renewals})
    return InitResult(target, term, listed, renewals)


def due_for_renewal(registry_dir: Path, today: dt.date, standard: Path | None) -> list[dict]:
    """The certificates of the registry that are valid on `today` and end within the
    standard's renewal window, newest per company, as cohort entries."""
    from asfcert.base.resources import default_standard
    from asfcert.base.text import slugify, sort_key
    from asfcert.records.certificates import state
    from asfcert.records.registry import find, records
    from asfcert.rules.org_number import normalise
    from asfcert.standard.load import load_standard

    policy = load_standard(standard or default_standard())[0].policy
    reg = find(None, registry_dir)
    last = add_months(today, policy.renewal_window_months)
    newest: dict[str, object] = {}
    for rec in records(reg):
        if state(rec, today) != "valid" or rec.superseded_by or rec.valid_until > last:
            continue
        org = normalise(rec.company.org_number)
        if org not in newest or (rec.effective, rec.number) > (newest[org].effective, newest[org].number):
            newest[org] = rec
    out, taken = [], set()
    for rec in sorted(newest.values(), key=lambda r: sort_key(r.company.name)):
        base = Path(rec.company.folder).name if rec.company.folder else slugify(rec.company.name) or "foretag"
        folder, n = base, 2
        while folder in taken:  # two companies with the same folder name in different cohorts
            folder, n = f"{base}-{n}", n + 1
        taken.add(folder)
        out.append({"folder": folder, "name": rec.company.name, "renews": rec.number,
                    "valid_until": rec.valid_until.isoformat(), "from": rec.company.folder})
    return out


def cohort_text(term: str, name: str | None, start: dt.date, present: list[str], renewals: list[dict]) -> str:
    from ruamel.yaml.comments import CommentedMap

    from asfcert.io import yamlwrite

    season = "våren" if term.startswith("VT") else "hösten"
    deadline = add_days(add_months(start, 4), -1)
    data = CommentedMap()
    data["name"] = name or (f"Omcertifiering {season} {term[2:]}" if renewals else f"Certifiering {season} {term[2:]}")
    data["term"] = term
    data["certifier"] = "SKOOPI"
    data["dates"] = CommentedMap(start=start, submission_deadline=deadline)
    data["dates"].yaml_add_eol_comment("at most 4 months after the start", "submission_deadline")
    data["fee_sek"] = None
    data.yaml_add_eol_comment("the fee per company, e.g. 6000", "fee_sek")
    companies = CommentedMap()
    for folder in present:
        companies[folder] = None
    for r in renewals:
        entry = CommentedMap(name=r["name"], state="admitted", renews=r["renews"])
        entry.yaml_add_eol_comment(f"valid until {r['valid_until']}; its folder: {r['from'] or '?'}", "renews")
        companies[r["folder"]] = entry
    data["targets"] = CommentedMap(started=len(companies) or None, certified=len(companies) or None, **DEFAULT_TARGETS)
    data["people"] = []
    data.yaml_add_eol_comment("supervisors, auditors, coordinators: name, roles, home_company", "people")
    data["groups"] = []
    data.yaml_add_eol_comment("per supervisor: supervisor, companies (4–5 folders)", "groups")
    data["companies"] = companies
    return yamlwrite.dump(yamlwrite.round_trip(), data, _HEADER)


def _read_back(text: str, shown: str) -> None:
    from asfcert.formats.cohort import Cohort
    from asfcert.records.cohort_file import COHORT_FILE_UNUSABLE
    from asfcert.records.files import checked_text

    checked_text(text, shown, Cohort, COHORT_FILE_UNUSABLE)


KINDS = made_by("cohort-init", TERM_INVALID, COHORT_EXISTS)

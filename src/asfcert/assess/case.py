"""A company's case as `audit` and `certify` read it, loaded once per command: the folder,
the standard, the audit record, the check result and the company profile, each parsed
once. `read` reads what decides how to check (the record holds the decision date);
`assess` runs the check once and refuses input that cannot be used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Severity, made_by
from asfcert.base.i18n import L10n

CASE_INPUT_ERRORS = Kind(
    "case-input-errors",
    L10n("Företagets filer har fel i indata", "The company's files have input errors"),
    L10n("Företagets filer har fel i indata, så revisionen kan inte göras", "The company's files have input errors, so the audit cannot be done"),
    L10n("Företaget rättar felen; se `asfcert check {path}`.", "The company corrects them; see `asfcert check {path}`."),
    Severity.ERROR,
    effect=Effect.ABORTS,
)


@dataclass
class Case:
    path: Path  # the folder as the user gave it
    folder: object  # CompanyFolder
    today: dt.date
    standard_path: Path | None
    use_cache: bool
    standard: object
    digest: str  # SHA-256 of the standard file
    record: object | None  # records.audit_record.Record, as read (see `assess` for its problems)
    check: object | None = None  # CheckResult, after `assess`
    company: object | None = None  # model.company.Company
    company_doc: object | None = None  # its parsed company.yaml, for locating findings

    @property
    def root(self) -> Path:
        return self.folder.root

    @property
    def cache(self):
        from asfcert.io.cache import Cache

        return Cache(self.use_cache)

    @property
    def decision(self):
        """The recorded decision, if the record has one (and can be read)."""
        return self.record.decision if self.record is not None else None

    def forget_record(self) -> None:
        """After the record is archived (a new audit): no record, and no change findings
        against its snapshot in the check."""
        from asfcert.records import snapshot

        self.record = None
        if self.check is not None:
            self.check.findings = [f for f in self.check.findings if not snapshot.is_change(f) and f.code != snapshot.RECORD_UNREADABLE.code]


def read(path: Path, standard_path: Path | None, today: dt.date, use_cache: bool) -> Case:
    """The folder, the standard and the audit record as it is on disk (valid or not)."""
    from asfcert.assess.checker import open_folder
    from asfcert.company.folder import CompanyFolder
    from asfcert.io.cache import Cache
    from asfcert.records import audit_record
    from asfcert.standard.load import load_standard

    open_folder(path)
    folder = CompanyFolder(path)
    cache = Cache(use_cache)
    standard, digest = load_standard(standard_path, cache)
    return Case(path, folder, today, standard_path, use_cache, standard, digest, audit_record.read(folder.root, cache, round_trip=True))


def assess(case: Case, as_of: dt.date | None = None) -> Case:
    """Run the check once, as of `as_of` (default: today), and load the company profile.
    Refuses a folder whose files have input errors, then a record that cannot be used.

    A decided case is checked as of its decision date, so date-dependent rules (an annual
    report's age) do not make an old decision look stale; files changed since the audit
    snapshot are the same at any date."""
    from asfcert.assess.checker import CheckOptions, check
    from asfcert.base.layout import COMPANY_FILE
    from asfcert.formats.company import Company
    from asfcert.io.cache import Cache
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import load

    result = check(case.path, CheckOptions(standard=case.standard_path, today=as_of or case.today, use_cache=case.use_cache))
    if not result.usable:
        raise Abort(CASE_INPUT_ERRORS, findings=[f for f in result.sorted_findings() if f.severity == Severity.ERROR], path=str(case.path))
    if case.record is not None:
        case.record.required()
    # the check parsed company.yaml already: with the cache on, this is that parse
    doc = load(case.folder.company_file, COMPANY_FILE, within=case.root, cache=Cache(case.use_cache))
    case.check, case.company_doc = result, doc
    case.company, _ = validate(Company, doc)
    return case


def load(path: Path, standard_path: Path | None, today: dt.date, use_cache: bool, *, as_decided: bool = False) -> Case:
    """`read` and `assess`; with `as_decided`, a decided case is checked as of its decision date."""
    case = read(path, standard_path, today, use_cache)
    decided = case.decision if as_decided else None
    return assess(case, decided.date if decided is not None else today)


KINDS = made_by("case", CASE_INPUT_ERRORS)

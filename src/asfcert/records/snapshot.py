"""The submitted files at audit time, and what changed since.

The audit record keeps a snapshot of every submitted file (company.yaml, self-assessment/
and evidence/) with its size and SHA-256. `check` and `audit` compare the folder with it
and report added, removed and modified files as findings; `audit --decide` and `certify`
refuse while there are any (`is_change`). `since_audit` is the hook `checker.evaluate`
calls; it reads the record through its one loader (`audit_record.read`)."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from asfcert.base.findings import Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import AUDIT_RECORD
from asfcert.company.folder import ASSESSMENT_DIR, COMPANY_FILE, CompanyFolder

CHANGE_TAG = "evidence-change"  # a submitted file changed after the audit snapshot

_REVIEW = L10n(
    "Revisorn granskar ändringen och tar en ny ögonblicksbild med `asfcert audit MAPP --refresh-evidence`.",
    "The auditor reviews the change and takes a new snapshot with `asfcert audit DIR --refresh-evidence`.",
)
FILE_ADDED = Kind(
    "file-added-since-audit",
    L10n("Fil tillagd efter revisionen", "File added after the audit"),
    L10n("{path} har lagts till efter revisionens ögonblicksbild {date}", "{path} was added after the audit snapshot of {date}"),
    _REVIEW,
    Severity.WARNING,
    tags={CHANGE_TAG},
)
FILE_REMOVED = Kind(
    "file-removed-since-audit",
    L10n("Fil borttagen efter revisionen", "File removed after the audit"),
    L10n("{path} fanns vid revisionen {date} men finns inte längre", "{path} was there at the audit of {date} but is gone"),
    _REVIEW,
    Severity.WARNING,
    tags={CHANGE_TAG},
)
FILE_CHANGED = Kind(
    "file-changed-since-audit",
    L10n("Fil ändrad efter revisionen", "File changed after the audit"),
    L10n(
        "{path} har ändrats efter revisionen {date} (SHA-256 {before} → {after})",
        "{path} changed after the audit of {date} (SHA-256 {before} → {after})",
    ),
    _REVIEW,
    Severity.WARNING,
    tags={CHANGE_TAG},
)
RECORD_UNREADABLE = Kind(
    "audit-record-unreadable",
    L10n("Revisionsprotokollet kan inte läsas", "The audit record cannot be read"),
    L10n("audit/audit.yaml kan inte läsas, så ändringar efter revisionen kan inte visas: {problem}",
         "audit/audit.yaml cannot be read, so changes after the audit cannot be shown: {problem}"),
    L10n("Kör `asfcert audit MAPP` för att se alla fel i protokollet.", "Run `asfcert audit DIR` to see every problem in the record."),
    Severity.WARNING,
)
_CHANGES = frozenset(k.code for k in (FILE_ADDED, FILE_REMOVED, FILE_CHANGED) if CHANGE_TAG in k.tags)


def is_change(finding: Finding) -> bool:
    """Whether the finding reports a submitted file changed after the audit snapshot: the
    kinds tagged `evidence-change`. `audit --decide` and `certify` refuse while any is."""
    return finding.code in _CHANGES


@dataclass(frozen=True)
class FileState:
    path: str
    size: int
    sha256: str
    kind: str | None = None
    pages: int | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


def submitted(folder: CompanyFolder, manifest) -> list[FileState]:
    """Every submitted file: company.yaml, everything under self-assessment/, and the
    evidence manifest. The audit's own outputs (audit/, certificate/) are not included."""
    import os

    out: list[FileState] = []
    for rel in folder.files:
        if rel == COMPANY_FILE or rel.startswith(ASSESSMENT_DIR + "/"):
            try:
                size = os.lstat(folder.path_of(rel)).st_size
            except OSError:
                size = 0
            out.append(FileState(rel, size, folder.content_hash(rel), "profile" if rel == COMPANY_FILE else "self-assessment"))
    out += [FileState(e.path, e.size, e.sha256, e.kind, e.pages) for e in manifest]
    return out


@dataclass
class Changes:
    added: list[FileState]
    removed: list[FileState]
    changed: list[tuple[FileState, FileState]]  # (at the snapshot, now)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_dict(self) -> dict:
        return {
            "added": [f.path for f in self.added],
            "removed": [f.path for f in self.removed],
            "changed": [new.path for _, new in self.changed],
        }


def compare(before: list, now: list[FileState]) -> Changes:
    """Files by path and SHA-256. `before` holds anything with path, size and sha256."""
    old = {f.path: f for f in before}
    new = {f.path: f for f in now}
    return Changes(
        added=[new[p] for p in sorted(set(new) - set(old))],
        removed=[FileState(old[p].path, old[p].size, old[p].sha256) for p in sorted(set(old) - set(new))],
        changed=[
            (FileState(old[p].path, old[p].size, old[p].sha256), new[p])
            for p in sorted(set(old) & set(new))
            if old[p].sha256 != new[p].sha256
        ],
    )


def findings(changes: Changes, taken) -> list[Finding]:
    date = taken.isoformat()
    out = [FILE_ADDED(location=Location(f.path), path=f.path, date=date) for f in changes.added]
    out += [FILE_REMOVED(location=Location(f.path), path=f.path, date=date) for f in changes.removed]
    out += [
        FILE_CHANGED(location=Location(new.path), path=new.path, date=date, before=old.sha256[:12], after=new.sha256[:12])
        for old, new in changes.changed
    ]
    return out


def since_audit(folder: CompanyFolder, manifest, cache=None) -> list[Finding]:
    """The hook for `check`: what changed since the audit snapshot, if there is a record.
    With the check's `cache`, a parse of the same record bytes is reused. A folder with no
    record (before its audit) does not import the record's module and its writers."""
    if not os.path.lexists(folder.root / AUDIT_RECORD):  # a link that loops or dangles is read, and reported
        return []
    from asfcert.records import audit_record

    record = audit_record.read(folder.root, cache)
    if record is None:
        return []
    snapshot, problem = _snapshot_of(record)
    if snapshot is None:
        return [problem] if problem else []
    return findings(compare(snapshot.files, submitted(folder, manifest)), snapshot.taken)


def _snapshot_of(record):
    """Only the snapshot part of the record: `check` must not fail on the auditor's edits
    elsewhere in it (those are `audit`'s business)."""
    if record.model is not None:
        return record.model.snapshot, None
    if record.doc is None:
        return None, _unreadable(record.problems[0])
    from pydantic import BaseModel, ConfigDict

    from asfcert.formats.audit import Snapshot
    from asfcert.io.schema_errors import validate

    class SnapshotOnly(BaseModel):
        model_config = ConfigDict(extra="ignore")
        snapshot: Snapshot

    model, problems = validate(SnapshotOnly, record.doc)
    if model is None:
        return None, _unreadable(problems[0]) if problems else None
    return model.snapshot, None


def _unreadable(f: Finding) -> Finding:
    return RECORD_UNREADABLE(location=f.location, problem=f.message)


KINDS = made_by("snapshot", FILE_ADDED, FILE_REMOVED, FILE_CHANGED, RECORD_UNREADABLE)

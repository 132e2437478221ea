"""What the certificate records say, and the company's copies of them: a certificate's
validity and status on a date, the verification code, the public view of a record, and
the company folder's `certificate/` (the copy of the record, the PDF and the stamps)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path

from asfcert.base.errors import UserError
from asfcert.base.layout import CERTIFICATE_DIR
from asfcert.io import atomic


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def last_valid_day(effective: dt.date, validity_years: int) -> dt.date:
    """A certificate is valid from its decision date for the standard's
    `policy.certificate_validity_years`: until that date that many years later, minus a day."""
    from asfcert.base.dates import add_months

    return add_months(effective, 12 * validity_years) - dt.timedelta(days=1)


def verification_code(certifier: str, number: str, org_number: str, effective, valid_until) -> str:
    """A short code printed on the certificate: a checksum of what it states (not a
    secret). `verify NUMBER --code CODE` compares it with the registry's record."""
    from asfcert.rules.org_number import normalise

    text = f"{certifier}|{number}|{normalise(org_number)}|{effective.isoformat()}|{valid_until.isoformat()}"
    code = base64.b32encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()[:10]
    return f"{code[:5]}-{code[5:]}"


def public(record) -> dict:
    """The record as JSON for output: the organisation number masked when it is a
    personal identity number (a sole trader), the snapshot left out."""
    from asfcert.rules.org_number import masked

    data = record.model_dump(mode="json", exclude={"snapshot"})
    data["company"]["org_number"] = masked(record.company.org_number)
    return data


def state(rec, today: dt.date) -> str:
    """valid | expired | suspended | withdrawn, as of `today`. `rec` is the record as it
    stood that day (`as_on`)."""
    if rec.status in ("withdrawn", "suspended"):
        return rec.status
    ended = rec.superseded_on is not None and rec.superseded_on <= today
    return "expired" if ended or today > rec.valid_until else "valid"


_STATUS_AFTER = {"suspended": "suspended", "reinstated": "valid", "withdrawn": "withdrawn"}


def as_on(rec, day: dt.date):
    """The record as it stood at the end of `day`, or None when it was not yet issued then.
    Every dated event is applied only if it happened on or before `day`: a suspension,
    reinstatement or withdrawal (the status), a closed remark, the re-certification that
    superseded it. A record whose status changed with no dated event (written by hand)
    keeps its status: there is no day to undo it from."""
    if rec.issued > day:
        return None
    events = [e for e in rec.events if e.date <= day]
    status = rec.status
    if any(e.action in _STATUS_AFTER for e in rec.events):
        status = "valid"
        for e in events:
            status = _STATUS_AFTER.get(e.action, status)
    superseded = next((e for e in rec.events if e.action == "superseded"), None)
    replaced = rec.superseded_by is not None and (superseded.date <= day if superseded else rec.superseded_on <= day)
    remarks = [r if r.closed is None or r.closed <= day else r.model_copy(update={"closed": None, "closed_reason": None}) for r in rec.remarks]
    return rec.model_copy(update={
        "status": status, "events": events, "remarks": remarks,
        "superseded_by": rec.superseded_by if replaced else None, "superseded_on": rec.superseded_on if replaced else None,
    })


def open_remarks(rec) -> list:
    return [r for r in rec.remarks if r.closed is None]


def outcome_on(rec) -> str:
    """The outcome the certificate stands for now: with remarks only while one is open.
    Closing the last remark makes it `certified`, in the list as in the cohort report."""
    if rec.decision.outcome == "certified-with-remarks" and not open_remarks(rec):
        return "certified"
    return rec.decision.outcome


# ---- the company folder's certificate/ ----------------------------------------------


def company_folder(root: Path) -> Path:
    return Path(root) / CERTIFICATE_DIR


def company_files(root: Path, number: str, lang: str) -> dict[str, Path]:
    """Where a certificate's files go in the company folder, by role."""
    folder = company_folder(root)
    return {
        "pdf": folder / f"{number}-{lang}.pdf",
        "svg": folder / f"stamp-{number}-{lang}.svg",
        "png": folder / f"stamp-{number}-{lang}.png",
    }


def copy_path(root: Path, number: str) -> Path:
    return company_folder(root) / f"{number}.yaml"


def copies(root: Path) -> list:
    """The copies of certificate records in the company folder (validated; an abort when
    one is broken)."""
    from asfcert.company.folder import listed
    from asfcert.records.registry import load_record

    folder = company_folder(root)
    names = listed(folder)  # a cohort run's walk of the company folder listed it
    if names is None:
        if not folder.is_dir():
            return []
        names = [p.name for p in folder.glob("*.yaml")]
    paths = sorted(folder / name for name in names if name.endswith(".yaml") and not name.startswith("."))
    return [load_record(p, f"{CERTIFICATE_DIR}/{p.name}") for p in paths]


def newest_copy(root: Path):
    """The newest certificate record copied into the company folder, if any."""
    return max(copies(root), key=lambda r: (r.effective, r.number), default=None)


def copy_of(text: str) -> str:
    """The company's copy of a record's text (see `registry.checked_dump`): the same record
    under another header."""
    return text.replace(
        "# Certificate record written by `asfcert certify`.",
        "# A copy of the registry's certificate record; the registry's copy is authoritative.", 1,
    )


def copy_text(record) -> str:
    from asfcert.records.registry import checked_dump

    return copy_of(checked_dump(record))


def save_copy(root: Path, text: str, number: str) -> Path:
    path = copy_path(root, number)
    atomic.write_text(path, text)
    return path


def save_file(path: Path, data: bytes) -> None:
    """A certificate's PDF or stamp, in the company folder or the registry."""
    atomic.write_bytes(path, data)


def remove_files(paths) -> None:
    """Files of a certificate that was never issued (a rolled-back issue)."""
    for path in paths:
        atomic.remove(path)


def refresh_copy(registry, record) -> None:
    """Update the copy in the company folder after a status change, when it is reachable."""
    if not record.company.folder:
        return
    root = registry.root / record.company.folder
    if company_folder(root).is_dir():
        save_copy(root, copy_text(record), record.number)


def company_records(folder: Path, today: dt.date, cache=None) -> dict:
    """What the audit record and the newest certificate copy in the company folder say:
    decision, decision_date, certificate, certificate_status, valid_until, open_remarks.
    Unreadable or missing files give empty values and their first problem under `problems`;
    never raises for a company's files."""
    from asfcert.records import audit_record

    out = {"decision": None, "decision_date": None, "certificate": None, "certificate_status": None,
           "valid_until": None, "open_remarks": [], "problems": []}
    record = audit_record.read(Path(folder), cache)
    if record is not None and record.model is None:  # reported with the cohort's warnings, by its first located problem
        out["problems"] += [f.to_dict() for f in record.problems[:1]]
    if record is not None and record.decision is not None and record.decision.date <= today:  # not decided yet on `today`
        d = record.decision
        out.update(decision=d.outcome, decision_date=d.date.isoformat())
    try:
        dated = [r for r in (as_on(c, today) for c in copies(Path(folder))) if r is not None]
        cert = max(dated, key=lambda r: (r.effective, r.number), default=None)  # the newest issued by `today`
    except UserError as err:
        cert = None
        out["problems"] += [f.to_dict() for f in err.findings[:1]]
    if cert is not None:
        out.update(certificate=cert.number, certificate_status=state(cert, today), valid_until=cert.valid_until.isoformat())
        out["open_remarks"] = [
            {"requirement": r.requirement, "text": r.title_sv or "", "deadline": r.deadline.isoformat()}
            for r in cert.remarks
            if r.closed is None
        ]
    return out

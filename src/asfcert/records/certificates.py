"""What the certificate records say: a certificate's status on a date, what one company's
folder records, the verification code and the public view of a record."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from pathlib import Path

from asfcert.base.errors import UserError


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()



def verification_code(certifier: str, number: str, org_number: str, effective, valid_until) -> str:
    """A short code printed on the certificate: a checksum of what it states (not a
    secret). `verify NUMBER --code CODE` compares it with the registry's record."""
    digits = re.sub(r"\D", "", org_number)
    text = f"{certifier}|{number}|{digits}|{effective.isoformat()}|{valid_until.isoformat()}"
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
    """valid | expired | suspended | withdrawn, as of `today`."""
    if rec.status in ("withdrawn", "suspended"):
        return rec.status
    ended = rec.superseded_on is not None and rec.superseded_on <= today
    return "expired" if ended or today > rec.valid_until else "valid"


def company_records(folder: Path, today: dt.date) -> dict:
    """What the audit record and the newest certificate copy in the company folder say:
    decision, decision_date, certificate, certificate_status, valid_until, open_remarks.
    Unreadable or missing files give empty values and their first problem under `problems`;
    never raises for a company's files."""
    from asfcert.records import audit_record as record
    from asfcert.records import history

    out = {"decision": None, "decision_date": None, "certificate": None, "certificate_status": None,
           "valid_until": None, "open_remarks": [], "problems": []}
    try:
        loaded = record.load(Path(folder))
    except UserError as err:  # reported with the cohort's warnings, by its first located problem
        loaded = None
        out["problems"] += [f.to_dict() for f in err.findings[:1]]
    if loaded is not None and loaded.model.decision is not None:
        d = loaded.model.decision
        out.update(decision=d.outcome, decision_date=d.date.isoformat())
    try:
        cert = history.previous_in_folder(Path(folder))
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

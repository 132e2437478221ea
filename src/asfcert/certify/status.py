"""Suspend, reinstate or withdraw a certificate, with a reason.

    valid ──suspend──▶ suspended ──reinstate──▶ valid
    valid / suspended ──withdraw──▶ withdrawn (final)

The registry's record is changed under its lock; every change is appended to `events`.
The copy in the company folder is updated when the folder is reachable. Also: what the
records say about one company (`company_records`), for the cohort reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from asfcert.base.errors import UserError
from asfcert.base.i18n import L10n
from asfcert.certify import documents
from asfcert.records import certificates, registry

_TRANSITIONS = {"suspend": ({"valid"}, "suspended"), "reinstate": ({"suspended"}, "valid"), "withdraw": ({"valid", "suspended"}, "withdrawn")}
_EVENT = {"suspend": "suspended", "reinstate": "reinstated", "withdraw": "withdrawn"}


@dataclass
class StatusResult:
    record: object
    action: str
    reason: str
    exit_code = 0

    def to_dict(self) -> dict:
        return {"format": "asfcert-status-result/1", "action": self.action, "reason": self.reason,
                "certificate": certificates.public(self.record)}


def change(number: str, action: str, reason: str, *, registry_dir: Path | None = None, today: dt.date | None = None) -> StatusResult:
    from asfcert.formats.certificate import Event

    today = today or dt.date.today()
    if not (reason or "").strip():
        raise UserError(L10n("Ett skäl behövs", "A reason is needed"), hint=L10n("Ange --reason \"…\".", "Give --reason \"…\"."))
    allowed, new_status = _TRANSITIONS[action]
    reg = registry.find(None, registry_dir)
    number = number.strip().upper()
    if registry.get(reg, number) is None:
        raise registry.unknown(number)

    def apply(rec):
        if rec.status not in allowed:
            raise UserError(
                L10n(f"{rec.number} är {_STATUS_SV[rec.status]}; det går inte att {_SV[action]}", f"{rec.number} is {rec.status}; it cannot be {_EVENT[action]}"),
                hint=L10n("Se `asfcert verify` för certifikatets status.", "See `asfcert verify` for the certificate's status."),
                exit_code=1,
            )
        event = Event(date=today, action=_EVENT[action], reason=reason.strip())
        return rec.model_copy(update={"status": new_status, "events": [*rec.events, event]})

    rec = registry.update(reg, number, apply)
    documents.refresh_copy(reg, rec)
    return StatusResult(rec, action, reason.strip())


def close_remark(number: str, requirement: str, reason: str, *, registry_dir: Path | None = None, today: dt.date | None = None) -> StatusResult:
    """Record that a pending remark has been fixed: the remark gets a `closed` date and the
    certificate an event. The issued PDF is not changed; it listed the remark as pending."""
    from asfcert.formats.certificate import Event

    today = today or dt.date.today()
    if not (reason or "").strip():
        raise UserError(L10n("Ett skäl behövs", "A reason is needed"), hint=L10n("Ange --reason \"…\".", "Give --reason \"…\"."))
    reg = registry.find(None, registry_dir)
    number = number.strip().upper()
    if registry.get(reg, number) is None:
        raise registry.unknown(number)

    def apply(rec):
        open_ids = [r.requirement for r in rec.remarks if r.closed is None]
        if requirement not in open_ids:
            listed = ", ".join(open_ids) or "–"
            raise UserError(
                L10n(f"{rec.number} har ingen öppen anmärkning på {requirement} (öppna: {listed})",
                     f"{rec.number} has no open remark on {requirement} (open: {listed})"),
                hint=L10n("Se `asfcert verify NUMMER` för certifikatets anmärkningar.", "See `asfcert verify NUMBER` for the certificate's remarks."),
                exit_code=1,
            )
        remarks = [r.model_copy(update={"closed": today, "closed_reason": reason.strip()}) if r.requirement == requirement else r for r in rec.remarks]
        event = Event(date=today, action="remark-closed", reason=f"{requirement}: {reason.strip()}")
        return rec.model_copy(update={"remarks": remarks, "events": [*rec.events, event]})

    rec = registry.update(reg, number, apply)
    documents.refresh_copy(reg, rec)
    return StatusResult(rec, "close-remark", reason.strip())


_SV = {"suspend": "dra in det tillfälligt", "reinstate": "återinföra det", "withdraw": "återkalla det"}
_STATUS_SV = {"valid": "giltigt", "suspended": "tillfälligt indraget", "withdrawn": "återkallat"}

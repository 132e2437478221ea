"""Suspend, reinstate or withdraw a certificate, with a reason.

    valid ──suspend──▶ suspended ──reinstate──▶ valid
    valid / suspended ──withdraw──▶ withdrawn (final)

The registry's record is changed under its lock; every change is appended to `events`.
The copy in the company folder is updated when the folder is reachable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.vocab import CertificateStatus, names
from asfcert.records import certificates, registry

_E = Severity.ERROR
REASON_MISSING = Kind(
    "certificate-reason-missing",
    L10n("Skäl saknas", "Reason missing"),
    L10n("Ett skäl behövs", "A reason is needed"),
    L10n("Ange --reason \"…\".", "Give --reason \"…\"."),
    _E,
    effect=Effect.ABORTS,
)
TRANSITION_REFUSED = Kind(
    "certificate-status-refused",
    L10n("Statusändringen går inte", "The status change is not possible"),
    L10n("{number} är {status}; det går inte att {action}", "{number} is {status}; it cannot be {action}"),
    L10n("Se `asfcert verify` för certifikatets status.", "See `asfcert verify` for the certificate's status."),
    _E,
    effect=Effect.ABORTS,
)
NO_OPEN_REMARK = Kind(
    "certificate-no-open-remark",
    L10n("Ingen öppen anmärkning", "No open remark"),
    L10n("{number} har ingen öppen anmärkning på {requirement} (öppna: {open})",
         "{number} has no open remark on {requirement} (open: {open})"),
    L10n("Se `asfcert verify NUMMER` för certifikatets anmärkningar.", "See `asfcert verify NUMBER` for the certificate's remarks."),
    _E,
    effect=Effect.ABORTS,
)

WITHDRAW_UNCONFIRMED = Kind(
    "certificate-withdraw-unconfirmed",
    L10n("Återkallelsen är inte bekräftad", "The withdrawal is not confirmed"),
    L10n("{number} återkallas bara efter en bekräftelse, och kommandot körs utan terminal att fråga i; inget har ändrats",
         "{number} is withdrawn only after a confirmation, and the command runs without a terminal to ask in; nothing was changed"),
    L10n("Kontrollera numret och lägg till --yes för att återkalla utan fråga.", "Check the number and add --yes to withdraw without being asked."),
    _E,
    effect=Effect.ABORTS,
)
WITHDRAW_CANCELLED = Kind(
    "certificate-withdraw-cancelled",
    L10n("Återkallelsen avbröts", "The withdrawal was cancelled"),
    L10n("{number} återkallades inte; inget har ändrats", "{number} was not withdrawn; nothing was changed"),
    L10n("Kör kommandot igen och svara ja för att återkalla.", "Run the command again and answer yes to withdraw."),
    _E,
    effect=Effect.ABORTS,
)

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


def change(number: str, action: str, reason: str, *, registry_dir: Path | None = None, today: dt.date | None = None,
           confirm=None) -> StatusResult:
    """`confirm(record) -> bool` is asked before a withdrawal, which cannot be undone (the
    command line shows the certificate and asks; `--yes` answers for the user). None: the
    caller has decided already."""
    from asfcert.formats.certificate import Event

    today = today or dt.date.today()
    if not (reason or "").strip():
        raise Abort(REASON_MISSING)
    allowed, new_status = _TRANSITIONS[action]
    reg = registry.find(None, registry_dir)
    number = number.strip().upper()
    current = registry.get(reg, number)
    if current is None:
        raise registry.unknown(reg, number)
    if confirm is not None and action == "withdraw" and current.status in allowed and not confirm(current):
        raise Abort(WITHDRAW_CANCELLED, exit_code=1, number=number)

    def apply(rec):
        if rec.status not in allowed:
            raise Abort(TRANSITION_REFUSED, exit_code=1, number=rec.number, status=names(CertificateStatus(rec.status)), action=_ACTIONS[action])
        event = Event(date=today, action=_EVENT[action], reason=reason.strip())
        return rec.model_copy(update={"status": new_status, "events": [*rec.events, event]})

    rec = registry.update(reg, number, apply)
    certificates.refresh_copy(reg, rec)
    return StatusResult(rec, action, reason.strip())


def close_remark(number: str, requirement: str, reason: str, *, registry_dir: Path | None = None, today: dt.date | None = None) -> StatusResult:
    """Record that a pending remark has been fixed: the remark gets a `closed` date and the
    certificate an event. The issued PDF is not changed (a certificate never prints remarks;
    the signed list and `verify` show which are still open)."""
    from asfcert.formats.certificate import Event

    today = today or dt.date.today()
    if not (reason or "").strip():
        raise Abort(REASON_MISSING)
    reg = registry.find(None, registry_dir)
    number = number.strip().upper()
    if registry.get(reg, number) is None:
        raise registry.unknown(reg, number)

    def apply(rec):
        open_ids = [r.requirement for r in rec.remarks if r.closed is None]
        if requirement not in open_ids:
            raise Abort(NO_OPEN_REMARK, exit_code=1, number=rec.number, requirement=requirement, open=", ".join(open_ids) or "–")
        remarks = [r.model_copy(update={"closed": today, "closed_reason": reason.strip()}) if r.requirement == requirement else r for r in rec.remarks]
        event = Event(date=today, action="remark-closed", reason=f"{requirement}: {reason.strip()}")
        return rec.model_copy(update={"remarks": remarks, "events": [*rec.events, event]})

    rec = registry.update(reg, number, apply)
    certificates.refresh_copy(reg, rec)
    return StatusResult(rec, "close-remark", reason.strip())


def withdraw_summary(rec, lang) -> list[str]:
    """What is shown before a withdrawal is confirmed: the certificate and whose it is
    (a sole trader's personal identity number masked)."""
    from asfcert.render.audit.labels import verdict_name, word
    from asfcert.rules.org_number import masked

    return [
        f"{word('certificate', lang)} {rec.number}: {verdict_name(rec.status, lang)}",
        f"  {rec.company.name} · {word('org_number', lang)} {masked(rec.company.org_number)}",
        f"  {word('effective', lang)} {rec.effective} · {word('valid_until', lang)} {rec.valid_until}",
    ]


def unconfirmed(number: str) -> Abort:
    return Abort(WITHDRAW_UNCONFIRMED, number=number)


_ACTIONS = {
    "suspend": L10n("dra in det tillfälligt", "suspended"),
    "reinstate": L10n("återinföra det", "reinstated"),
    "withdraw": L10n("återkalla det", "withdrawn"),
}


KINDS = made_by("certify", REASON_MISSING, TRANSITION_REFUSED, NO_OPEN_REMARK, WITHDRAW_UNCONFIRMED, WITHDRAW_CANCELLED)

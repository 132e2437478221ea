"""The signed status list: every certificate a certifier ever issued, with its status and
dates, signed as a JWS (ES256) by the registry's signing key. `registry build` publishes
it (site/signed_list.py makes it); `verify` and the verification page read it with only
the certifier's root certificate.

    {"format": "asfcert-status-list/1", "as_of": "2027-06-20", "issued_at": "…Z",
     "certifier": {"name", "org_number", "root_sha256"},
     "signing_certificates": [base64 DER, …],   every signing certificate, oldest first
     "certificates": [{"number", "status", "company": {"name", "org_number"},
                       "standard", "outcome", "effective", "valid_until", "issued",
                       "previous", "superseded_by", "superseded_on",
                       "events": [{"date", "action"}], "remarks": [{"requirement", "deadline", "closed"}],
                       "documents": {"sv": sha256, …}, "code_hash": …}, …]}

A certificate's verification code is never in the list, only `code_hash`: PBKDF2 of the
code with the number as salt, so a typed code can be checked without the list telling
anyone the right one. The reasons for a suspension or withdrawal stay in the registry."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re

from asfcert.records.trust import Untrusted, load_certificate, verify_json

FORMAT = "asfcert-status-list/1"
JWS_TYPE = "asfcert-status-list+jws"
CODE_ROUNDS = 20_000  # the verification page repeats this in the browser (templates/site/verify.js)
STATUSES = ("valid", "expired", "suspended", "withdrawn", "superseded", "not-yet-valid")


def normalise_code(code: str) -> str:
    """A code as compared: letters and digits only, upper case (`abcde fghij` = `ABCDE-FGHIJ`)."""
    return re.sub(r"[^0-9A-Z]", "", code.upper())


def code_hash(number: str, code: str) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", normalise_code(code).encode("ascii"), f"asfcert-code|{number}".encode("ascii"), CODE_ROUNDS, 32)
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def code_matches(entry: dict, code: str) -> bool:
    return hmac.compare_digest(code_hash(entry["number"], code), str(entry.get("code_hash", "")))


def read(document: dict, root, at: dt.datetime | None = None) -> dict:
    """The payload of a signed list, once its signature chains to `root`. Raises
    `trust.Untrusted` (a list of another format is `malformed`)."""
    payload, _ = verify_json(document, root, JWS_TYPE, at)
    if payload.get("format") != FORMAT or not isinstance(payload.get("certificates"), list):
        raise Untrusted("malformed", f"not an {FORMAT} list")
    return payload


def find(payload: dict, number: str) -> dict | None:
    number = number.strip().upper()
    return next((c for c in payload["certificates"] if isinstance(c, dict) and c.get("number") == number), None)


_STATUS_AFTER = {"suspended": "suspended", "reinstated": "valid", "withdrawn": "withdrawn"}


def status_on(entry: dict, today: dt.date) -> str:
    """The entry's status on `today`, from its dated events: `unknown` before it was
    issued; a suspension, reinstatement or withdrawal applies from its day on, and so
    does a replacement; then past its last day it is `expired`. The list's own word
    stands when the entry has no dated status change (or one the list cannot read)."""
    try:
        day = lambda text: dt.date.fromisoformat(text)  # noqa: E731
        if entry.get("issued") and day(entry["issued"]) > today:
            return "unknown"
        events = [e for e in entry.get("events") or [] if isinstance(e, dict)]
        status = entry.get("status")
        if any(e.get("action") in _STATUS_AFTER for e in events):
            status = "valid"
            for e in sorted(events, key=lambda e: e["date"]):
                if day(e["date"]) <= today:
                    status = _STATUS_AFTER.get(e.get("action"), status)
        if status in ("suspended", "withdrawn", "not-yet-valid"):
            return status
        if status not in STATUSES:
            return "unknown"
        if entry.get("superseded_on") and day(entry["superseded_on"]) <= today:
            return "superseded"
        return "expired" if today > day(entry["valid_until"]) else "valid"
    except (KeyError, TypeError, ValueError):
        return "unknown"


def signing_certificates(payload: dict) -> list:
    """The list's signing certificates (for tokens made before a rotation); unreadable ones
    are left out. Each must still chain to the root where it is used (trust.check_chain)."""
    out = []
    for item in payload.get("signing_certificates", []):
        try:
            out.append(load_certificate(base64.b64decode(item, validate=True)))
        except (Untrusted, ValueError, TypeError):
            continue
    return out

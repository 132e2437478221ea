"""The registry's verdict on a certificate, kept in the cache for `verify`: a certificate
checked before on the same day is not validated again (no pydantic model is built).

Kept under the record's bytes (SHA-256), the number, the day and the registry's folder
(and the tool's: io.cache.key): a status change rewrites the record, so it is another key.
Kept only when the record's bytes were the same before and after it was judged; an entry
of another shape is ignored. A code (`--code`) is never judged here: verify.py compares
it with the record every time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from asfcert.base.i18n import L10n
from asfcert.records import registry

STATUSES = "verify-status"


def registry_status(reg, number: str, today: dt.date, judge: Callable[[], object]):
    """verify.VerifyResult: kept, or `judge()` (verify._by_record) and kept."""
    import hashlib

    from asfcert.io.cache import Cache, key

    raw = registry.record_bytes(reg, number)
    cache = Cache()
    if raw is None or not cache.enabled:
        return judge()
    digest = key(STATUSES, hashlib.sha256(raw).hexdigest(), number, today.isoformat(), str(reg.root))
    kept = _kept(cache.get(STATUSES, digest), today)
    if kept is not None:
        return kept
    found = judge()
    if registry.record_bytes(reg, number) == raw:  # judged from these bytes: nothing changed meanwhile
        cache.put(STATUSES, digest, {"verdict": found.verdict, "number": found.number, "details": [d.to_dict() for d in found.details],
                                     "facts": found.facts()})
    return found


def _kept(entry, today: dt.date):
    from asfcert.certify.verify import FACTS, VERDICTS, VerifyResult

    if not isinstance(entry, dict) or entry.keys() != {"verdict", "number", "details", "facts"} or entry["verdict"] not in VERDICTS:
        return None
    number = entry["number"]  # the record's own (a record edited by hand may name another)
    if not isinstance(number, str):
        return None
    details, facts = entry["details"], entry["facts"]
    if not isinstance(details, list) or not all(isinstance(d, dict) and d.keys() == {"sv", "en"} and all(isinstance(t, str) for t in d.values())
                                                for d in details):
        return None
    if not isinstance(facts, dict) or facts.keys() != set(FACTS):
        return None
    return VerifyResult(entry["verdict"], number, details=[L10n.from_dict(d) for d in details], as_of=today, status_source="registry",
                        known=facts)

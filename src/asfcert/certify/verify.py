"""`asfcert verify CERT.pdf|NUMBER|TOKEN`: is this certificate valid, on a day (today or
--as-of)?

A PDF's signature is checked against the certifier's root only (verify_sources.py says
where the root and the status come from), in a bounded child process (or its verdict is
taken from the cache, keyed by the file's bytes: signature_cache.py); then its status,
from the signed list or the registry, as it stood that day (`certificates.as_on`).
A PDF issued before certificates were signed is checked, inside the registry, by its
SHA-256 in the record. A number is looked up in the list or the registry (with --code, the
code is compared and never shown); a QR token is checked against the root.

Verdicts (`VERDICTS`: the exit code of each) are documented in docs/verification.md;
exit code 2 when the input cannot be used."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort, UserError
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.records import certificates, registry
from asfcert.records.certificates import as_on, state

_NUMBER = re.compile(r"\b[A-Z]{2,8}-\d{4}-\d{4,6}\b")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")
_GIVE_PDF = L10n("Ange certifikatets PDF eller dess nummer, till exempel ASF-2026-0007.", "Give the certificate's PDF or its number, for example ASF-2026-0007.")
_E = Severity.ERROR
NEITHER_FILE_NOR_NUMBER = Kind(
    "verify-not-a-certificate",
    L10n("Varken fil eller certifikatnummer", "Neither a file nor a certificate number"),
    L10n("{target} är varken en fil, ett certifikatnummer eller en kod från en QR-kod", "{target} is neither a file, a certificate number nor a QR code's token"),
    _GIVE_PDF,
    _E,
    effect=Effect.ABORTS,
)
PDF_UNREADABLE = Kind(
    "verify-file-unreadable",
    L10n("Filen kan inte läsas", "The file cannot be read"),
    L10n("Filen kan inte läsas: {reason}", "The file cannot be read: {reason}"),
    L10n("Kontrollera att filen finns och att du har läsrätt.", "Check that the file exists and that you may read it."),
    _E,
    effect=Effect.ABORTS,
)
NOT_A_FILE = Kind(
    "verify-not-a-file",
    L10n("Ingen fil", "Not a file"),
    L10n("Det är inte en fil", "It is not a file"),
    L10n("Ange certifikatets PDF.", "Give the certificate's PDF."),
    _E,
    effect=Effect.ABORTS,
)
PDF_TOO_LARGE = Kind(
    "verify-file-too-large",
    L10n("Filen är för stor", "The file is too large"),
    L10n("Filen är {size:num} byte, för stor för att vara ett certifikat", "The file is {size} bytes, too large to be a certificate"),
    _GIVE_PDF,
    _E,
    effect=Effect.ABORTS,
)
NOT_A_PDF = Kind(
    "verify-not-a-pdf",
    L10n("Ingen PDF", "Not a PDF"),
    L10n("Filen är ingen PDF", "The file is not a PDF"),
    _GIVE_PDF,
    _E,
    effect=Effect.ABORTS,
)
PDF_DAMAGED = Kind(
    "verify-pdf-unreadable",
    L10n("PDF:en kan inte läsas", "The PDF cannot be read"),
    L10n("Filen kan inte läsas som PDF: {why}", "The file cannot be read as a PDF: {why}"),
    L10n("Be om certifikatets PDF på nytt, eller kontrollera numret: asfcert verify ASF-2026-0007.",
         "Ask for the certificate's PDF again, or check its number: asfcert verify ASF-2026-0007."),
    _E,
    effect=Effect.ABORTS,
)


NO_STATUS_SOURCE = Kind(
    "verify-no-status-source",
    L10n("Ingenstans att slå upp numret", "Nowhere to look the number up"),
    L10n("Ett nummer kontrolleras mot registret eller certifierarens signerade lista, och här finns ingetdera",
         "A number is checked against the registry or the certifier's signed list, and neither is at hand"),
    L10n("Ange listan: asfcert verify ASF-2026-0007 --code KOD --trust root.pem --status asf-list.json, eller kör i registret.",
         "Give the list: asfcert verify ASF-2026-0007 --code CODE --trust root.pem --status asf-list.json, or run in the registry."),
    _E,
    effect=Effect.ABORTS,
)
TOKEN_SIGNER_UNKNOWN = Kind(
    "verify-token-signer-unknown",
    L10n("Okänt signeringscertifikat", "Unknown signing certificate"),
    L10n("Koden är signerad med ett certifikat som inte finns här; den kan bara kontrolleras med certifierarens lista eller register",
         "The token is signed with a certificate not at hand; it can only be checked with the certifier's list or registry"),
    L10n("Lägg till listan: --status asf-list.json (från certifierarens webbplats).", "Add the list: --status asf-list.json (from the certifier's website)."),
    _E,
    effect=Effect.ABORTS,
)
NO_TARGET = Kind(
    "verify-no-target",
    L10n("Inget att kontrollera", "Nothing to verify"),
    L10n("Ange certifikatets PDF, dess nummer eller koden från QR-koden", "Give the certificate's PDF, its number or the QR code's token"),
    _GIVE_PDF,
    _E,
    effect=Effect.ABORTS,
)

# verdict -> exit code. `status-not-checked`: the signature is the certifier's, but no list
# or registry said whether the certificate still stands.
VERDICTS = {
    "valid": 0,
    "status-not-checked": 3,
    "expired": 1,
    "suspended": 1,
    "withdrawn": 1,
    "superseded": 1,
    "not-yet-valid": 1,
    "unknown": 1,
    "altered": 1,
    "unknown-issuer": 1,
}


@dataclass
class TrustSaved:
    """`--save-trust`: the root kept for later checks."""

    path: Path
    fingerprint: str
    exit_code = 0

    def to_dict(self) -> dict:
        return {"format": "asfcert-trust-saved/1", "path": str(self.path), "root_sha256": self.fingerprint}


@dataclass
class VerifyResult:
    verdict: str  # a key of VERDICTS
    number: str | None = None
    record: object | None = None  # the registry's record, as it stood on `as_of`
    entry: dict | None = None  # the signed list's entry
    details: list[L10n] = field(default_factory=list)
    as_of: dt.date | None = None
    status_source: str | None = None  # registry | list | None
    signature: object | None = None  # evidence.signature.SignatureCheck
    saved: TrustSaved | None = None
    known: dict | None = None  # the record's facts as kept in the cache, the record itself not loaded (verify_kept.py)

    @property
    def exit_code(self) -> int:
        return VERDICTS[self.verdict]

    def facts(self) -> dict:
        rec, entry = self.record, self.entry
        if rec is not None:
            return {"company": rec.company.name, "effective": rec.effective.isoformat(), "valid_until": rec.valid_until.isoformat(),
                    "status": rec.status, "open_remarks": [{"requirement": r.requirement, "deadline": r.deadline.isoformat()}
                                                           for r in certificates.open_remarks(rec)]}
        if entry is not None:
            return {"company": (entry.get("company") or {}).get("name"), "effective": entry.get("effective"),
                    "valid_until": entry.get("valid_until"), "status": entry.get("status"),
                    "open_remarks": [{"requirement": r.get("requirement"), "deadline": r.get("deadline")}
                                     for r in entry.get("remarks") or [] if not r.get("closed")]}
        if self.known is not None:
            return {name: self.known[name] for name in FACTS}
        return dict.fromkeys(("company", "effective", "valid_until", "status"), None) | {"open_remarks": []}

    def to_dict(self) -> dict:
        sig = self.signature
        return {
            "format": "asfcert-verify-result/1",
            "verdict": self.verdict,
            "number": self.number,
            "exit_code": self.exit_code,
            **self.facts(),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "status_source": self.status_source,
            "signature": {"verdict": sig.verdict, "signer": sig.signer, "signed_at": sig.signed_at, "timestamped": sig.timestamped}
            if sig is not None else None,
            "trust_saved": self.saved.to_dict() if self.saved else None,
            "details": [d.to_dict() for d in self.details],
        }


def save_trust(trust: Path) -> TrustSaved:
    from asfcert.certify.verify_sources import load_trust
    from asfcert.records.trust import fingerprint, save_root

    cert, others = load_trust(trust)
    return TrustSaved(save_root(cert, others), fingerprint(cert))


def verify(target: str | None, *, registry_dir: Path | None = None, today: dt.date | None = None, code: str | None = None,
           trust: Path | None = None, status: Path | None = None) -> VerifyResult:
    today = today or dt.date.today()
    if not target or not target.strip():
        raise Abort(NO_TARGET)
    path = Path(target)
    where = {"registry_dir": registry_dir, "trust": trust, "status": status}
    if path.exists():
        return _verify_pdf(path, today, where)
    number = target.strip().upper()
    if _NUMBER.fullmatch(number):
        return _verify_number(number, code, today, where)
    if _TOKEN.fullmatch(target.strip()):
        return _verify_token(target.strip(), today, where)
    raise Abort(NEITHER_FILE_NOR_NUMBER, target=target)


def _codes_match(given: str, right: str) -> bool:
    import hmac

    from asfcert.records.status_list import normalise_code

    return hmac.compare_digest(normalise_code(given), normalise_code(right))


_WRONG_CODE = L10n("Kontrollkoden stämmer inte med certifikatets", "The verification code does not match the certificate's")


def _looked_up(number: str, sources, today: dt.date, code: str | None = None) -> VerifyResult | None:
    """The status of `number` on `today` from the signed list or the registry; None when
    neither is at hand."""
    from asfcert.records import status_list

    if sources.status is not None:
        entry = status_list.find(sources.status, number)
        if entry is None or status_list.status_on(entry, today) == "unknown":
            return VerifyResult("unknown", number, details=[_not_in_list(sources)], as_of=today, status_source="list")
        if code is not None and not status_list.code_matches(entry, code):
            return VerifyResult("altered", number, entry=entry, details=[_WRONG_CODE], as_of=today, status_source="list")
        return _list_status(entry, today)
    if sources.registry is not None:
        reg = sources.registry
        if code is not None:  # compared with the record every time
            return _by_record(reg, number, today, code)
        from asfcert.certify.verify_kept import registry_status

        return registry_status(reg, number, today, lambda: _by_record(reg, number, today, None))
    return None


def _by_record(reg, number: str, today: dt.date, code: str | None) -> VerifyResult:
    rec = registry.read(reg, number)
    rec = as_on(rec, today) if rec is not None else None
    if rec is None:
        return VerifyResult("unknown", number, details=[_not_in(reg, today)], as_of=today, status_source="registry")
    if code is not None and not _codes_match(code, rec.code):
        return VerifyResult("altered", number, rec, details=[_WRONG_CODE] + _about(rec), as_of=today, status_source="registry")
    return _status(rec, today)


# what `facts()` says of a record; kept with the verdict by certify/verify_kept.py
FACTS = ("company", "effective", "valid_until", "status", "open_remarks")


def _verify_number(number: str, code: str | None, today: dt.date, where: dict) -> VerifyResult:
    from asfcert.certify.verify_sources import gather

    sources = gather(None, **where)
    found = _looked_up(number, sources, today, code)
    if found is None:
        raise Abort(NO_STATUS_SOURCE)
    return found


def _verify_token(token: str, today: dt.date, where: dict) -> VerifyResult:
    from asfcert.certify.verify_sources import NO_TRUST, gather
    from asfcert.records.trust import Untrusted, check_token

    sources = gather(None, **where)
    if sources.root is None:
        raise Abort(NO_TRUST)
    try:
        claims = check_token(token, sources.root, sources.signing_certificates)
    except Untrusted as e:
        if e.reason == "unknown-issuer" and not sources.signing_certificates:
            raise Abort(TOKEN_SIGNER_UNKNOWN) from None
        verdict = "unknown-issuer" if e.reason in ("unknown-issuer", "expired") else "altered"
        return VerifyResult(verdict, details=[_untrusted(e.reason)], as_of=today)
    found = _looked_up(claims.number, sources, today, claims.code)
    if found is not None:
        return found
    if today > claims.valid_until:
        return VerifyResult("expired", claims.number, details=[_until(claims.valid_until), _NOT_CHECKED], as_of=today)
    return VerifyResult("status-not-checked", claims.number, details=[_until(claims.valid_until), _NOT_CHECKED], as_of=today)


# asfcert's certificates are about 100 KB; a file this large is not one, and is not read.
MAX_PDF_BYTES = 32 * 2**20


def _read_pdf(path: Path) -> bytes:
    import os
    import stat

    where = Location(str(path))
    try:
        st = os.stat(path)
    except OSError as e:
        raise Abort(PDF_UNREADABLE, location=where, file=str(path), reason=e.strerror or type(e).__name__) from None
    if not stat.S_ISREG(st.st_mode):
        raise Abort(NOT_A_FILE, location=where, file=str(path))
    if st.st_size > MAX_PDF_BYTES:
        raise Abort(PDF_TOO_LARGE, location=where, file=str(path), size=st.st_size)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PDF_BYTES + 1)
    except OSError as e:
        raise Abort(PDF_UNREADABLE, location=where, file=str(path), reason=e.strerror or type(e).__name__) from None
    if not data.lstrip()[:5] == b"%PDF-":
        raise Abort(NOT_A_PDF, location=where, file=str(path))
    return data


def _verify_pdf(path: Path, today: dt.date, where: dict) -> VerifyResult:
    from asfcert.certify.signature_cache import checked
    from asfcert.certify.verify_sources import NO_TRUST, gather
    from asfcert.records.trust import der

    data = _read_pdf(path)
    try:
        sources = gather(path.parent, **where)
    except UserError:
        _number(path)  # a PDF the reader cannot read is said first, as always
        raise
    if sources.root is None:
        number = _number(path)
        if sources.registry is None:
            raise Abort(NO_TRUST, location=Location(str(path)))
        return _by_digest(path, data, number, sources.registry, today)
    sig = checked(data, der(sources.root))  # in a bounded child, unless this file was judged before
    if isinstance(sig, str):
        from asfcert.evidence.review import unreadable_reason

        _number(path)  # the reader's own reason first, when it has one
        raise Abort(PDF_DAMAGED, location=Location(str(path)), file=str(path), why=unreadable_reason(sig, None))
    # A valid signature covers the whole file, and the bounded signature check has read
    # its /Subject already: no second reader process for the number.
    found = _NUMBER.search(sig.subject or "") if sig.verdict == "valid" else None
    number = found.group(0) if found else _number(path)
    if sig.verdict == "unsigned" and sources.registry is not None and number:
        return _by_digest(path, data, number, sources.registry, today)  # issued before certificates were signed
    if sig.verdict != "valid":
        verdict = "unknown-issuer" if sig.verdict == "unsigned" else sig.verdict
        return VerifyResult(verdict, number, details=[_SIGNATURE[sig.verdict]], as_of=today, signature=sig)
    if not number:
        return VerifyResult("unknown", None, details=[_no_number(path)], as_of=today, signature=sig)
    found = _looked_up(number, sources, today)
    if found is None:
        found = VerifyResult("status-not-checked", number, details=[_SIGNATURE["valid"], _NOT_CHECKED], as_of=today)
    else:
        found.details.insert(0, _SIGNATURE["valid"])
    found.signature = sig
    return found


def _by_digest(path: Path, data: bytes, number: str | None, reg, today: dt.date) -> VerifyResult:
    """An unsigned PDF, inside the registry: the issued bytes, by their SHA-256."""
    if not number:
        return VerifyResult("unknown", None, details=[_no_number(path)], as_of=today)
    rec = registry.read(reg, number)
    rec = as_on(rec, today) if rec is not None else None
    if rec is None:
        return VerifyResult("unknown", number, details=[_not_in(reg, today)], as_of=today, status_source="registry")
    if certificates.sha256(data) not in {d.sha256 for d in rec.documents.values()}:
        return VerifyResult("altered", number, rec, details=[L10n(
            f"PDF:en {path} är inte den som utfärdades: dess SHA-256 finns inte i registrets post",
            f"The PDF {path} is not the one issued: its SHA-256 is not in the registry's record",
        )] + _about(rec), as_of=today, status_source="registry")
    return _status(rec, today)


def _number(path: Path) -> str | None:
    """The certificate's number: the PDF's /Subject (asfcert writes the number there, and
    a signature covers it), else the first on its first page. The page of a
    re-certification also names the certificate it replaces, so the page is only the
    fallback. The PDF is read by the bounded reader process (evidence/worker.py), never in
    this one; a PDF it cannot read is unusable input."""
    import os

    from asfcert.evidence.documents import normalise
    from asfcert.evidence.review import unreadable_reason
    from asfcert.evidence.worker import Limits, read_many

    limits = Limits()
    real = os.path.realpath(path)  # the reader refuses links; the user named this file
    facts = normalise(read_many([real], limits, max_pages=1)[real])  # the first page names it; never OCR
    if facts["problem"]:
        why = unreadable_reason(facts["problem"], facts["detail"], limits)
        raise Abort(PDF_DAMAGED, location=Location(str(path)), file=str(path), why=why)
    for text in (facts["metadata"].get("subject") or "", facts["texts"][0] if facts["texts"] else ""):
        found = _NUMBER.search(text)
        if found:
            return found.group(0)
    return None


def _status(rec, today: dt.date) -> VerifyResult:
    """`rec` as it stood on `today`."""
    verdict = state(rec, today)
    if rec.superseded_by and verdict == "expired" and today <= rec.valid_until:
        verdict = "superseded"
    details = _about(rec)
    last = next((e for e in reversed(rec.events) if e.action in ("suspended", "withdrawn")), None)
    if verdict in ("suspended", "withdrawn") and last and last.reason:
        details.append(L10n(f"Skäl ({last.date}): {last.reason}", f"Reason ({last.date}): {last.reason}"))
    if rec.superseded_by:
        details.append(L10n(f"Ersatt av {rec.superseded_by} från och med {rec.superseded_on}", f"Replaced by {rec.superseded_by} from {rec.superseded_on}"))
    details += _remarks([(r.requirement, r.deadline) for r in certificates.open_remarks(rec)])
    return VerifyResult(verdict, rec.number, rec, details=details, as_of=today, status_source="registry")


def _list_status(entry: dict, today: dt.date) -> VerifyResult:
    from asfcert.records import status_list

    verdict = status_list.status_on(entry, today)
    name = (entry.get("company") or {}).get("name") or ""
    details = [L10n(name, name), L10n(f"Certifikatperiod {entry.get('effective')} – {entry.get('valid_until')}",
                                      f"Certificate period {entry.get('effective')} – {entry.get('valid_until')}")]
    if entry.get("superseded_by"):
        details.append(L10n(f"Ersatt av {entry['superseded_by']} från och med {entry.get('superseded_on')}",
                            f"Replaced by {entry['superseded_by']} from {entry.get('superseded_on')}"))
    details += _remarks([(r.get("requirement"), r.get("deadline")) for r in entry.get("remarks") or [] if not r.get("closed")])
    return VerifyResult(verdict, entry.get("number"), entry=entry, details=details, as_of=today, status_source="list")


def _remarks(open_ones: list) -> list[L10n]:
    if not open_ones:
        return []
    text = ", ".join(f"{req} ({deadline})" for req, deadline in open_ones)
    return [L10n(f"Öppna anmärkningar, åtgärdas senast: {text}", f"Open remarks, to be fixed by: {text}")]


def _about(rec) -> list[L10n]:
    return [
        L10n(f"{rec.company.name}, {rec.certifier}", f"{rec.company.name}, {rec.certifier}"),
        L10n(f"Certifikatperiod {rec.effective} – {rec.valid_until}", f"Certificate period {rec.effective} – {rec.valid_until}"),
    ]


def _until(day: dt.date) -> L10n:
    return L10n(f"Gäller till och med {day}", f"Valid until {day}")


_NOT_CHECKED = L10n("Signaturen är giltig; statusen är inte kontrollerad (ange certifierarens lista med --status)",
                    "Signature valid; status not checked (give the certifier's list with --status)")
_SIGNATURE = {
    "valid": L10n("Signaturen är certifierarens och täcker hela filen", "The signature is the certifier's and covers the whole file"),
    "altered": L10n("Filen har ändrats efter signeringen, eller signaturen är skadad", "The file was changed after signing, or the signature is damaged"),
    "unknown-issuer": L10n("Signaturen är inte gjord med en nyckel som rotcertifikatet går i god för",
                           "The signature is not made with a key the root certificate vouches for"),
    "unsigned": L10n("PDF:en har ingen signatur", "The PDF carries no signature"),
}


def _untrusted(reason: str) -> L10n:
    if reason in ("unknown-issuer", "expired"):
        return _SIGNATURE["unknown-issuer"]
    return L10n("Koden är ändrad eller kan inte läsas", "The token has been changed or cannot be read")


def _no_number(path: Path) -> L10n:
    return L10n(f"PDF:en {path} innehåller inget certifikatnummer", f"The PDF {path} holds no certificate number")


def _not_in(reg, today: dt.date) -> L10n:
    return L10n(f"Numret finns inte i registret {reg.root} per {today}", f"The number is not in the registry {reg.root} as of {today}")


def _not_in_list(sources) -> L10n:
    name = str(sources.status_file)
    return L10n(f"Numret finns inte i listan {name}", f"The number is not in the list {name}")


KINDS = made_by(
    "verify",
    NEITHER_FILE_NOR_NUMBER,
    PDF_UNREADABLE,
    NOT_A_FILE,
    PDF_TOO_LARGE,
    NOT_A_PDF,
    PDF_DAMAGED,
    NO_STATUS_SOURCE,
    TOKEN_SIGNER_UNKNOWN,
    NO_TARGET,
)

"""`asfcert verify CERT.pdf|NUMBER`: is this certificate valid?

Verdicts: `valid`; `expired` (past its last day, or replaced by a re-certification);
`suspended` or `withdrawn` (from the registry's record); `unknown` (no such number in the
registry, or no number in the PDF); `altered` (the PDF's bytes are not those issued, or
the code given with --code is not the record's). Exit code 0 for valid, 1 for every
other verdict, 2 when the input cannot be used (no such file, not a PDF, no registry)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.records import certificates, registry
from asfcert.records.certificates import state

_NUMBER = re.compile(r"\b[A-Z]{2,8}-\d{4}-\d{4,6}\b")
_GIVE_PDF = L10n("Ange certifikatets PDF eller dess nummer, till exempel ASF-2026-0007.", "Give the certificate's PDF or its number, for example ASF-2026-0007.")
_E = Severity.ERROR
NEITHER_FILE_NOR_NUMBER = Kind(
    "verify-not-a-certificate",
    L10n("Varken fil eller certifikatnummer", "Neither a file nor a certificate number"),
    L10n("{target} är varken en fil eller ett certifikatnummer", "{target} is neither a file nor a certificate number"),
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
    L10n("Filen är {size} byte, för stor för att vara ett certifikat", "The file is {size} bytes, too large to be a certificate"),
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


@dataclass
class VerifyResult:
    verdict: str  # valid | expired | suspended | withdrawn | unknown | altered
    number: str | None = None
    record: object | None = None
    details: list[L10n] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if self.verdict == "valid" else 1

    def to_dict(self) -> dict:
        rec = self.record
        return {
            "format": "asfcert-verify-result/1",
            "verdict": self.verdict,
            "number": self.number,
            "exit_code": self.exit_code,
            "company": rec.company.name if rec else None,
            "effective": rec.effective.isoformat() if rec else None,
            "valid_until": rec.valid_until.isoformat() if rec else None,
            "status": rec.status if rec else None,
            "details": [d.to_dict() for d in self.details],
        }


def verify(target: str, *, registry_dir: Path | None = None, today: dt.date | None = None, code: str | None = None) -> VerifyResult:
    today = today or dt.date.today()
    path = Path(target)
    if path.exists():
        return _verify_pdf(path, registry_dir, today)
    number = target.strip().upper()
    if not _NUMBER.fullmatch(number):
        raise Abort(NEITHER_FILE_NOR_NUMBER, target=target)
    reg = registry.find(None, registry_dir)
    rec = registry.get(reg, number)
    if rec is None:
        return VerifyResult("unknown", number, details=[_not_in(reg)])
    if code is not None and code.strip().upper().replace(" ", "") != rec.code:
        return VerifyResult("altered", number, rec, [L10n(
            f"Kontrollkoden {code} stämmer inte med registrets ({rec.code})", f"The code {code} does not match the registry's ({rec.code})"
        )] + _about(rec))
    return _status(rec, today)


# asfcert's certificates are about 100 KB; a file this large is not one, and is not read.
MAX_PDF_BYTES = 32 * 2**20


def _verify_pdf(path: Path, registry_dir: Path | None, today: dt.date) -> VerifyResult:
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
    numbers = _numbers(path)
    reg = registry.find(path.parent, registry_dir)
    if not numbers:
        return VerifyResult("unknown", None, details=[L10n(f"PDF:en {path} innehåller inget certifikatnummer", f"The PDF {path} holds no certificate number")])
    number = numbers[0]
    rec = registry.get(reg, number)
    if rec is None:
        return VerifyResult("unknown", number, details=[_not_in(reg)])
    digest = certificates.sha256(data)
    if digest not in {d.sha256 for d in rec.documents.values()} or len(set(numbers)) > 1:
        return VerifyResult("altered", number, rec, [L10n(
            f"PDF:en {path} är inte den som utfärdades: dess SHA-256 finns inte i registrets post",
            f"The PDF {path} is not the one issued: its SHA-256 is not in the registry's record",
        )] + _about(rec))
    return _status(rec, today)


def _numbers(path: Path) -> list[str]:
    """Certificate numbers in the PDF's metadata and first page, the subject first. The
    PDF is read by the bounded reader process (evidence/worker.py), never in this one; a
    PDF it cannot read is unusable input."""
    import os

    from asfcert.evidence.documents import normalise
    from asfcert.evidence.review import unreadable_reason
    from asfcert.evidence.worker import Limits, read_many

    limits = Limits()
    real = os.path.realpath(path)  # the reader refuses links; the user named this file
    facts = normalise(read_many([real], limits)[real])
    if facts["problem"]:
        why = unreadable_reason(facts["problem"], facts["detail"], limits)
        raise Abort(PDF_DAMAGED, location=Location(str(path)), file=str(path), why=why)
    found: list[str] = []
    for key in ("subject", "keywords", "title"):
        found += _NUMBER.findall(facts["metadata"].get(key) or "")
    if facts["texts"]:
        found += _NUMBER.findall(facts["texts"][0])
    return list(dict.fromkeys(found))


def _status(rec, today: dt.date) -> VerifyResult:
    verdict = state(rec, today)
    details = _about(rec)
    last = next((e for e in reversed(rec.events) if e.action in ("suspended", "withdrawn")), None)
    if verdict in ("suspended", "withdrawn") and last and last.reason:
        details.append(L10n(f"Skäl ({last.date}): {last.reason}", f"Reason ({last.date}): {last.reason}"))
    if rec.superseded_by:
        details.append(L10n(f"Ersatt av {rec.superseded_by} från {rec.superseded_on}", f"Replaced by {rec.superseded_by} from {rec.superseded_on}"))
    return VerifyResult(verdict, rec.number, rec, details)


def _about(rec) -> list[L10n]:
    return [
        L10n(f"{rec.company.name}, {rec.certifier}", f"{rec.company.name}, {rec.certifier}"),
        L10n(f"Gäller {rec.effective} – {rec.valid_until}", f"Valid {rec.effective} – {rec.valid_until}"),
    ]


def _not_in(reg) -> L10n:
    return L10n(f"Numret finns inte i registret {reg.root}", f"The number is not in the registry {reg.root}")


KINDS = made_by(
    "verify",
    NEITHER_FILE_NOR_NUMBER,
    PDF_UNREADABLE,
    NOT_A_FILE,
    PDF_TOO_LARGE,
    NOT_A_PDF,
    PDF_DAMAGED,
)

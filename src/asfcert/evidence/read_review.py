"""Findings about Word, OpenDocument, text and image files that cannot be read, and about
text read by OCR: its confidence, a confidence below the standard's, and one notice when
Tesseract is missing. Each file type has its own codes (`docx-*`, `odt-*`, `text-*`,
`image-*`), so a catalogue search finds what a user sees.
"""

from __future__ import annotations

from dataclasses import replace

from asfcert.base.findings import Effect, Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n

_TYPES = {  # (a …, the …) in each language
    "docx": (L10n("Word-fil", "Word file"), L10n("Word-filen", "Word file")),
    "odt": (L10n("OpenDocument-fil", "OpenDocument file"), L10n("OpenDocument-filen", "OpenDocument file")),
    "text": (L10n("textfil", "text file"), L10n("Textfilen", "Text file")),
    "image": (L10n("bild", "image"), L10n("Bilden", "Image")),
}
_SAVE_AGAIN = L10n(
    "Spara dokumentet igen från programmet det skrevs i (eller som PDF) och byt ut filen. Revisorn granskar den annars för hand.",
    "Save the document again from the program it was written in (or as PDF) and replace the file. Otherwise the auditor reviews it by hand.",
)
_UNREADABLE = L10n("{file} går inte att läsa: {why}{used}", "{file} cannot be read: {why}{used}")
_COSTLY = L10n("{file} kunde inte läsas: {why}{used}", "{file} could not be read: {why}{used}")
_COSTLY_HINT = L10n(
    "Filen är skadad, blir mycket större när den packas upp (en så kallad zip-bomb) eller är onödigt stor. Spara den igen från originalet eller som PDF; annars granskar revisorn den för hand.",
    "The file is damaged, unpacks to far more than it weighs (a zip bomb) or is needlessly heavy. Save it again from the original or as PDF; otherwise the auditor reviews it by hand.",
)
_REFUSED = L10n(
    "{file} deklarerar XML-entiteter eller en DTD ({detail}), vilket ett vanligt dokument aldrig gör; asfcert läser inte filen{used}",
    "{file} declares XML entities or a DTD ({detail}), which an ordinary document never does; asfcert does not read the file{used}",
)


def _title(kind: str, sv: str, en: str) -> L10n:
    the = _TYPES[kind][1]
    return L10n(f"{the.sv} {sv}", f"{the.en} {en}")


_CANNOT = ("går inte att läsa", "cannot be read")
_LIMITS = ("kunde inte läsas inom asfcerts gränser", "could not be read within the limits")
_NOT_READ = ("läses inte", "not read")
DOCX_UNREADABLE = Kind("docx-unreadable", _title("docx", *_CANNOT), _UNREADABLE, _SAVE_AGAIN, effect=Effect.OPENS)
DOCX_TOO_COSTLY = Kind("docx-too-costly", _title("docx", *_LIMITS), _COSTLY, _COSTLY_HINT, effect=Effect.OPENS)
DOCX_REFUSED = Kind("docx-refused", _title("docx", *_NOT_READ), _REFUSED, _SAVE_AGAIN, effect=Effect.OPENS)
ODT_UNREADABLE = Kind("odt-unreadable", _title("odt", *_CANNOT), _UNREADABLE, _SAVE_AGAIN, effect=Effect.OPENS)
ODT_TOO_COSTLY = Kind("odt-too-costly", _title("odt", *_LIMITS), _COSTLY, _COSTLY_HINT, effect=Effect.OPENS)
ODT_REFUSED = Kind("odt-refused", _title("odt", *_NOT_READ), _REFUSED, _SAVE_AGAIN, effect=Effect.OPENS)
TEXT_UNREADABLE = Kind("text-unreadable", _title("text", *_CANNOT), _UNREADABLE, _SAVE_AGAIN, effect=Effect.OPENS)
TEXT_TOO_COSTLY = Kind("text-too-costly", _title("text", *_LIMITS), _COSTLY, _COSTLY_HINT, effect=Effect.OPENS)
IMAGE_UNREADABLE = Kind("image-unreadable", _title("image", *_CANNOT), _UNREADABLE, _SAVE_AGAIN, effect=Effect.OPENS)
IMAGE_TOO_COSTLY = Kind("image-too-costly", _title("image", *_LIMITS), _COSTLY, _COSTLY_HINT, effect=Effect.OPENS)
_KINDS = {
    "docx": (DOCX_UNREADABLE, DOCX_TOO_COSTLY, DOCX_REFUSED),
    "odt": (ODT_UNREADABLE, ODT_TOO_COSTLY, ODT_REFUSED),
    "text": (TEXT_UNREADABLE, TEXT_TOO_COSTLY, None),
    "image": (IMAGE_UNREADABLE, IMAGE_TOO_COSTLY, None),
}

OCR_UNAVAILABLE = Kind(
    "ocr-unavailable",
    L10n("Textigenkänning (OCR) är inte installerad", "Text recognition (OCR) is not installed"),
    L10n(
        "Tesseract med svensk språkmodell finns inte på den här datorn, så {count} inskannade dokument granskas för hand: {files}",
        "Tesseract with the Swedish model is not installed on this computer, so {count} scanned document(s) are reviewed by hand: {files}",
    ),
    L10n(
        "Installera Tesseract och den svenska språkmodellen (Debian, Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-swe; se docs/evidence.md) och kör kontrollen igen.",
        "Install Tesseract and the Swedish model (Debian, Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-swe; see docs/evidence.md) and run the check again.",
    ),
    Severity.OBSERVATION,
)
OCR_INCOMPLETE = Kind(
    "ocr-incomplete",
    L10n("Textigenkänningen hann inte klart", "Text recognition did not finish"),
    L10n(
        "{file}: textigenkänningen (OCR) hann inte läsa sidorna {pages:list} inom dokumentets tidsgräns ({seconds} s); de granskas för hand, och nästa kontroll försöker igen",
        "{file}: text recognition (OCR) could not read pages {pages:list} within the document's time limit ({seconds} s); they are reviewed by hand, and the next check tries again",
    ),
    L10n(
        "Kör kontrollen igen när datorn inte är upptagen med annat, eller dela upp en lång skanning; bäst är ett dokument sparat som PDF från originalet.",
        "Run the check again when the computer is not busy with other work, or split a long scan; best is a document saved as PDF from the original.",
    ),
    Severity.WARNING,
)
DOCUMENT_READ_BY_OCR = Kind(
    "document-read-by-ocr",
    L10n("Texten lästes med textigenkänning (OCR)", "Text read by text recognition (OCR)"),
    L10n(
        "{file} är inskannad; texten på sidorna {pages:list} lästes med textigenkänning (OCR) med säkerheten {confidence:pct}",
        "{file} is scanned; the text of pages {pages:list} was read by text recognition (OCR) with a confidence of {confidence:pct}",
    ),
    L10n(
        "Revisorn jämför det som kontrollerna hittade med originalet. Ett dokument sparat som PDF från originalet behöver ingen textigenkänning.",
        "The auditor compares what the checks found with the original. A document saved as PDF from the original needs no text recognition.",
    ),
    Severity.OBSERVATION,
)
OCR_LOW_CONFIDENCE = Kind(
    "ocr-low-confidence",
    L10n("Textigenkänningen är för osäker", "Text recognition too uncertain"),
    L10n(
        "{file}: textigenkänningens (OCR) säkerhet är {confidence:pct}, under standardens gräns {threshold:pct}; texten används inte och dokumentet granskas för hand",
        "{file}: the text recognition (OCR) confidence is {confidence:pct}, below the standard's threshold of {threshold:pct}; the text is not used and the document is reviewed by hand",
    ),
    L10n(
        "Skanna dokumentet igen, rakt och med minst 300 dpi, eller spara det som PDF från originalet.",
        "Scan the document again, straight and with at least 300 dpi, or save it as PDF from the original.",
    ),
    Severity.WARNING,
)


def problem_finding(doc, file_kind: str, why: L10n, **common) -> Finding:
    """The finding for a Word, OpenDocument, text or image file its reader could not use."""
    unreadable, too_costly, refused = _KINDS[file_kind]
    detail = (doc.facts or {}).get("detail") or "?"
    if doc.problem == "refused" and refused is not None:
        return refused(detail=detail, **common)
    if doc.problem in ("damaged", "encrypted", "not-text"):
        return unreadable(why=_reason(doc.problem, detail, _TYPES[file_kind][0]), **common)
    if doc.problem == "limit":
        why = L10n(f"den överskrider läsarens gränser ({detail})", f"it exceeds the reader's limits ({detail})")
    return too_costly(why=why, problem=doc.problem, **common)


def _reason(problem: str, detail: str, one: L10n) -> L10n:
    if problem == "encrypted":
        return L10n("den är lösenordsskyddad", "it is password-protected")
    if problem == "not-text":
        return L10n(f"den är ingen text utan binär ({detail})", f"it is not text but binary ({detail})")
    return L10n(f"den är ingen giltig {one.sv} ({detail})", f"it is not a valid {one.en} ({detail})")


def ocr_note(doc) -> L10n:
    """What a finding or figure drawn from `doc` says when its text was read by OCR."""
    confidence = doc.ocr_confidence
    if confidence is None:
        return L10n("", "")
    shown = f"{confidence:.0f}"
    return L10n(f" (texten lästes med OCR, säkerhet {shown} %)", f" (text read by OCR, confidence {shown}%)")


def from_ocr(finding: Finding | None, doc) -> Finding | None:
    """`finding` about `doc`, saying so when the text it was drawn from was read by OCR."""
    if finding is None or doc.ocr_confidence is None:
        return finding
    note = ocr_note(doc)
    message = L10n(finding.message.sv + note.sv, finding.message.en + note.en)
    return replace(finding, message=message, params={**finding.params, "ocr_confidence": doc.ocr_confidence})


def ocr_findings(documents, seconds: float) -> list[Finding]:
    """A finding per document read by OCR (its confidence, or that it is too low), per
    document whose time (`seconds`) ran out before OCR read every page, and one notice
    naming the scans that Tesseract being missing leaves to manual review."""
    out: list[Finding] = []
    missing = []
    for doc in documents:
        if not doc.facts or doc.problem:
            continue
        if doc.facts["ocr"] == "unavailable":
            missing.append(doc.rel)
            continue
        if doc.facts["ocr_late"]:
            out.append(OCR_INCOMPLETE(location=Location(doc.rel), file=doc.rel, pages=doc.facts["ocr_late"], seconds=f"{seconds:g}"))
        if doc.ocr_confidence is not None:
            params = dict(location=Location(doc.rel), file=doc.rel, confidence=doc.ocr_confidence)
            if doc.ocr_trusted:
                out.append(DOCUMENT_READ_BY_OCR(pages=doc.facts["ocr_pages"], **params))
            else:
                out.append(OCR_LOW_CONFIDENCE(threshold=doc.ocr_floor, **params))
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        out.append(OCR_UNAVAILABLE(count=len(missing), files=shown, paths=missing))
    return out


KINDS = made_by(
    "evidence",
    DOCX_UNREADABLE, DOCX_TOO_COSTLY, DOCX_REFUSED, ODT_UNREADABLE, ODT_TOO_COSTLY, ODT_REFUSED,
    TEXT_UNREADABLE, TEXT_TOO_COSTLY, IMAGE_UNREADABLE, IMAGE_TOO_COSTLY,
    OCR_UNAVAILABLE, OCR_INCOMPLETE, DOCUMENT_READ_BY_OCR, OCR_LOW_CONFIDENCE,
)

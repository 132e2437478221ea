"""Findings about the evidence files themselves, and about kinds of evidence that
requirements expect but the folder does not have.

A file that cannot serve as evidence as it is (encrypted, damaged, empty, no pages, not a
PDF though named one, too costly to read) gets one finding. Its severity is that of the
most severe requirement that depends on it: one whose answer refers to it, or one that
expects its kind while no other file of that kind can be read. Those requirements stay
open. A file nothing depends on gets a warning. A PDF without text (a scan that OCR could
not read) needs manual review: a warning, never a pass. Word, OpenDocument and text files
are read as text, images by OCR (their problems: evidence/read_review.py); other files are
listed and hashed, and an observation says that asfcert cannot inspect them.
"""

from __future__ import annotations

from asfcert.base.findings import (
    INPUT_MISSING,
    SEVERITY_ORDER,
    Effect,
    Finding,
    Kind,
    Location,
    Severity,
    made_by,
)
from asfcert.base.i18n import L10n
from asfcert.base.identity import ByIdentity
from asfcert.evidence import read_review
from asfcert.evidence.documents import (
    EMPTY,
    OFFICE_SUFFIXES,
    TOO_LARGE,
    UNREADABLE,
    Document,
    Documents,
)
from asfcert.evidence.limits import Limits
from asfcert.evidence.privacy import document_finding

_RESAVE = L10n(
    "Spara dokumentet som PDF igen från originalet (till exempel Arkiv > Spara som > PDF, eller Skriv ut > Spara som PDF) och byt ut filen.",
    "Save the document as PDF again from the original (for example File > Save as > PDF, or Print > Save as PDF) and replace the file.",
)
PDF_ENCRYPTED = Kind(
    "pdf-encrypted",
    L10n("Lösenordsskyddad PDF", "Password-protected PDF"),
    L10n("{file} är lösenordsskyddad och kan inte öppnas utan lösenord{used}", "{file} is password-protected and cannot be opened without a password{used}"),
    L10n(
        "Spara en kopia utan lösenord (till exempel Skriv ut > Spara som PDF) och lägg den i stället. Skriv aldrig lösenordet i självskattningen.",
        "Save a copy without a password (for example Print > Save as PDF) and use it instead. Never write the password in the self-assessment.",
    ),
    effect=Effect.OPENS,
)
PDF_DAMAGED = Kind(
    "pdf-damaged",
    L10n("Skadad PDF", "Damaged PDF"),
    L10n("{file} är skadad och kan inte läsas{used}", "{file} is damaged and cannot be read{used}"),
    L10n(
        "Hämta eller kopiera filen på nytt (den kan ha kapats vid uppladdningen), eller spara den som PDF igen från originalet.",
        "Download or copy the file again (it may have been cut off during upload), or save it as PDF again from the original.",
    ),
    effect=Effect.OPENS,
)
PDF_NO_PAGES = Kind(
    "pdf-no-pages",
    L10n("PDF utan sidor", "PDF without pages"),
    L10n("{file} har inga sidor{used}", "{file} has no pages{used}"),
    _RESAVE,
    effect=Effect.OPENS,
)
PDF_NOT_PDF = Kind(
    "pdf-not-pdf",
    L10n("Ingen riktig PDF", "Not a real PDF"),
    L10n("{file} heter .pdf men är {what}{used}", "{file} is named .pdf but is {what}{used}"),
    _RESAVE,
    effect=Effect.OPENS,
)
EVIDENCE_EMPTY = Kind(
    "evidence-empty-file",
    L10n("Tom fil", "Empty file"),
    L10n("{file} är tom (0 byte){used}", "{file} is empty (0 bytes){used}"),
    L10n("Lägg in dokumentet på nytt; kopieringen eller uppladdningen blev inte klar.", "Add the document again; the copy or upload did not finish."),
    effect=Effect.OPENS,
)
EVIDENCE_UNREADABLE = Kind(
    "evidence-unreadable",
    L10n("Filen går inte att öppna", "File cannot be opened"),
    L10n("{file} går inte att öppna ({detail}){used}", "{file} cannot be opened ({detail}){used}"),
    L10n("Kontrollera att filen går att läsa för den som kör asfcert (behörigheter).", "Check that the file is readable for whoever runs asfcert (permissions)."),
    effect=Effect.OPENS,
)
EVIDENCE_TOO_LARGE = Kind(
    "evidence-too-large",
    L10n("Filen är för stor", "File too large"),
    L10n("{file} är {size:num} byte; asfcert läser underlag upp till {limit:num} byte{used}", "{file} is {size:num} bytes; asfcert reads evidence up to {limit:num} bytes{used}"),
    L10n(
        "Lägg in en mindre version: spara dokumentet som PDF igen med lägre bildupplösning, eller dela upp det. En film eller ett arkiv hör inte hemma i evidence/; beskriv det i svaret i stället.",
        "Add a smaller version: save the document as PDF again with a lower image resolution, or split it. A video or an archive does not belong in evidence/; describe it in the answer instead.",
    ),
    effect=Effect.OPENS,
)
PDF_TOO_COSTLY = Kind(
    "pdf-too-costly",
    L10n("PDF:en kunde inte läsas inom asfcerts gränser", "PDF could not be read within the limits"),
    L10n("{file} kunde inte läsas: {why}{used}", "{file} could not be read: {why}{used}"),
    L10n(
        "Filen är skadad eller onödigt stor. Spara den som PDF igen (till exempel Skriv ut > Spara som PDF) eller dela upp den. Revisorn granskar den annars för hand.",
        "The file is damaged or needlessly heavy. Save it as PDF again (for example Print > Save as PDF) or split it. Otherwise the auditor reviews it by hand.",
    ),
    effect=Effect.OPENS,
)
PDF_NO_TEXT = Kind(
    "pdf-no-text",
    L10n("PDF utan läsbar text", "PDF without readable text"),
    L10n(
        "{file} har ingen läsbar text (inskannad?) och måste granskas för hand; asfcert kan inte kontrollera innehållet eller söka efter personnummer i den",
        "{file} has no readable text (a scan?) and must be reviewed by hand; asfcert cannot check its content or look for personal identity numbers in it",
    ),
    L10n(
        "Spara dokumentet som PDF direkt från programmet det skrevs i, eller kör textigenkänning (OCR) på skanningen.",
        "Save the document as PDF straight from the program it was written in, or run text recognition (OCR) on the scan.",
    ),
    Severity.WARNING,
)
PDF_PAGES_UNREADABLE = Kind(
    "pdf-pages-unreadable",
    L10n("Sidor som inte går att läsa", "Pages that cannot be read"),
    L10n("Sidorna {pages:list} i {file} kunde inte läsas och måste granskas för hand", "Pages {pages:list} of {file} could not be read and must be reviewed by hand"),
    _RESAVE,
    Severity.WARNING,
)
PDF_RESTRICTED = Kind(
    "pdf-restricted",
    L10n("PDF med begränsningar", "PDF with restrictions"),
    L10n(
        "{file} har ett ägarlösenord som kan hindra utskrift eller kopiering; asfcert kunde läsa den",
        "{file} has an owner password that may prevent printing or copying; asfcert could read it",
    ),
    L10n("Spara en kopia utan begränsningar så att revisorn kan skriva ut den.", "Save a copy without restrictions so that the auditor can print it."),
    Severity.OBSERVATION,
)
EVIDENCE_NOT_INSPECTED = Kind(
    "evidence-not-inspected",
    L10n("Underlaget kan inte granskas av asfcert", "Evidence asfcert cannot inspect"),
    L10n(
        "{file} ({what}) finns med i förteckningen med storlek och SHA-256, men asfcert kan inte granska innehållet; revisorn öppnar den själv",
        "{file} ({what}) is listed with its size and SHA-256, but asfcert cannot inspect its content; the auditor opens it",
    ),
    L10n("Spara dokumentet som PDF om asfcert ska kunna läsa det.", "Save the document as PDF if asfcert is to read it."),
    Severity.OBSERVATION,
)
EVIDENCE_KIND_MISSING = Kind(
    "evidence-kind-missing",
    L10n("Ett slags underlag saknas", "Kind of evidence missing"),
    L10n(
        "Det finns ingen fil av slaget ”{kind}” i evidence/ (underlag för {requirements})",
        "There is no file of the kind {kind} in evidence/ (evidence for {requirements})",
    ),
    L10n(
        "Lägg dokumentet i evidence/{folder}/, eller ge filen ett namn som visar vad den är. I självskattningen hänvisar ni till det i svaret.",
        "Put the document in evidence/{folder}/, or give the file a name that says what it is. In the self-assessment, refer to it in the answer.",
    ),
    effect=Effect.OPENS,
)
DOCUMENT_NEEDS_REVIEW = Kind(
    "document-needs-review",
    L10n("Granskas för hand", "Needs review by hand"),
    L10n("{file}: {reason}; asfcert kan inte avgöra det, så dokumentet måste granskas för hand", "{file}: {reason}; the machine cannot tell, so the document must be reviewed by hand"),
    L10n("Spara dokumentet som textbaserad PDF från originalet, så kan asfcert kontrollera det.", "Save the document as a text-based PDF from the original, so that asfcert can check it."),
    effect=Effect.OPENS,
)

_NOT_PDF = {
    "png": L10n("en PNG-bild", "a PNG image"), "jpeg": L10n("en JPEG-bild", "a JPEG image"), "gif": L10n("en GIF-bild", "a GIF image"),
    "tiff": L10n("en TIFF-bild", "a TIFF image"), "zip": L10n("en ZIP-fil, till exempel ett Word- eller OpenDocument-dokument", "a zip file, for example a Word or OpenDocument document"),
    "ole": L10n("ett äldre Office-dokument", "an older Office document"), "html": L10n("en webbsida (HTML)", "a web page (HTML)"),
    "text": L10n("en textfil", "a text file"), "unknown": L10n("inte en PDF (okänt format)", "not a PDF (unknown format)"),
}
_MARKERS = {  # manifest entries that were never opened (see CompanyFolder.content_hash)
    "special": L10n("en specialfil: FIFO, enhet eller uttag", "a special file: FIFO, device or socket"),
    "link": L10n("en symbolisk länk som leder ut ur mappen", "a symbolic link that leads out of the folder"),
    "unreadable": L10n("saknar läsbehörighet eller försvann under läsningen", "no read permission, or it vanished while being read"),
}
_TYPES = {
    "image": (L10n("bild", "image"), {"png", "jpg", "jpeg", "gif", "tif", "tiff", "heic", "webp", "bmp"}),
    "document": (L10n("ordbehandlingsdokument", "word-processing document"), {"doc", "docx", "odt", "rtf", "pages"}),
    "sheet": (L10n("kalkylark", "spreadsheet"), {"xls", "xlsx", "ods", "csv", "numbers"}),
    "text": (L10n("textfil", "text file"), {"txt", "md"}),
}


def _os_words(detail: str) -> L10n | str:
    """The worker's detail for a file it could not open (an errno symbol such as `EACCES`)
    in words of both languages."""
    import errno

    from asfcert.base.oserror import reason

    if detail == "not a regular file":
        return L10n("det är ingen vanlig fil", "it is not a regular file")
    number = getattr(errno, detail, None) if detail.isupper() else None
    return reason(OSError(number, "")) if isinstance(number, int) else detail


def _why(problem: str, detail: str | None, limits: Limits) -> L10n:
    if problem == "cpu":
        return L10n(f"processortiden tog slut ({limits.cpu_seconds} s)", f"it ran out of CPU time ({limits.cpu_seconds} s)")
    if problem == "time":
        return L10n(f"det tog för lång tid ({limits.wall_seconds:g} s)", f"it took too long ({limits.wall_seconds:g} s)")
    if problem == "memory":
        return L10n(f"minnet räckte inte ({limits.memory_mb} MB)", f"it needed more memory than allowed ({limits.memory_mb} MB)")
    if problem == "too-large":
        return L10n(f"filen är större än {limits.max_file_mb} MB", f"the file is larger than {limits.max_file_mb} MB")
    if problem == "limit":
        return L10n(f"den överskrider PDF-läsarens säkerhetsgränser ({detail})", f"it exceeds the PDF reader's safety limits ({detail})")
    if problem == "budget":
        return L10n(f"tiden för att läsa dokumenten tog slut ({detail}); nästa körning läser den", f"the time for reading the documents ran out ({detail}); the next run reads it")
    return L10n("läsaren avbröts oväntat", "the reader stopped unexpectedly")


def unreadable_reason(problem: str, detail: str | None, limits: Limits = Limits()) -> L10n:
    """Why the reader could not use a PDF, in a few words (for a message about one file)."""
    if problem == "encrypted":
        return L10n("den är lösenordsskyddad", "it is password-protected")
    if problem == "damaged":
        return L10n("den är skadad", "it is damaged")  # the reader's English detail stays in the data
    if problem == "no-pages":
        return L10n("den har inga sidor", "it has no pages")
    if problem == "not-pdf":
        what = _NOT_PDF.get(detail or "", _NOT_PDF["unknown"])
        return L10n(f"den är {what.sv}", f"it is {what.en}")
    return _why(problem, detail, limits)


def file_type(rel: str) -> L10n:
    suffix = rel.rsplit(".", 1)[-1].lower() if "." in rel.rsplit("/", 1)[-1] else ""
    for name, suffixes in _TYPES.values():
        if suffix in suffixes:
            return name
    return L10n("fil", "file")


def needs_review(ctx, doc: Document, reason: L10n, **params) -> Finding:
    """For rules: the machine cannot decide from this document. A warning that keeps a
    machine requirement open; an observation for the auditor on auditor requirements."""
    severity = Severity.WARNING if ctx.requirement.decided_by == "machine" else Severity.OBSERVATION
    return DOCUMENT_NEEDS_REVIEW(location=Location(doc.rel), severity=severity, requirement=ctx.requirement.id, file=doc.rel, reason=reason, **params)


NO_TEXT = L10n("dokumentet har ingen läsbar text (inskannat?)", "the document has no readable text (a scan?)")


def scans(ctx, docs: list[Document]) -> list[Finding]:
    """For rules: `needs_review` for each document without text (a scan, or a file that is
    not a PDF). A file that cannot be read at all is not repeated here: its own finding
    keeps the requirement open."""
    return [needs_review(ctx, d, _no_text(d)) for d in docs if not d.problem and not d.has_text]


def _no_text(doc: Document) -> L10n:
    if not doc.ocr_trusted:
        shown = f"{doc.ocr_confidence:.0f}"
        return L10n(
            f"texten lästes med OCR med säkerheten {shown} %, under standardens gräns {doc.ocr_floor:g} %",
            f"the text was read by OCR with a confidence of {shown}%, below the standard's threshold of {doc.ocr_floor:g}%",
        )
    if doc.is_pdf or doc.reader == "image":
        return NO_TEXT
    kind = file_type(doc.rel)
    return L10n(f"dokumentet är ingen PDF ({kind.sv})", f"the document is not a PDF ({kind.en})")


def final(findings: list[Finding]) -> bool:
    """Whether a result with these findings may be cached whole: not when a file was left
    unread for reasons of the moment (the run's budget, a busy machine) or scans waited for a
    Tesseract that may be installed before the next run."""
    from asfcert.evidence.limits import TRANSIENT

    passing = {read_review.OCR_UNAVAILABLE.code, read_review.OCR_INCOMPLETE.code}

    def unread(f: Finding) -> bool:  # pdf-too-costly, docx-too-costly, …: the reader's problem
        problem = f.params.get("problem")
        return f.code.endswith("-too-costly") and isinstance(problem, str) and problem in TRANSIENT

    return not any(f.code in passing or unread(f) for f in findings)


def _of_standard(standard) -> tuple[dict[str, Severity], dict]:
    """Each requirement's severity and each evidence kind by id: made once per standard and
    process (base/identity.py), where a cohort made them per company."""
    return _STANDARDS.get(standard, _make_of_standard)


def _make_of_standard(standard) -> tuple[dict[str, Severity], dict]:
    return {r.id: Severity(r.severity) for r in standard.requirements}, {k.id: k for k in standard.evidence_kinds}


_STANDARDS: ByIdentity[tuple[dict, dict]] = ByIdentity(kept=100)


class Review:
    """Collects, requirement by requirement, which files and kinds of evidence they depend on."""

    def __init__(self, standard, documents: Documents, limits: Limits = Limits()):
        self.documents = documents
        self.limits = limits
        documents.trust_ocr(standard.policy.ocr_min_confidence)  # before any rule reads a text
        severity, self.kinds = _of_standard(standard)
        self.severity = dict(severity)  # its own: `requirement` adds those the standard lacks
        self.depends: dict[str, list[str]] = {}  # file -> requirement ids
        self.missing: dict[str, list[str]] = {}  # kind -> requirement ids
        self._kinds: dict[str, tuple[list[Document], bool]] = {}  # kind -> Review._of_kind

    def _depend(self, rel: str, req_id: str) -> None:
        ids = self.depends.setdefault(rel, [])
        if req_id not in ids:
            ids.append(req_id)

    def requirement(self, req, files: list[str], answer_status: str | None, findings: list[Finding] = (), failing: bool = False) -> bool:
        """Record one requirement; True when evidence it needs is missing or unreadable.
        `findings` are the ones the requirement already has; `failing` says that its
        machine checks already fail (no collective agreement: no document asked)."""
        if req.id not in self.severity:
            self.severity[req.id] = Severity(req.severity)
        blocked = False
        get = self.documents.get
        for rel in files:
            doc = get(rel)
            if doc is not None and doc.problem:
                self._depend(rel, req.id)
                blocked = True
        if not req.evidence or failing or answer_status == "not-applicable" or any(INPUT_MISSING in f.tags for f in findings):
            return blocked  # no evidence needed, or already open for want of an answer or data
        # a referenced file of no known kind may well be the expected document
        unknown = any(get(rel) is None or get(rel).kind is None for rel in files)
        for kind in req.evidence:
            present, unusable = self._of_kind(kind)
            if not present and not unknown:
                self.missing.setdefault(kind, []).append(req.id)
                blocked = True
            elif unusable:
                for d in present:
                    self._depend(d.rel, req.id)
                blocked = True
        return blocked

    def _of_kind(self, kind: str) -> tuple[list[Document], bool]:
        """The files of `kind`, and whether there are some and none can be used: asked once
        per kind and check (several requirements expect each kind; the files do not change)."""
        found = self._kinds.get(kind)
        if found is None:
            present = self.documents.of_kind(kind)
            found = self._kinds[kind] = (present, bool(present) and all(d.problem for d in present))
        return found

    def _most_severe(self, ids: list[str]) -> tuple[Severity, str | None]:
        if not ids:
            return Severity.WARNING, None
        first = min(ids, key=lambda i: SEVERITY_ORDER[self.severity[i]])
        return self.severity[first], first

    def _problem(self, doc: Document) -> Finding:
        ids = self.depends.get(doc.rel, [])
        severity, req = self._most_severe(ids)
        used = L10n(" – underlag för " + ", ".join(ids), " – evidence for " + ", ".join(ids)) if ids else L10n("", "")
        common = dict(location=Location(doc.rel), severity=severity, requirement=req, file=doc.rel, used=used, requirements=ids)
        problem = doc.problem
        detail = (doc.facts or {}).get("detail") or "?"
        if problem == EMPTY:
            return EVIDENCE_EMPTY(**common)
        if problem == TOO_LARGE:
            from asfcert.company.folder import MAX_HASHED_BYTES

            return EVIDENCE_TOO_LARGE(size=doc.size, limit=MAX_HASHED_BYTES, **common)
        if problem == UNREADABLE:
            return EVIDENCE_UNREADABLE(detail=_MARKERS.get(doc.sha256.partition(":")[0], _os_words(detail)), **common)
        if doc.is_filing:  # a digital annual report: evidence/filing.py words its problems
            from asfcert.evidence.filing import problem_finding

            return problem_finding(doc, _why(problem, detail, self.limits), **common)
        if doc.reader in ("office", "image"):
            kind = "image" if doc.reader == "image" else OFFICE_SUFFIXES["." + doc.rel.rsplit(".", 1)[-1].lower()]
            return read_review.problem_finding(doc, kind, _why(problem, detail, self.limits), **common)
        if problem == "encrypted":
            return PDF_ENCRYPTED(**common)
        if problem == "damaged":
            return PDF_DAMAGED(detail=detail, **common)
        if problem == "no-pages":
            return PDF_NO_PAGES(**common)
        if problem == "not-pdf":
            return PDF_NOT_PDF(what=_NOT_PDF.get(detail, _NOT_PDF["unknown"]), **common)
        return PDF_TOO_COSTLY(why=_why(problem, detail, self.limits), problem=problem, **common)

    def findings(self, privacy_severity: Severity, own: frozenset[str] = frozenset()) -> list[Finding]:
        """Every finding about the files. `own` holds the masked form of the company's own
        number when it is a personal one (a sole trader): its documents name it."""
        out: list[Finding] = []
        for doc in self.documents:
            if doc.problem:
                out.append(self._problem(doc))
            elif doc.is_filing:
                pass  # read as a digital annual report; the rules report what it says
            elif doc.reader is None or (doc.reader == "image" and not (doc.facts and doc.facts["text_pages"])):
                out.append(EVIDENCE_NOT_INSPECTED(location=Location(doc.rel), file=doc.rel, what=file_type(doc.rel)))
            elif not doc.is_pdf:
                pass  # read as text; the rules report what it says
            elif doc.facts:
                facts = doc.facts
                if facts["text_pages"] == 0:
                    out.append(PDF_NO_TEXT(location=Location(doc.rel), file=doc.rel))
                elif facts["bad_pages"]:
                    out.append(PDF_PAGES_UNREADABLE(location=Location(doc.rel), file=doc.rel, pages=facts["bad_pages"]))
                if facts["owner_password_only"]:
                    out.append(PDF_RESTRICTED(location=Location(doc.rel), file=doc.rel))
            if doc.facts:
                hits = [h for h in doc.facts["privacy"] if h["masked"] not in own]
                privacy = document_finding(doc.rel, hits, privacy_severity)
                if privacy:
                    out.append(privacy)
        out += read_review.ocr_findings(self.documents, self.limits.wall_seconds)
        for kind_id, ids in self.missing.items():
            kind = self.kinds[kind_id]
            location, name, listed = Location(f"evidence/{kind.folder}/"), kind.name.l10n, ", ".join(ids)
            for req_id in ids:  # one per requirement it blocks: JSON consumers count per requirement
                out.append(
                    EVIDENCE_KIND_MISSING(
                        location=location, severity=self.severity[req_id], requirement=req_id,
                        kind=name, requirements=listed, folder=kind.folder, kind_id=kind_id,
                    )
                )
        return out


KINDS = made_by(
    "evidence",
    PDF_ENCRYPTED,
    PDF_DAMAGED,
    PDF_NO_PAGES,
    PDF_NOT_PDF,
    EVIDENCE_EMPTY,
    EVIDENCE_UNREADABLE,
    EVIDENCE_TOO_LARGE,
    PDF_TOO_COSTLY,
    PDF_NO_TEXT,
    PDF_PAGES_UNREADABLE,
    PDF_RESTRICTED,
    EVIDENCE_NOT_INSPECTED,
    EVIDENCE_KIND_MISSING,
    DOCUMENT_NEEDS_REVIEW,
)

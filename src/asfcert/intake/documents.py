"""The three documents of an application: the approved annual report, board minutes and
the statutes or articles of association.

For each, by its evidence kind (the kit folder or the words in the file name, as in
`asfcert check`):

- present: at least one file of the kind under `evidence/`;
- readable: a PDF with text (not encrypted, damaged, empty, a scan or another format);
- current: the annual report covers a fiscal year that ended at most the standard's
  `annual-report` limit ago (18 months in the shipped standard); the newest minutes of a
  board or general meeting are dated at most `minutes_max_age_months` ago (12 by
  default; minutes of staff meetings do not count; the meeting date is the first date
  after a word like `Datum` or `styrelsemöte`, else the first date in the text). Statutes have no age: they hold until
  they are changed;
- the organisation number: the document names the company's number in any written form.

The annual report and the minutes judged are the newest; for the statutes, the first
readable copy that names the number. Every failure is a blocker at intake: the
application comes back later. The document facts are read by the same sandboxed workers
and cache as `asfcert check` (evidence/documents.py)."""

from __future__ import annotations

import datetime as dt
import re

from asfcert.base.findings import Finding, Kind, Location, Severity
from asfcert.base.i18n import L10n
from asfcert.intake.result import DocumentCheck

ANNUAL_REPORT, MINUTES, STATUTES = "annual-report", "minutes", "statutes"
KINDS = (ANNUAL_REPORT, MINUTES, STATUTES)
MINUTES_MAX_AGE_MONTHS = 12

INTAKE_DOCUMENT_MISSING = Kind(
    "intake-document-missing",
    L10n("Ansökningsdokument saknas", "Application document missing"),
    L10n("Ansökan saknar {kind_lower} (ingen sådan fil i evidence/)", "The application has no {kind_lower} (no such file in evidence/)"),
    L10n(
        "Lägg dokumentet som PDF i evidence/{folder}/, eller ge filen ett namn som visar vad den är (till exempel {example}).",
        "Put the document as a PDF in evidence/{folder}/, or give the file a name that says what it is (for example {example}).",
    ),
    Severity.BLOCKER,
)
INTAKE_DOCUMENT_UNREADABLE = Kind(
    "intake-document-unreadable",
    L10n("Ansökningsdokumentet går inte att läsa", "Application document cannot be read"),
    L10n("{file} ({kind}) går inte att läsa: {why}", "{file} ({kind}) cannot be read: {why}"),
    L10n(
        "Skicka dokumentet som PDF med text, sparad direkt från originalet (Arkiv > Spara som > PDF eller Skriv ut > Spara som PDF), utan lösenord. En skanning behöver textigenkänning (OCR).",
        "Send the document as a PDF with text, saved straight from the original (File > Save as > PDF or Print > Save as PDF), without a password. A scan needs text recognition (OCR).",
    ),
    Severity.BLOCKER,
)
INTAKE_DOCUMENT_UNDATED = Kind(
    "intake-document-undated",
    L10n("Dokumentets datum framgår inte", "The document's date cannot be found"),
    L10n("{file}: {what} framgår inte av texten, så det går inte att se att dokumentet är aktuellt", "{file}: the text does not show {what}, so it cannot be seen that the document is current"),
    L10n(
        "Skicka ett aktuellt dokument: årsredovisningen för det senaste räkenskapsåret med räkenskapsåret utskrivet, och justerade styrelseprotokoll från det senaste året med datum i texten.",
        "Send a current document: the annual report for the latest fiscal year with the fiscal year written out, and approved board minutes from the last year with the date in the text.",
    ),
    Severity.BLOCKER,
)
INTAKE_DOCUMENT_OUTDATED = Kind(
    "intake-document-outdated",
    L10n("Ansökningsdokumentet är för gammalt", "Application document too old"),
    L10n("{file}: {what} {date}, för {months} månader sedan (högst {max})", "{file}: {what} {date}, {months} months ago (at most {max})"),
    L10n(
        "Skicka ett aktuellt dokument: årsredovisningen för det senaste räkenskapsåret med räkenskapsåret utskrivet, och justerade styrelseprotokoll från det senaste året med datum i texten.",
        "Send a current document: the annual report for the latest fiscal year with the fiscal year written out, and approved board minutes from the last year with the date in the text.",
    ),
    Severity.BLOCKER,
)
INTAKE_MINUTES_NOT_BOARD = Kind(
    "intake-minutes-not-board",
    L10n("Inget protokoll från styrelsen eller stämman", "No minutes of the board or a general meeting"),
    L10n(
        "Inget av protokollen ({files}) är från ett styrelsemöte, en stämma eller ett årsmöte",
        "None of the minutes ({files}) is from a board meeting, a general meeting or an annual meeting",
    ),
    L10n(
        "Skicka justerade protokoll från ett styrelsemöte; ordet styrelsemöte (eller stämma, årsmöte) ska stå i filnamnet eller i protokollets rubrik.",
        "Send approved minutes of a board meeting; the word styrelsemöte (or stämma, årsmöte) must be in the file name or the heading of the minutes.",
    ),
    Severity.BLOCKER,
)
INTAKE_DOCUMENT_ORG_NUMBER = Kind(
    "intake-document-org-number",
    L10n("Fel eller inget organisationsnummer i dokumentet", "Wrong or no organisation number in the document"),
    L10n("{file} ({kind}) nämner inte organisationsnumret {org_number}{other}", "{file} ({kind}) does not name the organisation number {org_number}{other}"),
    L10n(
        "Skicka {kind_lower} för företaget med organisationsnummer {org_number}, i en version där numret står (till exempel kopian från Bolagsverket), eller rätta org_number i company.yaml.",
        "Send the {kind_lower} of the company with organisation number {org_number}, in a version that shows the number (for example the copy from the Swedish Companies Registration Office), or correct org_number in company.yaml.",
    ),
    Severity.BLOCKER,
)

# Words that mark minutes of the board or a general meeting, in the file name or the start
# of the first page (staff meetings, arbetsplatsträffar, are not what the application needs).
BOARD_WORDS = ("styrelse", "stämma", "stamma", "årsmöte", "arsmote", "board", "general meeting", "annual meeting")
_HEADING_CHARS = 400

_EXAMPLES = {ANNUAL_REPORT: "arsredovisning-2025.pdf", MINUTES: "styrelsemote-2026-03-12.pdf", STATUTES: "stadgar.pdf"}
_PROBLEMS = {
    "encrypted": L10n("den är lösenordsskyddad", "it is password-protected"),
    "damaged": L10n("den är skadad eller avkapad", "it is damaged or cut off"),
    "no-pages": L10n("den har inga sidor", "it has no pages"),
    "not-pdf": L10n("den heter .pdf men är ingen PDF", "it is named .pdf but is not a PDF"),
    "empty": L10n("filen är tom (0 byte)", "the file is empty (0 bytes)"),
    "unreadable": L10n("filen går inte att öppna", "the file cannot be opened"),
    "scan": L10n("den har ingen läsbar text (inskannad?)", "it has no readable text (a scan?)"),
}
_TOO_COSTLY = L10n("den kunde inte läsas inom gränserna för PDF-läsaren", "it could not be read within the PDF reader's limits")
_FISCAL_YEAR = L10n("räkenskapsåret", "the fiscal year")
_MEETING_DATE = L10n("mötesdatumet", "the meeting date")
_YEAR_ENDED = L10n("räkenskapsåret slutade", "the fiscal year ended on")
_MEETING_HELD = L10n("det senaste protokollet är från", "the newest minutes are from")
_FIX_REPORT = L10n(
    "Skicka den fastställda årsredovisningen för det senaste räkenskapsåret, med räkenskapsåret utskrivet (till exempel \"Räkenskapsåret 2025-01-01 – 2025-12-31\").",
    "Send the adopted annual report for the latest fiscal year, with the fiscal year written out (for example \"Räkenskapsåret 2025-01-01 – 2025-12-31\").",
)
_FIX_MINUTES = L10n(
    "Skicka justerade protokoll från ett styrelsemöte under det senaste året, med mötets datum i texten (till exempel \"Datum 2026-03-12\").",
    "Send approved minutes of a board meeting in the last year, with the meeting's date in the text (for example \"Datum 2026-03-12\").",
)


def _lower(text: L10n) -> L10n:
    return L10n(text.sv[:1].lower() + text.sv[1:], text.en[:1].lower() + text.en[1:])


def _why(doc) -> L10n | None:
    """Why a document cannot be read as text, or None when it can."""
    from asfcert.evidence.review import file_type

    if doc.problem:
        return _PROBLEMS.get(doc.problem, _TOO_COSTLY)
    if not doc.is_pdf:
        kind = file_type(doc.rel)
        return L10n(f"den är ingen PDF ({kind.sv})", f"it is not a PDF ({kind.en})")
    return None if doc.has_text else _PROBLEMS["scan"]


def names_number(texts: list[str], number: str) -> tuple[int, str] | None:
    """(page, the form found) where the texts name `number`. A sole trader's personal
    number is masked in the texts, so its masked form is looked for."""
    from asfcert.evidence.text import find_org_number
    from asfcert.rules.org_number import is_personal, normalise

    digits = normalise(number)
    if len(digits) != 10 or not digits.isdigit():
        return None
    if is_personal(digits):
        wanted = digits[:6] + "-****"
        return next(((i, wanted) for i, t in enumerate(texts, 1) if wanted in t), None)
    return find_org_number(texts, digits)


def is_board_minutes(doc) -> bool:
    """Minutes of the board or a general meeting: a board word in the file name or at the
    start of the first page."""
    text = (doc.name + " " + (doc.texts[0][:_HEADING_CHARS] if doc.texts else "")).casefold()
    return any(w in text for w in BOARD_WORDS)


_MEETING_WORDS = re.compile(r"datum|date|möte|mote|sammanträde|protokoll|meeting|minutes", re.IGNORECASE)
_NEAR = 25  # characters after a meeting word in which its date is looked for


def meeting_date(texts: list[str], today: dt.date) -> dt.date | None:
    """When the meeting was held: the first date written just after a word such as
    `Datum`, `styrelsemöte` or `Protokoll`, else the first date in the text. Dates after
    `today` (the next meeting) do not count."""
    from asfcert.evidence.text import dates

    text = "\n".join(texts)
    for m in _MEETING_WORDS.finditer(text):
        near = [d for d in dates(text[m.end(): m.end() + _NEAR]) if d <= today]
        if near:
            return near[0]
    return next((d for d in dates(text) if d <= today), None)


_NUMBER = re.compile(r"(?<![\d])(\d{6})[-\u2010-\u2013 ]?(\d{4})(?![\d])")


def other_number(texts: list[str], own: str) -> str | None:
    """The first valid organisation number in the texts that is not `own`: a sign that the
    document belongs to another company."""
    from stdnum.se import orgnr

    from asfcert.rules.org_number import is_personal, normalise

    own = normalise(own)
    for text in texts:
        for m in _NUMBER.finditer(text):
            digits = m.group(1) + m.group(2)
            if digits != own and not is_personal(digits) and orgnr.is_valid(digits):
                return f"{digits[:6]}-{digits[6:]}"
    return None


class _Checker:
    def __init__(self, documents, kinds: dict, org_number: str | None, today: dt.date, limits: dict[str, int]):
        self.documents, self.kinds, self.org, self.today, self.limits = documents, kinds, org_number, today, limits
        self.findings: list[Finding] = []

    def _add(self, check: DocumentCheck, finding: Finding) -> None:
        self.findings.append(finding)
        check.findings.append(finding.code)

    def run(self, kind_id: str) -> DocumentCheck:
        kind = self.kinds[kind_id]
        docs = sorted(self.documents.of_kind(kind_id), key=lambda d: d.rel)
        check = DocumentCheck(kind_id, kind.name.l10n, kind.folder, files=[d.rel for d in docs])
        common = {"kind": kind.name.l10n, "kind_lower": _lower(kind.name.l10n)}
        if not docs:
            self._add(check, INTAKE_DOCUMENT_MISSING(location=Location(f"evidence/{kind.folder}/"), folder=kind.folder, example=_EXAMPLES[kind_id], **common))
            return check
        readable = [d for d in docs if _why(d) is None]
        check.readable = bool(readable)
        if not readable:
            for d in docs:
                self._add(check, INTAKE_DOCUMENT_UNREADABLE(location=Location(d.rel), file=d.rel, why=_why(d), **common))
            return check
        judged = self._current(check, kind_id, readable)
        check.file = judged.rel
        self._org_number(check, judged, kind)
        return check

    def _current(self, check: DocumentCheck, kind_id: str, readable: list):
        """The document to judge, with its date and whether it is current."""
        from asfcert.base.dates import months_between, older_than
        from asfcert.evidence.text import fiscal_year_ends

        if kind_id == STATUTES:  # valid until changed: the copy that names the number, else the first
            return next((d for d in readable if self.org and names_number(d.texts, self.org)), readable[0])
        if kind_id == ANNUAL_REPORT:
            # a year that has not ended yet (a budget, a plan) is not what the report covers
            found = {d.rel: [e for e in fiscal_year_ends("\n".join(d.texts)) if e <= self.today] for d in readable}
            what, held, fix = _FISCAL_YEAR, _YEAR_ENDED, _FIX_REPORT
        else:
            board = [d for d in readable if is_board_minutes(d)]
            if not board:
                self._add(check, INTAKE_MINUTES_NOT_BOARD(location=Location(readable[0].rel), files=", ".join(d.name for d in readable)))
                check.current = False
                return readable[0]
            readable = board
            found = {d.rel: [x] if (x := meeting_date(d.texts, self.today)) else [] for d in readable}
            what, held, fix = _MEETING_DATE, _MEETING_HELD, _FIX_MINUTES
        dated = [d for d in readable if found[d.rel]]
        check.max_age_months = self.limits[kind_id]
        if not dated:
            self._add(check, INTAKE_DOCUMENT_UNDATED(location=Location(readable[0].rel), file=readable[0].rel, what=what, hint=fix))
            check.current = False
            return readable[0]
        newest = max(dated, key=lambda d: (found[d.rel][-1], d.rel))
        day = found[newest.rel][-1]
        check.date = day.isoformat()
        check.age_months = months_between(day, self.today)
        check.current = not older_than(day, check.max_age_months, self.today)
        if not check.current:
            self._add(check, INTAKE_DOCUMENT_OUTDATED(
                location=Location(newest.rel), file=newest.rel, what=held, date=check.date,
                months=check.age_months, max=check.max_age_months, hint=fix,
            ))
        return newest

    def _org_number(self, check: DocumentCheck, doc, kind) -> None:
        from asfcert.rules.org_number import masked

        if not self.org:
            return
        found = names_number(doc.texts, self.org)
        check.org_number = found is not None
        check.org_number_page = found[0] if found else None
        if found is None:
            other = other_number(doc.texts, self.org)
            self._add(check, INTAKE_DOCUMENT_ORG_NUMBER(
                location=Location(doc.rel), file=doc.rel, kind=kind.name.l10n,
                kind_lower=_lower(kind.name.l10n), org_number=masked(self.org),
                other=L10n(f"; det nämner {other}", f"; it names {other}") if other else L10n("", ""),
            ))


def annual_report_limit(standard) -> int:
    """The standard's age limit for an annual report: the `annual-report` check's
    `max_age_months` (the first enabled requirement that has one)."""
    from asfcert.rules.annual_report import Options

    for req in standard.enabled:
        for spec in req.checks:
            if spec.rule == "annual-report":
                return spec.max_age_months
    return Options(rule="annual-report").max_age_months


def check_documents(documents, standard, org_number: str | None, today: dt.date,
                    minutes_max_age_months: int = MINUTES_MAX_AGE_MONTHS) -> tuple[list[DocumentCheck], list[Finding]]:
    """One `DocumentCheck` per application document, and the findings. `org_number` None
    (an unreadable company.yaml) skips the number."""
    limits = {ANNUAL_REPORT: annual_report_limit(standard), MINUTES: minutes_max_age_months, STATUTES: 0}
    checker = _Checker(documents, {k.id: k for k in standard.evidence_kinds}, org_number, today, limits)
    checks = [checker.run(kind) for kind in KINDS if kind in checker.kinds]
    return checks, checker.findings

"""What a digital annual report says: the company, its fiscal year and its figures, from
the facts evidence/ixbrl.py read in the worker. Used by the rules that cross-check the
profile against the filing and by `asfcert new --from-annual-report`.

Only the company's own figures count: a fact whose context has no dimensions, or only the
legal person's or the general segment (an annual report with group accounts tags the
company's figures with `RedovisningInformationJuridiskPersonSegment`). A figure is taken
for a period when its context covers exactly that period; of several (a figure shown in
kronor and again in thousands) the most precise one is used.

Also the findings about a file that cannot be read as a digital annual report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from asfcert.base.findings import Finding, Kind, made_by
from asfcert.base.i18n import L10n, number
from asfcert.evidence.ixbrl import is_dividend

ORG_NUMBER = "se-cd-base:Organisationsnummer"
NAME = "se-cd-base:ForetagetsNamn"
FIRST_DAY = "se-cd-base:RakenskapsarForstaDag"
LAST_DAY = "se-cd-base:RakenskapsarSistaDag"
REVENUE = "se-gen-base:Nettoomsattning"
RESULT = "se-gen-base:AretsResultat"
RESULT_AFTER_FINANCIAL = "se-gen-base:ResultatEfterFinansiellaPoster"
EMPLOYEES = "se-gen-base:MedelantaletAnstallda"
PERSONNEL_COSTS = "se-gen-base:Personalkostnader"
ADOPTED = ("se-bol-base:UnderskriftFastallelseintygDatum", "se-bol-base:UnderskriftFaststallelseintygDatum")
MEETING = "se-bol-base:Arsstamma"
MAX_MONTHS = 18  # a first or changed fiscal year may be 6 to 18 months long (ÅRL 3:1)
_OWN_SEGMENTS = ("JuridiskPerson", "Generell")


@dataclass(frozen=True)
class Figure:
    """One amount as filed: its tag, value, and how the document states it."""

    concept: str
    name: str  # the tag name as written in the file
    amount: Decimal
    shown: str  # the text in the document, e.g. `3 200`
    unit: str | None
    scale: int | None
    sign: str | None
    decimals: str | None
    context: str
    period: dict
    file: str

    @property
    def day(self) -> dt.date | None:
        """The instant, or the last day of the period."""
        text = self.period.get("instant") or self.period.get("end")
        return _day(text)

    @property
    def precision(self) -> Decimal:
        """The rounding the filing states: 1 kr for whole kronor (or finer), 1 000 kr for
        thousands (`decimals="-3"`)."""
        try:
            places = int(self.decimals)
        except (TypeError, ValueError):  # INF or absent: exact
            return Decimal(1)
        return Decimal(10) ** max(0, -places)

    def label(self, lang) -> str:
        """`se-gen-base:Nettoomsattning = 3 200 000 (shown as 3 200, scale 3, context period0)`."""
        parts = [f"{'visat som' if lang == 'sv' else 'shown as'} {self.shown}"]
        if self.scale:
            parts.append(f"scale {self.scale}")
        if self.sign:
            parts.append('sign "-"')
        parts.append(f"{'kontext' if lang == 'sv' else 'context'} {self.context}")
        return f"{self.concept} = {number(self.amount, lang)} ({', '.join(parts)})"

    def to_dict(self) -> dict:
        return {
            "tag": self.concept, "name": self.name, "amount": format(self.amount, "f"), "shown": self.shown, "unit": self.unit,
            "scale": self.scale, "sign": self.sign, "decimals": self.decimals, "context": self.context, "period": self.period,
            "file": self.file,
        }


def _day(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _own(fact: dict) -> bool:
    dims = fact.get("dimensions") or []
    return all(any(seg in d for seg in _OWN_SEGMENTS) for d in dims)


class Filing:
    """The facts of one digital annual report (one file: an XHTML document or a ZIP)."""

    def __init__(self, facts: dict, rel: str = ""):
        self.rel = rel
        self.facts = [f for f in facts.get("facts", []) if isinstance(f, dict) and _own(f) and not f.get("error")]

    def texts(self, concept: str) -> list[str]:
        """The distinct values of a text or date tag, in the order filed."""
        values = [f["value"] for f in self.facts if f.get("concept") == concept and isinstance(f.get("value"), str)]
        return list(dict.fromkeys(v for v in values if v))

    def _date(self, *concepts: str) -> dt.date | None:
        days = [d for c in concepts for v in self.texts(c) if (d := _day(v))]
        return days[0] if days else None

    @property
    def org_numbers(self) -> list[str]:
        return self.texts(ORG_NUMBER)

    @property
    def name(self) -> str | None:
        names = self.texts(NAME)
        return names[0] if names else None

    @property
    def adopted(self) -> dt.date | None:
        """The date the adoption certificate (fastställelseintyg) was signed, where tagged."""
        return self._date(*ADOPTED)

    @property
    def meeting(self) -> dt.date | None:
        return self._date(MEETING)

    def fiscal_year_problem(self) -> L10n | None:
        """Why the filing's fiscal year cannot be used, or None."""
        firsts, lasts = self.texts(FIRST_DAY), self.texts(LAST_DAY)
        if not firsts or not lasts:
            return L10n("räkenskapsårets första och sista dag är inte taggade", "the fiscal year's first and last day are not tagged")
        if len(firsts) > 1 or len(lasts) > 1:
            return L10n(
                f"räkenskapsåret är taggat på olika sätt ({', '.join(firsts + lasts)})",
                f"the fiscal year is tagged in different ways ({', '.join(firsts + lasts)})",
            )
        first, last = _day(firsts[0]), _day(lasts[0])
        if first is None or last is None:
            return L10n("räkenskapsårets datum går inte att läsa", "the fiscal year's dates cannot be read")
        from asfcert.base.dates import add_months

        if first > last or add_months(first, MAX_MONTHS) <= last:
            return L10n(
                f"räkenskapsåret {first} – {last} är inte ett möjligt räkenskapsår (en dag till {MAX_MONTHS} månader)",
                f"the fiscal year {first} – {last} is not a possible fiscal year (one day to {MAX_MONTHS} months)",
            )
        return None

    @property
    def fiscal_year(self) -> tuple[dt.date, dt.date] | None:
        """(first day, last day), or None when `fiscal_year_problem` says why not."""
        if self.fiscal_year_problem() is not None:
            return None
        return _day(self.texts(FIRST_DAY)[0]), _day(self.texts(LAST_DAY)[0])

    def figures(self, concept_test) -> list[Figure]:
        """Every amount whose tag `concept_test` (a name or a predicate) accepts."""
        test = concept_test if callable(concept_test) else (lambda c: c == concept_test)
        out = []
        for f in self.facts:
            if f.get("type") != "number" or not test(f.get("concept", "")) or f.get("value") is None:
                continue
            try:
                amount = Decimal(f["value"])
            except (InvalidOperation, TypeError):
                continue
            out.append(Figure(
                f["concept"], f.get("name") or f["concept"], amount, f.get("shown") or "", f.get("unit"), f.get("scale"),
                f.get("sign"), f.get("decimals"), f.get("context") or "", f.get("period") or {}, f.get("file") or "",
            ))
        return out

    def figure(self, concept: str, first: dt.date, last: dt.date) -> Figure | None:
        """The amount tagged for exactly the period `first`–`last`, the most precise one."""
        period = {"start": first.isoformat(), "end": last.isoformat()}
        found = [f for f in self.figures(concept) if {k: f.period.get(k) for k in period} == period]
        return min(found, key=lambda f: f.precision) if found else None

    def periods(self) -> list[tuple[dt.date, dt.date]]:
        """The fiscal years (newest first) for which net revenue or the result is tagged."""
        found = set()
        for f in self.figures(lambda c: c in (REVENUE, RESULT)):
            first, last = _day(f.period.get("start")), _day(f.period.get("end"))
            if first and last and first <= last:
                found.add((first, last))
        return sorted(found, key=lambda p: p[1], reverse=True)

    def dividends(self) -> list[Figure]:
        """Dividends proposed or paid, each tag once (the largest amount), zeros left out."""
        best: dict[tuple[str, str], Figure] = {}
        for f in self.figures(is_dividend):
            if f.amount == 0:
                continue
            k = (f.concept, f.context)
            if k not in best or abs(f.amount) > abs(best[k].amount):
                best[k] = f
        return sorted(best.values(), key=lambda f: (f.day or dt.date.min, f.concept), reverse=True)


# ---- a file that cannot be read as a digital annual report --------------------------------------

_AGAIN = L10n(
    "Lägg in den digitala årsredovisningen så som den laddades ner från Bolagsverket eller bokföringsprogrammet, "
    "oförändrad (XHTML-filen eller ZIP-filen), eller årsredovisningen som PDF.",
    "Attach the digital annual report as downloaded from Bolagsverket or the accounting program, unmodified "
    "(the XHTML file or the ZIP file), or the annual report as PDF.",
)
FILING_NOT_IXBRL = Kind(
    "filing-not-ixbrl",
    L10n("Ingen digital årsredovisning", "Not a digital annual report"),
    L10n(
        "{file} ligger bland årsredovisningarna men är {what} utan iXBRL-taggar, så asfcert kan inte läsa några uppgifter ur den{used}",
        "{file} is among the annual reports but is {what} without iXBRL tags, so asfcert cannot read any figures from it{used}",
    ),
    _AGAIN,
)
FILING_UNREADABLE = Kind(
    "filing-unreadable",
    L10n("Den digitala årsredovisningen går inte att läsa", "Digital annual report cannot be read"),
    L10n("{file} går inte att läsa som digital årsredovisning: {why}{used}", "{file} cannot be read as a digital annual report: {why}{used}"),
    L10n("Ladda ner filen på nytt (den kan ha kapats eller ändrats) och lägg in den oförändrad.",
         "Download the file again (it may have been cut off or changed) and attach it unmodified."),
)
FILING_REFUSED = Kind(
    "filing-refused",
    L10n("Den digitala årsredovisningen läses inte", "Digital annual report not read"),
    L10n(
        "{file} deklarerar XML-entiteter eller en DTD, vilket en digital årsredovisning aldrig gör; asfcert läser inte filen{used}",
        "{file} declares XML entities or a DTD, which a digital annual report never does; asfcert does not read the file{used}",
    ),
    _AGAIN,
)
FILING_TOO_COSTLY = Kind(
    "filing-too-costly",
    L10n("Den digitala årsredovisningen kunde inte läsas inom asfcerts gränser", "Digital annual report could not be read within the limits"),
    L10n("{file} kunde inte läsas: {why}{used}", "{file} could not be read: {why}{used}"),
    L10n(
        "En digital årsredovisning är högst några MB. Lägg in filen så som den laddades ner, inte ett större arkiv; revisorn granskar den annars för hand.",
        "A digital annual report is a few MB at most. Attach the file as downloaded, not a larger archive; otherwise the auditor reviews it by hand.",
    ),
)

_WHAT = {
    "html": L10n("en webbsida (HTML)", "a web page (HTML)"), "xhtml": L10n("ett XHTML-dokument", "an XHTML document"),
    "xml": L10n("ett XML-dokument", "an XML document"), "zip": L10n("en ZIP-fil utan XHTML-dokument", "a ZIP file without XHTML documents"),
}


def reason(problem: str, detail: str | None, why: L10n) -> L10n:
    """In a few words, why a file cannot be read as a digital annual report; `why` says
    why the worker stopped (CPU time, memory, time) for those problems."""
    detail = detail or "?"
    if problem == "not-ixbrl":
        what = _WHAT.get(detail, _WHAT["xhtml"])
        return L10n(f"den är {what.sv} utan iXBRL-taggar", f"it is {what.en} without iXBRL tags")
    if problem == "refused":
        return L10n("den deklarerar XML-entiteter eller en DTD, vilket en digital årsredovisning aldrig gör",
                    "it declares XML entities or a DTD, which a digital annual report never does")
    if problem == "damaged":
        return L10n(f"den är skadad ({detail})", f"it is damaged ({detail})")
    if problem == "encrypted":
        return L10n("ZIP-filen är lösenordsskyddad", "the ZIP file is password-protected")
    if problem == "limit":
        return L10n(f"den överskrider läsarens gränser ({detail})", f"it exceeds the reader's limits ({detail})")
    return why


def problem_finding(doc, why: L10n, **common) -> Finding:
    """The finding for a digital annual report the reader could not use (see `reason`)."""
    problem = doc.problem
    detail = (doc.facts or {}).get("detail")
    if problem == "not-ixbrl":
        return FILING_NOT_IXBRL(what=_WHAT.get(detail or "", _WHAT["xhtml"]), **common)
    if problem == "refused":
        return FILING_REFUSED(**common)
    if problem in ("damaged", "encrypted"):
        return FILING_UNREADABLE(why=reason(problem, detail, why), **common)
    return FILING_TOO_COSTLY(why=reason(problem, detail, why), problem=problem, **common)


KINDS = made_by("evidence", FILING_NOT_IXBRL, FILING_UNREADABLE, FILING_REFUSED, FILING_TOO_COSTLY)

"""What the cross-check rules look for in the text of documents: an organisation number in
any of its written forms, dates, the fiscal year an annual report covers, and sentences
with given words. Pure functions of text; no pypdf here."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014"
_DATES = re.compile(
    rf"(?<![\d-]){_ISO}(?![\d])"  # 2026-03-12
    rf"|(?<!\d)(\d{{1,2}})(?:\.|:e|:a)?\s+({_MONTH})\s+(\d{{4}})(?!\d)"  # 12 mars 2026, 12 March 2026
    rf"|\b({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)"  # March 12, 2026
    r"|(?<![\d/])(\d{1,2})/(\d{1,2})\s+(\d{4})(?!\d)",  # 12/3 2026
    re.IGNORECASE,
)
_PERIOD = re.compile(
    rf"(?:räkenskapsår(?:et)?|verksamhetsår(?:et)?|fiscal\s+year|financial\s+year|period(?:en)?)\D{{0,30}}?"
    rf"{_ISO}\s*(?:[{_DASHES}]{{1,2}}|till|to|t\.o\.m\.)\s*{_ISO}",
    re.IGNORECASE,
)
_YEAR = re.compile(
    r"(?:räkenskapsår(?:et)?|verksamhetsår(?:et)?|fiscal\s+year|financial\s+year|"
    r"årsredovisning(?:en)?(?:\s+för)?(?:\s+räkenskapsåret)?|annual\s+report(?:\s+for)?(?:\s+the)?(?:\s+(?:fiscal|financial)\s+year)?)"
    r"\s+(\d{4})(?![\d/-])",
    re.IGNORECASE,
)


def _date(y, m, d) -> dt.date | None:
    try:
        day = dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None
    return day if 1900 <= day.year <= 2200 else None


def dates(text: str) -> list[dt.date]:
    """Every date written in `text`, in order."""
    out = []
    for m in _DATES.finditer(text):
        g = m.groups()
        if g[0]:
            day = _date(g[0], g[1], g[2])
        elif g[3]:
            day = _date(g[5], MONTHS[g[4].lower()], g[3])
        elif g[6]:
            day = _date(g[8], MONTHS[g[6].lower()], g[7])
        else:
            day = _date(g[11], g[10], g[9])
        if day:
            out.append(day)
    return out


def fiscal_year_ends(text: str) -> list[dt.date]:
    """The last days of the fiscal years the text says it covers: from a period
    (`räkenskapsåret 2025-01-01 – 2025-12-31`, also broken years) or a calendar year
    (`Årsredovisning 2025`, `räkenskapsåret 2025`)."""
    ends = [d for m in _PERIOD.finditer(text) if (d := _date(*m.groups()[3:6]))]
    if not ends:
        ends = [d for m in _YEAR.finditer(text) if (d := _date(m.group(1), 12, 31))]
    return sorted(set(ends))


def org_number_pattern(digits: str) -> re.Pattern:
    """The ten digits in every way they are written: 769612-3456, 7696123456, 769612 3456,
    16769612-3456 and as a VAT number SE769612345601."""
    head, tail = re.escape(digits[:6]), re.escape(digits[6:])
    sep = rf"[{_DASHES}\s\u00a0]?"
    return re.compile(rf"(?<![\d])(?:16)?{head}{sep}{tail}(?![\d])|SE\s?{head}\s?{tail}\s?01(?!\d)", re.IGNORECASE)


# Any number in the forms of `org_number_pattern`, its digits captured: one pattern for every
# company (compiling one per number cost more than the search, once per check).
_SEP = rf"[{_DASHES}\s\u00a0]?"
_ANY_ORG_NUMBER = re.compile(
    rf"(?<![\d])(?:16)?([0-9]{{6}}){_SEP}([0-9]{{4}})(?![\d])|SE\s?([0-9]{{6}})\s?([0-9]{{4}})\s?01(?!\d)", re.IGNORECASE,
)


def find_org_number(texts: list[str], digits: str) -> tuple[int, str] | None:
    """(1-based page, the form found) of the first page that names the number."""
    if not digits.isascii():
        pattern = org_number_pattern(digits)
        search = pattern.search
    else:
        search = lambda text: _first(text, digits)  # noqa: E731
    for i, text in enumerate(texts):
        if digits[:6] not in text:  # every form holds the first six digits together
            continue
        m = search(text)
        if m:
            return i + 1, m.group(0)
    return None


def _first(text: str, digits: str) -> re.Match | None:
    """The leftmost match of `org_number_pattern(digits)`: the number found at the first
    place any number starts whose digits are these (every start is tried, so a number that
    is not this one hides none that is)."""
    pos = 0
    while (m := _ANY_ORG_NUMBER.search(text, pos)) is not None:
        if (m.group(1) or m.group(3)) + (m.group(2) or m.group(4)) == digits:
            return m
        pos = m.start() + 1
    return None


_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ§0-9])|\s+(?=§\s*\d)")


_HEADING = re.compile(r"^§\s*\d+\s*[a-zåäö]?\s+\S+(?:\s+\S+){0,4}?\.?$", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Sentences, with a `§ n` heading starting a new one and kept with the sentence after
    it (`§ 2 Ändamål. Föreningen har till ändamål …`); whitespace collapsed."""
    out: list[str] = []
    for part in (s.strip() for s in _SPLIT.split(" ".join(text.split()))):
        if not part:
            continue
        if out and _HEADING.match(out[-1]):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


def sentences_with(texts: list[str], words: list[str], limit: int, max_chars: int = 400) -> list[tuple[int, str]]:
    """Up to `limit` (page, sentence) pairs that contain one of `words` (case-insensitive)."""
    wanted = [w.casefold() for w in words]
    found: list[tuple[int, str]] = []
    for page, text in enumerate(texts, 1):
        for sentence in sentences(text):
            if any(w in sentence.casefold() for w in wanted):
                shown = sentence if len(sentence) <= max_chars else sentence[: max_chars - 1].rstrip() + "…"
                found.append((page, shown))
                if len(found) >= limit:
                    return found
    return found

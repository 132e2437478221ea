"""Personal identity numbers (personnummer) and coordination numbers (samordningsnummer) in
the YAML files and in the text of PDF documents.

A candidate is a date part of 6 or 8 digits and a 4-digit serial, written together or with
`-`, `+` or a space between. It counts only when python-stdnum accepts it: a real date
that is not in the future (for a coordination number, the day minus 60) and a valid check
digit. Organisation numbers pass the same check-digit test but have 20 or more in the
month digits, so they never count, and neither do amounts, dates or phone numbers that
are not valid numbers. Only a masked form such as `19811218-****` is ever shown, returned
or cached: the serial and check digit never leave this module.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from asfcert.base.findings import Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n

PERSONAL_NUMBER_FOUND = Kind(
    "personal-number-found",
    L10n("Personnummer i underlaget", "Personal identity number in the files"),
    L10n(
        "{file} innehåller {count} person- eller samordningsnummer ({where}): {numbers}",
        "{file} contains {count} personal identity or coordination number(s) ({where}): {numbers}",
    ),
    L10n(
        "Ta bort numren. Deltagare och anställda är ofta i en utsatt situation; ange lön per roll och "
        "personer med roll eller initialer, aldrig med personnummer. Med --strict-privacy hindrar detta certifiering.",
        "Remove the numbers. Participants and employees are often vulnerable; give pay per role and "
        "people by role or initials, never by personal identity number. With --strict-privacy this blocks certification.",
    ),
    Severity.WARNING,  # a blocker with --strict-privacy
)

_SEPARATORS = "-+\u00a0 \u2010\u2011\u2012\u2013"
# Six or eight digits not preceded by a letter or digit, maybe a separator, four digits. The
# first digit comes before the look-behind (which sees it and the character before it), so
# that the pattern starts with a digit and the search skips to digits instead of trying
# the look-behind at every character: the same matches, two to three times faster on a
# self-assessment (tests/test_speed_cohort_privacy.py compares it with the plain form).
_CANDIDATE = re.compile(r"(\d(?<![0-9A-Za-z]\d)(?:\d{7}|\d{5}))([" + _SEPARATORS + r"]?)(\d{4})(?![0-9])")
MAX_SHOWN = 5


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    masked: str  # e.g. 19811218-****
    kind: str  # personnummer | samordningsnummer
    digits: str  # the ten digits, to recognise the company's own number; never shown

    def __repr__(self) -> str:  # keep the digits out of tracebacks and logs
        return f"Hit({self.start}, {self.end}, {self.masked!r}, {self.kind!r})"


def _check(date_part: str, sep: str, serial: str, today: dt.date) -> Hit | None:
    if not 1 <= int(date_part[-4:-2]) <= 12:  # no month: no birth date (an organisation number has 20 or more),
        return None  # told before stdnum is loaded (stdnum.util imports ssl and pydoc)
    from stdnum import luhn
    from stdnum.exceptions import ValidationError
    from stdnum.se import personnummer

    if len(date_part) == 8 and date_part[:2] not in ("18", "19", "20"):
        return None
    day = int(date_part[-2:])
    kind = "samordningsnummer" if day > 60 else "personnummer"
    as_birth = date_part[:-2] + f"{day - 60:02d}" if day > 60 else date_part
    number = as_birth + ("+" if sep == "+" else "-") + serial
    digits = date_part[-6:] + serial
    try:
        birth = personnummer.get_birth_date(number)
    except (ValidationError, ValueError):
        return None
    if kind == "personnummer":
        valid = personnummer.is_valid(number)
    else:  # stdnum knows no coordination numbers: the date is checked above, the check digit here
        valid = luhn.is_valid(digits)
    if not valid or birth > today or birth.year < 1880:
        return None
    return Hit(0, 0, f"{birth.year // 100:02d}{date_part[-6:]}-****", kind, digits)


def find(text: str, today: dt.date | None = None) -> list[Hit]:
    """Every valid personal identity or coordination number in `text`."""
    today = today or dt.date.today()
    hits = []
    for m in _CANDIDATE.finditer(text):
        hit = _check(m.group(1), m.group(2), m.group(3), today)
        if hit:
            hits.append(Hit(m.start(), m.end(), hit.masked, hit.kind, hit.digits))
    return hits


def mask(text: str, hits: list[Hit] | None = None) -> str:
    """`text` with every number replaced by its masked form."""
    hits = find(text) if hits is None else hits
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        text = text[: hit.start] + hit.masked + text[hit.end :]
    return text


def shown(numbers: list[str]) -> str:
    """Masked numbers for a message: the first few, then an ellipsis."""
    unique = list(dict.fromkeys(numbers))
    return ", ".join(unique[:MAX_SHOWN]) + (", …" if len(unique) > MAX_SHOWN else "")


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def scan_yaml(
    paths: list[tuple[Path, str]], severity: Severity, exclude: set[str] = frozenset(), today: dt.date | None = None,
    within: Path | None = None,
) -> list[Finding]:
    """One finding per number in each YAML file, at its line and column. `exclude` holds the
    ten digits of numbers that are allowed (the company's own organisation number); a file
    that leads out of `within` is not read."""
    from asfcert.io.yamlfile import YamlProblem, read_bytes

    findings = []
    for path, display in paths:
        try:
            text = read_bytes(path, display, within=within).decode("utf-8", errors="replace")
        except YamlProblem:
            continue  # the YAML loader reports the file itself
        for hit in find(text, today):
            if hit.digits in exclude:
                continue
            line, column = _position(text, hit.start)
            findings.append(
                PERSONAL_NUMBER_FOUND(
                    location=Location(display, line, column), severity=severity, file=display, count=1,
                    where=L10n(f"rad {line}", f"line {line}"), numbers=hit.masked,
                )
            )
    return findings


def document_finding(display: str, hits: list[dict], severity: Severity) -> Finding | None:
    """One finding for a document, naming its pages; `hits` are the cached masked hits
    (`{"page": 2, "masked": "19811218-****", "kind": "personnummer"}`, page 0 = metadata)."""
    if not hits:
        return None
    pages = sorted({h["page"] for h in hits})
    names = [str(p) for p in pages if p]
    sv = ("sida " + ", ".join(names)) if names else ""
    en = ("page " + ", ".join(names)) if names else ""
    if 0 in pages:
        sv, en = (sv + " och " if sv else "") + "dokumentets egenskaper", (en + " and " if en else "") + "the document properties"
    return PERSONAL_NUMBER_FOUND(
        location=Location(display), severity=severity, file=display, count=len(hits),
        where=L10n(sv, en), numbers=shown([h["masked"] for h in hits]), pages=pages,
    )


KINDS = made_by("privacy", PERSONAL_NUMBER_FOUND)

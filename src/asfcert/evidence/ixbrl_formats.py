"""The inline XBRL transformations asfcert understands: how a figure or a date is written
in the document (`format="ixt:numspacecomma"`) and the value it stands for.

Covers the numeric and date formats of the transformation registries 1 to 5 that Swedish
filings use: decimal point or comma, thousands separated by space, dot or comma, a dash
for zero, ISO dates and day-month-year dates with Swedish, Danish or English month names
(`ixt3:datedaymonthyeardk`, which Bolagsverket's instructions name). A format that is not
known here is an error of the fact, never a guess. Pure functions: no XML here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation


class FormatError(ValueError):
    """The text cannot be read in the stated format."""


# The local part of a format's name, whatever the registry's prefix and version.
_COMMA_DECIMAL = {"numdotcomma", "numspacecomma", "numcomma", "numcommadecimal", "num-comma-decimal", "numcommadecimalapos"}
_DOT_DECIMAL = {"numcommadot", "numspacedot", "numdotdecimal", "num-dot-decimal", "numdotdecimalapos", "numdotdecimalin", "numdash"}
_ZERO = {"zerodash", "fixed-zero", "fixedzero", "numdash"}
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f'’]+")
_DECIMAL = re.compile(r"^\d+(?:\.\d+)?$")
MAX_DIGITS = 40  # longer numbers are not amounts anyone filed


def local(format_name: str | None) -> str:
    return (format_name or "").rpartition(":")[2].strip().lower()


def number(text: str, format_name: str | None) -> Decimal:
    """The non-negative number `text` stands for (the sign is an attribute of the fact)."""
    name = local(format_name)
    shown = _SPACES.sub("", text or "")
    if name in _ZERO and (not shown or set(shown) <= set("-\u2010\u2011\u2012\u2013\u2014\u2212")):
        return Decimal(0)
    if name in _COMMA_DECIMAL:
        whole, sep, frac = shown.rpartition(",")
        digits = (whole.replace(".", "") + "." + frac) if sep else shown.replace(".", "")
    elif name in _DOT_DECIMAL or not name:
        if not name and not _DECIMAL.match((text or "").strip()):  # without a format, the text is an xs:decimal
            raise FormatError("not a plain number")
        whole, sep, frac = shown.rpartition(".")
        digits = (whole.replace(",", "") + "." + frac) if sep else shown.replace(",", "")
    else:
        raise FormatError(f"unknown number format {format_name}")
    if not _DECIMAL.match(digits) or len(digits) > MAX_DIGITS:
        raise FormatError("not a number in this format")
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only decimals
        raise FormatError("not a number") from None


_MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "januar": 1,
    "feb": 2, "februari": 2, "february": 2, "februar": 2,
    "mar": 3, "mars": 3, "march": 3, "marts": 3,
    "apr": 4, "april": 4,
    "maj": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "aug": 8, "augusti": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oct": 10, "oktober": 10, "october": 10,
    "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,4})[./\- ](\d{1,2})[./\- ](\d{1,4})$")
_NAMED = re.compile(r"^(\d{1,2})\.?\s*([a-zåäö]+)\.?\s*(\d{4})$")


def _day(y: int, m: int, d: int) -> dt.date:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        raise FormatError("no such date") from None
    if not 1900 <= day.year <= 2200:
        raise FormatError("a date outside 1900-2200")
    return day


def date(text: str, format_name: str | None) -> dt.date:
    """The date `text` stands for: ISO `2025-12-31` (with or without a format), a numeric
    day-month-year or year-month-day as the format's name says, or `31 december 2025`."""
    shown = " ".join((text or "").split()).lower()
    name = local(format_name)
    if m := _ISO.match(shown):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _NAMED.match(shown):
        month = _MONTHS.get(m[2])
        if month is None:
            raise FormatError("unknown month name")
        return _day(int(m[3]), month, int(m[1]))
    if m := _NUMERIC.match(shown):
        a, b, c = int(m[1]), int(m[2]), int(m[3])
        if "yearmonthday" in name.replace("-", "") or len(m[1]) == 4:
            return _day(a, b, c)
        if "monthdayyear" in name.replace("-", ""):
            return _day(c, a, b)
        if "daymonthyear" in name.replace("-", ""):
            return _day(c, b, a)
    raise FormatError("not a date")

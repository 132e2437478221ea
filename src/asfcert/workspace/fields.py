"""The parts a form is made of, and how a value travels between YAML and a form field.

A `Field` is one value in a file (`monthly_sek`), a `Group` a mapping of fields
(`headcount`), `Rows` a list of mappings (`pay`, one row per role). Field names in the HTML
are dotted paths into the file: `pay.0.monthly_sek`, `finances.1.allocations.0.kind`.

What the user typed is written as the value the file format expects when it reads cleanly
(`38000` as a number, `2026-03-01` as a date) and as the text itself otherwise, so nothing
typed is lost: `check` then reports the text next to the field with its hint, exactly as
for a hand-edited file. A field whose text is unchanged is not written at all, so a value
the user never touched keeps its form in the file (`34 000 kr` stays `34 000 kr`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from asfcert.base.i18n import L10n

# text: one line; textarea: several lines; int: a whole number; amount: a sum or a share;
# date: YYYY-MM-DD; yesno: ja/nej/not filled in; choice: one of `choices`; orgnr: an
# organisation number (always text); lines: a list of words, one per line; files: evidence
# files picked from evidence/.
KINDS = ("text", "textarea", "int", "amount", "date", "yesno", "choice", "orgnr", "lines", "files")


@dataclass(frozen=True)
class Field:
    key: str
    label: L10n
    kind: str = "text"
    help: L10n | None = None
    choices: tuple[tuple[str, L10n], ...] = ()
    autocomplete: str = "off"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")


@dataclass(frozen=True)
class Group:
    key: str
    legend: L10n
    parts: tuple
    help: L10n | None = None


@dataclass(frozen=True)
class Rows:
    key: str
    legend: L10n
    item: L10n  # the name of one row, with {n}: "Roll {n}"
    add: L10n  # the button that adds a row
    parts: tuple
    help: L10n | None = None


_INT = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d+[.,]\d+")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def shown(value: Any, kind: str) -> str:
    """A value from the file as the text in its form field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if kind == "lines" and isinstance(value, list):
        return "\n".join(shown(v, "text") for v in value)
    if isinstance(value, (list, dict)):
        return ""  # a structure where a value belongs: the field starts empty, check says why
    return str(value)


def typed(text: str, kind: str) -> Any:
    """What to write for the text of a field: None for an empty field, the value the file
    format expects when the text reads cleanly as one, else the text as typed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "lines":
        items = [line.strip() for line in text.split("\n") if line.strip()]
        return items or None
    text = text.strip()
    if not text:
        return None
    if kind == "int":
        bare = _SPACES.sub("", text)
        return int(bare) if _INT.fullmatch(bare) and len(bare) <= 15 else text
    if kind == "amount":
        bare = _SPACES.sub("", text)
        if _INT.fullmatch(bare) and len(bare) <= 15:
            return int(bare)
        if _DECIMAL.fullmatch(bare) and len(bare) <= 20:
            return float(bare.replace(",", "."))
        return text
    if kind == "date":
        try:
            return dt.date.fromisoformat(text) if len(text) == 10 else text
        except ValueError:
            return text
    if kind == "yesno":
        return {"true": True, "false": False}.get(text)
    return text


def scalar(value: Any) -> Any:
    """A value ready for the round-trip writer: text over several lines as a literal block
    (`|-`), which reads as it was typed; everything else as it is."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    from asfcert.io.yamlwrite import needs_escapes

    if isinstance(value, str) and "\n" in value and not needs_escapes(value):
        return LiteralScalarString(value)
    return value

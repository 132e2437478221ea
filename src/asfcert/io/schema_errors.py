"""Validate parsed YAML against a file-format model and turn every pydantic error into a
located finding: `file:line:column`, what was expected, what was found, and a hint.
A value or key from the file is quoted back at most MAX_ECHOED_CHARS characters long."""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from asfcert.base.findings import Cap, Finding, Kind, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.text import MAX_ECHOED_CHARS, clip, loose
from asfcert.io.yamlfile import YamlDoc

_E = Severity.ERROR
FILE_EMPTY = Kind(
    "file-empty",
    L10n("Tom fil", "Empty file"),
    L10n("{file} är tom", "{file} is empty"),
    L10n("Fyll i filen; `asfcert new` skapar en mall.", "Fill in the file; `asfcert new` makes a template."),
    _E,
)
SCHEMA_MISSING = Kind(
    "schema-missing",
    L10n("Obligatorisk uppgift saknas", "Required field missing"),
    L10n("`{field}` saknas", "`{field}` is missing"),
    L10n("Lägg till `{name}:` här.", "Add `{name}:` here."),
    _E,
)
SCHEMA_UNKNOWN = Kind(
    "schema-unknown-field",
    L10n("Okänt fält", "Unknown field"),
    L10n("`{field}` är inte ett känt fält här", "`{field}` is not a known field here"),
    None,
    _E,
)
SCHEMA_TYPE = Kind(
    "schema-type",
    L10n("Fel sorts värde", "Wrong kind of value"),
    L10n("`{field}`: ska vara {expected}, men är {found}", "`{field}`: expected {expected}, found {found}"),
    None,
    _E,
)
SCHEMA_VALUE = Kind(
    "schema-value",
    L10n("Ogiltigt värde", "Invalid value"),
    L10n("`{field}`: {problem}", "`{field}`: {problem}"),
    None,
    _E,
)

_MAPPING = L10n("en mappning (rader med `nyckel: värde`)", "a mapping (lines of `key: value`)")
_EXPECTED = {
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "list_type": L10n("en lista (rader som börjar med `- `)", "a list (lines starting with `- `)"),
    "string_type": L10n("text", "text"),
    "int_type": L10n("ett heltal", "a whole number"),
    "int_parsing": L10n("ett heltal", "a whole number"),
    "int_from_float": L10n("ett heltal", "a whole number"),
    "float_type": L10n("ett tal", "a number"),
    "float_parsing": L10n("ett tal", "a number"),
    "decimal_type": L10n("ett tal", "a number"),
    "decimal_parsing": L10n("ett tal", "a number"),
    "bool_type": L10n("`true` eller `false` (ja/nej)", "`true` or `false` (ja/nej)"),
    "bool_parsing": L10n("`true` eller `false` (ja/nej)", "`true` or `false` (ja/nej)"),
    "date_type": L10n("ett datum ÅÅÅÅ-MM-DD", "a date YYYY-MM-DD"),
    "date_parsing": L10n("ett datum ÅÅÅÅ-MM-DD", "a date YYYY-MM-DD"),
    "date_from_datetime_parsing": L10n("ett datum ÅÅÅÅ-MM-DD", "a date YYYY-MM-DD"),
    "date_from_datetime_inexact": L10n("ett datum utan klockslag", "a date without a time"),
}

_QUOTE = L10n(
    'Sätt värdet inom citattecken, till exempel "3.1", så läses det som text.',
    'Put the value in quotes, for example "3.1", so it is read as text.',
)
_FIELD_HINTS = {
    "org_number": L10n(
        'Sätt organisationsnumret inom citattecken: `org_number: "769612-3459"`.',
        'Quote the organisation number: org_number: "769612-3459".',
    ),
    "parent_org_number": L10n(
        'Sätt organisationsnumret inom citattecken: "556677-8899".', 'Quote the organisation number: "556677-8899".'
    ),
}
_TYPE_HINTS = {
    "list_type": L10n("Skriv varje post på en egen rad som börjar med `- `.", "Write each entry on its own line starting with `- `."),
    "bool_type": L10n("Skriv `true` eller `false` (`ja` och `nej` går också).", "Write true or false (ja/nej also work)."),
    "bool_parsing": L10n("Skriv `true` eller `false` (`ja` och `nej` går också).", "Write true or false (ja/nej also work)."),
    "date_type": L10n("Skriv datum som 2025-12-31.", "Write dates as 2025-12-31."),
    "date_parsing": L10n("Skriv datum som 2025-12-31.", "Write dates as 2025-12-31."),
    "date_from_datetime_parsing": L10n("Skriv datum som 2025-12-31.", "Write dates as 2025-12-31."),
    "date_from_datetime_inexact": L10n("Skriv datum som 2025-12-31, utan klockslag.", "Write dates as 2025-12-31, without a time."),
    "int_parsing": L10n("Skriv bara siffror, utan mellanslag eller enhet.", "Write digits only, without spaces or a unit."),
}
# Swedish words people type for English keys, to give a "did you mean" across languages.
SWEDISH_KEYS = {
    "namn": "name", "organisationsnummer": "org_number", "orgnr": "org_number", "org_nr": "org_number",
    "bolagsform": "legal_form", "företagsform": "legal_form", "ägare": "owners", "ägarandel": "share_percent",
    "andel": "share_percent", "typ": "kind", "slag": "kind", "län": "county", "kommun": "municipality",
    "bransch": "industries", "branscher": "industries", "hemsida": "website", "personal": "headcount",
    "anställda": "employees", "löner": "pay", "lön": "pay", "roll": "role", "månadslön": "monthly_sek",
    "antal": "count", "handledare": "work_supervisors", "arbetsgivare": "employer", "ekonomi": "finances",
    "år": "year", "omsättning": "revenue_sek", "resultat": "result_sek", "utdelning": "dividends_sek",
    "vinstutdelning": "dividends_sek", "avsättningar": "allocations", "kollektivavtal": "collective_agreement",
    "arbetsmiljö": "work_environment", "delaktighet": "participation", "svar": "answers",
    "beskrivning": "description", "underlag": "evidence", "bevis": "evidence", "bilagor": "evidence",
}


def validate(model: type[BaseModel], doc: YamlDoc, validator=None) -> tuple[BaseModel | None, list[Finding]]:
    """Validate `doc.data` against `model`; return the instance or the located findings.
    `validator`: one built from the model's kept core schema (formats/kept.py)."""
    if doc.data is None:
        return None, [FILE_EMPTY(location=doc.where(()), file=doc.file)]
    try:
        return (model.model_validate(doc.data) if validator is None else validator.validate_python(doc.data)), []
    except ValidationError as err:
        return None, findings_from(err, model, doc)


def findings_from(err: ValidationError, model: type[BaseModel], doc: YamlDoc) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple] = set()
    cap = Cap()  # a list of 140,000 wrong items: 20 findings, and a count of the rest
    for e in err.errors(include_url=False):
        path = _data_path(doc.data, e["loc"])
        key = (e["type"], path)
        if key in seen:  # unions report one error per branch
            continue
        seen.add(key)
        if not cap.full(_code(e["type"]), doc.file):
            out.append(_one(e, path, model, doc))
    return out + cap.summaries()


def _code(kind_: str) -> str:
    """The code `_one` gives an error of this pydantic type."""
    fixed = {"missing": SCHEMA_MISSING.code, "extra_forbidden": SCHEMA_UNKNOWN.code}
    return fixed.get(kind_, SCHEMA_TYPE.code if kind_ in _EXPECTED else SCHEMA_VALUE.code)


def _data_path(data: Any, loc: tuple) -> tuple:
    """The path in the data for a pydantic `loc`, leaving out union branch tags."""
    path: list = []
    node = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif last or part == "[key]":
            path.append(part)
    if path and path[-1] == "[key]":
        path.pop()
    return tuple(path)


def show_path(path: tuple) -> str:
    """`owners[2].kind`, with 1-based item numbers and quoted keys that contain dots."""
    parts: list[str] = []
    for p in path:
        if isinstance(p, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{p + 1}]"]
        else:
            text = clip(str(p))
            parts.append(f'"{text}"' if "." in text or " " in text else text)
    return clip(".".join(parts)) or "(top)"


def _one(e: dict, path: tuple, model: type[BaseModel], doc: YamlDoc) -> Finding:
    kind_ = e["type"]
    field = show_path(path)
    name = str(path[-1]) if path else ""
    if kind_ == "missing":
        return SCHEMA_MISSING(location=doc.where(path[:-1]), field=field, name=name)
    if kind_ == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1], doc.data)
        hint = _SPLIT_TEXT if " " in name.strip() else _did_you_mean(name, allowed)
        return SCHEMA_UNKNOWN(location=doc.where(path, key=True), field=field, hint=hint)
    loc = doc.where(path)
    found = _describe(e.get("input"))
    if not path and kind_ in ("dict_type", "model_type", "model_attributes_type"):
        return SCHEMA_TYPE(location=loc, field="(top)", expected=_MAPPING, found=found, hint=L10n(
            "Filen ska bestå av rader med `nyckel: värde` överst.", "The file should consist of `key: value` lines at the top level."
        ))
    if kind_ in _EXPECTED:
        hint = _FIELD_HINTS.get(name) if kind_ == "string_type" else None
        if hint is None and kind_ == "string_type" and isinstance(e.get("input"), (int, float, Decimal, bool, dt.date)):
            hint = _QUOTE
        return SCHEMA_TYPE(location=loc, field=field, expected=_EXPECTED[kind_], found=found, hint=hint or _TYPE_HINTS.get(kind_))
    problem, hint = _problem(e)
    return SCHEMA_VALUE(location=loc, field=field, problem=problem, hint=hint)


def _problem(e: dict) -> tuple[L10n, L10n | None]:
    t, ctx = e["type"], e.get("ctx") or {}
    value = clip(str(e.get("input")))
    if t == "asfcert":  # asfcert's own validators: their messages quote values of their own choosing
        hint = L10n(ctx["hint_sv"], ctx["hint_en"]) if "hint_sv" in ctx else None
        return L10n(clip(ctx["sv"], 2 * MAX_ECHOED_CHARS), clip(ctx["en"], 2 * MAX_ECHOED_CHARS)), hint
    if t == "literal_error":
        options = [o.strip("'") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        shown = ", ".join(f"`{o}`" for o in options)
        near = _close_matches(value.lower(), options, n=1, cutoff=0.5)
        hint = L10n(f"Menade du `{near[0]}`?", f"Did you mean `{near[0]}`?") if near else None
        return L10n(f"`{value}` är inte ett av {shown}", f"`{value}` is not one of {shown}"), hint
    if t == "union_tag_invalid":
        tags = [o.strip("'") for o in str(ctx.get("expected_tags", "")).split(", ")]
        tag = clip(str(ctx.get("tag")))
        near = _close_matches(tag, tags, n=1, cutoff=0.5)
        hint = L10n(f"Menade du `{near[0]}`?", f"Did you mean `{near[0]}`?") if near else None
        listed = ", ".join(tags)
        return L10n(f"okänd regel `{tag}` (kända: {listed})", f"unknown rule `{tag}` (known: {listed})"), hint
    if t == "union_tag_not_found":
        return L10n("`rule:` saknas", "`rule:` is missing"), None
    bounds = {
        "greater_than": (">", "gt"), "greater_than_equal": ("≥", "ge"),
        "less_than": ("<", "lt"), "less_than_equal": ("≤", "le"),
    }
    if t in bounds:
        sign, key = bounds[t]
        limit = ctx.get(key)
        return L10n(f"ska vara {sign} {limit}, är {value}", f"must be {sign} {limit}, is {value}"), None
    if t in ("too_short", "string_too_short"):
        return L10n("får inte vara tom", "must not be empty"), None
    if t in ("too_long", "string_too_long"):
        return L10n("är för lång", "is too long"), None
    if t == "string_pattern_mismatch":
        return L10n(f"`{value}` har fel form (bokstäver, siffror, punkt och bindestreck)",
                    f"`{value}` has the wrong form (letters, digits, dots and hyphens)"), None
    if t in ("finite_number", "decimal_max_digits", "decimal_max_places"):
        return L10n(f"`{value}` är inte ett rimligt tal", f"`{value}` is not a reasonable number"), None
    msg = clip(e.get("msg", t))
    return L10n(f"ogiltigt värde ({msg})", f"invalid value ({msg})"), None


def _describe(value: Any) -> L10n:
    if value is None:
        return L10n("ingenting (tomt)", "nothing (empty)")
    if isinstance(value, bool):
        return L10n(f"`{str(value).lower()}`", f"`{str(value).lower()}`")
    if isinstance(value, dict):
        return L10n("en mappning", "a mapping")
    if isinstance(value, list):
        return L10n("en lista", "a list")
    if isinstance(value, (int, float, Decimal)):
        return L10n(f"talet {value}", f"the number {value}")
    if isinstance(value, dt.date):
        return L10n(f"datumet {value}", f"the date {value}")
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "…"
    return L10n(f'texten ”{text}”', f'the text "{text}"')


_SPLIT_TEXT = L10n(
    "Ser ut som en bit text: sätt hela texten inom citattecken. Ett kommatecken inom {…} eller ett kolon följt av mellanslag delar annars upp den.",
    "This looks like a piece of text: put the whole text in quotes. A comma inside {…} or a colon followed by a space splits it otherwise.",
)
_SWEDISH_FOLDED = {loose(k): v for k, v in SWEDISH_KEYS.items()}


def _did_you_mean(name: str, allowed: list[str]) -> L10n | None:
    if not allowed:
        return None
    guess = _SWEDISH_FOLDED.get(loose(name))
    if guess not in allowed:
        near = _close_matches(name.lower(), allowed, n=1, cutoff=0.6)
        guess = near[0] if near else None
    listed = ", ".join(f"`{a}`" for a in allowed)
    if guess:
        return L10n(f"Menade du `{guess}`? Tillåtna fält här: {listed}.", f"Did you mean `{guess}`? Fields allowed here: {listed}.")
    return L10n(f"Tillåtna fält här: {listed}.", f"Fields allowed here: {listed}.")


def _allowed_keys(model: type[BaseModel], path: tuple, data: Any) -> list[str]:
    """Field names of the model that sits at `path` inside `model`, following the data
    so that a tagged union (a rule's options) resolves to the member the data names."""
    tp: Any = model
    for part in path:
        tp = _pick(_unwrap(tp), data)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(part, str) or part not in tp.model_fields:
                return []
            tp = tp.model_fields[part].annotation
        elif typing.get_origin(tp) in (list, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return []
        data = data[part] if isinstance(data, (dict, list)) and _has(data, part) else None
    tp = _pick(_unwrap(tp), data)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    return []


def _has(data: Any, part: Any) -> bool:
    return part in data if isinstance(data, dict) else isinstance(part, int) and 0 <= part < len(data)


def _pick(tp: Any, data: Any) -> Any:
    """The member of a union of models whose literal fields match the data."""
    if typing.get_origin(tp) not in (typing.Union, getattr(__import__("types"), "UnionType", None)) or not isinstance(data, dict):
        return tp
    for member in typing.get_args(tp):
        member = _unwrap(member)
        if not (isinstance(member, type) and issubclass(member, BaseModel)):
            continue
        tags = {
            name: typing.get_args(f.annotation)
            for name, f in member.model_fields.items()
            if typing.get_origin(f.annotation) is typing.Literal
        }
        if tags and all(data.get(name) in values for name, values in tags.items()):
            return member
    return tp


def _unwrap(tp: Any) -> Any:
    """Strip Optional, Annotated and one-model unions down to the model or container."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


KINDS = made_by("schema", FILE_EMPTY, SCHEMA_MISSING, SCHEMA_UNKNOWN, SCHEMA_TYPE, SCHEMA_VALUE)


def _close_matches(word: str, options, n: int, cutoff: float) -> list[str]:
    """difflib's nearest matches, imported only for a wrong value: a valid file does without it."""
    import difflib

    return difflib.get_close_matches(word, options, n=n, cutoff=cutoff)

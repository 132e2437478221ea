"""Field types shared by the file formats, forgiving of how Swedish users write by hand:
`34 000 kr`, `12,5 %`, `ja`/`nej`, and Swedish names for choices (`kommun`, `uppfyllt`)."""

import os
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from asfcert.formats import no_plugins

# pydantic looks for plugins (the `pydantic` entry points of every installed package) when
# it builds its first validator: a walk over all installed packages' metadata that took
# longer than building asfcert's validators. asfcert uses none; a value the user set wins.
# Importing the plugin loader alone cost as much again: formats/no_plugins.py stands in.
no_plugins.install(os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__"))


class Strict(BaseModel):
    # defer_build: schemas are built once, inside the model that is validated, not per class.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


def empty() -> list:
    """A new empty list, the default of a list field. Not `default_factory=list`: pydantic
    reads the factory's signature, and a builtin's is parsed from text by the tokenizer
    (a few milliseconds per check after an edit)."""
    return []


def empty_map() -> dict:
    """A new empty mapping, the default of a mapping field (not `dict`, as `empty` says)."""
    return {}


def invalid(sv: str, en: str, hint_sv: str | None = None, hint_en: str | None = None) -> PydanticCustomError:
    """A validation error with a message (and optionally a hint) in both languages."""
    ctx = {"sv": sv, "en": en}
    if hint_sv and hint_en:
        ctx.update(hint_sv=hint_sv, hint_en=hint_en)
    return PydanticCustomError("asfcert", en, ctx)


def one_or_many(value: Any) -> Any:
    """Let a single value stand for a list of one."""
    return [value] if isinstance(value, (str, dict)) else value


_NUMBER_JUNK = re.compile(r"(?i)\s|\u00a0|\u202f|kr\.?$|sek$|:-$|%$")


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        raise invalid("ett tal, inte sant/falskt", "a number, not true/false")
    if isinstance(value, str):
        text = _NUMBER_JUNK.sub("", value.strip())
        text = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
        try:
            return Decimal(text)
        except InvalidOperation:
            raise invalid(f"ett tal, inte \"{value}\"", f"a number, not \"{value}\"") from None
    return value


Amount = Annotated[Decimal, BeforeValidator(_number), Field(ge=0, le=10**12, allow_inf_nan=False)]
SignedAmount = Annotated[Decimal, BeforeValidator(_number), Field(ge=-(10**12), le=10**12, allow_inf_nan=False)]
Percent = Annotated[Decimal, BeforeValidator(_number), Field(ge=0, le=100, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]


def _org_number(value: Any) -> Any:
    """`8025316970`, `802531 6970` and `16802531-6970` all mean 802531-6970: written the
    one way everywhere after loading (terminal, JSON, records). Anything that is not ten
    digits stays as written, for the organisation-number rules to report."""
    if not isinstance(value, str):
        return value
    digits = re.sub(r"[\s\-+]", "", value)
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 and digits.isdigit() else value


OrgNumber = Annotated[Text, BeforeValidator(_org_number)]

_YES = {"ja", "j", "yes", "y", "true", "sant"}
_NO = {"nej", "n", "no", "false", "falskt"}


def _yes_no(value: Any) -> Any:
    if isinstance(value, str):
        key = value.strip().lower()
        if key in _YES:
            return True
        if key in _NO:
            return False
    return value


YesNo = Annotated[bool, BeforeValidator(_yes_no)]


@dataclass(frozen=True)
class Accepted:
    """The other words a choice accepts (Swedish ones), for the reference docs."""

    words: tuple[str, ...]


class _Choice:
    """A choice's validator: the value in its canonical form, or an error naming the values
    (and the nearest one). A class, not a closure, so that a validator's core schema can be
    kept (formats/kept.py) and name it."""

    def __init__(self, table: dict[str, str], listed: str, also: tuple[str, str]):
        self.table, self.listed, self.also = table, listed, also

    def __call__(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        table = self.table
        key = " ".join(value.strip().lower().replace("_", "-").split())
        found = table.get(key, table.get(key.replace(" ", "-")))
        if found:
            return found
        import difflib

        near = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
        hint = (None, None)
        if near:
            shown = f"`{near[0]}`" if table[near[0]] == near[0] else f"`{near[0]}` (`{table[near[0]]}`)"
            hint = (f"Menade du {shown}?", f"Did you mean {shown}?")
        listed, also = self.listed, self.also
        raise invalid(f"`{value}` är inte ett av {listed}{also[0]}", f"`{value}` is not one of {listed}{also[1]}", *hint)


def choice(*values: str, aliases: dict[str, str] | None = None):
    """A fixed set of kebab-case values; Swedish names and `_`/space variants also accepted."""
    table = {v: v for v in values}
    table.update(aliases or {})
    words = tuple(a for a in (aliases or {}) if a not in values)
    listed = ", ".join(f"`{v}`" for v in values)
    also = (f" (eller: {', '.join(words)})", f" (or in Swedish: {', '.join(words)})") if words else ("", "")
    return Annotated[Literal[values], BeforeValidator(_Choice(table, listed, also)), Accepted(words)]

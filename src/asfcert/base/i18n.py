"""Two languages everywhere: Swedish (the default) and English.

Kept free of heavy imports: the warm path of `check` renders cached results with it
(decimal and fractions only when a number is formatted).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from decimal import Decimal
    from fractions import Fraction

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")


@dataclass(frozen=True, slots=True)
class L10n:
    """A text in Swedish and English."""

    sv: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.sv

    def format(self, **params) -> L10n:
        return L10n(fmt(self.sv, "sv", **params), fmt(self.en, "en", **params))

    def text(self, lang: Lang, **params) -> str:
        """The text in `lang`, its placeholders filled in (none given: as written)."""
        return fmt(self.get(lang), lang, **params) if params else self.get(lang)

    def to_dict(self) -> dict[str, str]:
        return {"sv": self.sv, "en": self.en}

    @classmethod
    def from_dict(cls, d: dict[str, str] | None) -> L10n | None:
        return None if d is None else cls(d["sv"], d["en"])


def number(value, lang: Lang, places: int | None = None) -> str:
    """Format a number the way each language writes it: `41 000` and `2,56` in Swedish,
    `41,000` and `2.56` in English. `places=None` shows integers without decimals and
    other values with up to two decimals."""
    # written once per process for each value as its type writes it (str: equal values such
    # as 0 and -0 are written otherwise): a cohort's companies give the same figures again
    key = (type(value), str(value), lang, places)
    text = _NUMBERS.get(key)
    if text is None:
        text = _number(value, lang, places)
        if len(_NUMBERS) < _NUMBERS_KEPT:
            _NUMBERS[key] = text
    return text


_NUMBERS: dict[tuple, str] = {}
_NUMBERS_KEPT = 10_000


def _number(value, lang: Lang, places: int | None) -> str:
    from decimal import Decimal
    from fractions import Fraction

    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    value = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is None:
        exponent = value.normalize().as_tuple().exponent
        places = min(2, max(0, -exponent)) if isinstance(exponent, int) else 0
    text = f"{value:,.{places}f}"
    if places and "." in text:
        text = text.rstrip("0").rstrip(".") if places > 2 else text
    if lang == "sv":
        text = text.replace(",", " ").replace(".", ",")
    return text


def percent(value) -> L10n:
    return L10n(number(value, "sv") + " %", number(value, "en") + "%")


def ratio(value: Fraction, limit: Decimal, lang: Lang) -> str:
    """A ratio rounded to two decimals, with more decimals only when rounding would hide
    which side of `limit` it is on (2.504 must not read as 2.50 ≤ 2.5)."""
    from decimal import Decimal
    from fractions import Fraction

    for places in (2, 3, 4, 6):
        shown = round(Decimal(value.numerator) / Decimal(value.denominator), places)
        if (shown > limit) == (value > Fraction(limit)) and (shown == limit) == (value == Fraction(limit)):
            break
    return number(shown, lang, places)


class _Formatter(string.Formatter):
    """`{x:num}` formats a number for the language; `{x:pct}` adds a percent sign;
    `{x:list}` joins a list."""

    def __init__(self, lang: Lang):
        self.lang = lang

    def format_field(self, value, spec):
        if isinstance(value, L10n):
            value = value.get(self.lang)
        if spec == "num":
            return number(value, self.lang)
        if spec == "pct":
            return number(value, self.lang) + (" %" if self.lang == "sv" else "%")
        if spec == "list":
            return ", ".join(str(v) for v in value)
        return super().format_field(value, spec)


_FORMATTERS = {lang: _Formatter(lang) for lang in LANGS}


def fmt(template: str, lang: Lang, **params) -> str:
    plain = _PLAIN.get(template)
    if plain is None:
        plain = all(name is None or (name.isidentifier() and not spec and conv is None) for _, name, spec, conv in _PARSER.parse(template))
        if len(_PLAIN) < _PLAIN_KEPT:
            _PLAIN[template] = plain
    if plain:  # only `{name}` fields: what _Formatter does, without its Python loop (a fifth of the time)
        return template.format_map({k: v.get(lang) if isinstance(v, L10n) else v for k, v in params.items()})
    return _FORMATTERS[lang].format(template, **params)


_PARSER = string.Formatter()
_PLAIN: dict[str, bool] = {}  # template -> whether its every field is a bare `{name}`
_PLAIN_KEPT = 10_000

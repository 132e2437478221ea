"""`--format json`: the result with every text in the chosen language.
The schema is documented in docs/check-json.md and docs/schema/check-result.schema.json."""

from __future__ import annotations

import json

from asfcert.base.i18n import Lang


def localise(value, lang: Lang):
    """Replace every {"sv": …, "en": …} text by the text in `lang`."""
    if isinstance(value, dict):
        if set(value) == {"sv", "en"}:
            return value[lang]
        return {k: localise(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [localise(v, lang) for v in value]
    return value


def dumps(data: dict, lang: Lang, *, ascii_only: bool = False) -> str:
    """`data` as JSON text in `lang`. `ascii_only` escapes every other character (`\\u00e5`),
    for a stream whose encoding cannot carry it: the JSON then still reads back exactly.
    Dates and paths are written as their text."""
    data = localise(data, lang)
    data["lang"] = lang
    return json.dumps(data, ensure_ascii=ascii_only, indent=2, default=str) + "\n"

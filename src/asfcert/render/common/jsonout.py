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


def dumps(data: dict, lang: Lang) -> str:
    data = localise(data, lang)
    data["lang"] = lang
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(result, lang: Lang) -> str:
    return dumps(result.to_dict(), lang)

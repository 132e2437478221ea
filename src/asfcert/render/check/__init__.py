"""The check result as terminal text and Markdown."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.common.labels import counts_line, verdict


def verdict_line(result, lang: Lang) -> tuple[str, str]:
    """(verdict, the rest): `Redo för revision`, `1 krav granskas för hand — 2 varningar`.
    A requirement left open for review by hand is named in the verdict line, not only in
    the table, so "ready" never hides it."""
    rest = counts_line(result.counts(), lang)
    n = len(result.by_hand) if result.usable else 0
    if n:
        rest = (f"{n} krav granskas för hand" if lang == "sv" else f"{n} requirement{'s' if n != 1 else ''} to be reviewed by hand") + " — " + rest
    return verdict(result, lang), rest

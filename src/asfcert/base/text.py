"""Text folding, one definition each: what people type rarely matches what is stored
letter for letter (å typed as a, NFD file names from a Mac, upper case)."""

from __future__ import annotations

import re
import unicodedata

_LOOSE = str.maketrans("åäöéü", "aaoeu")
# Swedish alphabetical order puts å, ä and ö after z (and æ, ø with ä, ö).
# å, ä, ö after z: to the three characters that follow `z` ({, |, }), so "Zeta" < "Ängen"
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "é": "e", "è": "e", "ü": "y"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def loose(text: str) -> str:
    """Case- and accent-insensitive, for matching what people type: `Årsredovisning`
    and `arsredovisning` fold alike."""
    return nfc(text).casefold().translate(_LOOSE)


def ascii_fold(text: str) -> str:
    """Lower case without accents: `Ändamål och inriktning` -> `andamal och inriktning`.
    The public list's search script (templates/site/filter.js) folds typed text the same
    way: NFD, combining marks dropped, lower case."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def sort_key(text: str) -> str:
    """Swedish alphabetical order: å, ä and ö after z."""
    return nfc(text).casefold().translate(_SWEDISH_ORDER)


def slugify(text: str, max_len: int = 60) -> str:
    """A URL- and file-safe name: `Växthuset Café AB` -> `vaxthuset-cafe-ab`."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text))[:max_len].strip("-")


MAX_ECHOED_CHARS = 200  # characters of a value from people's files quoted back in a message


def clip(text: str, limit: int = MAX_ECHOED_CHARS) -> str:
    """`text` cut to `limit` characters with an ellipsis: a message never echoes a value
    of megabytes back (a pasted document, a key of a million characters)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"

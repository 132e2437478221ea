"""Text from people's files, made safe to show: in a terminal, a spreadsheet or a CSV file.

Names, descriptions, file names and the text of PDFs can hold characters a terminal obeys
rather than shows (escape sequences, other control characters, bidirectional overrides
that make text read differently from what it is), and text that a spreadsheet runs as a
formula (`=HYPERLINK(…)`). `visible()` shows the first kind as `<U+001B>`; `cell()` also
keeps a spreadsheet from reading a text as a formula."""

from __future__ import annotations

# C0 controls but tab and newline, DEL, C1 controls (NEL too), the Unicode line and paragraph
# separators, and the bidirectional embeddings, overrides and isolates.
CODES = [
    *range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0),
    0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
]
VISIBLE = {code: f"<U+{code:04X}>" for code in CODES}
_FORMULA = ("=", "+", "-", "@")


def visible(text: str) -> str:
    """`text` with every such character replaced by its visible form."""
    return text.translate(VISIBLE)


def cell(value):
    """A value for a CSV or XLSX cell: text made visible, and text that a spreadsheet would
    take for a formula prefixed with an apostrophe (shown as typed, never run)."""
    if not isinstance(value, str):
        return value
    text = visible(value)
    return "'" + text if text.startswith(_FORMULA) else text

"""Terminal views drawn without rich for a pipe or a file: the same bytes rich writes there
(no colours, lines trimmed of the spaces rich pads them with), at a fraction of the cost of
importing rich and laying out its renderables (a check after an edit draws one view).

Only what is provably identical is drawn here: text made of characters that take one cell,
are not whitespace but the space, and are shown as they are (no control or bidi character,
which rich makes visible); a console width rich would take from COLUMNS, the terminal or
its default. Anything else is `Fallback`, and the caller draws the view with rich."""

from __future__ import annotations

import os
import re
import sys


class Fallback(Exception):
    """The view holds something drawn here only approximately: rich draws it."""


# One cell each (rich.cells.cell_len), no whitespace (\s), nothing guard_rich makes visible:
# printable ASCII, Latin-1's letters and signs, and the punctuation the labels use.
# tests/test_speed_check_plain.py proves these properties against rich itself.
NARROW = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA1, 0x100) if c != 0xAD]  # 0xAD, the soft hyphen, is not shown
    + list("–—‘’‚“”„•…‰€−≤≥≠≈→←")
)


def plain(text: str) -> str:
    """`text` when every character is drawn here exactly; Fallback otherwise."""
    if not NARROW.issuperset(text):
        raise Fallback(text)
    return text


def console_width(stream) -> int:
    """The width rich's Console gives a stream that is not a terminal (Console.size): COLUMNS
    when it is a number, else the size of the first of standard input, output and error that
    is a terminal, else 80. Windows (legacy consoles), Jupyter, a text encoding that is not
    UTF (rich then draws ASCII boxes), a pipe rich is told to take for a terminal (it then
    writes colours: Console.is_terminal) and widths too small for the views: Fallback."""
    import builtins

    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    if sys.platform == "win32" or hasattr(builtins, "get_ipython") or not encoding.startswith("utf"):
        raise Fallback("console")
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible == "1" or (compatible != "0" and os.environ.get("FORCE_COLOR", "") != ""):
        raise Fallback("terminal")
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        width = None
        for fd in (0, 1, 2):
            try:
                width = os.get_terminal_size(fd)[0]
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    if width < 40:
        raise Fallback("width")
    return width


_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word


def _breaks(text: str, width: int) -> list[int]:
    """rich._wrap.divide_line with fold, for text of one-cell characters."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            pieces = [word[i:i + width] for i in range(0, len(word), width)]  # rich.cells.chop_cells
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def wrap(text: str, width: int) -> list[str]:
    """The lines rich.text.Text.wrap makes of one line of `text` at `width` (folding words
    longer than a line), trimmed of trailing spaces as the pipe's stream trims them."""
    plain(text)
    if width < 1:
        raise Fallback("width")
    edges = [0, *_breaks(text, width), len(text)]
    # Text.divide, then rstrip_end and truncate to the width: the first `width` cells
    return [text[a:b][:width].rstrip(" ") for a, b in zip(edges, edges[1:])]


def padded(text: str, width: int, left: int) -> list[str]:
    """rich.padding.Padding(Text(text), (0, 0, 0, left), expand=False) printed at `width`."""
    plain(text)
    inner = min(len(text), width) + left  # Measurement of the text, at most the width
    inner = min(inner, width) - left
    if inner < 1:
        raise Fallback("padding")
    return [(" " * left + line).rstrip(" ") for line in wrap(text, inner)]


def whole(text: str) -> list[str]:
    """A line rich prints with soft_wrap=True (a path to copy): as it is, never wrapped or
    cropped, and trimmed of trailing spaces as the pipe's stream trims them."""
    return [plain(text).rstrip(" ")]


def table(title: str, header: list[str], rows: list[list[str]], width: int,
          minimums: list[int | None], maximums: list[int | None], right: frozenset[int] = frozenset()) -> list[str]:
    """rich's Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
    pad_edge=False) printed at `width`, its columns no_wrap with overflow="ellipsis" and the
    given minimum and maximum widths (`right`: the columns justified right), where its
    columns take their natural widths; Fallback where rich would shrink them."""
    for text in (title, *header, *(cell for row in rows for cell in row)):
        plain(text)
    n = len(header)
    extra = n - 1  # the dividers between the columns
    room = width - extra
    # padding: one space each side of a cell, none at the table's edges
    pads = [(0, 1), *([(1, 1)] * (n - 2)), (1, 0)]
    widths = []
    for i in range(n):
        pad = sum(pads[i])
        column = max(len(r[i]) for r in [header, *rows]) + pad  # Measurement of its cells
        column = min(column, room)
        if minimums[i] is not None:
            column = max(column, minimums[i] + pad)
        if maximums[i] is not None:
            column = min(column, maximums[i] + pad)
        widths.append(column or 1)
    if sum(widths) > room:  # rich would shrink the columns
        raise Fallback("table")
    table_width = sum(widths) + extra
    if len(title) > table_width:
        raise Fallback("title")

    def line(cells: list[str]) -> str:
        out = []
        for i, text in enumerate(cells):
            left, right_pad = pads[i]
            inner = widths[i] - left - right_pad
            if i in right:  # justify="right" strips the text first
                text = text.rstrip(" ")
            if len(text) > inner:  # overflow="ellipsis"
                text = text[:inner - 1] + "…"
            text = text.rjust(inner) if i in right else text.ljust(inner)
            out.append(" " * left + text + " " * right_pad)
        return " ".join(out).rstrip(" ")

    return [title, line(header), "─" * table_width, *(line(r) for r in rows)]

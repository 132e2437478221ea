"""The audit report's PDF laid out: headings, paragraphs, lists and bordered tables whose
rows break across pages line by line, the table's head repeated on each page. It draws
with the few fpdf2-named calls render/common/pdfwrite.py provides.

fpdf2's `write_html` measured every cell twice through its text-layout engine (most of
the time `audit --report` took); here a text is wrapped once, word by word with the
font's widths, and each line drawn with `text`. The content is the HTML report's
(audit-report.html.j2); the same data always gives the same bytes (render/common/pdfwrite)."""

from __future__ import annotations

from dataclasses import dataclass

from asfcert.base.safetext import visible
from asfcert.render.common.pdfdoc import FONT, MONO

BASE = 9.5  # pt
PAD = 1.0  # mm inside a table cell
LEADING = 1.25  # line height / font size
PT = 25.4 / 72  # mm per point


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    mono: bool = False
    right: bool = False
    span: int = 1


class Layout:
    def __init__(self, doc):
        self.doc = doc

    # text --------------------------------------------------------------------------
    def font(self, size: float, bold: bool = False, mono: bool = False) -> None:
        self.doc.set_font(MONO if mono else FONT, "B" if bold and not mono else "", size)

    def wrap(self, text: str, width: float) -> list[str]:
        """`text`, its control characters shown, in lines no wider than `width` (mm)."""
        return self.doc.wrap(visible(str(text)), width)

    def line_height(self) -> float:
        return self.doc.font_size * LEADING

    def room(self, height: float) -> None:
        """A new page unless `height` fits below the current position."""
        if self.doc.get_y() + height > self.doc.page_break_trigger:
            self.doc.add_page()

    def paragraph(self, text: str, size: float = BASE, *, bold: bool = False, color=None, before: float = 0, after: float = 1.5,
                  indent: float = 0, bullet: str | None = None) -> None:
        doc = self.doc
        self.font(size, bold)
        if color:
            doc.set_text_color(*color)
        lh = self.line_height()
        doc.set_y(doc.get_y() + before)
        x = doc.l_margin + indent
        for i, line in enumerate(self.wrap(text, doc.epw - indent)):
            self.room(lh)
            y = doc.get_y()
            if bullet and i == 0:
                doc.text(doc.l_margin + indent - 4, y + lh * 0.78, bullet)
            doc.text(x, y + lh * 0.78, line)
            doc.set_y(y + lh)
        if color:
            doc.set_text_color(0, 0, 0)
        doc.set_y(doc.get_y() + after)

    def heading(self, text: str, size: float, before: float, after: float) -> None:
        self.font(size, bold=True)
        self.room(before + self.line_height() * 3)  # not alone at the foot of a page
        self.paragraph(text, size, bold=True, before=before if self.doc.get_y() > self.doc.t_margin else 0, after=after)

    # tables --------------------------------------------------------------------------
    def table(self, widths: list[float], rows: list[list[Cell]], *, head: list[Cell] | None = None, size: float = BASE,
              border: bool = True) -> None:
        """Rows of cells; `widths` in percent of the text width. A row longer than the
        rest of the page goes on over the next one, line by line."""
        doc = self.doc
        self.font(size)
        lh = self.line_height()
        columns = [doc.epw * w / 100 for w in widths]
        if head:
            self._row(head, columns, lh, size, border, None)
        for row in rows:
            self._row(row, columns, lh, size, border, head)
        doc.set_y(doc.get_y() + 2)

    def _row(self, row: list[Cell], columns: list[float], lh: float, size: float, border: bool, head) -> None:
        doc = self.doc
        placed, col = [], 0
        for cell in row:
            width = sum(columns[col:col + cell.span])
            self.font(size, cell.bold, cell.mono)
            placed.append((doc.l_margin + sum(columns[:col]), width, cell, self.wrap(cell.text, width - 2 * PAD)))
            col += cell.span
        done = 0
        tallest = max(len(lines) for *_, lines in placed)
        while done < tallest:
            fits = int((doc.page_break_trigger - doc.get_y() - 2 * PAD) // lh)
            if fits < min(tallest - done, 2) and doc.get_y() > doc.t_margin + 1:
                doc.add_page()
                if head is not None:
                    self._row(head, columns, lh, size, border, None)
                continue
            take = max(1, min(fits, tallest - done))
            top = doc.get_y()
            height = take * lh + 2 * PAD
            for x, width, cell, lines in placed:
                self.font(size, cell.bold, cell.mono)
                for i, line in enumerate(lines[done:done + take]):
                    left = x + width - PAD - doc.get_string_width(line) if cell.right else x + PAD
                    doc.text(left, top + PAD + i * lh + lh * 0.78, line)
                if border:
                    doc.rect(x, top, width, height)
            done += take
            doc.set_y(top + height)

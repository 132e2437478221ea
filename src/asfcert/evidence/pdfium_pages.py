"""The text of PDF pages with PDFium (pypdfium2), and pages rendered for OCR.

PDFium extracts text about 15 times faster than pypdf on real multi-page PDFs, so it reads
the text; pypdf keeps the structure, encryption, page count and metadata, and reads the
text of any page PDFium cannot (evidence/pdf_facts.py). The only module that imports
pypdfium2; like pypdf it runs only inside the bounded reader worker.

The text is read through PDFium's C functions (pypdfium2.raw), not pypdfium2's document,
page and text-page objects: those attach a finalizer to each handle and look up the page
count again for each page, a third of PDFium's time on a one-page PDF. What the text is
stays pypdfium2's `get_text_range()` (tests/test_pdfium_pages.py compares them); only
rendering for OCR, which is rare and slow anyway, opens pypdfium2's document.
"""

from __future__ import annotations

import ctypes
from codecs import decode

# PDFium marks a hyphen at a line break as U+0002 and unknown glyphs as U+FFFE
_FIXES = str.maketrans({"\r": None, "\x02": "-", "\ufffe": None, "\x00": None})


class Pages:
    """One PDF opened with PDFium; none (no pages) where PDFium cannot open it."""

    def __init__(self, data: bytes):
        import pypdfium2.raw as pdfium

        self._c = pdfium
        self._data = data  # PDFium reads the bytes in place while the document is open
        self._rendering = None  # pypdfium2's document, opened for the first page rendered
        self._doc = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
        self._count = pdfium.FPDF_GetPageCount(self._doc) if self._doc else 0
        if self._count < 1:  # what pypdfium2.PdfDocument refuses to open
            self.close()

    def __len__(self) -> int:
        return self._count

    def text(self, index: int) -> str | None:
        """The text of a page (0-based), or None where PDFium fails on it."""
        if index >= self._count:
            return None
        c = self._c
        try:
            page = c.FPDF_LoadPage(self._doc, index)
            if not page:
                return None
            try:
                textpage = c.FPDFText_LoadPage(page)
                if not textpage:
                    return None
                try:
                    text = _text_range(c, textpage)
                finally:
                    c.FPDFText_ClosePage(textpage)
            finally:
                c.FPDF_ClosePage(page)
        except MemoryError:
            raise
        except Exception:  # as pypdfium2's objects failed: a length PDFium got wrong, say
            return None
        return None if text is None else text.translate(_FIXES)

    def image(self, index: int):
        """A function giving the page (0-based) as a grayscale Pillow image and its dpi."""

        def render():
            from asfcert.evidence.ocr import scale_for

            if self._rendering is None:
                import pypdfium2

                self._rendering = pypdfium2.PdfDocument(self._data)
            page = self._rendering[index]
            try:
                width, height = page.get_size()
                scale = scale_for(width, height)
                return page.render(scale=scale, grayscale=True).to_pil(), round(scale * 72)
            finally:
                page.close()

        return render

    def close(self) -> None:
        """Close the document: it has no pages after (a page read then would read freed memory)."""
        self._count = 0
        if self._rendering is not None:
            self._rendering.close()
            self._rendering = None
        if self._doc:
            self._c.FPDF_CloseDocument(self._doc)
            self._doc = None


def _text_range(c, textpage) -> str | None:
    """All the text of a text page, as pypdfium2's PdfTextPage.get_text_range() gives it:
    characters PDFium leaves out at either end are not asked for (crbug.com/pdfium/2079),
    and the UTF-16 is decoded ignoring what is not valid. None where PDFium fails."""
    count = c.FPDFText_CountChars(textpage)
    if count == -1:
        return None
    first, last = 0, count - 1
    while True:
        if first > last:
            return ""
        start = c.FPDFText_GetTextIndexFromCharIndex(textpage, first)
        if start == -1:
            first += 1
            continue
        end = c.FPDFText_GetTextIndexFromCharIndex(textpage, last)
        if end == -1:
            last -= 1
            continue
        break
    wanted = end + 2 - start  # with the closing NUL
    # zeroed bytes, not an array of `wanted` c_ushort: ctypes makes a new type for each
    # length, which costs more than the text (and dies in a collection)
    buffer = bytearray(2 * wanted)
    written = c.FPDFText_GetText(textpage, first, last + 1 - first, ctypes.pointer(ctypes.c_ushort.from_buffer(buffer)))
    if written > wanted:
        return None
    return decode(memoryview(buffer)[: 2 * (written - 1)], "utf-16-le", errors="ignore")

"""The text of PDF pages with PDFium (pypdfium2), and pages rendered for OCR.

PDFium extracts text about 15 times faster than pypdf on real multi-page PDFs, so it reads
the text; pypdf keeps the structure, encryption, page count and metadata, and reads the
text of any page PDFium cannot (evidence/pdf_facts.py). The only module that imports
pypdfium2; like pypdf it runs only inside the bounded reader worker.
"""

from __future__ import annotations

# PDFium marks a hyphen at a line break as U+0002 and unknown glyphs as U+FFFE
_FIXES = str.maketrans({"\r": None, "\x02": "-", "\ufffe": None, "\x00": None})


class Pages:
    """One PDF opened with PDFium, or None where PDFium cannot open it."""

    def __init__(self, data: bytes):
        import pypdfium2

        try:
            self.pdf = pypdfium2.PdfDocument(data)
        except MemoryError:
            raise
        except Exception:  # pypdfium2.PdfiumError and whatever a broken file raises
            self.pdf = None

    def __len__(self) -> int:
        return len(self.pdf) if self.pdf is not None else 0

    def text(self, index: int) -> str | None:
        """The text of a page (0-based), or None where PDFium fails on it."""
        if self.pdf is None or index >= len(self.pdf):
            return None
        try:
            page = self.pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
        except MemoryError:
            raise
        except Exception:
            return None
        return text.translate(_FIXES)

    def image(self, index: int):
        """A function giving the page (0-based) as a grayscale Pillow image and its dpi."""

        def render():
            from asfcert.evidence.ocr import scale_for

            page = self.pdf[index]
            try:
                width, height = page.get_size()
                scale = scale_for(width, height)
                return page.render(scale=scale, grayscale=True).to_pil(), round(scale * 72)
            finally:
                page.close()

        return render

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()

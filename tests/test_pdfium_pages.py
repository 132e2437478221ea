"""PDFium's text through its C functions (evidence/pdfium_pages.py, issue 17 item 4) is the
text pypdfium2's page objects give (`PdfTextPage.get_text_range`), page by page, for real
PDFs and for every hostile one; a PDF PDFium cannot open has no pages, as before."""

from __future__ import annotations

import pypdfium2
import pytest
from fixtures import hostile_pdfs
from helpers import pdf_bytes

from asfcert.evidence.pdfium_pages import _FIXES, Pages

SAMPLES = {
    "text": lambda: pdf_bytes("Protokoll", "Räkenskapsåret 2025-01-01 - 2025-12-31", "Org.nr 769606-1717"),
    "three-pages": lambda: hostile_pdfs.text_pdf("första sidan", "", "tredje sidan med bind-\nstreck"),
    **{name: make for name, make in hostile_pdfs.HOSTILE.items() if name not in ("bomb", "cpu-heavy")},
}


def _by_objects(data: bytes) -> list[str | None] | None:
    """The texts as the helper objects give them (what Pages.text read until now)."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None
    texts = []
    try:
        for i in range(len(pdf)):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range().translate(_FIXES))
                textpage.close()
                page.close()
            except pypdfium2.PdfiumError:
                texts.append(None)
    finally:
        pdf.close()
    return texts


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_text_of_each_page_is_the_text_the_page_objects_give(name):
    data = SAMPLES[name]()
    pages = Pages(data)
    try:
        texts = [pages.text(i) for i in range(len(pages))] or None
        assert pages.text(len(pages)) is None  # past the last page
    finally:
        pages.close()
    assert texts == _by_objects(data)


def test_a_page_renders_for_ocr_and_a_closed_document_closes_once():
    pages = Pages(hostile_pdfs.scan())
    try:
        image, dpi = pages.image(0)()
        assert image.size[0] > 0 and dpi > 0
    finally:
        pages.close()
    pages.close()  # twice: nothing left to close
    assert len(pages) == 0 and pages.text(0) is None
    assert len(Pages(b"not a pdf")) == 0 and Pages(b"not a pdf").text(0) is None


def test_a_page_whose_text_fails_has_none_and_the_next_read_works(monkeypatch):
    """Any error while PDFium's text is read gives None (pdf_facts then asks pypdf), as
    pypdfium2's objects did, and the page is closed: the document reads on."""
    from asfcert.evidence import pdfium_pages

    pages = Pages(hostile_pdfs.text_pdf("en sida med text"))
    try:
        real = pdfium_pages._text_range
        monkeypatch.setattr(pdfium_pages, "_text_range", lambda c, textpage: (_ for _ in ()).throw(ValueError("length")))
        assert pages.text(0) is None
        monkeypatch.setattr(pdfium_pages, "_text_range", real)
        assert "en sida med text" in pages.text(0)
    finally:
        pages.close()

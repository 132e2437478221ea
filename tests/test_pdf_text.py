"""PDF text with PDFium, pypdf as its fallback; the limits per document; reading only the
first pages (what `verify` needs)."""

from __future__ import annotations

from fixtures import hostile_pdfs
from helpers import pdf_bytes

from asfcert.evidence import pdf_facts
from asfcert.evidence.worker import Limits, read_many


def test_pdfium_reads_the_text_and_pypdf_the_structure():
    data = hostile_pdfs.text_pdf("Årsredovisning för Testföretaget, org.nr 829502-4247", "Räkenskapsåret 2025-01-01 – 2025-12-31")
    facts = pdf_facts.read(data)
    assert facts["pages"] == 2 and facts["problem"] is None and facts["text_pages"] == 2
    assert "829502-4247" in facts["texts"][0] and "2025-01-01 – 2025-12-31" in facts["texts"][1]
    assert "\r" not in "".join(facts["texts"])
    assert facts["ocr"] == "none"  # text pages need no OCR, and no budget was given


def test_pypdf_reads_a_page_pdfium_cannot(monkeypatch):
    from asfcert.evidence import pdfium_pages

    data = pdf_bytes("Protokoll", "Datum 2026-03-12")
    fast = pdf_facts.read(data)["texts"]
    monkeypatch.setattr(pdfium_pages.Pages, "text", lambda self, index: None)
    slow = pdf_facts.read(data)["texts"]
    assert "2026-03-12" in fast[0] and "2026-03-12" in slow[0]


def test_pypdf_limits_stop_bombs_before_pdfium_sees_them():
    for name in ("bomb", "huge-length"):
        facts = pdf_facts.read(hostile_pdfs.HOSTILE[name]())
        assert facts["problem"] == "limit" and "LimitReachedError" in facts["detail"], name


def test_the_limits_per_document_are_10_seconds_and_512_mb():
    limits = Limits()
    assert (limits.wall_seconds, limits.cpu_seconds, limits.memory_mb) == (10, 10, 512)


def test_max_pages_reads_only_the_first_pages_and_no_ocr(tmp_path):
    three = tmp_path / "tre.pdf"
    three.write_bytes(hostile_pdfs.text_pdf("Sida ett med text", "Sida två med text", "Sida tre med text"))
    scan = tmp_path / "skannad.pdf"
    scan.write_bytes(hostile_pdfs.scan())
    facts = read_many([str(three), str(scan)], max_pages=1)
    assert facts[str(three)]["pages"] == 3 and len(facts[str(three)]["texts"]) == 1 and facts[str(three)]["truncated"]
    assert facts[str(scan)]["ocr"] == "none"

"""OCR of scanned evidence, for real: Tesseract reads scans the tests make themselves
(fixtures/scans.py). They skip without Tesseract and fail instead with ASFCERT_REQUIRE_OCR=1.
Each test reads one small page, so they stay a few seconds each."""

from __future__ import annotations

import pytest
from fixtures.scans import require_ocr, scanned_image, scanned_pdf
from helpers import (
    EVIDENCE,
    GOOD_PROFILE,
    codes,
    edited_standard,
    make_company,
    only,
    pdf_bytes,
    requirement,
    run,
    standard,
)

from asfcert.evidence import worker

REPORT = EVIDENCE["annual-report"]
ORG = GOOD_PROFILE["org_number"]


@pytest.fixture(autouse=True)
def _ocr(monkeypatch):
    require_ocr()
    worker.close_idle()  # workers remember whether Tesseract was there
    yield
    worker.close_idle()


def annual_report(org: str = ORG) -> bytes:
    return pdf_bytes("Arsredovisning 2025", f"Testföretaget, org.nr {org}", "Räkenskapsåret 2025-01-01 - 2025-12-31.")


def with_scanned_report(tmp_path, org: str = ORG):
    root = make_company(tmp_path / "c")
    (root / REPORT).write_bytes(scanned_pdf(annual_report(org)))
    return root


def test_a_scanned_annual_report_passes_3_2_a_with_the_org_number_found_by_ocr(tmp_path):
    root = with_scanned_report(tmp_path)
    before = (root / REPORT).read_bytes()
    result = run(root)
    req = requirement(result, "3.2.a")
    assert req.status == "ready"
    assert req.figures["org_number_page"] == 1 and req.figures["fiscal_year_end"] == "2025-12-31"
    assert req.figures["ocr_confidence"] >= 70
    assert "OCR" in req.summary.sv and "OCR" in req.summary.en
    f = only(result, "document-read-by-ocr")
    assert (f.severity, f.location.file, f.params["pages"]) == ("observation", REPORT, [1])
    assert "pdf-no-text" not in codes(result) and "document-needs-review" not in codes(result)
    assert (root / REPORT).read_bytes() == before  # evidence is never modified


def test_a_scanned_annual_report_of_another_company_fails_as_a_text_pdf_would(tmp_path):
    result = run(with_scanned_report(tmp_path, org="556036-0793"))
    f = only(result, "document-org-number-missing")
    assert (f.location.file, f.requirement, f.severity) == (REPORT, "3.2.a", "blocker")
    assert "556036-0793" in f.message.sv and "OCR" in f.message.sv and "OCR" in f.message.en
    assert f.params["ocr_confidence"] >= 70
    assert requirement(result, "3.2.a").status == "failing"


def test_below_the_standards_ocr_confidence_the_scan_goes_to_manual_review(tmp_path):
    from asfcert.render.check import verdict_line

    std = edited_standard(tmp_path, "ocr_min_confidence: 70", "ocr_min_confidence: 99.9")
    result = run(with_scanned_report(tmp_path), standard=std)
    low = only(result, "ocr-low-confidence")
    assert (low.location.file, low.severity, low.params["threshold"]) == (REPORT, "warning", 99.9)
    review = only(result, "document-needs-review")
    assert (review.requirement, review.location.file) == ("3.2.a", REPORT)
    assert requirement(result, "3.2.a").status == "open"
    assert result.by_hand == ["3.2.a"]
    assert verdict_line(result, "sv")[1].startswith("1 krav granskas för hand — ")


def test_ocr_text_is_cached_by_content_and_never_read_twice(tmp_path, monkeypatch):
    from asfcert.company.folder import CompanyFolder
    from asfcert.company.manifest import build
    from asfcert.evidence.documents import read_documents

    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / "cache"))
    root = with_scanned_report(tmp_path)
    folder, std = CompanyFolder(root), standard()
    first = read_documents(folder, build(folder, std)).get(REPORT)
    assert first.facts["ocr_pages"] == [1] and ORG in first.texts[0]
    worker.close_idle()
    monkeypatch.setenv("ASFCERT_TESSERACT", str(tmp_path / "no-tesseract"))  # a second OCR would find nothing
    again = read_documents(folder, build(folder, std)).get(REPORT)
    assert again.facts == first.facts


def test_a_scanned_image_is_read_and_its_identity_numbers_found(tmp_path):
    root = make_company(tmp_path / "c")
    rel = "evidence/lon/lonelista.png"
    (root / rel).write_bytes(scanned_image(pdf_bytes("Lonelista", "Anna Andersson 19811218-9876 Medarbetare")))
    result = run(root)
    f = only(result, "personal-number-found")
    assert f.location.file == rel and "19811218-****" in f.message.sv and "9876" not in f.message.sv
    assert only(result, "document-read-by-ocr").location.file == rel
    assert "evidence-not-inspected" not in codes(result)


def test_without_tesseract_one_notice_and_scans_stay_in_manual_review(tmp_path, monkeypatch):
    monkeypatch.setenv("ASFCERT_TESSERACT", str(tmp_path / "no-tesseract"))
    root = with_scanned_report(tmp_path)
    (root / EVIDENCE["minutes"]).write_bytes(scanned_pdf(pdf_bytes("Protokoll", "Datum 2026-03-12")))
    result = run(root)
    notice = only(result, "ocr-unavailable")
    assert notice.params["count"] == 2 and set(notice.params["paths"]) == {REPORT, EVIDENCE["minutes"]}
    assert {f.location.file for f in result.findings if f.code == "pdf-no-text"} == {REPORT, EVIDENCE["minutes"]}
    assert requirement(result, "3.2.a").status == "open"


def test_a_scan_whose_time_runs_out_stays_in_manual_review_and_is_read_again(tmp_path):
    from asfcert.evidence.worker import OCR_MARGIN, Limits, read_many

    text, scan = tmp_path / "text.pdf", tmp_path / "scan.pdf"
    text.write_bytes(pdf_bytes("Protokoll", "Datum 2026-03-12"))  # the worker starts and imports on this one
    scan.write_bytes(scanned_pdf(annual_report()))
    # 50 ms for OCR: Tesseract cannot even start a page in that time, on any machine
    facts = read_many([str(text), str(scan)], Limits(wall_seconds=OCR_MARGIN + 0.05), jobs=1)[str(scan)]
    assert (facts["problem"], facts["ocr"], facts["ocr_late"], facts["text_pages"]) == (None, "incomplete", [1], 0)


def test_scanned_minutes_and_statutes_are_checked_and_say_they_were_read_by_ocr(tmp_path):
    root = make_company(tmp_path / "c")
    minutes, statutes = EVIDENCE["minutes"], EVIDENCE["statutes"]
    (root / minutes).write_bytes(scanned_pdf(pdf_bytes("Protokoll fort vid styrelsemote", "Narvarande: ordforanden och tva ledamoter.")))
    (root / statutes).write_bytes(scanned_pdf(pdf_bytes(
        "Stadgar", f"Org.nr {ORG}", "§ 2 Ändamål. Föreningen har till ändamål att skapa arbete.",
    )))
    result = run(root)
    undated = only(result, "minutes-undated")
    assert undated.location.file == minutes and "OCR" in undated.message.sv and undated.params["ocr_confidence"] >= 70
    purpose = requirement(result, "3.1.a").figures["purpose"][0]
    assert purpose["file"] == statutes and purpose["ocr_confidence"] >= 70 and "ändamål" in purpose["text"].lower()

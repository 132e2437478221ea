"""The audit report as HTML and PDF, in Swedish and English, read back with pypdf."""

import re

import pytest
from audit_helpers import NAME, ORG, audit, decide, pdf_text, set_results, setup

from asfcert.audit import report

HIGH_PAY = [{"role": "Verksamhetschef", "monthly_sek": 44000}, {"role": "Medarbetare", "monthly_sek": 16000}]


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    root = setup(tmp_path_factory.mktemp("report"))
    result = decide(root, {"3.9.b": "remark", "3.6.b": "observation"},
                    comments={"3.9.b": "Skyddsombudet har inte gått SAM-utbildning.", "3.6.b": "Sätt mätbara miljömål."})
    return root, result


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang, words", [
    ("sv", ["Revisionsrapport", "Certifierad med anmärkningar", "Anmärkningar", "Åtgärdas senast", "Underlag"]),
    ("en", ["Audit report", "Certified with remarks", "Remarks", "Fix by", "Evidence"]),
])
def test_the_pdf_shows_company_decision_remarks_and_evidence(decided, lang, words):
    root, result = decided
    html_path, pdf_path = report.write(result, root, lang)
    assert (html_path.name, pdf_path.name) == (f"audit-report-{lang}.html", f"audit-report-{lang}.pdf")
    text = _flat(pdf_text(pdf_path))
    for expected in [NAME, ORG, "asf-pas10", "2026.1", "Åsa Öberg", "2026-11-30", "2027-05-30", "3.9.b",
                     "Skyddsombudet har inte gått SAM-utbildning.", *words]:
        assert expected in text, expected
    statutes = next(f for f in result.snapshot if f.path == "evidence/stadgar/stadgar.pdf")
    assert statutes.sha256[:16] in text and "evidence/stadgar/stadgar.pdf" in text
    for item in result.proposal.items:  # every requirement has its row
        assert item.id in text


def test_the_html_is_escaped_and_complete(decided):
    root, result = decided
    set_html = report.view(result, "sv")
    set_html["summary"] = "<script>alert(1)</script>"
    from asfcert.render.audit.report import html

    page = html(set_html)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert NAME in page and "Certifierad med anmärkningar" in page and "@page" in page
    assert page.count("<tr>") >= len(result.proposal.items) + len(result.snapshot)


def test_a_draft_report_shows_the_figures_and_says_it_is_a_draft(tmp_path):
    root = setup(tmp_path, pay=HIGH_PAY)
    audit(root)
    set_results(root)
    result = audit(root)
    _, pdf_path = report.write(result, root, "en")
    text = _flat(pdf_text(pdf_path))
    assert "DRAFT" in text and "Not certified" in text
    assert "44,000 / 16,000 = 2.75 > 2.5" in text  # the pay-ratio arithmetic, English number format
    _, pdf_sv = report.write(result, root, "sv")
    assert "44 000 / 16 000 = 2,75 > 2,5" in _flat(pdf_text(pdf_sv)) and "UTKAST" in pdf_text(pdf_sv)


def test_the_pdf_counts_pages_of_the_evidence(decided):
    root, result = decided
    view = report.view(result, "sv")
    pages = {e["path"]: e["pages"] for e in view["evidence"]}
    assert pages["evidence/stadgar/stadgar.pdf"] == 1 and pages["company.yaml"] == "–"


def test_the_pdf_names_the_certifier_and_no_relative_path(decided):
    root, result = decided
    _, pdf_path = report.write(result, root, "sv")
    text = _flat(pdf_text(pdf_path))
    assert "Certifierare SKOOPI" in text  # registry.yaml's certifier, found above the company folder
    assert "omgang" in text  # the cohort named by its folder ...
    assert "../" not in text and "..\\" not in text  # ... not by a path relative to the company folder


def test_the_pdf_shortens_hashes_in_monospace_and_the_html_keeps_them_whole(decided):
    from pypdf import PdfReader

    root, result = decided
    html_path, pdf_path = report.write(result, root, "sv")
    text = _flat(pdf_text(pdf_path))
    html = html_path.read_text(encoding="utf-8")
    for f in result.snapshot:
        assert f.sha256[:16] in text and f.sha256[16:32] not in text
        assert f.sha256 in html
    fonts = {str(font.get("/BaseFont")) for page in PdfReader(pdf_path).pages
             for font in page["/Resources"]["/Font"].values() if hasattr(font, "get")}
    fonts |= {str(page["/Resources"]["/Font"][k].get_object().get("/BaseFont")) for page in PdfReader(pdf_path).pages
              for k in page["/Resources"]["/Font"]}
    assert any("Mono" in name for name in fonts)


def test_a_clause_whose_title_begins_with_its_id_is_not_named_twice(decided):
    _, result = decided
    data = report.view(result, "sv")
    headings = [c["heading"] for c in data["clauses"]]
    assert all(not h.startswith(f"{c['id']} {c['id']}") for h, c in zip(headings, data["clauses"]))
    assert any(c["id"] == "SKOOPI" and c["heading"] == c["title"] for c in data["clauses"])

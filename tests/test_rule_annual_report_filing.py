"""A digital annual report in evidence/arsredovisning/: the organisation number and fiscal
year drive 3.2.a as for a PDF (rule annual-report), and annual-report-filing compares the
profile's fiscal year, net revenue and result with the filed ones."""

import pytest
from fixtures import ixbrl as x
from fixtures.hostile_pdfs import text_pdf
from helpers import GOOD_PROFILE, codes, line_of, only, requirement, run

FILED = x.FILED
FILING_CODES = {"filing-revenue-differs", "filing-result-differs", "filing-fiscal-year-differs",
                "document-org-number-missing", "annual-report-outdated", "document-needs-review"}


def finances(*entries):
    return [dict(e) for e in entries]


def this_year(**fields):
    return {**GOOD_PROFILE["finances"][0], **fields}


def checked(tmp_path, data: bytes, rel: str = FILED, **edits):
    return run(x.company_with_filing(tmp_path / "c", data, rel, **edits))


def test_a_matching_filing_passes_and_shows_what_it_compared(tmp_path):
    result = checked(tmp_path, x.report())
    assert not FILING_CODES & codes(result)
    req = requirement(result, "3.2.a")
    assert req.status == "ready"
    assert (req.figures["file"], req.figures["fiscal_year_end"], req.figures["org_number_tagged"]) == (FILED, "2025-12-31", "829502-4247")
    assert req.figures["adopted"] == "2026-04-20"
    assert {(c["field"], c["matches"]) for c in req.figures["compared"]} == {("revenue_sek", True), ("result_sek", True)}
    assert "(digital)" in req.summary.en and "agrees with company.yaml" in req.summary.en
    assert "evidence-not-inspected" not in codes(result)


def test_a_matching_filing_in_a_zip_with_the_audit_report_passes(tmp_path):
    data = x.zipped({"arsredovisning.xhtml": x.report(), "revisionsberattelse.xhtml": x.audit_report()})
    result = checked(tmp_path, data, "evidence/arsredovisning/arsredovisning-2025.zip")
    assert not FILING_CODES & codes(result) and requirement(result, "3.2.a").status == "ready"


def test_revenue_that_differs_fails_with_both_numbers_at_the_profile_field(tmp_path):
    root = x.company_with_filing(tmp_path / "c", x.report(revenue=3_150_000))
    result = run(root)
    f = only(result, "filing-revenue-differs")
    line = line_of(root / "company.yaml", "revenue_sek")
    assert (f.location.file, f.location.line, f.requirement, f.severity) == ("company.yaml", line, "3.2.a", "blocker")
    assert (f.params["profile"], f.params["filed"], f.params["tag"], f.params["year"]) == ("3200000", "3150000", "se-gen-base:Nettoomsattning", 2025)
    assert f.params["figure"]["context"] == "period0" and f.params["figure"]["shown"] == "3 150 000"
    assert "3,200,000 (company.yaml) − 3,150,000 (filed: se-gen-base:Nettoomsattning" in f.message.en and "= 50,000 SEK; rounding explains less than 1 SEK" in f.message.en
    assert requirement(result, "3.2.a").status == "failing"


def test_result_that_differs_fails(tmp_path):
    f = only(checked(tmp_path, x.report(result=-12_000)), "filing-result-differs")
    assert (f.params["profile"], f.params["filed"]) == ("85000", "-12000")
    assert 'sign "-"' in f.message.en


@pytest.mark.parametrize("filed, differs", [("85000.40", False), ("84999.60", False), ("85001", True), ("84999", True)])
def test_rounding_to_whole_kronor_is_allowed_and_nothing_else(tmp_path, filed, differs):
    body = ('<p><ix:nonFraction name="se-gen-base:AretsResultat" contextRef="period0" unitRef="SEK" decimals="2" '
            f'format="ixt:numdotdecimal">{filed}</ix:nonFraction></p>')
    result = checked(tmp_path, x.report(result=None, extra_body=body))
    assert ("filing-result-differs" in codes(result)) is differs


@pytest.mark.parametrize("profile, differs", [(3_245_000, False), (3_245_499, False), (3_246_000, True), (3_244_000, True)])
def test_a_filing_in_thousands_allows_rounding_to_thousands(tmp_path, profile, differs):
    result = checked(tmp_path, x.report(revenue=3_245_000, scale=3), finances=finances(this_year(revenue_sek=profile)))
    assert ("filing-revenue-differs" in codes(result)) is differs


def test_the_result_after_financial_items_is_accepted_too(tmp_path):
    result = checked(tmp_path, x.report(result=60_000, result_after_financial=85_000))
    assert "filing-result-differs" not in codes(result)


def test_an_empty_profile_figure_is_not_compared(tmp_path):
    result = checked(tmp_path, x.report(revenue=1), finances=finances({"year": 2025, "result_sek": 85000, "dividends_sek": 0}))
    assert "filing-revenue-differs" not in codes(result)


def test_another_companys_filing_fails_and_names_the_filed_number(tmp_path):
    result = checked(tmp_path, x.report(org="556036-0793"))
    f = only(result, "document-org-number-missing")
    assert (f.location.file, f.requirement, f.severity) == (FILED, "3.2.a", "blocker")
    assert f.params["org_number"] == "829502-4247" and f.params["filed"] == "556036-0793"
    assert requirement(result, "3.2.a").status == "failing"


def test_the_number_counts_when_only_hidden_and_without_a_hyphen(tmp_path):
    result = checked(tmp_path, x.report(org="8295024247", hidden_org=True))
    assert "document-org-number-missing" not in codes(result)


def test_an_old_filing_is_outdated(tmp_path):
    data = x.report(first="2023-01-01", last="2023-12-31")
    result = checked(tmp_path, data, finances=finances({"year": 2023, "revenue_sek": 3200000, "result_sek": 85000, "dividends_sek": 0}))
    f = only(result, "annual-report-outdated")
    assert (f.location.file, f.params["end"], f.params["months"]) == (FILED, "2023-12-31", 34)


def test_a_broken_fiscal_year_matches_when_the_profile_gives_its_last_day(tmp_path):
    data = x.report(first="2024-07-01", last="2025-06-30")
    result = checked(tmp_path, data, finances=finances(this_year(fiscal_year_end="2025-06-30")))
    assert not FILING_CODES & codes(result)
    assert requirement(result, "3.2.a").figures["fiscal_year_start"] == "2024-07-01"


def test_a_broken_fiscal_year_differs_from_a_calendar_year_in_the_profile(tmp_path):
    root = x.company_with_filing(tmp_path / "c", x.report(first="2024-07-01", last="2025-06-30"))
    result = run(root)
    f = only(result, "filing-fiscal-year-differs")
    line = line_of(root / "company.yaml", "year: 2025")
    assert (f.location.file, f.location.line, f.requirement) == ("company.yaml", line, "3.2.a")  # finances[0].year
    assert (f.params["first"], f.params["last"], f.params["year"]) == ("2024-07-01", "2025-06-30", 2025)
    assert "filing-revenue-differs" not in codes(result)  # figures of another period are not compared


def test_a_profile_without_the_filed_year_differs(tmp_path):
    result = checked(tmp_path, x.report(), finances=finances(GOOD_PROFILE["finances"][1]))
    f = only(result, "filing-fiscal-year-differs")
    assert f.params["profile"]["en"] == "company.yaml has no fiscal year 2025 under finances"


@pytest.mark.parametrize("first, last", [("2026-01-01", "2025-12-31"), ("2024-01-01", "2025-12-31"), ("2025-01-01", "2025-02-30")])
def test_an_impossible_fiscal_year_needs_review(tmp_path, first, last):
    result = checked(tmp_path, x.report(first=first, last=last))
    f = only(result, "document-needs-review")
    assert (f.location.file, f.requirement, f.severity) == (FILED, "3.2.a", "warning")
    assert requirement(result, "3.2.a").status == "open"


def test_a_filing_decides_over_an_old_pdf_next_to_it(tmp_path):
    root = x.company_with_filing(tmp_path / "c", x.report())
    (root / "evidence/arsredovisning/arsredovisning-2022.pdf").write_bytes(text_pdf("Org.nr 556036-0793 Räkenskapsåret 2022"))
    result = run(root)
    assert not FILING_CODES & codes(result) and requirement(result, "3.2.a").figures["file"] == FILED


def test_a_pdf_still_works_next_to_a_filing_that_cannot_be_read(tmp_path):
    root = x.company_with_filing(tmp_path / "c", x.plain_xhtml(), keep_pdf=True)
    result = run(root)
    f = only(result, "filing-not-ixbrl")
    assert (f.location.file, f.severity) == (FILED, "warning")  # the PDF serves the requirements
    assert requirement(result, "3.2.a").figures["file"] == x.PDF_REPORT


@pytest.mark.parametrize("data, code", [
    (x.plain_xhtml(), "filing-not-ixbrl"),
    (x.billion_laughs(), "filing-refused"),
    (x.external_entity(), "filing-refused"),
    (x.report()[:2000], "filing-unreadable"),
    (x.zip_bomb(50), "filing-too-costly"),
])
def test_a_filing_that_cannot_be_read_keeps_the_requirements_open(tmp_path, data, code):
    rel = FILED if not data.startswith(b"PK") else "evidence/arsredovisning/arsredovisning-2025.zip"
    result = checked(tmp_path, data, rel)
    f = only(result, code)
    assert (f.location.file, f.severity) == (rel, "blocker")
    assert "3.2.a" in f.params["requirements"] and "ASF-3.a" in f.params["requirements"]
    assert requirement(result, "3.2.a").status == "open" and requirement(result, "ASF-3.a").status == "open"


def test_a_filing_outside_the_annual_report_folder_is_not_read(tmp_path):
    root = x.company_with_filing(tmp_path / "c", x.report(revenue=1), keep_pdf=True, rel="evidence/stadgar/sida.xhtml")
    result = run(root)
    assert not (FILING_CODES - {"document-needs-review"}) & codes(result) and "evidence-not-inspected" in codes(result)


def test_facts_are_cached_by_content(tmp_path):
    root = x.company_with_filing(tmp_path / "c", x.report(revenue=3_150_000))
    first = run(root, use_cache=True)
    second = run(root, use_cache=True)
    assert only(first, "filing-revenue-differs").params == only(second, "filing-revenue-differs").params
    (root / FILED).write_bytes(x.report())
    assert "filing-revenue-differs" not in codes(run(root, use_cache=True))

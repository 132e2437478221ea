"""annual-report: the annual report names the organisation number in any written form and
covers a fiscal year that ended at most 18 months ago (the threshold is in the standard)."""

import pytest
from fixtures.hostile_pdfs import scan, text_pdf
from helpers import codes, edited_standard, make_company, only, requirement, run

REPORT = "evidence/arsredovisning/arsredovisning-2025.pdf"


def with_report(tmp_path, *pages, **edits):
    root = make_company(tmp_path / "c", **edits)
    (root / REPORT).write_bytes(text_pdf(*pages))
    return root


def test_the_helper_company_passes_and_shows_the_figures(company):
    result = run(company())
    req = requirement(result, "3.2.a")
    assert req.status == "ready"
    assert req.figures["fiscal_year_end"] == "2025-12-31" and req.figures["org_number_page"] == 1
    assert "2025-12-31" in req.summary.sv and "829502-4247" in req.summary.en


@pytest.mark.parametrize("written", ["829502-4247", "8295024247", "829502 4247", "16829502-4247", "SE829502424701", "829502\u20134247"])
def test_every_written_form_of_the_number_counts(tmp_path, written):
    result = run(with_report(tmp_path, "Årsredovisning", f"Org.nr {written}. Räkenskapsåret 2025-01-01 - 2025-12-31."))
    assert not {"document-org-number-missing", "annual-report-outdated"} & codes(result)


def test_another_companys_report_fails(tmp_path):
    result = run(with_report(tmp_path, "Årsredovisning för Annat AB, org.nr 556036-0793", "Räkenskapsåret 2025-01-01 - 2025-12-31"))
    f = only(result, "document-org-number-missing")
    assert (f.location.file, f.requirement, f.severity) == (REPORT, "3.2.a", "blocker")
    assert "829502-4247" in f.message.en
    assert requirement(result, "3.2.a").status == "failing" and result.exit_code == 1


def test_a_number_that_merely_contains_the_digits_does_not_count(tmp_path):
    result = run(with_report(tmp_path, "Kundnummer 1829502-42470", "Räkenskapsåret 2025-01-01 - 2025-12-31"))
    assert "document-org-number-missing" in codes(result)


def test_an_old_report_fails(tmp_path):
    result = run(with_report(tmp_path, "Org.nr 829502-4247", "Räkenskapsåret 2023-01-01 - 2023-12-31"))
    f = only(result, "annual-report-outdated")
    assert (f.location.file, f.params["end"], f.params["months"], f.params["max"]) == (REPORT, "2023-12-31", 34, 18)


@pytest.mark.parametrize("end, outdated", [("2025-05-22", False), ("2025-05-21", True)])
def test_eighteen_months_boundary_with_a_broken_fiscal_year(tmp_path, end, outdated):
    start = f"2024-{end[5:]}"
    result = run(with_report(tmp_path, f"Org.nr 829502-4247. Räkenskapsåret {start} – {end}."))
    assert ("annual-report-outdated" in codes(result)) is outdated


def test_the_newest_of_several_reports_is_checked(tmp_path):
    root = with_report(tmp_path, "Org.nr 829502-4247", "Räkenskapsåret 2025-01-01 - 2025-12-31")
    (root / "evidence/arsredovisning/arsredovisning-2022.pdf").write_bytes(text_pdf("Org.nr 829502-4247 Räkenskapsåret 2022"))
    result = run(root)
    assert requirement(result, "3.2.a").figures["file"] == REPORT and "annual-report-outdated" not in codes(result)


def test_a_year_alone_is_read_as_a_calendar_year(tmp_path):
    result = run(with_report(tmp_path, "Årsredovisning 2025 för Testföretaget, org.nr 829502-4247"))
    assert requirement(result, "3.2.a").figures["fiscal_year_end"] == "2025-12-31"


def test_no_fiscal_year_in_the_text_needs_review(tmp_path):
    result = run(with_report(tmp_path, "Org.nr 829502-4247. Styrelsen avger härmed redovisning."))
    f = only(result, "document-needs-review")
    assert (f.requirement, f.severity, f.location.file) == ("3.2.a", "warning", REPORT)
    assert requirement(result, "3.2.a").status == "open"


def test_a_scanned_report_needs_review_and_never_passes(tmp_path):
    root = make_company(tmp_path / "c")
    (root / REPORT).write_bytes(scan())
    result = run(root)
    assert only(result, "document-needs-review").requirement == "3.2.a"
    assert requirement(result, "3.2.a").status == "open"


def test_no_report_at_all_is_a_missing_kind(tmp_path):
    root = make_company(tmp_path / "c")
    (root / REPORT).unlink()
    result = run(root)
    found = {f.requirement: f for f in result.findings if f.code == "evidence-kind-missing"}  # one per requirement
    assert found["3.2.a"].location.file == "evidence/arsredovisning/"
    assert requirement(result, "3.2.a").status == "open"


def test_the_threshold_comes_from_the_standard(tmp_path):
    std = edited_standard(tmp_path, "      - rule: annual-report\n        max_age_months: 18", "      - rule: annual-report\n        max_age_months: 6")
    result = run(make_company(tmp_path / "c"), standard=std)
    assert only(result, "annual-report-outdated").params["max"] == 6


def test_a_sole_traders_masked_number_is_matched(tmp_path):
    from stdnum import luhn

    person = "811218987" + luhn.calc_check_digit("811218987")
    number = f"{person[:6]}-{person[6:]}"
    result = run(with_report(tmp_path, f"Årsredovisning, {number}", "Räkenskapsåret 2025", org_number=number))
    assert "document-org-number-missing" not in codes(result)
    assert person[6:] not in str(requirement(result, "3.2.a").summary)

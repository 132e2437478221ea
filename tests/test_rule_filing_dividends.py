"""filing-dividends: a dividend above 0 in a digital annual report fails ASF-3.a, whatever
company.yaml says; the finding names the tag and the amount."""

from fixtures import ixbrl as x
from helpers import codes, only, requirement, run


def checked(tmp_path, data: bytes, rel: str = x.FILED, **edits):
    return run(x.company_with_filing(tmp_path / "c", data, rel, **edits))


def test_no_dividend_tagged_passes_and_says_so(tmp_path):
    result = checked(tmp_path, x.report())
    assert "filing-dividend" not in codes(result)
    req = requirement(result, "ASF-3.a")
    assert req.status == "ready" and req.figures["filing_dividends"] == []
    assert "no dividend tagged after 2022-12-31" in req.summary.en


def test_a_zero_dividend_in_the_appropriation_passes(tmp_path):
    assert "filing-dividend" not in codes(checked(tmp_path, x.report(dividend=0)))


def test_a_proposed_dividend_fails_though_the_profile_says_none(tmp_path):
    result = checked(tmp_path, x.report(dividend=50_000, scale=3))  # the profile's dividends_sek is 0
    f = only(result, "filing-dividend")
    assert (f.location.file, f.requirement, f.severity) == (x.FILED, "ASF-3.a", "blocker")
    assert (f.params["amount"], f.params["tag"], f.params["context"]) == ("50000", "se-gen-base:ForslagDispositionUtdelning", "balans0")
    assert f.params["figure"]["shown"] == "50" and f.params["figure"]["scale"] == 3
    assert "50,000 SEK (se-gen-base:ForslagDispositionUtdelning, as of 2025-12-31" in f.message.en
    assert requirement(result, "ASF-3.a").status == "failing" and result.exit_code == 1
    assert "dividends-paid" not in codes(result)


def test_a_dividend_paid_during_the_year_is_named_with_its_positive_amount(tmp_path):
    f = only(checked(tmp_path, x.report(dividend_paid=20_000)), "filing-dividend")
    assert (f.params["amount"], f.params["tag"]) == ("20000", "se-gen-base:ForandringEgetKapitalBalanseratResultatUtdelning")
    assert f.params["figure"]["sign"] == "-" and "2025-01-01 – 2025-12-31" in f.message.en


def test_dividends_before_the_years_counted_do_not_count(tmp_path):
    root = x.company_with_filing(tmp_path / "c", x.report())
    old = x.report(first="2021-01-01", last="2021-12-31", dividend=10_000)
    (root / "evidence/arsredovisning/arsredovisning-2021.xhtml").write_bytes(old)
    result = run(root)
    assert "filing-dividend" not in codes(result)


def test_a_dividend_in_a_zipped_filing_is_found(tmp_path):
    data = x.zipped({"arsredovisning.xhtml": x.report(dividend=1), "revisionsberattelse.xhtml": x.audit_report()})
    rel = "evidence/arsredovisning/arsredovisning-2025.zip"
    f = only(checked(tmp_path, data, rel), "filing-dividend")
    assert f.location.file == rel and f.params["figure"]["file"] == "arsredovisning.xhtml"

"""org-number: a valid Swedish organisation number, checked with python-stdnum."""

import pytest
from helpers import codes, line_of, only, requirement, run


@pytest.mark.parametrize("number", ["829502-4247", "8295024247", "16829502-4247"])
def test_skoopi_number_passes_in_its_written_forms(company, number):
    result = run(company(org_number=number))
    assert not codes(result) & {"org-number-invalid", "org-number-personal"}
    assert requirement(result, "ASF-4.a").status == "ready"


@pytest.mark.parametrize("number", ["829502-4248", "829502-424", "82950A-4247"])
def test_wrong_check_digit_length_or_characters_fail(company, number):
    root = company(org_number=number)
    f = only(run(root), "org-number-invalid")
    assert f.requirement == "ASF-4.a"
    assert (f.location.file, f.location.line) == ("company.yaml", line_of(root / "company.yaml", "org_number:"))


def test_wrong_check_digit_reason_is_named(company):
    f = only(run(company(org_number="829502-4248")), "org-number-invalid")
    assert "kontrollsiffran" in f.message.sv and "check digit" in f.message.en


def test_personal_identity_number_is_refused_and_masked(company):
    result = run(company(org_number="811218-9876"))
    f = only(result, "org-number-personal")
    assert "811218-****" in f.message.sv
    assert "9876" not in f.message.sv + f.message.en
    assert result.company["org_number"] == "811218-****"


def test_unquoted_number_gets_the_quote_hint(tmp_path):
    from helpers import make_company

    root = make_company(tmp_path / "c")
    text = (root / "company.yaml").read_text().replace("org_number: 829502-4247", "org_number: 8295024247")
    (root / "company.yaml").write_text(text)
    f = only(run(root), "schema-type")
    assert f.location.line == line_of(root / "company.yaml", "org_number:")
    assert 'org_number: "769612-3459"' in f.hint.en


@pytest.mark.parametrize("written", ["7696123459", "769612 3459", "16769612-3459", "167696123459"])
def test_a_number_written_without_its_hyphen_is_accepted_and_shown_normalised(company, written):
    result = run(company(org_number=written))
    assert not {c for c in codes(result) if c.startswith("org-number")}
    assert result.company["org_number"] == "769612-3459"
    assert result.to_dict()["company"]["org_number"] == "769612-3459"

"""Findings about the evidence files themselves: kinds of evidence a requirement expects
that the folder lacks, and files asfcert cannot inspect."""

import pytest
from helpers import (
    EVIDENCE,
    complete_answers,
    edited_standard,
    make_company,
    only,
    requirement,
    run,
    write_tree,
)

from asfcert.base.errors import UserError


def test_a_missing_kind_names_the_kit_folder_and_the_requirements(tmp_path):
    answers = complete_answers()  # 3.2.b refers only to the annual report
    answers["3.2.b"]["evidence"] = [EVIDENCE["annual-report"]]
    root = make_company(tmp_path / "c", answers=answers)
    (root / EVIDENCE["business-plan"]).unlink()
    result = run(root)
    f = only(result, "evidence-kind-missing")
    assert (f.location.file, f.severity, f.requirement, f.params["kind_id"]) == ("evidence/verksamhetsplan/", "remark", "3.2.b", "business-plan")
    assert "Business plan" in f.message.en and "evidence/verksamhetsplan/" in f.hint.en
    assert requirement(result, "3.2.b").status == "open"


def test_a_missing_kind_is_one_finding_per_requirement_it_blocks_each_with_its_severity(tmp_path):
    root = make_company(tmp_path / "c")
    (root / EVIDENCE["minutes"]).unlink()
    (root / "evidence/protokoll/apt-2026-09.pdf").unlink()
    found = {f.requirement: f for f in run(root).findings if f.code == "evidence-kind-missing"}
    assert {"3.2.c", "3.3.b", "3.6.b", "3.8.c", "SKOOPI-2"} <= set(found)
    assert found["3.2.c"].severity == "blocker" and found["3.6.b"].severity == "observation"
    assert {f.location.file for f in found.values()} == {"evidence/protokoll/"}


def test_a_referenced_file_of_no_known_kind_may_be_the_expected_document(tmp_path):
    answers = complete_answers()
    answers["3.2.b"]["evidence"] = [EVIDENCE["annual-report"], "evidence/ovrigt/plan-2026.pdf"]
    root = make_company(tmp_path / "c", answers=answers)
    (root / "evidence/ovrigt").mkdir()
    (root / EVIDENCE["business-plan"]).rename(root / "evidence/ovrigt/plan-2026.pdf")
    result = run(root)
    assert "evidence-kind-missing" not in {f.code for f in result.findings}
    assert requirement(result, "3.2.b").status == "ready"


def test_not_applicable_and_unanswered_requirements_are_not_asked_for_documents(tmp_path):
    answers = complete_answers()
    answers["ASF-3.d"] = {"status": "not-applicable", "description": "Inget sådant stöd."}
    del answers["3.2.b"]
    root = make_company(tmp_path / "c", answers=answers)
    (root / EVIDENCE["business-plan"]).unlink()
    result = run(root)
    assert "evidence-kind-missing" not in {f.code for f in result.findings}
    assert requirement(result, "ASF-3.d").status == "not-applicable"


@pytest.mark.parametrize("name, what", [("foto.heic", "image"), ("plan.doc", "word-processing document"), ("lista.rtf", "word-processing document"), ("tabell.xlsx", "spreadsheet")])
def test_other_files_are_listed_hashed_and_said_to_be_uninspected(tmp_path, name, what):
    root = make_company(tmp_path / "c")
    write_tree(root, {f"evidence/ovrigt/{name}": b"data"})
    result = run(root)
    f = only(result, "evidence-not-inspected")
    assert (f.severity, f.location.file) == ("observation", f"evidence/ovrigt/{name}") and what in f.message.en
    entry = next(e for e in result.evidence if e.path == f"evidence/ovrigt/{name}")
    assert len(entry.sha256) == 64 and entry.size == 4 and entry.pages is None
    assert result.exit_code == 0


def test_a_damaged_file_with_a_readable_alternative_of_its_kind_is_a_warning(tmp_path):
    root = make_company(tmp_path / "c")
    write_tree(root, {"evidence/stadgar/stadgar-utkast.pdf": b"%PDF-1.4\n1 0 obj"})
    f = only(run(root), "pdf-damaged")
    assert (f.severity, f.requirement) == ("warning", None)


def test_an_unreadable_only_document_of_a_kind_blocks_what_expects_it(tmp_path):
    root = make_company(tmp_path / "c")
    (root / EVIDENCE["registration-certificate"]).write_bytes(b"%PDF-1.4\n1 0 obj")
    result = run(root)
    f = only(result, "pdf-damaged")
    assert (f.severity, f.requirement, f.params["requirements"]) == ("blocker", "3.3.a", ["3.3.a", "ASF-4.a"])
    assert requirement(result, "ASF-4.a").status == "open"  # a machine requirement, no answer refers to it


def test_a_rule_needing_a_kind_the_standard_lacks_is_refused(tmp_path):
    std = edited_standard(tmp_path, "  - id: annual-report\n", "  - id: arsredovisning\n")
    with pytest.raises(UserError) as err:
        run(make_company(tmp_path / "c"), standard=std)
    messages = [f.message.en for f in err.value.findings if f.code == "standard-reference"]
    assert any("`annual-report` reads evidence of the kind `annual-report`" in m for m in messages)


def test_a_failing_machine_check_is_not_asked_for_its_document(tmp_path):
    root = make_company(tmp_path / "c", collective_agreement={"has_agreement": False})
    (root / EVIDENCE["collective-agreement"]).unlink()
    result = run(root)
    assert {f.code for f in result.findings if f.requirement == "3.4.c"} == {"no-collective-agreement"}

"""Completeness: every requirement answered, described, with its evidence present."""

from helpers import (
    complete_answers,
    line_of,
    make_company,
    only,
    requirement,
    run,
    yaml_text,
)


def with_answers(tmp_path, **changes):
    answers = complete_answers()
    for req, value in changes.items():
        req = req.replace("_", ".").replace("ASF.", "ASF-").replace("SKOOPI.", "SKOOPI-")
        if value is None:
            answers.pop(req)
        else:
            answers[req] = value
    return make_company(tmp_path / "c", answers=answers)


def test_complete_folder_is_ready(tmp_path):
    result = run(make_company(tmp_path / "c"))
    assert result.exit_code == 0 and result.ready
    assert all(r.status == "ready" for r in result.requirements)


def test_unanswered_requirement(tmp_path):
    result = run(with_answers(tmp_path, **{"3_1_a": None}))
    f = only(result, "answer-missing")
    assert (f.requirement, str(f.severity), f.location.file) == ("3.1.a", "blocker", "self-assessment/")
    assert requirement(result, "3.1.a").status == "open"
    assert result.exit_code == 1


def test_empty_template_entry_points_at_its_line(tmp_path):
    root = with_answers(tmp_path, **{"3_1_b": {"status": None, "description": None}})
    f = only(run(root), "answer-missing")
    assert f.location.line == line_of(root / "self-assessment/answers.yaml", "3.1.b:") + 1


def test_remark_requirement_unanswered_is_a_remark(tmp_path):
    result = run(with_answers(tmp_path, **{"3_1_c": None}))
    assert str(only(result, "answer-missing").severity) == "remark"
    assert result.exit_code == 0


def test_no_description(tmp_path):
    f = only(run(with_answers(tmp_path, **{"3_1_a": {"status": "met", "evidence": ["evidence/stadgar/stadgar.pdf"]}})), "answer-no-description")
    assert f.requirement == "3.1.a"


def test_no_evidence_names_the_expected_kinds(tmp_path):
    f = only(run(with_answers(tmp_path, **{"3_2_c": {"status": "met", "description": "Allt återinvesteras."}})), "answer-no-evidence")
    assert "Årsredovisning" in f.message.sv and "Minutes" in f.message.en


def test_self_assessed_not_met_and_partly(tmp_path):
    result = run(with_answers(tmp_path, **{
        "3_5_a": {"status": "ej uppfyllt", "description": "Saknas ännu.", "evidence": ["evidence/policyer/delegationsordning.pdf"]},
        "3_6_a": {"status": "delvis", "description": "Utkast finns.", "evidence": ["evidence/policyer/miljopolicy.pdf"]},
    }))
    assert (only(result, "answer-not-met").requirement, str(only(result, "answer-not-met").severity)) == ("3.5.a", "blocker")
    assert (only(result, "answer-partly-met").requirement, str(only(result, "answer-partly-met").severity)) == ("3.6.a", "remark")
    assert requirement(result, "3.5.a").status == "failing"


def test_not_applicable(tmp_path):
    result = run(with_answers(tmp_path, **{
        "ASF_3_d": {"status": "not-applicable", "description": "Vi stöder ingen annan verksamhet."},
        "3_1_a": {"status": "ej tillämplig", "description": "x"},
    }))
    assert requirement(result, "ASF-3.d").status == "not-applicable"
    assert only(result, "answer-not-applicable-refused").requirement == "3.1.a"


def test_evidence_reference_that_does_not_exist_suggests_the_file(tmp_path):
    root = with_answers(tmp_path, **{"3_1_a": {"status": "met", "description": "Se §2.", "evidence": ["evidence/stadgar/Stadgar.pdf"]}})
    f = only(run(root), "evidence-not-found")
    assert f.location.line == line_of(root / "self-assessment/answers.yaml", "evidence/stadgar/Stadgar.pdf")
    assert "evidence/stadgar/stadgar.pdf" in f.hint.en


def test_unknown_and_duplicate_answers(tmp_path):
    root = make_company(tmp_path / "c")
    extra = root / "self-assessment" / "extra.yaml"
    extra.write_text(yaml_text({"answers": {"3.1.z": {"status": "met"}, "3.1.a": {"status": "met", "description": "igen"}}}))
    result = run(root)
    unknown = only(result, "answer-unknown-requirement")
    assert (unknown.location.file, str(unknown.severity)) == ("self-assessment/extra.yaml", "warning")
    assert "`3.1." in unknown.hint.en
    dup = only(result, "answer-duplicate")
    assert dup.location.file == "self-assessment/extra.yaml" and result.exit_code == 2


def test_machine_requirements_need_no_answer(tmp_path):
    answers = complete_answers()
    assert "ASF-3.c" not in answers
    assert run(make_company(tmp_path / "c", answers=answers)).exit_code == 0


def test_single_evidence_path_is_accepted(tmp_path):
    result = run(with_answers(tmp_path, **{"3_1_a": {"status": "met", "description": "Se §2.", "evidence": "evidence/stadgar/stadgar.pdf"}}))
    assert result.exit_code == 0
    assert requirement(result, "3.1.a").evidence == ["evidence/stadgar/stadgar.pdf"]

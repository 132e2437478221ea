"""The decision: outcomes from the auditor's results and the machine's findings, graded by
the standard's severities; remark deadlines from the standard's policy."""

import datetime as dt

import pytest
from audit_helpers import DECIDED, audit, decide, set_results, setup
from helpers import line_of

from asfcert.base.errors import UserError

HIGH_PAY = [{"role": "Verksamhetschef", "monthly_sek": 44000}, {"role": "Medarbetare", "monthly_sek": 16000}]


def _codes(result) -> set[str]:
    return {f.code for f in result.findings}


def test_all_conform_is_certified(tmp_path):
    result = decide(setup(tmp_path))
    d = result.decision
    assert (d.outcome, d.date, d.auditor, d.standard.id, d.standard.version) == ("certified", DECIDED, "Åsa Öberg", "asf-pas10", "2026.1")
    assert d.remarks == [] and d.nonconformities == []


def test_remarks_get_the_decision_date_plus_six_months(tmp_path):
    result = decide(setup(tmp_path), {"3.9.b": "remark", "3.4.a": "anmärkning"}, comments={"3.9.b": "SAM-utbildning saknas."})
    d = result.decision
    assert d.outcome == "certified-with-remarks"
    assert [(r.requirement, r.deadline, r.comment) for r in d.remarks] == [
        ("3.4.a", dt.date(2027, 5, 30), None), ("3.9.b", dt.date(2027, 5, 30), "SAM-utbildning saknas."),
    ]


def test_a_deadline_at_the_end_of_a_month_is_clamped(tmp_path):
    result = decide(setup(tmp_path), {"3.9.b": "remark"}, date=dt.date(2026, 8, 31))
    assert result.decision.remarks[0].deadline == dt.date(2027, 2, 28)


def test_the_deadline_comes_from_the_standards_policy(tmp_path):
    from asfcert.base.resources import default_standard

    std = tmp_path / "std.yaml"
    std.write_text(default_standard().read_text(encoding="utf-8").replace("remark_deadline_months: 6", "remark_deadline_months: 3"), encoding="utf-8")
    root = setup(tmp_path)
    audit(root, standard=std, today=DECIDED)
    set_results(root, {"3.9.b": "remark"})
    result = audit(root, standard=std, today=DECIDED, decide=True)
    assert result.decision.remarks[0].deadline == dt.date(2027, 2, 28)


def test_a_major_nonconformity_means_not_certified(tmp_path):
    result = decide(setup(tmp_path), {"3.5.a": "major", "3.9.b": "remark"})
    d = result.decision
    assert (d.outcome, d.nonconformities, [r.requirement for r in d.remarks]) == ("not-certified", ["3.5.a"], ["3.9.b"])


def test_a_failing_machine_rule_cannot_be_softened_by_the_auditor(tmp_path):
    root = setup(tmp_path, pay=HIGH_PAY)
    audit(root)
    set_results(root, {"ASF-3.c": "conform"})
    result = audit(root)
    item = next(i for i in result.proposal.items if i.id == "ASF-3.c")
    assert (item.machine_grade, item.grade) == ("major", "major")
    assert "audit-result-overruled" in _codes(result) and result.proposal.outcome == "not-certified"
    assert "44 000 / 16 000 = 2,75 > 2,5" in item.summary.sv


def test_a_result_beyond_the_requirements_severity_is_capped(tmp_path):
    root = setup(tmp_path)
    audit(root)
    set_results(root, {"3.6.b": "major", "3.4.a": "major"})  # severities: observation, remark
    result = audit(root)
    grades = {i.id: i.grade for i in result.proposal.items}
    assert (grades["3.6.b"], grades["3.4.a"]) == ("observation", "remark")
    capped = [f for f in result.findings if f.code == "audit-result-capped"]
    assert {f.requirement for f in capped} == {"3.6.b", "3.4.a"}
    assert result.proposal.outcome == "certified-with-remarks"


def test_not_applicable_on_a_requirement_that_always_applies_is_an_error(tmp_path):
    root = setup(tmp_path)
    audit(root)
    set_results(root, {"3.1.a": "ej tillämplig", "ASF-3.b": "not-applicable"})
    result = audit(root)
    (finding,) = [f for f in result.findings if f.code == "audit-not-applicable-refused"]
    assert finding.requirement == "3.1.a"
    assert finding.location.line == line_of(root / "audit" / "audit.yaml", "result: ej tillämplig")
    assert result.exit_code == 2 and result.proposal.outcome is None
    with pytest.raises(UserError):
        audit(root, decide=True)


def test_no_decision_while_results_are_missing(tmp_path):
    root = setup(tmp_path)
    audit(root)
    with pytest.raises(UserError) as err:
        audit(root, decide=True)
    assert err.value.exit_code == 1 and [f.code for f in err.value.findings] == ["audit-results-missing"]


def test_a_result_edited_after_the_decision_makes_it_stale(tmp_path):
    root = setup(tmp_path)
    decide(root)
    set_results(root, {"3.5.b": "major"}, default=None)
    result = audit(root)
    assert "audit-decision-stale" in _codes(result) and result.exit_code == 1
    redecided = audit(root, decide=True, today=DECIDED)
    assert redecided.decision.outcome == "not-certified" and "audit-decision-stale" not in _codes(redecided)


def test_an_old_decision_is_judged_as_of_its_date(tmp_path):
    root = setup(tmp_path)
    decide(root)
    later = audit(root, today=dt.date(2028, 6, 1))  # the annual report and SAM review are old by then
    assert later.action == "unchanged" and "audit-decision-stale" not in _codes(later) and later.exit_code == 0

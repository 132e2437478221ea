"""target-group-employment: employ people from the target group, not only work training."""

from helpers import codes, line_of, only, requirement, run


def headcount(employees=10, tg=7, hired=2, trainees=12):
    return {"employees": employees, "target_group_employees": tg, "target_group_hired_last_24_months": hired,
            "work_training_participants": trainees}


def test_hires_from_the_target_group_pass(company):
    result = run(company(headcount=headcount()))
    assert requirement(result, "ASF-1.a").status == "ready"
    assert requirement(result, "ASF-1.b").status == "ready"


def test_only_work_training_fails(company):
    root = company(headcount=headcount(employees=3, tg=0, hired=0, trainees=25))
    result = run(root)
    f = only(result, "target-group-not-employed")
    assert f.requirement == "ASF-1.b" and str(f.severity) == "blocker"
    assert f.location.line == line_of(root / "company.yaml", "target_group_employees: 0")
    assert "25" in f.message.sv
    assert only(result, "target-group-no-recent-hires").requirement == "ASF-1.a"
    assert result.exit_code == 1


def test_no_recent_hires_is_a_remark(company):
    result = run(company(headcount=headcount(hired=0)))
    f = only(result, "target-group-no-recent-hires")
    assert str(f.severity) == "remark"
    assert "target-group-not-employed" not in codes(result)
    assert result.exit_code == 0


def test_inconsistent_counts_are_a_schema_error(company):
    result = run(company(headcount=headcount(employees=3, tg=5)))
    assert result.exit_code == 2
    f = only(result, "schema-value")
    assert "headcount" in f.message.en

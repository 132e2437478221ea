"""wage-subsidy-share: an optional 2016 rule, enabled through a licensee's standard file."""

from helpers import codes, only, run

from asfcert.base.resources import default_standard


def enabled_standard(tmp_path):
    text = default_standard().read_text(encoding="utf-8")
    block = text.index("- id: D2016-2")
    end = text.index("- id: D2016-3")
    text = text[:block] + text[block:end].replace("enabled: false", "enabled: true") + text[end:]
    path = tmp_path / "standard.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def headcount(eligible):
    return {"employees": 10, "target_group_employees": 7, "target_group_hired_last_24_months": 2,
            "work_training_participants": 4, "wage_subsidy_eligible_at_hire": eligible}


def test_off_by_default(company):
    assert "wage-subsidy-share-low" not in codes(run(company(headcount=headcount(1))))


def test_fifty_one_percent_boundary(tmp_path, company):
    std = enabled_standard(tmp_path)
    assert "wage-subsidy-share-low" not in codes(run(company(headcount=headcount(6)), standard=std))
    f = only(run(company(headcount=headcount(5)), standard=std), "wage-subsidy-share-low")
    assert f.requirement == "D2016-2" and "50 %" in f.message.sv

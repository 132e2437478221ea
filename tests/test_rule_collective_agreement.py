"""collective-agreement: the company has a collective agreement (a remark when missing)."""

from helpers import only, requirement, run


def test_agreement_passes(company):
    assert requirement(run(company()), "3.4.c").status == "ready"


def test_no_agreement_is_a_remark(company):
    root = company(collective_agreement={"has_agreement": "nej"})
    result = run(root)
    f = only(result, "no-collective-agreement")
    assert (f.requirement, str(f.severity)) == ("3.4.c", "remark")
    assert result.exit_code == 0


def test_unknown_is_open(company):
    assert only(run(company(collective_agreement=None)), "profile-missing").requirement == "3.4.c"

"""cohort.yaml: located schema errors and the coordinator's warnings."""

import copy
import datetime as dt

import pytest
from helpers import make_company, yaml_text

from asfcert.assess.checker import CheckOptions
from asfcert.base.errors import UserError
from asfcert.cohort.api import CohortOptions, run

AS_OF = dt.date(2026, 11, 22)
COHORT = {
    "name": "Testomgång", "term": "HT2026", "certifier": "SKOOPI",
    "dates": {"start": dt.date(2026, 8, 24), "submission_deadline": dt.date(2026, 12, 18)},
    "fee_sek": 6000, "targets": {"started": 4, "certified": 2},
    "people": [
        {"name": "Maja Handledare", "roles": ["supervisor"], "home_company": "769645-1231"},
        {"name": "Amira Revisor", "roles": ["auditor"], "home_company": "769651-8278"},
    ],
    "groups": [{"supervisor": "Maja Handledare", "companies": ["alfa", "beta"]}],
    "companies": {"alfa": {"auditor": "Amira Revisor", "fee": {"invoiced": True, "paid": True}, "hours_spent": 60},
                  "beta": {"auditor": "Amira Revisor", "hours_spent": 80}},
}


def cohort(tmp_path, change=None, companies=("alfa", "beta"), today=AS_OF):
    data = copy.deepcopy(COHORT)
    if change:
        change(data)
    root = tmp_path / "omgang"
    root.mkdir(parents=True, exist_ok=True)
    (root / "cohort.yaml").write_text(yaml_text(data), encoding="utf-8")
    for name in companies:
        make_company(root / name)
    return run(root, CohortOptions(CheckOptions(today=today, use_cache=False), jobs=1))


def codes(report):
    return [f.code for f in report.findings()]


def test_a_clean_cohort_has_no_warnings(tmp_path):
    report = cohort(tmp_path)
    assert codes(report) == [] and report.exit_code == 0 and report.check_exit_code == 0


def test_group_larger_than_five(tmp_path):
    names = ["alfa", "beta", "gamma", "delta", "epsilon", "zeta"]
    report = cohort(tmp_path, lambda d: d["groups"][0].update(companies=names), companies=names)
    [f] = [f for f in report.findings() if f.code == "cohort-group-too-large"]
    assert f.params["count"] == 6 and f.location.file == "omgang/cohort.yaml"


def test_supervisor_who_audits_their_own_group(tmp_path):
    def change(d):
        d["people"][0]["roles"] = ["supervisor", "auditor"]
        d["companies"]["alfa"]["auditor"] = "Maja Handledare"

    report = cohort(tmp_path, change)
    assert "cohort-supervisor-audits-own-group" in codes(report)
    assert report.check_exit_code == 1


def test_auditor_from_the_company_itself(tmp_path):
    report = cohort(tmp_path, lambda d: d["people"][1].update(home_company="829502-4247"))  # the test company's number
    assert codes(report).count("cohort-auditor-own-company") == 2


def test_submission_past_the_deadline(tmp_path):
    late = cohort(tmp_path / "a", today=dt.date(2026, 12, 19))
    assert codes(late).count("cohort-submission-late") == 2
    on_time = cohort(tmp_path / "b", lambda d: d["companies"]["alfa"].update(submitted=dt.date(2026, 12, 20)), today=dt.date(2026, 12, 19))
    assert "cohort-submitted-after-deadline" in codes(on_time)
    assert codes(on_time).count("cohort-submission-late") == 1


def test_unknown_people_missing_folders_and_ungrouped_companies(tmp_path):
    def change(d):
        d["groups"][0]["supervisor"] = "Okänd Person"
        d["companies"]["gamma"] = {"auditor": "Amira Revisor"}

    report = cohort(tmp_path, change, companies=("alfa", "beta"))
    assert {"cohort-unknown-person", "cohort-company-folder-missing", "cohort-company-without-group"} <= set(codes(report))


def test_withdrawn_needs_a_reason_and_a_deadline_at_most_four_months(tmp_path):
    def change(d):
        d["companies"]["alfa"]["state"] = "withdrawn"
        d["dates"]["submission_deadline"] = dt.date(2027, 1, 25)

    report = cohort(tmp_path, change)
    assert report.exit_code == 2 and not report.usable
    messages = [f.message.en for f in report.findings()]
    assert any("withdrawn company needs a `reason`" in m for m in messages)
    assert any("more than 4 months" in m for m in messages)
    assert all(f.location.line for f in report.findings())


def test_a_folder_without_cohorts_is_refused(tmp_path):
    with pytest.raises(UserError):
        run(tmp_path, CohortOptions(CheckOptions(today=AS_OF, use_cache=False)))

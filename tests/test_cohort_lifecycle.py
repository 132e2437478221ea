"""Lifecycle states and remark/certificate indicators from real audit and certificate records."""

import datetime as dt

from audit_helpers import DECIDED, certify, decide, setup

from asfcert.assess.checker import CheckOptions
from asfcert.cohort.api import CohortOptions, run


def report_at(cohort_folder, today, cache=True):
    return run(cohort_folder, CohortOptions(CheckOptions(today=today, use_cache=cache), jobs=1))


def test_certified_with_a_remark_then_past_due_then_closed(tmp_path):
    from asfcert.certify import status

    root = setup(tmp_path)
    cohort_folder = root.parent
    assert report_at(cohort_folder, DECIDED).companies[0].state == "in-progress"

    decide(root, {"3.9.b": "remark"})
    assert report_at(cohort_folder, DECIDED).companies[0].state == "audited"

    number = certify(root).record.number
    row = report_at(cohort_folder, dt.date(2027, 1, 15)).companies[0]
    assert (row.state, row.certificate, row.certificate_status) == ("certified-with-remarks", number, "valid")
    assert [(m["requirement"], m["past_due"]) for m in row.open_remarks] == [("3.9.b", False)]

    late = report_at(cohort_folder, dt.date(2027, 6, 15))
    assert late.totals.open_remarks == 1 and late.totals.remarks_past_due == 1

    status.close_remark(number, "3.9.b", "Riskbedömningen är gjord", registry_dir=root.parents[1], today=dt.date(2027, 6, 16))
    closed = report_at(cohort_folder, dt.date(2027, 6, 17))
    assert closed.companies[0].state == "certified" and closed.totals.open_remarks == 0
    assert closed.totals.certified == 1 and closed.totals.percent_certified_of_target is None  # no target set

    expiring = report_at(cohort_folder, dt.date(2028, 10, 1))
    assert [e["certificate"] for e in expiring.totals.expiring_within_90_days] == [number]
    assert report_at(cohort_folder, dt.date(2029, 1, 1)).companies[0].certificate_status == "expired"


def test_not_certified(tmp_path):
    root = setup(tmp_path)
    decide(root, {"3.1.a": "major"})
    row = report_at(root.parent, DECIDED).companies[0]
    assert (row.state, row.decision) == ("not-certified", "not-certified")

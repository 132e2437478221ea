"""--as-of is the state on that day: one certificate's life (issued with a remark,
suspended, reinstated, remark closed, superseded by a re-certification that is later
withdrawn) replayed at several dates through everything that reads it: `verify`, the
signed list and the public list of `registry build`, and the cohort report's records.
An event dated after the day is not applied; a certificate issued after it does not
exist yet."""

import datetime as dt

import pytest
from trust_helpers import make_registry, record

D = dt.date
OLD, NEW = "ASF-2027-0001", "ASF-2027-0002"
FOLDER = "omgang/grona"


def history():
    remark = {"requirement": "work-environment", "title_sv": "Arbetsmiljö", "deadline": D(2027, 7, 10), "closed": D(2027, 5, 1),
              "closed_reason": "SAM på plats"}
    company = {"name": "Gröna Händer på Åkern ekonomisk förening", "org_number": "769651-8278", "folder": FOLDER}
    old = record(OLD, decided=D(2027, 1, 10), company=company, remarks=[remark],
                 decision={"id": OLD, "date": D(2027, 1, 10), "auditor": "Åsa Öberg", "outcome": "certified-with-remarks"},
                 superseded_by=NEW, superseded_on=D(2027, 9, 1), events=[
                     {"date": D(2027, 1, 10), "action": "issued"},
                     {"date": D(2027, 3, 1), "action": "suspended", "reason": "Anmärkningen inte åtgärdad"},
                     {"date": D(2027, 4, 1), "action": "reinstated", "reason": "Plan för SAM"},
                     {"date": D(2027, 5, 1), "action": "remark-closed", "reason": "work-environment: SAM på plats"},
                     {"date": D(2027, 9, 1), "action": "superseded", "reason": NEW}])
    new = record(NEW, decided=D(2027, 9, 1), company=company, previous=OLD, status="withdrawn", events=[
        {"date": D(2027, 9, 1), "action": "issued"}, {"date": D(2028, 1, 15), "action": "withdrawn", "reason": "Verksamheten har upphört"}])
    return old, new


# day -> (verify OLD, verify NEW, listed, the list's outcome for the listed one, the cohort's state and certificate status)
REPLAY = [
    (D(2027, 1, 5), "unknown", "unknown", [], None, ("in-progress", None)),
    (D(2027, 2, 1), "valid", "unknown", [OLD], "certified-with-remarks", ("certified-with-remarks", "valid")),
    (D(2027, 3, 15), "suspended", "unknown", [], None, ("certified-with-remarks", "suspended")),
    (D(2027, 4, 15), "valid", "unknown", [OLD], "certified-with-remarks", ("certified-with-remarks", "valid")),
    (D(2027, 5, 15), "valid", "unknown", [OLD], "certified", ("certified", "valid")),  # the last remark closed
    (D(2027, 9, 15), "superseded", "valid", [NEW], "certified", ("certified", "valid")),
    (D(2028, 2, 1), "superseded", "withdrawn", [], None, ("certified", "withdrawn")),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from asfcert.records import registry
    from asfcert.records.certificates import copy_text, save_copy

    base = tmp_path_factory.mktemp("asof")
    reg = base / "reg"
    store = make_registry(reg)
    (reg / "certificates").mkdir()
    company = reg / FOLDER
    company.mkdir(parents=True)
    for rec in history():
        (reg / "certificates" / f"{rec.number}.yaml").write_text(registry.dump(rec), encoding="utf-8")
        save_copy(company, copy_text(rec), rec.number)
    return reg, store, company


@pytest.mark.parametrize("day, old, new, listed, outcome, cohort", REPLAY, ids=[r[0].isoformat() for r in REPLAY])
def test_one_certificates_life_replayed(world, day, old, new, listed, outcome, cohort):
    from asfcert.assess.lifecycle import Records, derive_state
    from asfcert.certify.verify import verify
    from asfcert.records import registry, status_list
    from asfcert.records.certificates import company_records
    from asfcert.site import signed_list
    from asfcert.site.listing import build_listing

    reg, store, company = world
    # verify, inside the registry
    assert [verify(n, registry_dir=reg, today=day).verdict for n in (OLD, NEW)] == [old, new]
    # registry build: the public list and its outcome
    listing = build_listing(registry.find(None, reg), day)
    assert [e.record.number for e in listing.entries] == listed
    from asfcert.render.site.data import company as listed_company

    if listed:
        assert listed_company(listing.entries[0], listing, "sv")["certificate"]["outcome"] == outcome
    # registry build: the signed list holds what was issued by then, with its status then
    data = signed_list.payload(registry.records(registry.find(None, reg)), certifier="SKOOPI", org_number=None, root=store.root(),
                               signing_certificates=store.signing_certificates(), as_of=day)
    statuses = {c["number"]: status_list.status_on(c, day) for c in data["certificates"]}
    assert statuses == {n: v for n, v in ((OLD, old), (NEW, new)) if v != "unknown"}
    assert all(e["date"] <= day.isoformat() for c in data["certificates"] for e in c["events"])
    for entry in data["certificates"]:
        if entry["number"] in listed:
            assert entry["outcome"] == outcome  # the signed list agrees with the public list
    # cohort report and check: the company's records as of the day
    records = company_records(company, day)
    state, _ = derive_state(None, True, Records(**records))
    assert (state, records["certificate_status"]) == cohort


def test_the_signed_list_hides_what_happened_later(world):
    from asfcert.records import registry
    from asfcert.site import signed_list

    reg, store, _ = world
    data = signed_list.payload(registry.records(registry.find(None, reg)), certifier="SKOOPI", org_number=None, root=store.root(),
                               signing_certificates=store.signing_certificates(), as_of=D(2027, 4, 15))
    (old,) = data["certificates"]
    assert (old["status"], old["superseded_by"], old["remarks"][0]["closed"]) == ("valid", None, None)
    assert old["remarks"][0]["deadline"] == "2027-07-10" and old["outcome"] == "certified-with-remarks"
    assert [e["action"] for e in old["events"]] == ["issued", "suspended", "reinstated"]


def test_the_cohort_report_shows_no_certificate_issued_after_the_day(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from make_registry import build

    from asfcert.assess.checker import CheckOptions
    from asfcert.cohort.api import CohortOptions, run
    from asfcert.records import registry

    build(tmp_path / "reg", companies=16, pdfs=1, seed=5, per_cohort=8)
    issued = {r.number: r.issued for r in registry.records(registry.find(None, tmp_path / "reg"))}
    days = sorted(set(issued.values()))
    assert len(days) >= 2  # two cohorts, certified on different days
    for day in (days[0] - dt.timedelta(days=1), days[0], days[-1]):  # before any, the first day, the last
        report = run(tmp_path / "reg", CohortOptions(CheckOptions(today=day, use_cache=False), jobs=1))
        shown = {r.certificate for r in report.companies if r.certificate}
        assert all(issued[n] <= day for n in shown), day
        assert len(shown) == len({n for n, d in issued.items() if d <= day}), day  # one certificate per company here

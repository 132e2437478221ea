"""`asfcert registry complaint`: complaints.yaml recorded, followed and linked to the
certificate's suspension; refused with personal data; shown in the registry report as it
stood on the date asked."""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import pytest
from audit_helpers import certify, decide, setup

from asfcert.assess.checker import CheckOptions
from asfcert.cohort.api import CohortOptions, run

ASFCERT = [sys.executable, "-m", "asfcert"]
RECEIVED = "2027-02-01"


@pytest.fixture(scope="module")
def certified(tmp_path_factory):
    root = setup(tmp_path_factory.mktemp("complaints"))
    decide(root)
    return root.parents[1], certify(root).record.number


@pytest.fixture
def registry(certified, tmp_path):
    source, number = certified
    shutil.copytree(source, tmp_path / "registry")
    return tmp_path / "registry", number


def cli(*args):
    return subprocess.run([*ASFCERT, *map(str, args)], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})


def complaint(reg, *args):
    return cli("registry", "complaint", reg, *args, "--format", "json")


def test_record_follow_and_link_to_the_suspension(registry):
    reg, number = registry
    new = complaint(reg, "--certificate", number, "--summary", "Handledare anställd av kommunen enligt tips", "--as-of", RECEIVED)
    assert new.returncode == 0, new.stderr
    assert json.loads(new.stdout)["changed"] == "K-2027-001"

    step = complaint(reg, "--id", "K-2027-001", "--status", "investigating", "--as-of", "2027-02-10")
    assert step.returncode == 0, step.stderr

    early = complaint(reg, "--id", "K-2027-001", "--status", "upheld", "--outcome", "suspension", "--as-of", "2027-03-01")
    assert early.returncode == 2 and json.loads(early.stdout)["code"] == "complaint-action-missing"
    assert f"asfcert certify --suspend {number}" in json.loads(early.stdout)["hint"]

    suspended = cli("certify", "--suspend", number, "--reason", "Klagomål K-2027-001", "--registry", reg, "--as-of", "2027-03-01")
    assert suspended.returncode == 0, suspended.stderr
    upheld = complaint(reg, "--id", "K-2027-001", "--status", "upheld", "--outcome", "suspension", "--as-of", "2027-03-02")
    assert upheld.returncode == 0, upheld.stderr
    [item] = json.loads(upheld.stdout)["complaints"]
    assert (item["status"], item["outcome"], item["action"]) == ("upheld", "suspension", {"event": "suspended", "date": "2027-03-01"})
    assert [(c["date"], c["status"]) for c in item["history"]] == [(RECEIVED, "received"), ("2027-02-10", "investigating"), ("2027-03-02", "upheld")]

    from asfcert.records import complaints

    loaded = complaints.load(reg)
    assert complaints.under_investigation(loaded, dt.date(2027, 2, 15)) == {number}
    assert complaints.under_investigation(loaded, dt.date(2027, 1, 31)) == set()
    assert complaints.under_investigation(loaded, dt.date(2027, 3, 2)) == set()

    def year_at(day):
        return run(reg, CohortOptions(CheckOptions(today=day, use_cache=True), jobs=1)).year.complaints

    assert year_at(dt.date(2027, 1, 31)) == []
    assert [(c["id"], c["status"], c["outcome"]) for c in year_at(dt.date(2027, 2, 15))] == [("K-2027-001", "investigating", "none")]
    [shown] = year_at(dt.date(2027, 3, 5))
    assert (shown["status"], shown["outcome"], shown["action"]["event"]) == ("upheld", "suspension", "suspended")

    listed = cli("registry", "complaint", reg, "--lang", "en")
    assert listed.returncode == 0 and "K-2027-001" in listed.stdout and "suspension (2027-03-01)" in listed.stdout


def test_a_second_complaint_gets_the_next_number_and_can_be_dismissed(registry):
    reg, number = registry
    for _ in range(2):
        assert complaint(reg, "--certificate", number, "--summary", "Fakturan saknade moms", "--as-of", RECEIVED).returncode == 0
    done = complaint(reg, "--id", "K-2027-002", "--status", "dismissed", "--as-of", "2027-02-05")
    assert done.returncode == 0
    assert [(c["id"], c["status"]) for c in json.loads(done.stdout)["complaints"]] == [("K-2027-001", "received"), ("K-2027-002", "dismissed")]


@pytest.mark.parametrize("summary, what", [("Gäller 19811218-9876 som klagade", "personnummer"), ("Skriv till anna@example.se", "e-post")])
def test_personal_data_in_the_summary_is_refused(registry, summary, what):
    reg, number = registry
    done = complaint(reg, "--certificate", number, "--summary", summary, "--as-of", RECEIVED)
    assert done.returncode == 2 and json.loads(done.stdout)["code"] == "complaint-personal-data"
    assert "9876" not in done.stdout + done.stderr
    assert not (reg / "complaints.yaml").exists()


@pytest.mark.parametrize("args, code", [
    (["--certificate", "ASF-2026-0999", "--summary", "x"], "certificate-unknown"),
    (["--id", "K-2027-009", "--status", "investigating"], "complaint-unknown"),
    (["--certificate", "ASF-2026-0001"], "complaint-one-action"),
    (["--certificate", "ASF-2026-0001", "--summary", "x", "--id", "K-2027-001"], "complaint-one-action"),
])
def test_requests_that_cannot_be_used(registry, args, code):
    reg, _ = registry
    done = complaint(reg, *args, "--as-of", RECEIVED)
    assert done.returncode == 2 and json.loads(done.stdout)["code"] == code


def test_outcome_rules(registry):
    reg, number = registry
    complaint(reg, "--certificate", number, "--summary", "Protokollen saknar datum", "--as-of", RECEIVED)
    before = (reg / "complaints.yaml").read_bytes()
    cases = [
        (["--status", "investigating", "--outcome", "remark", "--requirement", "3.1.a"], "complaint-outcome-needs-upheld"),
        (["--status", "upheld", "--outcome", "remark"], "complaint-requirement-missing"),
        (["--status", "upheld", "--outcome", "withdrawal"], "complaint-action-missing"),
    ]
    for args, code in cases:
        done = complaint(reg, "--id", "K-2027-001", *args, "--as-of", "2027-02-02")
        assert done.returncode == 2 and json.loads(done.stdout)["code"] == code, (args, done.stdout)
    too_early = complaint(reg, "--id", "K-2027-001", "--status", "investigating", "--as-of", "2027-01-15")
    assert json.loads(too_early.stdout)["code"] == "complaint-date-before-received"
    assert (reg / "complaints.yaml").read_bytes() == before  # nothing written by a refusal
    remark = complaint(reg, "--id", "K-2027-001", "--status", "upheld", "--outcome", "remark", "--requirement", "3.5.b", "--as-of", "2027-02-02")
    assert json.loads(remark.stdout)["complaints"][0]["action"] == {"event": "remark", "requirement": "3.5.b"}


def test_a_broken_complaints_file_stops_the_registry_report(registry):
    reg, _ = registry
    (reg / "complaints.yaml").write_text("format: asfcert-complaints/1\ncomplaints:\n  - id: X\n", encoding="utf-8")
    done = cli("cohort", "report", reg, "--as-of", RECEIVED, "--format", "json")
    assert done.returncode == 2
    error = json.loads(done.stdout)
    assert error["code"] == "complaints-unusable" and error["file"] == "complaints.yaml"
    assert (error["findings"][0]["file"], error["findings"][0]["line"], error["findings"][0]["column"]) == ("complaints.yaml", 3, 9)


@pytest.mark.parametrize("hostile, code", [
    ("alias", "yaml-alias"),
    ("link-out", "file-outside-folder"),
])
def test_a_hostile_complaints_file_is_refused_and_left_alone(registry, tmp_path, hostile, code):
    reg, number = registry
    path = reg / "complaints.yaml"
    if hostile == "alias":
        path.write_text("format: asfcert-complaints/1\ncomplaints: &a [*a]\n", encoding="utf-8")
    else:
        outside = tmp_path / "elsewhere.yaml"
        outside.write_text("format: asfcert-complaints/1\ncomplaints: []\n", encoding="utf-8")
        path.symlink_to(outside)
    before = path.read_bytes()
    done = complaint(reg, "--certificate", number, "--summary", "Protokollen saknar datum", "--as-of", RECEIVED)
    assert done.returncode == 2
    error = json.loads(done.stdout)
    assert error["code"] == "complaints-unusable" and [f["code"] for f in error["findings"]] == [code]
    assert path.read_bytes() == before and not (reg / "certificates" / ".complaints.lock").exists()

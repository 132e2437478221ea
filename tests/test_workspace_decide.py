"""Deciding and issuing in the coordinator's workspace over HTTP (Starlette's TestClient):
the decision preview is `audit --decide`'s, the decision is recorded as the CLI records
it, the report is served inline, the certificate is issued behind a confirmation, and its
status is changed with a reason and a date; every refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from audit_helpers import AUDITOR, NAME, ORG, OTHER_AUDITOR, audit, set_results, setup
from trust_helpers import PASSPHRASE
from workspace_client import HOST, form_fields

TODAY = dt.date(2026, 11, 30)
BASE = "/c/omgang-ht2026/grona"


def coordinator(root, today: dt.date = TODAY):
    from starlette.testclient import TestClient

    from asfcert.assess.checker import CheckOptions
    from asfcert.cli.serve_cmd import _start_audit, actions
    from asfcert.cohort.api import CohortOptions, run
    from asfcert.workspace.cohorts import Cohorts
    from asfcert.workspace.coordinator import create_coordinator_app
    from asfcert.workspace.security import Guard
    from asfcert.workspace.server import ServeOptions

    options = CohortOptions(check=CheckOptions(today=today), jobs=1)
    serve = ServeOptions(today=today)
    guard = Guard("127.0.0.1", 8765)
    cohorts = Cohorts(root, lambda: run(root, options), today=today, start_audit=_start_audit(serve), actions=actions(serve))
    client = TestClient(create_coordinator_app(cohorts, guard), base_url=f"http://{HOST}")
    assert client.get("/?token=" + guard.token, follow_redirects=False).status_code == 303
    return client


def act_as(client, name: str):
    fields = form_fields(client.get("/").text, "/auditor")
    fields["auditor"] = [name]
    assert client.post("/auditor", data=fields).status_code == 200


@pytest.fixture
def graded(tmp_path, monkeypatch):
    """A registry with keys, its cohort and one complete company whose audit record has a
    result for every requirement (one remark), served for its appointed auditor."""
    monkeypatch.delenv("ASFCERT_KEY_PASSPHRASE", raising=False)
    company = setup(tmp_path)
    audit(company, today=TODAY)
    set_results(company, {"3.1.a": "remark"}, comments={"3.1.a": "Protokollet saknar datum."})
    client = coordinator(tmp_path / "registry")
    act_as(client, AUDITOR)
    return company, client


def record_of(company):
    from asfcert.records import audit_record

    return audit_record.read(company).required()


def post_form(client, path: str, action: str, edits: dict | None = None):
    page = client.get(path)
    assert page.status_code == 200, page.text
    fields = form_fields(page.text, action)
    fields.update({k: [v] for k, v in (edits or {}).items()})
    return client.post(action, data=fields, follow_redirects=False), fields


def test_the_preview_is_the_decide_outcome_and_the_decision_is_recorded_as_the_cli_does(graded):
    company, client = graded
    page = client.get(f"{BASE}/decide")
    assert page.status_code == 200
    assert 'data-outcome="certified-with-remarks" data-final="no"' in page.text
    assert 'data-rid="3.1.a"' in page.text and "2027-" in page.text  # the remark and its deadline
    assert record_of(company).decision is None  # the preview writes nothing
    english = client.get(f"{BASE}/decide?lang=en")
    assert "Certified with remarks" in english.text or "certified with remarks" in english.text.lower()
    client.get(f"{BASE}/decide?lang=sv")
    made, _ = post_form(client, f"{BASE}/decide", f"{BASE}/decide")
    assert made.status_code == 303 and made.headers["location"] == f"{BASE}/decide"
    d = record_of(company).decision
    assert (d.outcome, d.auditor, d.date) == ("certified-with-remarks", AUDITOR, TODAY)
    assert [r.requirement for r in d.remarks] == ["3.1.a"]
    after = client.get(f"{BASE}/decide")
    assert 'data-final="yes"' in after.text and f'href="{BASE}/certify"' in after.text


def test_an_incomplete_record_is_not_decided_and_names_the_missing_results(graded):
    company, client = graded
    set_results(company, {"3.1.a": None}, default=None)
    data_missing = client.get(f"{BASE}/decide")
    assert 'data-outcome="pending"' in data_missing.text and 'data-rid="3.1.a"' in data_missing.text
    assert f'action="{BASE}/decide"' not in data_missing.text  # no decide button
    csrf = form_fields(client.get("/").text, "/auditor")["csrf"]
    refused = client.post(f"{BASE}/decide", data={"csrf": csrf})
    assert refused.status_code == 409 and 'data-code="audit-decide-incomplete"' in refused.text
    assert record_of(company).decision is None


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(graded):
    company, client = graded
    before = (company / "audit" / "audit.yaml").read_bytes()
    assert client.post(f"{BASE}/decide", data={}).status_code == 403
    assert client.post(f"{BASE}/decide", data={"csrf": "wrong"}).status_code == 403
    assert (company / "audit" / "audit.yaml").read_bytes() == before


def test_the_pages_open_only_for_the_appointed_impartial_auditor(graded):
    company, client = graded
    act_as(client, OTHER_AUDITOR)
    for path in ("/decide", "/certify", "/status"):
        page = client.get(BASE + path)
        assert page.status_code == 403 and 'data-code="auditor-not-appointed"' in page.text, path
    assert client.get(f"{BASE}/report.pdf").status_code == 404
    csrf = form_fields(client.get("/").text, "/auditor")["csrf"]
    assert client.post(f"{BASE}/decide", data={"csrf": csrf}).status_code == 403
    assert record_of(company).decision is None


def decided(client):
    made, _ = post_form(client, f"{BASE}/decide", f"{BASE}/decide")
    assert made.status_code == 303


def test_the_report_opens_inline_as_html_and_pdf_with_the_workspace_headers(graded):
    company, client = graded
    assert client.get(f"{BASE}/report.html").status_code == 404  # only a decided audit has its report
    decided(client)
    html = client.get(f"{BASE}/report.html")
    assert html.status_code == 200 and NAME in html.text and "3.1.a" in html.text
    policy = html.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "'sha256-" in policy
    assert "unsafe-inline" not in policy and html.headers["x-frame-options"] == "DENY"
    pdf = client.get(f"{BASE}/report.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith("inline;")
    assert not (company / "audit" / "audit-report-sv.pdf").exists()  # shown, not written
    assert client.get(f"{BASE}/report.exe").status_code == 404


def registry_files(company):
    reg = company.parents[1] / "certificates"
    return sorted(p.name for p in reg.iterdir()) if reg.exists() else []


def test_certify_names_the_company_and_a_wrong_or_missing_passphrase_writes_nothing(graded):
    company, client = graded
    early = client.get(f"{BASE}/certify")
    assert early.status_code == 409 and f'action="{BASE}/certify"' not in early.text  # not decided yet
    csrf = form_fields(client.get("/").text, "/auditor")["csrf"]
    undecided = client.post(f"{BASE}/certify", data={"csrf": csrf, "passphrase": PASSPHRASE})
    assert undecided.status_code == 409 and 'data-code="certify-no-decision"' in undecided.text
    assert registry_files(company) == []
    decided(client)
    confirm = client.get(f"{BASE}/certify")
    assert confirm.status_code == 200 and NAME in confirm.text and ORG in confirm.text
    assert 'type="password"' in confirm.text
    before = record_of(company).raw
    wrong, _ = post_form(client, f"{BASE}/certify", f"{BASE}/certify", {"passphrase": "inte den rätta"})
    assert wrong.status_code == 400 and 'data-code="key-passphrase-wrong"' in wrong.text
    assert "inte den rätta" not in wrong.text  # never echoed
    missing, _ = post_form(client, f"{BASE}/certify", f"{BASE}/certify")
    assert missing.status_code == 400 and 'data-code="key-passphrase-missing"' in missing.text
    assert registry_files(company) == [] and record_of(company).raw == before
    assert not (company / "certificate").exists()


def test_the_server_passphrase_issues_and_the_status_is_changed_with_reason_date_and_who(graded, monkeypatch):
    company, client = graded
    decided(client)
    monkeypatch.setenv("ASFCERT_KEY_PASSPHRASE", PASSPHRASE)
    issued, _ = post_form(client, f"{BASE}/certify", f"{BASE}/certify")
    assert issued.status_code == 303 and issued.headers["location"] == f"{BASE}/status"
    number = record_of(company).decision.certificate
    assert number and f"{number}-sv.pdf" in registry_files(company)
    status = client.get(f"{BASE}/status")
    assert f'data-number="{number}" data-state="valid"' in status.text and "Giltigt" in status.text
    suspended, _ = post_form(client, f"{BASE}/status", f"{BASE}/status/suspend", {"reason": "Utreds", "date": "2026-12-02"})
    assert suspended.status_code == 303
    from asfcert.records import registry

    rec = registry.get(registry.find(company), number)
    assert rec.status == "suspended"
    event = rec.events[-1]
    assert (event.action, event.date, event.reason) == ("suspended", dt.date(2026, 12, 2), f"Utreds ({AUDITOR}, asfcert serve)")
    page = client.get(f"{BASE}/status")
    assert 'data-state="suspended"' in page.text and "Giltigt" not in page.text
    bad, _ = post_form(client, f"{BASE}/status", f"{BASE}/status/reinstate", {"reason": "Klart", "date": "2026-13-40"})
    assert bad.status_code == 400 and 'data-code="date-invalid"' in bad.text
    no_reason, _ = post_form(client, f"{BASE}/status", f"{BASE}/status/reinstate", {"reason": ""})
    assert no_reason.status_code == 400 and 'data-code="certificate-reason-missing"' in no_reason.text
    assert registry.get(registry.find(company), number).status == "suspended"
    closed, _ = post_form(client, f"{BASE}/status", f"{BASE}/status/close-remark", {"reason": "Datum tillagt"})
    assert closed.status_code == 303
    rec = registry.get(registry.find(company), number)
    assert rec.remarks[0].closed == TODAY and rec.events[-1].action == "remark-closed"


def test_a_withdrawal_needs_its_own_confirmation_naming_company_and_number(graded, monkeypatch):
    company, client = graded
    decided(client)
    monkeypatch.setenv("ASFCERT_KEY_PASSPHRASE", PASSPHRASE)
    post_form(client, f"{BASE}/certify", f"{BASE}/certify")
    number = record_of(company).decision.certificate
    from asfcert.records import registry

    asked, fields = post_form(client, f"{BASE}/status", f"{BASE}/status/withdraw", {"reason": "Upphört"})
    assert asked.status_code == 200 and f'data-number="{number}"' in asked.text and NAME in asked.text
    assert registry.get(registry.find(company), number).status == "valid"  # not without the confirmation
    forged = {**fields, "confirm": ["ASF-2026-9999"]}
    assert client.post(f"{BASE}/status/withdraw", data=forged).status_code == 200
    assert registry.get(registry.find(company), number).status == "valid"
    confirmed = client.post(f"{BASE}/status/withdraw", data=form_fields(asked.text, f"{BASE}/status/withdraw"), follow_redirects=False)
    assert confirmed.status_code == 303
    rec = registry.get(registry.find(company), number)
    assert rec.status == "withdrawn" and rec.events[-1].reason == f"Upphört ({AUDITOR}, asfcert serve)"
    page = client.get(f"{BASE}/status")
    assert 'data-state="withdrawn"' in page.text and "Giltigt" not in page.text
    assert f'action="{BASE}/status/' not in page.text  # final: nothing left to change


def stamps(company) -> list[str]:
    import re

    found = []
    for path in sorted(company.rglob("*.yaml")):
        found += [f"{path.relative_to(company).as_posix()}: {m}" for m in re.findall(r"# (.+ \(asfcert serve\))", path.read_text(encoding="utf-8"))]
    return found


def test_a_save_in_a_companys_workspace_under_the_cohort_records_who_and_when(graded):
    from workspace_client import submit

    company, client = graded
    saved = submit(client, f"{BASE}/req/3.1.a", {"description": "Protokollen finns i pärmen."})
    assert saved.status_code == 303
    assert [s.split(": ", 1)[1] for s in stamps(company)] == [f"{AUDITOR}, {TODAY.isoformat()} (asfcert serve)"]
    fields = form_fields(client.get("/").text, "/auditor")
    fields["auditor"] = [""]  # acting as nobody: the coordinator
    client.post("/auditor", data=fields)
    section = submit(client, f"{BASE}/profile/company", {"name": NAME + " ek. för."})
    assert section.status_code == 303
    mine = [s for s in stamps(company) if s.startswith("company.yaml: ")]
    assert mine == [f"company.yaml: samordnare, {TODAY.isoformat()} (asfcert serve)"]
    from ruamel.yaml import YAML

    assert YAML(typ="safe").load((company / "company.yaml").read_text(encoding="utf-8"))["name"] == NAME + " ek. för."


def test_a_registry_without_keys_refuses_with_its_code_and_writes_nothing(graded, monkeypatch):
    import shutil

    company, client = graded
    decided(client)
    shutil.rmtree(company.parents[1] / "keys")
    monkeypatch.setenv("ASFCERT_KEY_PASSPHRASE", PASSPHRASE)
    before = record_of(company).raw
    refused, _ = post_form(client, f"{BASE}/certify", f"{BASE}/certify")
    assert refused.status_code == 400 and 'class="problem"' in refused.text
    code = refused.text.split('class="problem" role="alert" data-code="')[1].split('"')[0]
    assert code.startswith("key") and f"[{code}]" in refused.text
    assert registry_files(company) == [] and record_of(company).raw == before


def test_a_major_nonconformity_previews_not_certified_and_no_certificate_is_offered(graded):
    company, client = graded
    from asfcert.standard.load import load_standard

    blocker = next(r.id for r in load_standard(None)[0].enabled if r.severity == "blocker")
    set_results(company, {blocker: "major"})
    page = client.get(f"{BASE}/decide")
    assert 'data-outcome="not-certified"' in page.text and f'<li data-rid="{blocker}">' in page.text
    decided(client)
    after = client.get(f"{BASE}/decide")
    assert 'data-outcome="not-certified" data-final="yes"' in after.text and f"{BASE}/certify" not in after.text
    csrf = form_fields(client.get("/").text, "/auditor")["csrf"]
    refused = client.post(f"{BASE}/certify", data={"csrf": csrf, "passphrase": PASSPHRASE})
    assert refused.status_code == 409 and 'data-code="certify-not-certified"' in refused.text
    assert registry_files(company) == []

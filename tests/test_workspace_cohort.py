"""The coordinator's and the auditor's workspace over HTTP (Starlette's TestClient):
`asfcert serve` on a cohort folder shows the cohort report's data with every company linked
to its own workspace; the audit view opens only for the appointed, impartial auditor and
writes results to audit/audit.yaml with who and when, refusing a stale page."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from workspace_client import HOST, form_fields

EXAMPLES = Path(__file__).parents[1] / "examples" / "omgang-ht2026"
TODAY = dt.date(2026, 11, 22)
KEPT = ("vaxthuset", "cykelkoket")  # two companies keep the cold checks short; the others have no folder
APPOINTED = "Amira Fiktiva"  # vaxthuset's auditor in the example cohort
OTHER = "Erik Provsson"  # an auditor, appointed for cykelkoket only


def cohort_copy(tmp_path: Path) -> Path:
    root = tmp_path / "omgang"
    root.mkdir()
    for name in ("cohort.yaml", "survey.csv"):
        shutil.copy(EXAMPLES / name, root / name)
    for name in KEPT:
        shutil.copytree(EXAMPLES / name, root / name)
    return root


def coordinator(root: Path):
    from starlette.testclient import TestClient

    from asfcert.assess.checker import CheckOptions
    from asfcert.cli.serve_cmd import _start_audit
    from asfcert.cohort.api import CohortOptions, run
    from asfcert.workspace.cohorts import Cohorts
    from asfcert.workspace.coordinator import create_coordinator_app
    from asfcert.workspace.security import Guard
    from asfcert.workspace.server import ServeOptions

    options = CohortOptions(check=CheckOptions(today=TODAY), jobs=1)
    guard = Guard("127.0.0.1", 8765)
    cohorts = Cohorts(root, lambda: run(root, options), today=TODAY, start_audit=_start_audit(ServeOptions(today=TODAY)))
    client = TestClient(create_coordinator_app(cohorts, guard), base_url=f"http://{HOST}")
    assert client.get("/?token=" + guard.token, follow_redirects=False).status_code == 303
    client.report = lambda: run(root, options)
    return client


def choose(client, name: str):
    fields = form_fields(client.get("/").text, "/auditor")
    fields["auditor"] = [name]
    return client.post("/auditor", data=fields)


def asfcert(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "asfcert", *args], capture_output=True, text=True)


@pytest.fixture
def served(tmp_path):
    root = cohort_copy(tmp_path)
    return root, coordinator(root)


def test_the_overview_shows_the_cohort_reports_data_and_links_every_company(served):
    root, client = served
    page = client.get("/")
    assert page.status_code == 200
    report = client.report()
    for row in report.companies:
        assert (row.name or row.folder) in page.text
        link = f'href="/c/omgang/{row.folder}/"'
        assert (link in page.text) == row.has_folder  # a company without a folder has nothing to open
    states = re.findall(r'<h3 id="state-([a-z-]+)">', page.text)
    assert states and set(states) == {r.state for r in report.companies}
    load = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td class="n"><meter[^>]*></meter> (\d+)</td></tr>', page.text))
    assert {k: int(v) for k, v in load.items()} == report.totals.supervisor_load and load
    for heading in ("remarks-due", "overdue", "due-soon", "expiring", "renewals", "load", "heatmap", "indicators"):
        assert f'id="{heading}"' in page.text
    assert f'data-key="companies"><span class="v">{report.totals.companies}<' in page.text


def test_a_company_opens_in_its_own_workspace_scoped_to_it(served):
    root, client = served
    page = client.get("/c/omgang/vaxthuset/")
    assert page.status_code == 200
    hrefs = set(re.findall(r'href="(/[^"]*)"', page.text))
    inside = {h for h in hrefs if not h.startswith(("/static/", "/c/omgang/vaxthuset/", "/c/omgang/vaxthuset?"))}
    assert inside == {"/"}  # only the way back to the overview leaves the company
    assert "cykelkoket" not in page.text and "Cykelköket" not in page.text
    # a save in the company's workspace redirects within it
    req = client.get("/c/omgang/vaxthuset/req/3.1.a")
    fields = form_fields(req.text, "/c/omgang/vaxthuset/req/3.1.a")
    fields["description"] = ["Ny beskrivning från samordnaren."]
    saved = client.post("/c/omgang/vaxthuset/req/3.1.a", data=fields, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/c/omgang/vaxthuset/req/3.1.a"
    assert "Ny beskrivning från samordnaren." in (root / "vaxthuset" / "self-assessment").joinpath(
        next(p.name for p in (root / "vaxthuset" / "self-assessment").iterdir() if "Ny beskrivning" in p.read_text())).read_text()


@pytest.mark.parametrize("path", [
    "/c/omgang/kvarnen/",  # listed in cohort.yaml, but has no folder here
    "/c/omgang/nothing/",
    "/c/other/vaxthuset/",
    "/c/omgang/..%2Fomgang/",
    "/c/omgang/vaxthuset/files/..%2F..%2Fcohort.yaml",
    "/c/omgang/vaxthuset/audit-file/..%2F..%2Fcohort.yaml",
])
def test_nothing_outside_the_listed_company_folders_is_served(served, path):
    _, client = served
    choose(client, APPOINTED)
    assert client.get(path).status_code == 404


def test_one_company_served_alone_knows_no_other_company(tmp_path):
    from workspace_client import client as company_client

    root = cohort_copy(tmp_path)
    c = company_client(root / "vaxthuset")
    assert c.get("/c/omgang/cykelkoket/").status_code == 404
    assert "cykelkoket" not in c.get("/").text


def test_a_misspelled_auditor_gets_did_you_mean_and_a_right_one_is_chosen(served):
    _, client = served
    refused = choose(client, "Amira Fiktva")
    assert refused.status_code == 400 and 'data-code="auditor-not-found"' in refused.text
    assert f'data-near="{APPOINTED}"' in refused.text
    chosen = choose(client, " amira   FIKTIVA ")
    assert f'data-auditor="{APPOINTED}"' in chosen.text
    assert 'href="/c/omgang/vaxthuset/audit"' in chosen.text and 'href="/c/omgang/cykelkoket/audit"' not in chosen.text


def test_the_cli_says_did_you_mean_for_a_misspelled_auditor_not_jav(tmp_path):
    root = cohort_copy(tmp_path)
    done = asfcert("audit", str(root / "vaxthuset"), "--auditor", "Amira Fiktva", "--as-of", TODAY.isoformat())
    assert done.returncode == 1
    assert "[auditor-not-found]" in done.stderr and "impartiality-refused" not in done.stderr
    assert f"Menade du {APPOINTED}?" in done.stderr
    assert not (root / "vaxthuset" / "audit" / "audit.yaml").exists()


def test_the_audit_view_opens_only_for_the_appointed_impartial_auditor(served):
    root, client = served
    closed = client.get("/c/omgang/vaxthuset/audit")
    assert closed.status_code == 403 and 'data-code="auditor-not-chosen"' in closed.text
    choose(client, OTHER)
    refused = client.get("/c/omgang/vaxthuset/audit")
    assert refused.status_code == 403 and 'data-code="auditor-not-appointed"' in refused.text
    assert client.get("/c/omgang/vaxthuset/audit-file/stadgar/stadgar.pdf").status_code == 404
    choose(client, APPOINTED)
    opened = client.get("/c/omgang/vaxthuset/audit")
    assert opened.status_code == 200 and f'asfcert audit {root / "vaxthuset"} --auditor &#34;{APPOINTED}&#34;' in opened.text
    assert not (root / "vaxthuset" / "audit" / "audit.yaml").exists()  # opening the view writes nothing
    choose(client, OTHER)
    fields = form_fields(opened.text, "/c/omgang/vaxthuset/audit")
    assert client.post("/c/omgang/vaxthuset/audit", data=fields).status_code == 403
    assert not (root / "vaxthuset" / "audit" / "audit.yaml").exists()


def test_the_auditor_starts_the_audit_record_in_the_browser(served):
    root, client = served
    choose(client, APPOINTED)
    fields = form_fields(client.get("/c/omgang/vaxthuset/audit").text, "/c/omgang/vaxthuset/audit")
    started = client.post("/c/omgang/vaxthuset/audit", data=fields, follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == "/c/omgang/vaxthuset/audit"
    from asfcert.records import audit_record

    record = audit_record.read(root / "vaxthuset").required().model
    assert record.auditor == APPOINTED and record.snapshot.files and "3.1.a" in record.requirements
    assert 'data-rid="3.1.a"' in client.get("/c/omgang/vaxthuset/audit").text


def test_the_auditor_records_a_result_with_who_and_when_and_a_stale_page_is_refused(served):
    root, client = served
    record = root / "vaxthuset" / "audit" / "audit.yaml"
    made = asfcert("audit", str(root / "vaxthuset"), "--auditor", APPOINTED, "--as-of", TODAY.isoformat())
    assert record.is_file(), made.stderr
    choose(client, APPOINTED)
    page = client.get("/c/omgang/vaxthuset/audit/3.1.a")
    assert page.status_code == 200
    assert "frame-src 'self'" in page.headers["content-security-policy"]
    frame = re.search(r'<iframe class="pdf" src="([^"]+)"', page.text).group(1)
    pdf = client.get(frame)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("inline;") and pdf.content.startswith(b"%PDF")
    fields = form_fields(page.text, "/c/omgang/vaxthuset/audit/3.1.a")
    fields.update(result=["remark"], comment=["Protokollet saknar datum."])
    saved = client.post("/c/omgang/vaxthuset/audit/3.1.a", data=fields, follow_redirects=False)
    assert saved.status_code == 303
    from asfcert.records import audit_record

    entry = audit_record.read(root / "vaxthuset").model.requirements["3.1.a"]
    assert (entry.result, entry.comment) == ("remark", "Protokollet saknar datum.")
    assert re.search(rf"result: remark +# {APPOINTED}, {TODAY.isoformat()} \(asfcert serve\)", record.read_text())
    before = record.read_bytes()
    fields.update(result=["major"])  # the same page again: the record has changed since
    stale = client.post("/c/omgang/vaxthuset/audit/3.1.a", data=fields)
    assert stale.status_code == 409 and 'data-code="conflict"' in stale.text
    assert record.read_bytes() == before
    fields.pop("csrf")
    assert client.post("/c/omgang/vaxthuset/audit/3.1.a", data=fields).status_code == 403
    assert record.read_bytes() == before
    check = asfcert("check", str(root / "vaxthuset"), "--as-of", TODAY.isoformat())
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_coordinators_workspace_has_the_same_locks(tmp_path):
    from starlette.testclient import TestClient

    root = cohort_copy(tmp_path)
    client = coordinator(root)
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and page.headers["x-frame-options"] == "DENY"
    assert "<script" not in page.text and " style=" not in page.text
    anonymous = TestClient(client.app, base_url=f"http://{HOST}")
    for path in ("/", "/c/omgang/vaxthuset/", "/c/omgang/vaxthuset/audit"):
        assert anonymous.get(path).status_code == 403  # no session
    assert anonymous.get("/?token=wrong").status_code == 403
    assert client.get("/", headers={"host": "evil.example:8765"}).status_code == 421  # DNS rebinding
    fields = form_fields(page.text, "/auditor")
    fields.pop("csrf")
    fields["auditor"] = [APPOINTED]
    assert client.post("/auditor", data=fields).status_code == 403
    assert 'data-auditor=' not in client.get("/").text


NAME = "Växthuset i Borås ekonomisk förening"  # vaxthuset's name in its company.yaml


def test_the_overview_shows_a_change_made_outside_the_workspace_at_once(served):
    """The report is kept between requests; a company file edited in place, to the same
    size and with its modification time set back (same second, same nanosecond), is still
    seen at once: the signature holds the change time too."""
    root, client = served
    assert NAME in client.get("/").text
    profile = root / "vaxthuset" / "company.yaml"
    before = profile.stat()
    text = profile.read_text(encoding="utf-8")
    edited = text.replace(NAME, NAME.replace("Borås", "Bolås"))
    assert len(edited.encode()) == len(text.encode()) and edited != text
    with profile.open("r+", encoding="utf-8") as f:  # in place: the same inode
        f.write(edited)
    os.utime(profile, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = profile.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    page = client.get("/").text
    assert NAME.replace("Borås", "Bolås") in page and NAME not in page


def test_the_overview_shows_a_save_in_a_companys_workspace_at_once(served):
    root, client = served
    assert NAME in client.get("/").text
    section = client.get("/c/omgang/vaxthuset/profile/company")
    fields = form_fields(section.text, "/c/omgang/vaxthuset/profile/company")
    fields["name"] = ["Växthuset i Borås ek. för."]
    assert client.post("/c/omgang/vaxthuset/profile/company", data=fields, follow_redirects=False).status_code == 303
    page = client.get("/").text
    assert "Växthuset i Borås ek. för." in page and NAME not in page


def test_the_report_is_built_once_for_requests_at_the_same_time_and_again_after_a_change(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from asfcert.assess.checker import CheckOptions
    from asfcert.cohort.api import CohortOptions, run
    from asfcert.workspace.cohorts import Cohorts

    root = cohort_copy(tmp_path)
    built = []

    def report():
        built.append(1)
        return run(root, CohortOptions(check=CheckOptions(today=TODAY), jobs=1))

    cohorts = Cohorts(root, report, today=TODAY)
    with ThreadPoolExecutor(8) as pool:
        reports = list(pool.map(lambda _: cohorts.report(), range(8)))
    assert len(built) == 1 and all(r is reports[0] for r in reports)
    assert cohorts.report() is reports[0] and cohorts.loaded() is cohorts.loaded()
    (root / "survey.csv").write_text((root / "survey.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cohorts.report() is not reports[0] and len(built) == 2
    loaded = cohorts.loaded()
    (root / "cykelkoket" / "evidence" / "new.txt").write_text("x", encoding="utf-8")  # a file added in a company folder
    assert cohorts.loaded() is not loaded and len(built) == 2
    assert cohorts.report() is not reports[0] and len(built) == 3


def test_the_kept_overview_follows_the_language_and_the_auditor(served):
    """The report's part of the overview is kept per language; the audit links are the
    session's own."""
    _, client = served
    assert "Företagen per läge" in client.get("/").text
    assert "The companies by state" in client.get("/?lang=en").text
    assert "Företagen per läge" in client.get("/?lang=sv").text
    choose(client, APPOINTED)
    page = client.get("/").text
    assert 'href="/c/omgang/vaxthuset/audit"' in page and 'href="/c/omgang/cykelkoket/audit"' not in page
    choose(client, OTHER)
    page = client.get("/").text
    assert 'href="/c/omgang/cykelkoket/audit"' in page and 'href="/c/omgang/vaxthuset/audit"' not in page

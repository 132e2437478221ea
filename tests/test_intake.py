"""`asfcert intake`: admission review of applications on real folders with real PDFs."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import hostile_pdfs
from helpers import AS_OF, EVIDENCE, edited_standard, make_company, pdf_bytes

ASFCERT = str(Path(sys.executable).parent / "asfcert")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "ansokningar"
ORG = "829502-4247"  # GOOD_PROFILE's number
REPORT, STATUTES, MINUTES = EVIDENCE["annual-report"], EVIDENCE["statutes"], EVIDENCE["minutes"]


def application(root: Path, **edits) -> Path:
    """A complete company folder without a self-assessment: an application."""
    make_company(root, **edits)
    shutil.rmtree(root / "self-assessment")
    return root


def put(root: Path, rel: str, title: str, *lines: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_bytes(pdf_bytes(title, *lines))


def review(root: Path, **options):
    from asfcert.intake.review import IntakeOptions
    from asfcert.intake.review import review as run

    options.setdefault("today", AS_OF)
    options.setdefault("use_cache", False)
    return run(root, IntakeOptions(**options))


def cli(*args):
    return subprocess.run([ASFCERT, *args], capture_output=True, text=True, timeout=120)


def by_code(result, code):
    found = [f for f in result.findings if f.code == code]
    assert found, (code, [(f.code, str(f.location)) for f in result.findings])
    return found


def doc(result, kind):
    return next(d for d in result.documents if d.kind == kind)


def snapshot(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


def test_complete_application_is_admitted(tmp_path):
    root = application(tmp_path / "a")
    result = review(root)
    assert result.decision == "admit" and result.exit_code == 0, [(f.code, str(f.location)) for f in result.reasons]
    assert [d.kind for d in result.documents] == ["annual-report", "minutes", "statutes"]
    assert all(d.ok for d in result.documents)
    report, minutes = doc(result, "annual-report"), doc(result, "minutes")
    assert (report.file, report.date, report.max_age_months, report.org_number_page) == (REPORT, "2025-12-31", 18, 1)
    # the staff meeting (apt-2026-09.pdf) is newer, but only board minutes count
    assert (minutes.file, minutes.date, minutes.max_age_months) == (MINUTES, "2026-03-12", 12)
    assert doc(result, "statutes").current is None  # statutes have no age
    assert [p.id for p in result.principles] == ["ASF-1", "ASF-2", "ASF-3", "ASF-4"]
    statuses = {r.id: r.status for p in result.principles for r in p.requirements}
    assert statuses["ASF-3.c"] == "ready" and statuses["ASF-2.a"] == "auditor" and "ASF-3.b" in statuses


def test_a_missing_document_sends_it_back(tmp_path):
    root = application(tmp_path / "a")
    (root / STATUTES).unlink()
    result = review(root)
    assert result.decision == "come-back-later" and result.exit_code == 1
    (f,) = by_code(result, "evidence-kind-missing")
    assert (str(f.location), f.severity, f.requirement) == ("evidence/stadgar/", "blocker", "INTAKE-3")
    assert f in result.reasons
    assert not doc(result, "statutes").present


def test_outdated_annual_report_limit_comes_from_the_standard(tmp_path):
    root = application(tmp_path / "a")
    put(root, REPORT, "Arsredovisning 2023", f"Org.nr {ORG}", "Räkenskapsåret 2023-01-01 - 2023-12-31.")
    (f,) = by_code(review(root), "annual-report-outdated")
    assert str(f.location) == REPORT and f.params["months"] == 34 and f.params["max"] == 18
    assert (f.rule, f.requirement) == ("annual-report", "INTAKE-1")
    relaxed = edited_standard(tmp_path, "rule: annual-report\n        max_age_months: 18", "rule: annual-report\n        max_age_months: 40")
    result = review(root, standard=relaxed)
    assert result.decision == "admit" and doc(result, "annual-report").max_age_months == 40


def test_newest_annual_report_is_judged(tmp_path):
    root = application(tmp_path / "a")
    put(root, "evidence/arsredovisning/arsredovisning-2022.pdf", "Arsredovisning 2022", f"Org.nr {ORG}", "Räkenskapsåret 2022-01-01 - 2022-12-31.")
    assert doc(review(root), "annual-report").file == REPORT


def test_another_companys_document_is_named(tmp_path):
    root = application(tmp_path / "a")
    put(root, STATUTES, "Stadgar", "Stadgar för Annat AB, org.nr 556036-0793.", "§ 2 Ändamål. Bolaget ska bedriva handel.")
    (f,) = by_code(review(root), "document-org-number-missing")
    assert (str(f.location), f.rule) == (STATUTES, "statutes-org-number")
    assert f.params["org_number"] == ORG and "556036-0793" in f.params["other"]["en"]


def test_org_number_in_any_written_form(tmp_path):
    root = application(tmp_path / "a")
    put(root, STATUTES, "Stadgar", "Stadgar for foreningen med organisationsnummer 8295024247.")
    result = review(root)
    assert doc(result, "statutes").org_number is True and result.decision == "admit"


@pytest.mark.parametrize("name, code", [
    ("encrypted-user", "pdf-encrypted"), ("truncated", "pdf-damaged"), ("scan", "document-needs-review"),
    ("empty", "evidence-empty-file"), ("not-a-pdf", "pdf-not-pdf"),
])
def test_unreadable_document(tmp_path, name, code):
    root = application(tmp_path / "a")
    (root / STATUTES).write_bytes(hostile_pdfs.HOSTILE[name]())
    result = review(root)
    (f,) = by_code(result, code)
    assert (str(f.location), f.requirement, f.effect) == (STATUTES, "INTAKE-3", "opens")
    assert f in result.reasons and doc(result, "statutes").findings == [code]
    assert doc(result, "statutes").readable is False and result.decision == "come-back-later"


def test_a_broken_word_file_keeps_the_statutes_open(tmp_path):
    root = application(tmp_path / "a")
    (root / STATUTES).unlink()
    (root / "evidence/stadgar/stadgar.docx").write_bytes(b"PK\x03\x04 not really a docx")
    result = review(root)
    (f,) = by_code(result, "docx-unreadable")
    assert (f.location.file, f.requirement) == ("evidence/stadgar/stadgar.docx", "INTAKE-3")
    assert f in result.reasons and result.decision == "come-back-later"


def test_a_word_file_is_read_like_a_pdf(tmp_path):
    import docx

    root = application(tmp_path / "a")
    (root / STATUTES).unlink()
    document = docx.Document()
    document.add_paragraph(f"Stadgar för föreningen, org.nr {ORG}.")
    document.save(root / "evidence/stadgar/stadgar.docx")
    result = review(root)
    assert "INTAKE-3" not in result.unmet
    assert not [f for f in result.findings if f.location.file == "evidence/stadgar/stadgar.docx"]


def test_minutes_age_is_an_option(tmp_path):
    root = application(tmp_path / "a")
    put(root, MINUTES, "Styrelseprotokoll", f"Org.nr {ORG}", "Protokoll fört vid styrelsemöte 2025-06-10.")
    (f,) = by_code(review(root), "minutes-outdated")
    assert str(f.location) == MINUTES and f.params["max"] == 12 and f.params["months"] == 17
    assert review(root, minutes_max_age_months=24).decision == "admit"


def test_the_meeting_date_is_the_one_after_a_meeting_word(tmp_path):
    root = application(tmp_path / "a")
    put(root, MINUTES, "Styrelseprotokoll", f"Org.nr {ORG}. Årsredovisningen för 2024-01-01 - 2024-12-31 behandlades.",
        "Protokoll fört vid styrelsemöte 2026-05-04.", "Nästa möte 2027-01-20.")
    minutes = doc(review(root), "minutes")
    assert (minutes.date, minutes.age_months, minutes.current) == ("2026-05-04", 6, True)


def test_only_staff_meeting_minutes_do_not_count(tmp_path):
    root = application(tmp_path / "a", participation=None)
    (root / MINUTES).unlink()
    (f,) = by_code(review(root), "minutes-not-board")
    assert f.location.file == "evidence/protokoll/apt-2026-09.pdf"


def test_undated_minutes(tmp_path):
    root = application(tmp_path / "a")
    put(root, MINUTES, "Styrelseprotokoll", f"Org.nr {ORG}", "Protokoll fört vid styrelsemöte. Närvarande: alla.")
    result = review(root)
    (f,) = by_code(result, "minutes-undated")
    assert str(f.location) == MINUTES and f in result.reasons and doc(result, "minutes").current is False


def test_failing_principles_decide_and_remarks_do_not(tmp_path):
    pay = [{"role": "Chef", "monthly_sek": 45000}, {"role": "Medarbetare", "monthly_sek": 16000}]
    owners = [{"name": "Medlemmarna", "kind": "members", "share_percent": 90}, {"name": "Kommunen", "kind": "kommun", "share_percent": 10}]
    result = review(application(tmp_path / "a", pay=pay, owners=owners))
    assert result.decision == "come-back-later"
    assert {f.code for f in result.reasons} == {"pay-ratio-exceeded", "public-owner"}
    assert all(f.location.file == "company.yaml" and f.location.line for f in result.reasons)
    by_id = {p.id: p.status for p in result.principles}
    assert by_id == {"ASF-1": "ready", "ASF-2": "ready", "ASF-3": "failing", "ASF-4": "failing"}

    headcount = {"employees": 10, "target_group_employees": 7, "target_group_hired_last_24_months": 0, "work_training_participants": 4}
    remark_only = review(application(tmp_path / "b", headcount=headcount))
    assert remark_only.decision == "admit"
    assert [f.code for f in remark_only.notes] == ["target-group-no-recent-hires"]


def test_missing_profile_data_cannot_be_decided(tmp_path):
    result = review(application(tmp_path / "a", owners=None))
    (f,) = by_code(result, "profile-missing")
    assert f.requirement == "ASF-4.b" and f.severity == "blocker"
    assert result.decision == "come-back-later"
    assert next(p for p in result.principles if p.id == "ASF-4").status == "open"


def test_personal_identity_number_is_a_masked_note(tmp_path):
    root = application(tmp_path / "a")
    put(root, "evidence/lon/lonelista.pdf", "Lonelista", "Anställd 811218-9876 har lön 25 000 kr.")
    result = review(root)
    assert result.decision == "admit"
    (f,) = by_code(result, "personal-number-found")
    assert f.severity == "warning" and "811218-9876" not in json.dumps(result.to_dict())


def test_cli_single_writes_nothing_and_exits_by_decision(tmp_path):
    root = application(tmp_path / "a")
    before = snapshot(root)
    proc = cli("intake", str(root), "--as-of", AS_OF.isoformat(), "--no-cache")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Beslut: Antas" in proc.stdout
    (root / STATUTES).unlink()
    proc = cli("intake", str(root), "--as-of", AS_OF.isoformat(), "--lang", "en", "-f", "markdown")
    assert proc.returncode == 1
    assert "**Decision: Come back later**" in proc.stdout and "`evidence-kind-missing`" in proc.stdout
    del before[STATUTES]
    assert snapshot(root) == before


@pytest.mark.parametrize(
    "make",
    [
        lambda root: (root / "company.yaml").write_text("name: x\n\torg_number: y\n"),
        lambda root: (root / "company.yaml").write_text("name: Bra AB\norg_number: [1]\n"),
    ],
    ids=["tabs", "wrong-type"],
)
def test_broken_company_file_is_unusable(tmp_path, make):
    root = application(tmp_path / "a")
    make(root)
    proc = cli("intake", str(root), "--as-of", AS_OF.isoformat(), "-f", "json")
    assert proc.returncode == 2 and "Traceback" not in proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert data["decision"] == "unusable"
    assert data["reasons"][0]["file"] == "company.yaml" and data["reasons"][0]["line"] == 2


@pytest.mark.parametrize("args, code", [
    (["does-not-exist"], "folder-not-found"),
    (["empty"], "intake-not-an-application"),
    (["--batch", "app"], "intake-batch-of-one"),
])
def test_unusable_folders_exit_2(tmp_path, args, code):
    (tmp_path / "empty").mkdir()
    application(tmp_path / "app")
    proc = subprocess.run([ASFCERT, "intake", "--lang", "en", *args], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert proc.returncode == 2 and f"asfcert: {args[-1]}: " in proc.stderr and f"[{code}]" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_batch_is_automatic_and_ends_with_a_summary(tmp_path):
    batch = tmp_path / "ansokningar"
    application(batch / "a-klar")
    application(batch / "b-lon", pay=[{"role": "Chef", "monthly_sek": 45000}, {"role": "Medarbetare", "monthly_sek": 16000}])
    (batch / "zz-arkiv").mkdir()  # not an application: skipped
    proc = cli("intake", str(batch), "--as-of", AS_OF.isoformat(), "--lang", "en")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    summary = proc.stdout[proc.stdout.index("Summary"):]
    assert "a-klar" in summary and "Admit" in summary and "Come back later" in summary
    assert "2 applications: 1 admit, 1 come back later" in proc.stdout
    assert "Skipped (not an application): zz-arkiv" in proc.stdout

    proc = cli("intake", str(batch), "--as-of", AS_OF.isoformat(), "-f", "json")
    data = json.loads(proc.stdout)
    assert data["format"] == "asfcert-intake-batch/1" and data["summary"] == {"applications": 2, "admit": 1, "come-back-later": 1, "unusable": 0}
    assert [a["decision"] for a in data["applications"]] == ["admit", "come-back-later"]

    (batch / "c-trasig").mkdir()
    (batch / "c-trasig" / "company.yaml").write_text("name: [\n")
    proc = cli("intake", "--batch", str(batch), "--as-of", AS_OF.isoformat(), "-f", "markdown")
    assert proc.returncode == 2
    assert "| c-trasig |" in proc.stdout and "Fel i indata" in proc.stdout


def test_batch_all_admitted_exits_0(tmp_path):
    application(tmp_path / "b" / "one")
    application(tmp_path / "b" / "two")
    assert cli("intake", str(tmp_path / "b"), "--as-of", AS_OF.isoformat()).returncode == 0


def test_example_applications(tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "ansokningar")
    proc = cli("intake", str(tmp_path / "ansokningar"), "--as-of", "2026-11-22", "-f", "json", "--no-cache")
    assert proc.returncode == 1, proc.stderr
    apps = {Path(a["folder"]).name: a for a in json.loads(proc.stdout)["applications"]}
    codes = {name: sorted(r["code"] for r in a["reasons"]) for name, a in apps.items()}
    assert codes == {
        "bageriet-surdegen": [],
        "flyttlaget": ["annual-report-outdated", "evidence-kind-missing"],
        "snickeriet-kvist": ["document-org-number-missing", "public-owner", "supervisor-public-sector"],
    }
    assert apps["bageriet-surdegen"]["decision"] == "admit"
    org = next(r for r in apps["snickeriet-kvist"]["reasons"] if r["code"] == "document-org-number-missing")
    assert (org["file"], org["rule"]) == ("evidence/protokoll/styrelsemote-2026-08-27.pdf", "minutes-dated")
    assert "802546-9746" in org["params"]["other"]

"""`certify`: the certificate PDF (read back with pypdf), the stamp, the record, unique
numbers, refusals, re-certification, completing an interrupted run, suspend/withdraw."""

import datetime as dt
import hashlib
import io
import re
import shutil
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from audit_helpers import (
    AUDITOR,
    DECIDED,
    NAME,
    ORG,
    RECERTIFIED,
    audit,
    certify,
    decide,
    pdf_text,
    redecide,
    set_results,
    setup,
)
from helpers import pdf_bytes, write_tree

from asfcert.base.errors import UserError


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    root = setup(tmp_path_factory.mktemp("certify"))
    decide(root, {"3.9.b": "remark"})
    return root, certify(root)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_certificate_pdf_shows_what_it_certifies(issued):
    root, result = issued
    rec = result.record
    assert (rec.number, result.action) == ("ASF-2026-0001", "issued")
    assert (rec.effective, rec.valid_until) == (DECIDED, dt.date(2028, 11, 29))
    pdf = root / "certificate" / "ASF-2026-0001-sv.pdf"
    text = _flat(pdf_text(pdf))
    for expected in [NAME, ORG, "ASF-2026-0001", "2026-11-30", "2028-11-29", "SKOOPI", "asf-pas10", "2026.1",
                     "CERTIFIKAT", rec.code, AUDITOR]:
        assert expected in text, expected
    # the remark stays in the record, off the framed certificate
    assert [r.requirement for r in rec.remarks] == ["3.9.b"]
    for absent in ["3.9.b", "2027-05-30", "nmärkning", "asfcert verify"]:
        assert absent not in text, absent
    from pypdf import PdfReader

    assert PdfReader(str(pdf)).metadata.subject == "ASF-2026-0001"
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == rec.documents["sv"].sha256


def test_the_record_is_in_the_registry_and_copied_to_the_company(issued):
    from asfcert.records import audit_record as record
    from asfcert.records import registry

    root, result = issued
    reg = registry.find(root)
    assert registry.get(reg, "ASF-2026-0001") == result.record
    assert reg.pdf_path("ASF-2026-0001", "sv").read_bytes() == (root / "certificate" / "ASF-2026-0001-sv.pdf").read_bytes()
    assert (root / "certificate" / "ASF-2026-0001.yaml").is_file()
    assert record.load(root).model.decision.certificate == "ASF-2026-0001"
    assert result.record.company.folder == "omgang-ht2026/grona"
    assert {f.path for f in result.record.snapshot.files} >= {"company.yaml", "evidence/stadgar/stadgar.pdf"}


def test_the_stamp_as_svg_and_png(issued):
    from PIL import Image

    root, _ = issued
    svg = (root / "certificate" / "stamp-ASF-2026-0001-sv.svg").read_text(encoding="utf-8")
    tree = ET.fromstring(svg)
    texts = [t.text for t in tree.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["CERTIFIERAT", "ASF", "SKOOPI", "ASF-2026-0001", "t.o.m. 2028-11-29"]
    image = Image.open(io.BytesIO((root / "certificate" / "stamp-ASF-2026-0001-sv.png").read_bytes()))
    assert image.format == "PNG" and image.size == (480, 480)
    assert image.getpixel((240, 240))[3] == 255 and image.getpixel((2, 2))[3] == 0  # round, transparent corners


def test_an_english_certificate_is_added_to_the_same_record(issued):
    from asfcert.records import registry

    root, _ = issued
    result = certify(root, lang="en")
    assert result.action == "completed" and result.record.number == "ASF-2026-0001"
    text = _flat(pdf_text(root / "certificate" / "ASF-2026-0001-en.pdf"))
    assert "CERTIFICATE" in text and NAME in text and "2028-11-29" in text
    assert "emark" not in text and "2027-05-30" not in text
    assert set(registry.get(registry.find(root), "ASF-2026-0001").documents) == {"sv", "en"}


def test_an_interrupted_run_is_completed_with_the_same_bytes(issued):
    root, result = issued
    pdf = root / "certificate" / "ASF-2026-0001-sv.pdf"
    issued_bytes = pdf.read_bytes()
    shutil.rmtree(root / "certificate")
    again = certify(root)
    assert again.action == "completed" and pdf.read_bytes() == issued_bytes
    assert again.record.documents["sv"] == result.record.documents["sv"]


def test_numbers_count_up_per_year(tmp_path):
    root = setup(tmp_path, examples=("vaxthuset",))
    other = root.parent / "vaxthuset"
    decide(root)
    decide(other)
    assert [certify(root).record.number, certify(other).record.number] == ["ASF-2026-0001", "ASF-2026-0002"]


def _allocate(args):
    """Claim a number and commit its record, as `certify` does (nothing else written)."""
    from asfcert.records import registry

    reg_root, year, count = args
    reg = registry.find(None, reg_root)
    numbers = []
    for i in range(count):
        number, record = registry.reserve(reg, year, f"run-{id(reg)}-{i}", _record)
        assert registry.commit(reg, number, registry.checked_dump(record))
        registry.release(reg, number)
        numbers.append(number)
    return numbers


def _record(number):
    from asfcert.formats.certificate import CertificateRecord

    return CertificateRecord.model_validate({
        "format": "asfcert-certificate/1", "number": number, "certifier": "SKOOPI",
        "company": {"name": NAME, "org_number": ORG}, "standard": {"id": "asf-pas10", "version": "2026.1"},
        "decision": {"id": number, "date": DECIDED, "auditor": AUDITOR, "outcome": "certified"},
        "effective": DECIDED, "valid_until": dt.date(2028, 11, 29), "issued": DECIDED, "code": "AAAAA-BBBBB",
    })


def test_concurrent_runs_never_get_the_same_number(tmp_path):
    from audit_helpers import registry as make_registry

    reg = make_registry(tmp_path / "reg")
    with ProcessPoolExecutor(max_workers=6) as pool:
        numbers = [n for batch in pool.map(_allocate, [(reg, 2026, 5)] * 6) for n in batch]
    assert len(numbers) == 30 and len(set(numbers)) == 30
    assert sorted(numbers) == [f"ASF-2026-{i:04d}" for i in range(1, 31)]


def _certify_number(root):
    return certify(root).record.number


def test_two_runs_for_the_same_decision_issue_one_certificate(tmp_path):
    from asfcert.records import registry

    root = setup(tmp_path)
    decide(root)
    with ProcessPoolExecutor(max_workers=2) as pool:
        numbers = list(pool.map(_certify_number, [root, root]))
    assert numbers == ["ASF-2026-0001", "ASF-2026-0001"]
    assert [r.number for r in registry.records(registry.find(root))] == ["ASF-2026-0001"]


@pytest.mark.parametrize("case", ["no-audit", "undecided", "not-certified", "changed"])
def test_certify_refuses_what_the_decision_does_not_allow(tmp_path, case):
    root = setup(tmp_path)
    if case == "undecided":
        audit(root)
    elif case == "not-certified":
        decide(root, {"3.5.a": "major"})
    elif case == "changed":
        decide(root)
        write_tree(root, {"evidence/stadgar/stadgar.pdf": pdf_bytes("Stadgar", "Ändrad")})
    with pytest.raises(UserError) as err:
        certify(root)
    assert err.value.exit_code == 1
    assert not (root / "certificate").exists() and not (root.parents[1] / "certificates").exists()


def test_without_a_registry_certify_says_how_to_make_one(tmp_path):
    root = setup(tmp_path)
    decide(root)
    (root.parents[1] / "registry.yaml").unlink()
    with pytest.raises(UserError) as err:
        certify(root, registry=None)
    assert err.value.exit_code == 2 and "format: asfcert-registry/1" in err.value.hint.en


def test_recertification_refers_to_the_previous_certificate(tmp_path):
    from asfcert.certify import verify

    root = setup(tmp_path)
    decide(root)
    first = certify(root).record
    write_tree(root, {"evidence/protokoll/styrelse-2027-02.pdf": pdf_bytes("Protokoll 2027")})
    later = dt.date(2027, 2, 15)  # early re-certification, while the 2025 annual report is current
    restarted = audit(root, new=True, today=later)
    assert restarted.archived == "audit/history/2026-11-30" and (root / restarted.archived / "audit.yaml").is_file()
    assert restarted.since_certificate.number == first.number
    assert [f.path for f in restarted.since_certificate.files.added] == ["evidence/protokoll/styrelse-2027-02.pdf"]
    set_results(root)
    audit(root, today=later, decide=True)
    second = certify(root, today=later).record
    assert (second.number, second.previous, second.effective) == ("ASF-2027-0001", first.number, later)
    old = verify.verify(first.number, registry_dir=root.parents[1], today=later + dt.timedelta(days=1))
    assert old.verdict == "superseded" and old.record.superseded_by == second.number
    # the new certificate's page also names the one it replaces: its PDF is still valid
    new_pdf = verify.verify(str(root / "certificate" / f"{second.number}-sv.pdf"), today=later + dt.timedelta(days=1))
    assert (new_pdf.verdict, new_pdf.number, new_pdf.exit_code) == ("valid", second.number, 0)


def test_suspend_reinstate_and_withdraw(tmp_path):
    from asfcert.certify import status

    root = setup(tmp_path)
    decide(root)
    number = certify(root).record.number
    reg = root.parents[1]
    assert status.change(number, "suspend", "Anmärkningen är inte åtgärdad", registry_dir=reg).record.status == "suspended"
    with pytest.raises(UserError) as err:
        status.change(number, "suspend", "igen", registry_dir=reg)
    assert err.value.exit_code == 1
    assert status.change(number, "reinstate", "Åtgärdad", registry_dir=reg).record.status == "valid"
    rec = status.change(number, "withdraw", "Verksamheten har upphört", registry_dir=reg).record
    assert rec.status == "withdrawn" and [e.action for e in rec.events] == ["issued", "suspended", "reinstated", "withdrawn"]
    assert "withdrawn" in (root / "certificate" / f"{number}.yaml").read_text(encoding="utf-8")  # the company's copy follows
    with pytest.raises(UserError):
        status.change(number, "reinstate", "Ångrar", registry_dir=reg)
    with pytest.raises(UserError):
        status.change(number, "withdraw", "  ", registry_dir=reg)


def test_company_records_summarise_decision_and_certificate(issued):
    from asfcert.records.certificates import company_records

    root, _ = issued
    info = company_records(root, dt.date(2027, 1, 1))
    assert info["decision"] == "certified-with-remarks" and info["certificate"] == "ASF-2026-0001"
    assert info["certificate_status"] == "valid" and info["valid_until"] == "2028-11-29"
    assert info["open_remarks"] == [{"requirement": "3.9.b", "text": "Riskbedömning för deltagare", "deadline": "2027-05-30"}]
    assert company_records(root, dt.date(2029, 1, 1))["certificate_status"] == "expired"


def test_closing_a_remark(tmp_path):
    """Closes a remark through the core and the command line (own registry: it mutates)."""
    import os
    import subprocess
    import sys

    from asfcert.certify import status
    from asfcert.records.certificates import company_records

    root = setup(tmp_path)
    decide(root, {"3.9.b": "remark", "3.6.a": "remark"})
    number = certify(root).record.number
    reg = root.parents[1]
    with pytest.raises(UserError) as err:
        status.close_remark(number, "3.1.a", "Fel krav", registry_dir=reg)
    assert err.value.exit_code == 1 and "3.9.b" in err.value.message.en
    with pytest.raises(UserError):
        status.close_remark(number, "3.9.b", "   ", registry_dir=reg)
    rec = status.close_remark(number, "3.9.b", "Riskbedömningen är gjord", registry_dir=reg, today=dt.date(2027, 2, 1)).record
    closed = {r.requirement: r.closed for r in rec.remarks}
    assert closed == {"3.6.a": None, "3.9.b": dt.date(2027, 2, 1)} and rec.events[-1].action == "remark-closed"
    open_now = company_records(root, dt.date(2027, 6, 1))["open_remarks"]  # the company's copy follows
    assert [r["requirement"] for r in open_now] == ["3.6.a"]
    with pytest.raises(UserError):
        status.close_remark(number, "3.9.b", "igen", registry_dir=reg)

    base = [str(Path(sys.executable).parent / "asfcert"), "certify", "--registry", str(reg), "--lang", "en"]
    missing = subprocess.run(base + ["--close-remark", number, "--reason", "x"], capture_output=True, text=True, env=os.environ)
    assert missing.returncode == 2 and "--requirement" in missing.stderr
    done = subprocess.run(base + ["--close-remark", number, "--requirement", "3.6.a", "--reason", "Miljöpolicyn är antagen"],
                          capture_output=True, text=True, env=os.environ)
    assert done.returncode == 0, done.stderr
    assert "Remarks still open: –" in done.stdout


def _paste_comment(root, text: str) -> Path:
    """An auditor pastes a text into the first empty `comment:` of the decided record."""
    path = root / "audit" / "audit.yaml"
    original = path.read_text(encoding="utf-8")
    assert "    comment:\n" in original
    path.write_text(original.replace("    comment:\n", f"    comment: {text}\n", 1), encoding="utf-8")
    return path


def _nothing_issued(root) -> None:
    certificates = root.parents[1] / "certificates"
    assert not certificates.exists() or not [p.name for p in certificates.iterdir() if not p.name.endswith(".lock")]
    assert not (root / "certificate").exists()


@pytest.mark.parametrize("pasted", ["Se protokollet\tfrån mars", "\tSe protokollet från mars\t"])
def test_a_tab_pasted_into_a_comment_is_text(tmp_path, pasted):
    """Regression: the tab passed the first YAML loader and not a second, stricter one;
    `audit` failed (exit 70), `certify` wrote ASF-2027-0001 and then failed, and so did every
    rerun. Every reader of the record now reads it with the one loader, which takes a tab
    in a line of text as YAML does."""
    from asfcert.records import audit_record

    root = setup(tmp_path)
    decide(root)
    _paste_comment(root, pasted)
    assert audit(root).action == "unchanged"
    issued = certify(root)
    assert (issued.action, issued.record.number) == ("issued", "ASF-2026-0001")
    model = audit_record.load(root).model
    assert model.decision.certificate == "ASF-2026-0001"
    assert pasted.strip("\t") in [e.comment for e in model.requirements.values() if e]


def test_a_next_line_character_in_a_comment_is_a_line_break_everywhere(tmp_path):
    """U+0085 (NEL) is a line break in YAML: every reader of the record (check, audit,
    certify) takes it as one, so the record is usable and the certificate is issued whole."""
    from asfcert.records import audit_record

    root = setup(tmp_path)
    decide(root)
    _paste_comment(root, "Se protokollet\x85från mars")
    assert audit(root).action == "unchanged"
    issued = certify(root)
    assert issued.action == "issued" and audit_record.load(root).model.decision.certificate == issued.record.number
    assert "Se protokollet från mars" in [e.comment for e in audit_record.load(root).model.requirements.values() if e]


def test_a_record_that_cannot_be_read_is_refused_before_a_number_is_taken(tmp_path):
    """A tab used as indentation in a pasted text: every command refuses the record with its
    line, and `certify` takes no number, however often it is run."""
    root = setup(tmp_path)
    decide(root)
    path = _paste_comment(root, "x\n\tfrån mars")
    line = path.read_text(encoding="utf-8").split("\n").index("\tfrån mars") + 1
    for run in (lambda: audit(root), lambda: audit(root, decide=True), lambda: certify(root), lambda: certify(root)):
        with pytest.raises(UserError) as err:
            run()
        assert (err.value.code, err.value.exit_code) == ("audit-record-unusable", 2)
        (finding,) = err.value.findings
        assert (finding.code, finding.location.file, finding.location.line) == ("yaml-tab", "audit/audit.yaml", line)
        _nothing_issued(root)
    path.write_text(path.read_text(encoding="utf-8").replace("x\n\tfrån mars", "Se protokollet"), encoding="utf-8")
    assert certify(root).record.number == "ASF-2026-0001"


def test_a_failure_before_the_commit_rolls_everything_back(tmp_path, monkeypatch):
    from asfcert.records import certificates, registry

    root = setup(tmp_path)
    decide(root)
    real = certificates.save_file

    def full_disk(path, data):
        if path.suffix == ".png":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(certificates, "save_file", full_disk)
    with pytest.raises(OSError):
        certify(root)
    _nothing_issued(root)
    monkeypatch.setattr(certificates, "save_file", real)
    result = certify(root)
    assert (result.action, result.record.number) == ("issued", "ASF-2026-0001")
    reg = registry.find(root)
    assert registry.pending(reg, result.record.decision.id) == []


def test_a_run_that_stopped_before_its_commit_is_rolled_back(tmp_path):
    """What a killed run leaves before the commit (the claim and the prepared files) is
    removed by the next run, which issues the certificate whole."""
    from asfcert.records import registry

    root = setup(tmp_path)
    decision_id = decide(root).decision.id
    certificates = root.parents[1] / "certificates"
    certificates.mkdir()
    (certificates / ".ASF-2026-0001.pending").write_text(f"{decision_id}\n")
    (certificates / "ASF-2026-0001-en.pdf").write_bytes(b"%PDF-1.7 half")
    (root / "certificate").mkdir()
    (root / "certificate" / "stamp-ASF-2026-0001-en.svg").write_text("<svg/>")
    result = certify(root)
    assert (result.action, result.record.number) == ("issued", "ASF-2026-0001")
    assert sorted(p.name for p in certificates.iterdir() if not p.name.endswith(".lock")) == ["ASF-2026-0001-sv.pdf", "ASF-2026-0001.yaml"]
    assert not (root / "certificate" / "stamp-ASF-2026-0001-en.svg").exists()
    assert registry.pending(registry.find(root), decision_id) == []


def test_a_claim_of_another_decision_is_left_alone(tmp_path):
    root = setup(tmp_path)
    decide(root)
    certificates = root.parents[1] / "certificates"
    certificates.mkdir()
    (certificates / ".ASF-2026-0001.pending").write_text("another-decision\n")
    assert certify(root).record.number == "ASF-2026-0002"
    assert (certificates / ".ASF-2026-0001.pending").is_file()


def test_a_run_that_stopped_after_its_commit_is_completed(tmp_path):
    """The certificate exists once its record is in the registry; the next run writes what
    the stopped run had not: the company's copy, the previous certificate superseded, the
    number in the audit record, and removes the claim."""
    from asfcert.records import audit_record, registry

    root = setup(tmp_path)
    decide(root)
    first = certify(root).record
    later = RECERTIFIED
    decided = redecide(root, later).decision
    record_before = (root / "audit" / "audit.yaml").read_bytes()
    second = certify(root, today=later).record
    reg = registry.find(root)
    # undo what happens after the commit
    (root / "audit" / "audit.yaml").write_bytes(record_before)
    (root / "certificate" / f"{second.number}.yaml").unlink()
    old = registry.get(reg, first.number)
    reg.record_path(first.number).write_text(registry.checked_dump(old.model_copy(update={
        "superseded_by": None, "superseded_on": None, "events": old.events[:-1]})), encoding="utf-8")
    registry.pending_path(reg, second.number).write_text(f"{decided.id}\n")

    again = certify(root, today=later)
    assert (again.action, again.record.number) == ("completed", second.number)
    assert (root / "certificate" / f"{second.number}.yaml").is_file()
    assert audit_record.load(root).model.decision.certificate == second.number
    assert registry.get(reg, first.number).superseded_by == second.number
    assert registry.pending(reg, decided.id) == [] and not registry.pending_path(reg, second.number).exists()


def test_refusals_carry_codes(tmp_path):
    root = setup(tmp_path)
    with pytest.raises(UserError) as err:
        certify(root)
    assert (err.value.code, err.value.exit_code) == ("certify-no-decision", 1)
    decide(root, {"3.5.a": "major"})
    with pytest.raises(UserError) as err:
        certify(root)
    assert (err.value.code, err.value.params["date"]) == ("certify-not-certified", DECIDED.isoformat())

"""audit, certify and verify as a user runs them: exit codes, messages, no tracebacks."""

import json

import pytest
from audit_helpers import AUDITOR, SUPERVISOR, set_results, setup
from test_cli import cli as _cli
from trust_helpers import PASSPHRASE


def cli(*args):
    """asfcert with the passphrase of the registry's keys, as a certifier runs it."""
    return _cli(*args, env={"ASFCERT_KEY_PASSPHRASE": PASSPHRASE})

AS_OF = ["--as-of", "2026-11-30"]


def _ok(proc, code: int):
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_the_whole_workflow(tmp_path):
    root = setup(tmp_path)
    reg = root.parents[1]
    started = _ok(cli("audit", str(root), "--auditor", AUDITOR, *AS_OF), 1)  # results missing
    assert "saknar resultat" in started.stdout and "audit-results-missing" in started.stdout
    set_results(root, {"3.9.b": "remark"})
    decided = _ok(cli("audit", str(root), "--decide", *AS_OF), 0)
    assert "Certifierad med anmärkningar" in decided.stdout and "2027-05-30" in decided.stdout
    report = _ok(cli("audit", str(root), "--report", "--lang", "en", *AS_OF), 0)
    assert "audit-report-en.pdf" in report.stdout and (root / "audit" / "audit-report-en.html").is_file()

    issued = _ok(cli("certify", str(root), *AS_OF, "--format", "json"), 0)
    data = json.loads(issued.stdout)
    number = data["certificate"]["number"]
    assert (number, data["action"]) == ("ASF-2026-0001", "issued")
    pdf = root / "certificate" / f"{number}-sv.pdf"
    assert "Giltigt" in _ok(cli("verify", str(pdf), *AS_OF), 0).stdout

    copy = tmp_path / "kopia.pdf"
    copy.write_bytes(pdf.read_bytes() + b"\n% edited\n")
    altered = _ok(cli("verify", str(copy), "--registry", str(reg), *AS_OF, "--lang", "en"), 1)
    assert "Altered" in altered.stdout

    _ok(cli("certify", "--suspend", number, "--reason", "Anmärkning ej åtgärdad", "--registry", str(reg)), 0)
    verdict = json.loads(_ok(cli("verify", number, "--registry", str(reg), "--format", "json"), 1).stdout)
    assert verdict["verdict"] == "suspended" and verdict["exit_code"] == 1
    assert _ok(cli("verify", "ASF-2026-0999", "--registry", str(reg)), 1).stdout.startswith("Okänt")


def test_impartiality_refusal_exits_1_and_says_why(tmp_path):
    root = setup(tmp_path)
    proc = _ok(cli("audit", str(root), "--auditor", SUPERVISOR, *AS_OF, "--lang", "en"), 1)
    assert "Impartiality" in proc.stderr and "auditor-is-supervisor" in proc.stderr and "cohort.yaml" in proc.stderr
    assert not (root / "audit").exists()


def test_check_reports_changes_after_the_audit_and_writes_nothing(tmp_path):
    from test_cli import snapshot

    root = setup(tmp_path)
    _ok(cli("audit", str(root), "--auditor", AUDITOR, *AS_OF), 1)
    (root / "evidence" / "stadgar" / "stadgar.pdf").write_bytes(b"%PDF-1.4 changed")
    before = snapshot(root)
    proc = cli("check", str(root), *AS_OF, "--format", "json")
    assert "file-changed-since-audit" in {f["code"] for f in json.loads(proc.stdout)["findings"]}
    assert snapshot(root) == before


@pytest.mark.parametrize("case", ["broken-record", "broken-cohort", "no-folder", "certify-nothing", "certify-both", "bad-date"])
def test_unusable_input_exits_2_without_traceback(tmp_path, case):
    root = setup(tmp_path)
    args = ["audit", str(root), "--auditor", AUDITOR, *AS_OF]
    if case == "broken-record":
        (root / "audit").mkdir()
        (root / "audit" / "audit.yaml").write_text("format: asfcert-audit/1\nauditor: [\n", encoding="utf-8")
    elif case == "broken-cohort":
        (root.parent / "cohort.yaml").write_text("name: x\n\tterm: HT2026\n", encoding="utf-8")
    elif case == "no-folder":
        args = ["audit", str(tmp_path / "saknas"), "--auditor", AUDITOR]
    elif case == "certify-nothing":
        args = ["certify"]
    elif case == "certify-both":
        args = ["certify", str(root), "--withdraw", "ASF-2026-0001", "--reason", "x"]
    elif case == "bad-date":
        args = ["audit", str(root), "--as-of", "30/11/2026"]
    proc = _ok(cli(*args), 2)
    assert proc.stderr.strip()
    if case.startswith("broken"):
        assert ".yaml:" in proc.stderr  # file and line


def test_a_tab_in_a_comment_is_read_by_every_command(tmp_path):
    """Regression: `audit` and `audit --decide` exited 70, and `certify` wrote a certificate
    and then exited 70, on every rerun."""
    root = setup(tmp_path)
    _ok(cli("audit", str(root), "--auditor", AUDITOR, *AS_OF), 1)
    path = root / "audit" / "audit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    comment:\n", "    comment: SAM-kurs\tbokad\n", 1), encoding="utf-8")
    set_results(root)
    _ok(cli("audit", str(root), *AS_OF), 0)
    _ok(cli("audit", str(root), "--decide", *AS_OF), 0)
    issued = _ok(cli("certify", str(root), *AS_OF, "--format", "json"), 0)
    assert json.loads(issued.stdout)["certificate"]["number"] == "ASF-2026-0001"
    assert '"SAM-kurs\\tbokad"' in path.read_text(encoding="utf-8")  # written back quoted, with the tab


def test_an_unreadable_record_exits_2_with_its_line_and_takes_no_number(tmp_path):
    root = setup(tmp_path)
    _ok(cli("audit", str(root), "--auditor", AUDITOR, *AS_OF), 1)
    set_results(root)
    _ok(cli("audit", str(root), "--decide", *AS_OF), 0)
    path = root / "audit" / "audit.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    comment:\n", "    comment: SAM-kurs\n\tbokad\n", 1), encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index("\tbokad") + 1
    for args in (["audit", str(root)], ["audit", str(root), "--decide"], ["certify", str(root)], ["certify", str(root)]):
        proc = _ok(cli(*args, *AS_OF, "--lang", "en"), 2)
        assert "[audit-record-unusable]" in proc.stderr and f"audit/audit.yaml:{line}:1: yaml-tab" in proc.stderr
    assert not (root / "certificate").exists() and not (root.parents[1] / "certificates" / "ASF-2026-0001.yaml").exists()
    path.write_text(text, encoding="utf-8")
    issued = _ok(cli("certify", str(root), *AS_OF, "--format", "json"), 0)
    assert json.loads(issued.stdout)["certificate"]["number"] == "ASF-2026-0001"

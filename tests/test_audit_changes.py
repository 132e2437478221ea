"""Files changed after the audit snapshot are reported by `check` and `audit`, and block
the decision until the auditor has reviewed them and taken a new snapshot."""

import pytest
from audit_helpers import audit, set_results, setup
from helpers import pdf_bytes, run, write_tree

from asfcert.base.errors import UserError


def _changes(result) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in result.findings:
        if f.code.endswith("-since-audit"):
            out.setdefault(f.code, set()).add(f.location.file)
    return out


def test_check_reports_added_removed_and_modified_files(tmp_path):
    root = setup(tmp_path)
    audit(root)
    assert _changes(run(root)) == {}
    write_tree(root, {
        "evidence/stadgar/stadgar.pdf": pdf_bytes("Stadgar", "Ändrade efter revisionen."),
        "evidence/protokoll/extra-2026-12.pdf": pdf_bytes("Protokoll", "Nytt möte."),
    })
    (root / "evidence/kompetens/kompetensplan.pdf").unlink()
    (root / "company.yaml").write_text((root / "company.yaml").read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    result = run(root)
    assert _changes(result) == {
        "file-changed-since-audit": {"evidence/stadgar/stadgar.pdf", "company.yaml"},
        "file-added-since-audit": {"evidence/protokoll/extra-2026-12.pdf"},
        "file-removed-since-audit": {"evidence/kompetens/kompetensplan.pdf"},
    }
    changed = next(f for f in result.findings if f.code == "file-changed-since-audit" and f.location.file == "company.yaml")
    assert changed.severity == "warning" and "2026-11-22" in changed.message.en


def test_audit_reports_the_change_and_refuses_to_decide_until_a_new_snapshot(tmp_path):
    root = setup(tmp_path)
    audit(root)
    set_results(root)
    write_tree(root, {"evidence/stadgar/stadgar.pdf": pdf_bytes("Stadgar", "Ny version.")})
    result = audit(root)
    assert _changes(result) == {"file-changed-since-audit": {"evidence/stadgar/stadgar.pdf"}}
    assert result.exit_code == 1
    with pytest.raises(UserError) as err:
        audit(root, decide=True)
    assert err.value.exit_code == 1 and [f.code for f in err.value.findings] == ["file-changed-since-audit"]
    decided = audit(root, refresh=True, decide=True)
    assert decided.decision.outcome == "certified" and _changes(decided) == {}
    assert _changes(run(root)) == {}


def test_a_change_after_the_decision_is_reported_and_the_decision_kept(tmp_path):
    root = setup(tmp_path)
    audit(root)
    set_results(root)
    audit(root, decide=True)
    write_tree(root, {"evidence/ovrigt/nytt.pdf": pdf_bytes("Nytt")})
    result = audit(root)
    assert result.action == "unchanged" and result.decision.outcome == "certified"
    assert _changes(result) == {"file-added-since-audit": {"evidence/ovrigt/nytt.pdf"}}
    with pytest.raises(UserError):
        audit(root, refresh=True)  # a decided audit needs --decide with a new snapshot


def test_a_broken_record_does_not_break_check(tmp_path):
    root = setup(tmp_path)
    audit(root)
    (root / "audit" / "audit.yaml").write_text("snapshot: [\n", encoding="utf-8")
    result = run(root)
    assert result.usable and result.exit_code == 0
    (finding,) = [f for f in result.findings if f.code == "audit-record-unreadable"]
    assert finding.location.file == "audit/audit.yaml" and finding.location.line

"""The one engine (assess/engine.py): statuses decided by the findings' effects, findings
marked with the rule or checker that made them, the same verdicts for check and intake."""

import shutil

import pytest
from helpers import AS_OF, EVIDENCE, make_company, only, requirement, run

from asfcert.assess.engine import status_of
from asfcert.base.findings import Kind, Severity
from asfcert.base.i18n import L10n
from asfcert.base.vocab import Status

FAILS = Kind("test-fails", L10n("a", "a"), L10n("a", "a"))
OPENS = Kind("test-opens", L10n("a", "a"), L10n("a", "a"), effect="opens")
INFORMS = Kind("test-informs", L10n("a", "a"), L10n("a", "a"), severity=Severity.WARNING)


@pytest.mark.parametrize("kinds, evidence_open, answer, status", [
    ([], False, None, Status.READY),
    ([INFORMS], False, None, Status.READY),
    ([FAILS, INFORMS], False, None, Status.FAILING),
    ([FAILS, OPENS], False, None, Status.OPEN),
    ([FAILS], True, None, Status.OPEN),
    ([], False, "not-applicable", Status.NOT_APPLICABLE),
    ([FAILS], False, "not-applicable", Status.FAILING),
])
def test_the_effects_decide_the_status(kinds, evidence_open, answer, status):
    found = [k(severity=Severity.BLOCKER) for k in kinds]
    assert status_of(found, evidence_open, answer) is status


def test_rule_findings_name_their_rule_and_others_their_checker(tmp_path):
    pay = [{"role": "VD", "monthly_sek": 41000}, {"role": "Medarbetare", "monthly_sek": 16000}]
    answers = {"3.1.a": {"status": "met", "description": "Se stadgarna.", "evidence": ["evidence/stadgar/stadgr.pdf"]}}
    root = make_company(tmp_path / "c", pay=pay, owners=None, answers=answers)
    (root / EVIDENCE["registration-certificate"]).unlink()  # ASF-4.a, decided by machine, expects it
    result = run(root)
    rules = {f.code: f.rule for f in result.findings}
    assert rules["pay-ratio-exceeded"] == "pay-ratio"
    assert rules["profile-missing"] == "no-public-owner"  # a shared kind names the rule that found it
    assert (rules["answer-missing"], rules["evidence-not-found"], rules["evidence-kind-missing"]) == ("answers", "evidence", "evidence")
    assert only(result, "profile-missing").effect == "opens" and "input-missing" in only(result, "profile-missing").tags
    assert requirement(result, "ASF-4.b").status == "open" and requirement(result, "ASF-3.c").status == "failing"


def test_a_schema_error_names_its_checker(tmp_path):
    root = make_company(tmp_path / "c")
    (root / "company.yaml").write_text("name: Bra AB\norg_number: [1]\n", encoding="utf-8")
    f = next(f for f in run(root).findings if f.severity == "error")
    assert (f.rule, f.effect) == ("schema", "informs")


def test_a_cached_result_still_knows_what_its_findings_mean(tmp_path, monkeypatch):
    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / "cache"))
    root = make_company(tmp_path / "c", owners=None)
    fresh = run(root, use_cache=True)
    cached = run(root, use_cache=True)
    assert cached is not fresh
    assert [(f.code, f.rule, f.effect, f.tags) for f in cached.findings] == [(f.code, f.rule, f.effect, f.tags) for f in fresh.findings]
    assert [r.status for r in cached.requirements] == [r.status for r in fresh.requirements]
    assert all(isinstance(r.status, Status) for r in cached.requirements)


def test_check_and_intake_agree_on_the_principles(tmp_path):
    from asfcert.intake.review import IntakeOptions, review

    owners = [{"name": "Medlemmarna", "kind": "members", "share_percent": 90}, {"name": "Kommunen", "kind": "kommun", "share_percent": 10}]
    root = make_company(tmp_path / "c", owners=owners, headcount=None)
    checked = {r.id: r.status for r in run(root).requirements if r.id.startswith("ASF-") and r.decided_by == "machine"}
    shutil.rmtree(root / "self-assessment")
    reviewed = review(root, IntakeOptions(today=AS_OF, use_cache=False))
    at_intake = {r.id: r.status for p in reviewed.principles for r in p.requirements if r.status != Status.AUDITOR}
    assert at_intake == checked
    assert (checked["ASF-4.b"], checked["ASF-1.b"]) == (Status.FAILING, Status.OPEN)

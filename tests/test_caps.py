"""Caps (issue 12): at most 20 findings of one code per file, then one `findings-capped`
that counts the rest; at most 200 characters of a value from a file in a message."""

import json

from helpers import make_company, run

from asfcert.base.findings import (
    MAX_ECHOED_CHARS,
    MAX_PER_CODE_AND_FILE,
    Finding,
    Kind,
    Location,
    Severity,
    capped,
)
from asfcert.base.i18n import L10n

ITEMS = 40_000  # wrong items: within yamlfile.MAX_NODES, so each reaches validation
TEST_KIND = Kind("test-kind", L10n("t", "t"), L10n("{value}", "{value}"), severity=Severity.WARNING)


def made(n: int, file: str = "a.yaml", severity=Severity.WARNING) -> list[Finding]:
    return [TEST_KIND(location=Location(file, i + 1), severity=severity, value=i) for i in range(n)]


def test_the_first_twenty_of_a_code_per_file_are_kept_and_the_rest_counted():
    out = capped(made(25) + made(3, "b.yaml"))
    assert [f.location.line for f in out if f.code == "test-kind" and f.location.file == "a.yaml"] == list(range(1, 21))
    (summary,) = [f for f in out if f.code == "findings-capped"]
    assert (summary.location.file, summary.params["count"], summary.params["of"]) == ("a.yaml", 5, "test-kind")
    assert summary.effect == "informs" and summary.severity == "warning"
    assert summary.message.en.startswith("and 5 more `test-kind`") and summary.message.sv.startswith("och 5 till")
    assert len([f for f in out if f.location.file == "b.yaml"]) == 3


def test_capping_twice_counts_every_finding_once():
    once = capped(made(30, severity=Severity.ERROR))
    twice = capped(once + made(2, "b.yaml"))
    (summary,) = [f for f in twice if f.code == "findings-capped"]
    assert summary.params["count"] == 10 and summary.severity == "error"
    assert len(twice) == MAX_PER_CODE_AND_FILE + 1 + 2


def test_a_long_value_is_cut_in_the_message_and_the_params():
    f = TEST_KIND(value="x" * 5000)
    assert len(f.message.en) == MAX_ECHOED_CHARS and f.message.en.endswith("…")
    assert f.params["value"] == "x" * (MAX_ECHOED_CHARS - 1) + "…"


def test_a_huge_unknown_requirement_id_is_echoed_short(tmp_path):
    root = make_company(tmp_path / "c")
    (root / "self-assessment" / "extra.yaml").write_text(f"answers:\n  {'Q' * 1000}:\n    status: met\n", encoding="utf-8")
    f = next(f for f in run(root).findings if f.code == "answer-unknown-requirement")
    assert len(f.params["req"]) == MAX_ECHOED_CHARS and len(f.message.en) < 2 * MAX_ECHOED_CHARS


def test_many_missing_evidence_files_in_one_answer_are_capped(tmp_path):
    answers = {"3.1.a": {"status": "met", "description": "Se stadgarna.", "evidence": [f"evidence/saknas-{i}.pdf" for i in range(50)]}}
    result = run(make_company(tmp_path / "c", answers=answers))
    assert len([f for f in result.findings if f.code == "evidence-not-found"]) == MAX_PER_CODE_AND_FILE
    summary = next(f for f in result.findings if f.code == "findings-capped")
    assert (summary.params["of"], summary.params["count"]) == ("evidence-not-found", 30)
    assert next(r for r in result.requirements if r.id == "3.1.a").status == "open"  # every finding decided it


def _wrong_items(root, items: int):
    big = root / "self-assessment" / "extra.yaml"
    big.write_text("answers:\n  3.1.a:\n    status: met\n    evidence: [" + ", ".join(["1"] * items) + "]\n", encoding="utf-8")
    return big


def test_the_423_kb_list_of_issue_12_is_refused_in_a_moment(tmp_path):
    """The self-assessment of issue 12, `evidence: [1, 1, … ×140,000]`: each item used to be
    a finding (44-60 s, 1.6 GB and 148 MB of JSON). It has more values than any asfcert file
    (yamlfile.MAX_NODES): one finding, before the list is even built."""
    import time

    root = make_company(tmp_path / "c")
    assert _wrong_items(root, 140_000).stat().st_size > 400_000
    start = time.monotonic()
    result = run(root)
    assert time.monotonic() - start < 10 and result.exit_code == 2
    [f] = [f for f in result.findings if f.location.file == "self-assessment/extra.yaml"]
    assert f.code == "yaml-too-many-values" and len(json.dumps(result.to_dict(), ensure_ascii=False)) < 100_000


def test_a_list_of_40000_wrong_items_makes_twenty_findings(tmp_path, monkeypatch):
    """Within the YAML limits, a list of wrong items makes 20 findings and the rest are only
    counted, so the run costs the parse and little more, and the JSON output is small."""
    from asfcert.io import schema_errors

    root = make_company(tmp_path / "c")
    _wrong_items(root, ITEMS)
    calls = []
    one = schema_errors._one
    monkeypatch.setattr(schema_errors, "_one", lambda *a: calls.append(1) or one(*a))
    result = run(root)
    assert len(calls) == MAX_PER_CODE_AND_FILE
    summary = next(f for f in result.findings if f.code == "findings-capped")
    assert (summary.location.file, summary.params["of"], summary.params["count"]) == (
        "self-assessment/extra.yaml", "schema-type", ITEMS - MAX_PER_CODE_AND_FILE)
    assert result.exit_code == 2

    data = json.dumps(result.to_dict(), ensure_ascii=False)
    assert len(data) < 100_000 and len(result.findings) <= 2 * MAX_PER_CODE_AND_FILE

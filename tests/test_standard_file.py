"""The standard file: the shipped one is valid and complete; a broken one is refused
with located errors."""

import pytest
from helpers import make_company, run

from asfcert.base.errors import UserError
from asfcert.base.resources import default_standard
from asfcert.standard.load import load_standard


def shipped():
    return load_standard(None)[0]


def test_shipped_standard_covers_every_area():
    std = shipped()
    assert {c.id for c in std.clauses if c.part == "pas"} == {f"3.{i}" for i in range(1, 10)}
    assert {c.id for c in std.clauses if c.part == "asf-definition"} == {"ASF-1", "ASF-2", "ASF-3", "ASF-4"}
    skoopi = [r for r in std.requirements if r.clause == "SKOOPI"]
    assert len(skoopi) == 3
    # each sub-point of SKOOPI's four principles is its own requirement
    assert {r.id for r in std.requirements if r.clause.startswith("ASF-")} == {
        "ASF-1.a", "ASF-1.b", "ASF-1.c", "ASF-2.a", "ASF-2.b", "ASF-2.c",
        "ASF-3.a", "ASF-3.b", "ASF-3.c", "ASF-3.d", "ASF-4.a", "ASF-4.b", "ASF-4.c",
    }


def test_every_requirement_has_both_languages_easy_read_and_guidance():
    for r in shipped().requirements:
        for words in (r.title, r.text, r.easy, r.guidance):
            assert words is not None and words.sv.strip() and words.en.strip(), r.id


def test_machine_requirements_name_their_rules():
    rules = {r.id: [c.rule for c in r.checks] for r in shipped().requirements if r.decided_by == "machine"}
    assert rules["ASF-3.c"] == ["pay-ratio"] and rules["ASF-4.b"] == ["no-public-owner"]
    assert rules["ASF-4.a"] == ["org-number"] and rules["ASF-4.c"] == ["supervisors-not-public"]
    assert rules["ASF-3.a"] == ["no-dividends", "filing-dividends"] and rules["ASF-2.b"] == ["participation-documented"]
    # requirements the auditor decides may carry advisory checks that read the documents
    advisory = {r.id: [c.rule for c in r.checks] for r in shipped().requirements if r.decided_by == "auditor" and r.checks}
    assert advisory == {"3.1.a": ["statutes-wording"], "3.8.c": ["minutes-dated"]}
    assert rules["3.2.a"] == ["finances-reported", "annual-report", "annual-report-filing"]


def broken(tmp_path, old, new):
    text = default_standard().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "std.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_standard(path)
    return path, {(f.code, f.location.line) for f in err.value.findings}, err.value.findings


def test_unknown_rule_suggests_the_right_one(tmp_path):
    path, found, findings = broken(tmp_path, "rule: pay-ratio", "rule: pay-ratoi")
    line = next(i for i, l in enumerate(path.read_text().splitlines(), 1) if "pay-ratoi" in l)
    assert ("schema-value", line) in found
    assert "`pay-ratio`" in findings[0].hint.en


def test_unknown_rule_parameter(tmp_path):
    _, found, findings = broken(tmp_path, "max: 2.5", "maximum: 2.5")
    assert [f.code for f in findings] == ["schema-unknown-field"]
    assert "`max`" in findings[0].hint.en


def test_broken_references_are_located(tmp_path):
    path, found, _ = broken(tmp_path, 'clause: "3.1"', 'clause: "3.10"')
    assert {c for c, _ in found} == {"standard-reference"}
    _, found, _ = broken(tmp_path, "evidence: [statutes]", "evidence: [stadgar]")
    assert {c for c, _ in found} == {"standard-reference"}


def test_duplicate_requirement_id(tmp_path):
    _, found, _ = broken(tmp_path, "- id: 3.1.b", "- id: 3.1.a")
    assert {c for c, _ in found} == {"standard-reference"}


def test_licensee_copy_with_other_words_is_used(tmp_path):
    text = default_standard().read_text(encoding="utf-8").replace("version: \"2026.1\"", "version: \"licensee-1\"")
    path = tmp_path / "licensee.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(make_company(tmp_path / "c"), standard=path)
    assert result.standard["version"] == "licensee-1" and result.exit_code == 0

"""`asfcert standard show` and `asfcert standard validate`, run as a user runs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ASFCERT = str(Path(sys.executable).parent / "asfcert")
SHIPPED = Path(__file__).resolve().parents[1] / "standard" / "asf-pas10.yaml"


def cli(*args):
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([ASFCERT, *args], capture_output=True, text=True, env=env, timeout=60)


def standard():
    from asfcert.standard.load import load_standard

    return load_standard(None)[0]


def licensee_copy(tmp_path: Path, **replacements: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "licens.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_show_lists_every_clause_and_requirement():
    proc = cli("standard", "show")
    assert proc.returncode == 0, proc.stderr
    std = standard()
    for item in [*std.clauses, *std.requirements]:
        assert f"{item.id}  " in proc.stdout, item.id
    line = next(x for x in proc.stdout.splitlines() if "D2016-2" in x)
    assert "avstängt" in line
    assert "3.1.a  Arbetsintegrering är ändamålet  · hinder · revisorn" in proc.stdout


def test_show_easy_adds_the_plain_words():
    std = standard()
    req = next(r for r in std.requirements if r.id == "3.1.b")
    assert " ".join(req.easy.sv.split()[:6]) not in cli("standard", "show").stdout
    assert " ".join(req.easy.sv.split()[:6]) in cli("standard", "show", "--easy").stdout


def test_show_one_clause():
    proc = cli("standard", "show", "3.1", "--lang", "en")
    assert proc.returncode == 0
    assert proc.stdout.startswith("3.1  Purpose and orientation  (SIS PAS 10:2018)")
    for req_id in ("3.1.a", "3.1.b", "3.1.c"):
        assert f"{req_id}  " in proc.stdout
    assert "3.2.a" not in proc.stdout
    assert "Evidence to attach: Statutes or articles of association → evidence/stadgar/" in proc.stdout
    std = standard()
    text = next(r for r in std.requirements if r.id == "3.1.a").text.en
    assert " ".join(text.split()[:8]) in " ".join(proc.stdout.split())


def test_show_one_requirement_in_full():
    proc = cli("standard", "show", "ASF-3.c")
    assert proc.returncode == 0
    out = " ".join(proc.stdout.split())
    req = next(r for r in standard().requirements if r.id == "ASF-3.c")
    for words in (req.text.sv, req.guidance.sv):
        assert " ".join(words.split()[:8]) in out
    assert " ".join(req.easy.sv.split()[:6]) not in out
    assert "Lönesammanställning per roll → evidence/lon/" in out
    assert "Allvar: hinder" in out and "Avgörs av: asfcert, utifrån company.yaml" in out
    assert "- pay-ratio: max = 2.5" in out
    easy = " ".join(cli("standard", "show", "ASF-3.c", "--easy").stdout.split())
    assert "Med enkla ord (lättläst)" in easy and " ".join(req.easy.sv.split()[:6]) in easy


def test_show_a_disabled_requirement_says_how_to_switch_it_on():
    proc = cli("standard", "show", "D2016-2", "--lang", "en")
    assert proc.returncode == 0
    assert "Set `enabled: true`" in " ".join(proc.stdout.split())
    assert "wage-subsidy-share: min_percent = 51" in proc.stdout


def test_ids_are_matched_ignoring_case():
    proc = cli("standard", "show", "asf-3.C", "--format", "json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["requirements"][0]["id"] == "ASF-3.c"


@pytest.mark.parametrize("target, near", [("3.1.x", "3.1.a"), ("ASF3c", "ASF-3.c"), ("skopi-1", "SKOOPI-1")])
def test_unknown_id_exits_2_with_did_you_mean(target, near):
    proc = cli("standard", "show", target, "--lang", "en")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0].endswith("[standard-id-unknown]") and f"`{target}`" in proc.stderr.splitlines()[0]
    assert near in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_unknown_id_without_anything_near():
    proc = cli("standard", "show", "zzzzzz")
    assert proc.returncode == 2 and "Menade du" not in proc.stderr and "asfcert standard show" in proc.stderr


def test_json_output():
    proc = cli("standard", "show", "3.9.a", "--format", "json", "--lang", "en")
    data = json.loads(proc.stdout)
    assert data["format"] == "asfcert-standard-view/1" and data["lang"] == "en" and data["scope"] == "requirement"
    req = data["requirements"][0]
    assert req["title"] == "Systematic work-environment management"
    assert req["evidence"] == [{"id": "work-environment", "name": "Work environment (SAM)", "folder": "evidence/arbetsmiljo/"}]
    assert req["checks"] == [{"rule": "work-environment", "max_months_since_review": 12, "require_safety_representative": False}]
    assert data["clauses"][0]["id"] == "3.9" and data["standard"]["id"] == "asf-pas10"
    whole = json.loads(cli("standard", "show", "-f", "json").stdout)
    assert whole["scope"] == "all" and len(whole["requirements"]) == len(standard().requirements)


def test_markdown_output():
    proc = cli("standard", "show", "3.5", "--format", "markdown")
    assert proc.returncode == 0
    out = proc.stdout
    assert out.startswith("# ASF-certifiering enligt SIS PAS 10:2018")
    assert "## 3.5 Ansvar och delaktighet" in out
    assert "| 3.5.a | Delegationsordning | hinder | revisorn |" in out
    assert "### 3.5.b " in out and "**Så svarar ni:**" in out


def test_show_with_a_licensees_standard(tmp_path):
    std = licensee_copy(tmp_path, **{"Lönespridning högst 2,5": "Lönespridning enligt licenstagarens text"})
    proc = cli("standard", "show", "ASF-3.c", "--standard", str(std))
    assert proc.returncode == 0 and "Lönespridning enligt licenstagarens text" in proc.stdout


def test_validate_the_shipped_standard():
    proc = cli("standard", "validate", str(SHIPPED))
    assert proc.returncode == 0
    std = standard()
    assert proc.stdout.startswith(f"OK: asf-pas10 2026.1, {len(std.requirements)} krav ({len(std.enabled)} påslagna)")


def test_validate_a_copy_with_the_2016_rules_switched_on(tmp_path):
    std = licensee_copy(tmp_path, **{"    enabled: false\n": "    enabled: true\n"})
    proc = cli("standard", "validate", str(std), "--lang", "en")
    total = len(standard().requirements)
    assert proc.returncode == 0 and f"{total} requirements ({total} enabled)" in proc.stdout
    assert "avstängt" not in cli("standard", "show", "--standard", str(std)).stdout


def test_validate_reports_every_located_problem(tmp_path):
    std = licensee_copy(
        tmp_path,
        **{
            '  - id: 3.1.b\n    clause: "3.1"\n': '  - id: 3.1.a\n    clause: "3.1"\n',  # a duplicate id
            '  - id: 3.2.a\n    clause: "3.2"\n': '  - id: 3.2.a\n    clause: "3.20"\n',  # an unknown clause
            "    severity: remark\n    decided_by: auditor\n": "    severity: medium\n    decided_by: auditor\n",  # not a severity
        },
    )
    lines = std.read_text(encoding="utf-8").splitlines()
    proc = cli("standard", "validate", str(std), "--lang", "en")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stdout == ""
    err = proc.stderr
    assert err.startswith(f"asfcert: {std}: ") and err.splitlines()[0].endswith("[standard-broken]")
    severity_line = next(i for i, x in enumerate(lines, 1) if x == "    severity: medium")
    assert f"{std}:{severity_line}:15: schema-" in err
    # the schema error stops the reference checks; fix it and they are reported with their lines
    std.write_text(std.read_text(encoding="utf-8").replace("severity: medium", "severity: remark"), encoding="utf-8")
    err = cli("standard", "validate", str(std), "--lang", "en").stderr
    duplicate = [i for i, x in enumerate(lines, 1) if x == "  - id: 3.1.a"]
    clause_line = next(i for i, x in enumerate(lines, 1) if x == '    clause: "3.20"')
    for line in duplicate:
        assert f"{std}:{line}:9: standard-reference: id `3.1.a` appears more than once" in err
    assert f"{std}:{clause_line}:13: standard-reference: 3.2.a: unknown clause `3.20`" in err
    assert "docs/standard-format.md" in err


@pytest.mark.parametrize(
    "content",
    [None, b"", b"\x00\x01binary", "format: asfcert-standard/1\nid: [x\n".encode()],
    ids=["missing", "empty", "binary", "syntax"],
)
def test_validate_unusable_files_exit_2(tmp_path, content):
    path = tmp_path / "std.yaml"
    if content is not None:
        path.write_bytes(content)
    proc = cli("standard", "validate", str(path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"  {path}:" in proc.stderr


def test_show_with_a_broken_standard_exits_2(tmp_path):
    path = tmp_path / "std.yaml"
    path.write_text("format: asfcert-standard/1\n", encoding="utf-8")
    proc = cli("standard", "show", "--standard", str(path))
    assert proc.returncode == 2 and f"{path}:1:1: schema-missing" in proc.stderr


def test_usage():
    bare = cli("standard")
    assert bare.returncode == 2 and "Användning: asfcert standard" in bare.stdout + bare.stderr  # its help, in Swedish
    assert "show" in cli("standard", "--help").stdout and "validate" in cli("standard", "--help").stdout
    assert cli("standard", "validate").returncode == 2
    assert cli("standard", "show", "--format", "xml").returncode == 2

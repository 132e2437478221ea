"""`asfcert new`: the kit a company fills in. A fresh kit passes check's schema validation
with only "not filled in yet" findings, re-running it changes nothing, and a kit filled in
with a real company's values becomes ready."""

import errno
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AS_OF, run
from test_cli import snapshot

ASFCERT = str(Path(sys.executable).parent / "asfcert")
REPO = Path(__file__).resolve().parents[1]
VAXTHUSET = REPO / "examples" / "omgang-ht2026" / "vaxthuset"
NAME = "Gröna Verkstaden i Gävle ekonomisk förening"
ORG = "769612-3459"
# What a fresh kit lacks: answers, profile data and documents. Nothing in it fails.
MISSING_CODES = {"answer-missing", "profile-missing", "evidence-kind-missing"}


def cli(*args):
    return subprocess.run([ASFCERT, *args], capture_output=True, text=True, env=dict(os.environ), timeout=60)


def new(folder: Path, *extra: str, name: str = NAME, org: str = ORG):
    return cli("new", str(folder), "--name", name, "--org-number", org, *extra)


def check_json(folder: Path, *extra: str) -> tuple[int, dict]:
    proc = cli("check", str(folder), "--format", "json", "--no-cache", "--as-of", AS_OF.isoformat(), *extra)
    return proc.returncode, json.loads(proc.stdout)


def standard():
    from asfcert.standard.load import load_standard

    return load_standard(None)[0]


def yaml_rt():
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    return y


def test_fresh_kit_checks_with_only_missing_answers(tmp_path):
    kit = tmp_path / "gröna verkstaden"
    proc = new(kit)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Kit skapat" in proc.stdout and "asfcert check" in proc.stdout

    code, result = check_json(kit)
    assert code == 1 and result["usable"] is True
    found = {f["code"] for f in result["findings"]}
    assert {"answer-missing", "profile-missing"} <= found <= MISSING_CODES, found
    assert result["counts"]["error"] == 0
    assert {r["status"] for r in result["requirements"]} <= {"open", "ready"}
    # every auditor requirement is reported unanswered at its own `status:` in its own file
    auditor = {r.id for r in standard().enabled if r.decided_by == "auditor"}
    unanswered = {f["requirement"]: f for f in result["findings"] if f["code"] == "answer-missing"}
    assert set(unanswered) == auditor
    for req_id, f in unanswered.items():
        lines = (kit / f["file"]).read_text(encoding="utf-8").splitlines()
        assert lines[f["line"] - 2].strip() == f"{req_id}:", (req_id, f["file"], f["line"])
        assert lines[f["line"] - 1].strip() == "status:"
    # the kit's README files are not evidence
    assert result["evidence"] == []
    assert result["company"] == {"name": NAME, "org_number": ORG, "legal_form": None}


def test_kit_layout(tmp_path):
    from asfcert.kit.templates import evidence_folders

    kit = tmp_path / "kit"
    assert new(kit).returncode == 0
    std = standard()
    assert (kit / "company.yaml").is_file() and (kit / "README.txt").is_file()
    folders = {ef.folder for ef in evidence_folders(std)}
    assert folders == {k.folder for k in std.evidence_kinds}
    for folder in folders:
        assert (kit / "evidence" / folder / "README.txt").is_file(), folder
    files = sorted(p.name for p in (kit / "self-assessment").iterdir())
    assert "3.1-andamal-och-inriktning.yaml" in files and "skoopi-tre-extra-fragor.yaml" in files
    assert all(name.isascii() for name in files)
    # one entry per enabled requirement, in the file of its clause; disabled ones are left out
    from asfcert.io.yamlfile import load

    seen = {}
    for path in (kit / "self-assessment").iterdir():
        for req_id in load(path, path.name).data["answers"]:
            assert path.name.startswith(next(r for r in std.requirements if r.id == req_id).clause.lower() + "-")
            seen[req_id] = path.name
    assert set(seen) == {r.id for r in std.enabled}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_templates_render_valid_yaml_with_both_languages_chosen_first(lang):
    from asfcert.kit.create import self_check
    from asfcert.kit.templates import render_kit

    std = standard()
    files = render_kit(std, NAME, ORG, lang)
    self_check(files)  # parses and validates every YAML file, raises on a problem
    company = files["company.yaml"]
    sv, en = "Lön per roll, aldrig namn", "Pay per role, never names"
    assert sv in company and en in company
    first, second = (sv, en) if lang == "sv" else (en, sv)
    assert company.index(first) < company.index(second)
    assert f'name: "{NAME}"' in company and f'org_number: "{ORG}"' in company
    kinds = {k.id: k for k in std.evidence_kinds}
    for req in std.enabled:
        text = next(t for p, t in files.items() if p.startswith("self-assessment/") and f"\n  {req.id}:\n" in t)
        block = text[: text.index(f"\n  {req.id}:\n")].rsplit("# ----", 1)[1]
        for words in (req.easy.sv, req.easy.en, req.guidance.sv, req.guidance.en):
            assert " ".join(words.split()[:4]) in " ".join(block.replace("#", " ").split()), (req.id, words[:30])
        for kind in req.evidence:
            assert f"evidence/{kinds[kind].folder}/" in block, (req.id, kind)


def test_every_help_line_is_a_comment_and_the_values_are_empty():
    """What a person must fill in is exactly the empty values; the rest is comments."""
    from asfcert.io.yamlfile import parse
    from asfcert.kit.templates import render_kit

    files = render_kit(standard(), NAME, ORG, "sv")
    doc = parse(files["company.yaml"].encode(), "company.yaml").data
    assert set(doc) == set(__import__("asfcert.formats.company", fromlist=["Company"]).Company.model_fields)
    filled = {k for k, v in doc.items() if v not in (None, [], {}) and not isinstance(v, dict)}
    assert filled == {"name", "org_number"}
    assert all(v in (None, []) for v in doc["headcount"].values())
    for rel, text in files.items():
        if rel.startswith("self-assessment/"):
            for answer in parse(text.encode(), rel).data["answers"].values():
                assert answer == {"status": None, "description": None, "evidence": None}
    assert not any("[]" in text for text in files.values())  # no placeholder to write a list under


def test_example_file_names_are_sorted_under_their_kind():
    """The file names the READMEs and templates suggest are recognised as that kind."""
    from asfcert.company.manifest import classify
    from asfcert.kit.templates import evidence_folders

    std = standard()
    for ef in evidence_folders(std):
        for kind in ef.kinds:
            assert classify(ef.examples[kind.id], std) == kind.id, ef.examples[kind.id]


def test_running_new_again_changes_nothing(tmp_path):
    kit = tmp_path / "kit"
    assert new(kit).returncode == 0
    before = snapshot(kit)
    proc = new(kit, "--lang", "en")
    assert proc.returncode == 0
    assert "Nothing new to create" in proc.stdout
    assert snapshot(kit) == before


def test_existing_files_are_never_overwritten_and_missing_ones_are_added(tmp_path):
    kit = tmp_path / "kit"
    assert new(kit).returncode == 0
    company = kit / "company.yaml"
    company.write_text('name: "Annat namn"\norg_number: "769638-4812"\n', encoding="utf-8")
    gone = kit / "self-assessment" / "3.9-arbetsmiljo.yaml"
    gone.unlink()
    shutil.rmtree(kit / "evidence" / "avtal")
    proc = new(kit, name="Helt annat namn AB")
    assert proc.returncode == 0, proc.stderr
    assert company.read_text(encoding="utf-8") == 'name: "Annat namn"\norg_number: "769638-4812"\n'
    assert gone.is_file() and (kit / "evidence" / "avtal" / "README.txt").is_file()
    assert "Kit kompletterat" in proc.stdout and "company.yaml" in proc.stdout.split("Fanns redan")[1]


def test_invalid_org_number_is_refused_before_anything_is_written(tmp_path):
    kit = tmp_path / "kit"
    proc = new(kit, org="769612-3456")
    assert proc.returncode == 2
    assert "kontrollsiffran stämmer inte" in proc.stderr and "--allow-invalid-org-number" in proc.stderr
    assert "Traceback" not in proc.stderr and not kit.exists()


def test_invalid_org_number_with_the_override_is_written_and_reported_by_check(tmp_path):
    kit = tmp_path / "kit"
    proc = new(kit, "--allow-invalid-org-number", "--lang", "en", org="769612-3456")
    assert proc.returncode == 0
    assert "Warning: the organisation number is not valid" in proc.stdout
    code, result = check_json(kit)
    assert code == 1 and "org-number-invalid" in {f["code"] for f in result["findings"]}


def test_personal_identity_number_is_refused_and_never_shown(tmp_path):
    proc = new(tmp_path / "kit", "--lang", "en", org="811218-9876")
    assert proc.returncode == 2
    assert "personal identity number" in proc.stderr
    assert "9876" not in proc.stdout + proc.stderr


def test_org_number_and_name_are_written_in_the_standard_form(tmp_path):
    kit = tmp_path / "kit"
    assert new(kit, org="7696123459", name='  Gröna "Verkstaden":\n # i Gävle ').returncode == 0
    text = (kit / "company.yaml").read_text(encoding="utf-8")
    assert 'org_number: "769612-3459"' in text
    assert 'name: "Gröna \\"Verkstaden\\": # i Gävle"' in text


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--name", "   ", "--org-number", ORG], "namn saknas"),
        (["--name", "Gröna\x07Verkstaden", "--org-number", ORG], "styrtecken"),
        (["--name", NAME, "--org-number", ""], "Organisationsnummer saknas"),
    ],
    ids=["blank-name", "control-characters", "blank-org-number"],
)
def test_bad_options_exit_2(tmp_path, args, needle):
    proc = cli("new", str(tmp_path / "kit"), *args)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "kit").exists()


def test_missing_options_are_usage_errors(tmp_path):
    assert cli("new", str(tmp_path / "kit"), "--name", NAME).returncode == 2
    assert cli("new", str(tmp_path / "kit"), "--org-number", ORG).returncode == 2


def test_target_that_is_a_file_or_inside_evidence_exits_2(tmp_path):
    (tmp_path / "a-file").write_text("x")
    proc = new(tmp_path / "a-file")
    assert proc.returncode == 2 and "inte en mapp" in proc.stderr
    proc = new(tmp_path / "other" / "evidence" / "kit")
    assert proc.returncode == 2 and "evidence/" in proc.stderr
    assert not (tmp_path / "other").exists()


def test_a_file_in_the_way_of_a_kit_folder_exits_2(tmp_path):
    kit = tmp_path / "kit"
    (kit / "evidence").mkdir(parents=True)
    (kit / "evidence" / "lon").write_text("inte en mapp")
    proc = new(kit, "--lang", "en")
    assert proc.returncode == 2 and "lon is not a folder" in proc.stderr and "Traceback" not in proc.stderr
    assert (kit / "evidence" / "lon").read_text() == "inte en mapp"


def test_kit_follows_the_chosen_standard(tmp_path):
    """A licensee's standard with the 2016 rules switched on and a requirement id YAML would
    read as a number: the kit has a file for the new clause and quotes the key."""
    text = (REPO / "standard" / "asf-pas10.yaml").read_text(encoding="utf-8")
    text = text.replace("    enabled: false\n", "    enabled: true\n").replace("  - id: 3.1.a\n", '  - id: "3.10"\n')
    std = tmp_path / "licens.yaml"
    std.write_text(text, encoding="utf-8")
    kit = tmp_path / "kit"
    assert new(kit).returncode == 0  # the shipped standard first
    assert not list((kit / "self-assessment").glob("d2016*"))
    proc = new(kit, "--standard", str(std))
    assert proc.returncode == 0, proc.stderr
    added = [p.name for p in (kit / "self-assessment").glob("d2016-*.yaml")]
    assert added == ["d2016-valfria-regler-fran-2016-ars-utkast.yaml"]
    assert f"self-assessment/{added[0]}" in proc.stdout.split("Fanns redan")[0]
    for rel in ("company.yaml", "self-assessment/asf-3-vinsten-aterinvesteras.yaml"):
        assert rel in proc.stdout.split("Fanns redan")[1]
    fresh = tmp_path / "fresh"
    assert new(fresh, "--standard", str(std)).returncode == 0
    assert '\n  "3.10":\n' in (fresh / "self-assessment" / "3.1-andamal-och-inriktning.yaml").read_text(encoding="utf-8")
    code, result = check_json(fresh, "--standard", str(std))
    assert code == 1 and {f["code"] for f in result["findings"]} <= MISSING_CODES
    unanswered = {f["requirement"] for f in result["findings"] if f["code"] == "answer-missing"}
    assert {"3.10", "D2016-1", "D2016-3"} <= unanswered


def test_broken_standard_exits_2_and_writes_nothing(tmp_path):
    std = tmp_path / "std.yaml"
    std.write_text("format: asfcert-standard/1\nid: x\n", encoding="utf-8")
    proc = new(tmp_path / "kit", "--standard", str(std))
    assert proc.returncode == 2 and f"{std}:1:1: schema-missing" in proc.stderr
    assert not (tmp_path / "kit").exists()


def _fill_company(kit: Path) -> None:
    """Fill in company.yaml with Växthuset's values the way an editor would: values change,
    the help comments stay."""
    y = yaml_rt()
    source = y.load((VAXTHUSET / "company.yaml").read_text(encoding="utf-8"))
    data = y.load((kit / "company.yaml").read_text(encoding="utf-8"))
    for key, value in source.items():
        if key in ("name", "org_number"):
            continue
        if isinstance(data.get(key), dict):
            for sub, v in value.items():
                data[key][sub] = v
        else:
            data[key] = value
    buf = io.StringIO()
    y.dump(data, buf)
    (kit / "company.yaml").write_text(buf.getvalue(), encoding="utf-8")


def _fill_answers(kit: Path) -> None:
    """Answer every entry of the kit's templates with Växthuset's answers."""
    y = yaml_rt()
    answers = {}
    for path in (VAXTHUSET / "self-assessment").glob("*.yaml"):
        answers.update(y.load(path.read_text(encoding="utf-8"))["answers"])
    for path in (kit / "self-assessment").glob("*.yaml"):
        data = y.load(path.read_text(encoding="utf-8"))
        for req_id, entry in data["answers"].items():
            given = answers.get(req_id)
            if given is None:  # Växthuset leaves some machine requirements to company.yaml
                continue
            for field in ("status", "description", "evidence"):
                if field in given:
                    entry[field] = given[field]
        buf = io.StringIO()
        y.dump(data, buf)
        path.write_text(buf.getvalue(), encoding="utf-8")


def test_a_filled_in_kit_becomes_ready(tmp_path):
    kit = tmp_path / "vaxthuset"
    assert new(kit, name="Växthuset i Borås ekonomisk förening", org="769638-4812").returncode == 0
    shutil.copytree(VAXTHUSET / "evidence", kit / "evidence", dirs_exist_ok=True)
    _fill_company(kit)
    _fill_answers(kit)
    company = (kit / "company.yaml").read_text(encoding="utf-8")
    assert "# Lön per roll, aldrig namn." in company and "# Pay per role, never names." in company
    assert "Kravet med enkla ord:" in (kit / "self-assessment" / "3.1-andamal-och-inriktning.yaml").read_text(encoding="utf-8")

    code, result = check_json(kit)
    assert code == 0, sorted((f["code"], f["requirement"], f["file"], f["line"]) for f in result["findings"])
    assert result["ready"] is True
    guides = [e["path"] for e in result["evidence"] if e["path"].endswith("README.txt")]
    assert guides == [] and len(result["evidence"]) == len(list((VAXTHUSET / "evidence").rglob("*.pdf")))


def test_kit_readme_in_evidence_is_not_evidence_but_a_document_next_to_it_is(tmp_path):
    from asfcert.kit.create import KitOptions, create_kit

    kit = tmp_path / "kit"
    create_kit(kit, KitOptions(NAME, ORG))
    (kit / "evidence" / "stadgar" / "stadgar-2024.pdf").write_bytes(b"%PDF-1.4\n")
    result = run(kit)
    assert [(e.path, e.kind) for e in result.evidence] == [("evidence/stadgar/stadgar-2024.pdf", "statutes")]
    assert not [f for f in result.findings if "README" in str(f.location) + str(f.params)]


def test_kit_readme_is_the_only_file_asfcert_creates_in_evidence(tmp_path):
    from asfcert.base.errors import UserError
    from asfcert.io import atomic

    folder = tmp_path / "evidence" / "stadgar"
    assert atomic.create_exclusive(folder / "README.txt", b"guide", kit_readme=True)
    assert not atomic.create_exclusive(folder / "README.txt", b"other", kit_readme=True)
    assert (folder / "README.txt").read_bytes() == b"guide"
    with pytest.raises(UserError):
        atomic.create_exclusive(folder / "stadgar.pdf", b"x", kit_readme=True)
    with pytest.raises(UserError):
        atomic.write_text(folder / "README.txt", "overwrite")


def test_kit_can_be_created_where_hard_links_are_not_supported(tmp_path, monkeypatch):
    """FAT/exFAT USB sticks and some network shares refuse hard links."""
    from asfcert.kit.create import KitOptions, create_kit

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    kit = tmp_path / "kit"
    first = create_kit(kit, KitOptions(NAME, ORG))
    assert first.created and not first.skipped
    again = create_kit(kit, KitOptions("Annat namn", ORG))
    assert not again.created and sorted(again.skipped) == sorted(first.created)
    assert NAME in (kit / "company.yaml").read_text(encoding="utf-8")
    assert not [p for p in kit.rglob(".*.tmp")]


def _yaml_blocks(doc: str) -> list[str]:
    text = (REPO / "docs" / doc).read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```yaml\n")[1:]]


def test_the_examples_in_company_folder_md_are_valid(tmp_path):
    """The documentation's examples pass the schema, and the company example passes the
    rules that read only the profile."""
    from asfcert.formats.assessment import SelfAssessment
    from asfcert.formats.company import Company
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import parse

    company_text, answers_text = _yaml_blocks("company-folder.md")
    company, problems = validate(Company, parse(company_text.encode(), "company.yaml"))
    assert problems == [] and company.org_number == ORG
    answers, problems = validate(SelfAssessment, parse(answers_text.encode(), "answers.yaml"))
    assert problems == [] and answers.answers["ASF-3.d"].status == "not-applicable"

    from helpers import write_tree

    root = write_tree(tmp_path, {"company.yaml": company_text})
    result = run(root)
    checked = ("ASF-4.a", "ASF-4.b", "ASF-4.c", "ASF-3.a", "ASF-3.c", "ASF-1.a", "ASF-1.b", "3.2.a", "3.4.c", "3.9.a", "ASF-2.c")
    # the profile passes every rule; only the documents, which the example leaves out, are missing
    assert {f.code for f in result.findings if f.requirement in checked} <= {"evidence-kind-missing"}
    by_req = {r.id: r for r in result.requirements}
    assert by_req["ASF-3.c"].figures["ratio"] == round(41000 / 17000, 4)
    assert by_req["ASF-4.c"].status == by_req["ASF-1.b"].status == by_req["ASF-2.c"].status == "ready"


def test_texts_with_line_breaks_and_yaml_characters_stay_comments(tmp_path):
    """A licensee's titles and names may hold line breaks, `#` and `: `; an org number given
    with the override may be anything. The kit must still be valid YAML with empty answers."""
    from asfcert.kit.create import KitOptions, create_kit

    text = (REPO / "standard" / "asf-pas10.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "title: {sv: Arbetsintegrering är ändamålet, en: Work integration is the purpose}",
        'title: {sv: "Arbetsintegrering:\\nändamålet # 1", en: "Purpose:\\n# one"}',
    ).replace("name: {sv: Protokoll, en: Minutes}", 'name: {sv: "Protokoll\\n- a: b", en: "Minutes: #x"}')
    std = tmp_path / "std.yaml"
    std.write_text(text, encoding="utf-8")
    kit = tmp_path / "kit"
    result = create_kit(kit, KitOptions('Företaget "Kolon": # AB', "12: #3\n- x", standard=std, allow_invalid_org_number=True))
    assert "company.yaml" in result.created
    check = run(kit, standard=std)
    assert check.usable and {f.code for f in check.findings} <= MISSING_CODES | {"org-number-invalid"}


def test_a_bad_check_digit_is_not_answered_with_another_number(tmp_path):
    import re

    proc = new(tmp_path / "kit", org="556677-8898")
    assert proc.returncode == 2 and "[kit-org-number-unusable]" in proc.stderr
    assert set(re.findall(r"\d{6}-\d{4}", proc.stderr)) == {"556677-8898"}  # only the number given

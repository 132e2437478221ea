"""The evidence manifest: every evidence file with size, SHA-256 and kind."""

import hashlib

from helpers import make_company, run, write_tree


def test_every_evidence_file_is_listed_with_its_hash(tmp_path):
    root = make_company(tmp_path / "c")
    write_tree(root, {"evidence/ovrigt/Årsredovisning 2025.pdf": b"%PDF-1.4 x", "evidence/bild.png": b"\x89PNG"})
    result = run(root)
    by_path = {e.path: e for e in result.evidence}
    assert set(by_path) == {p.relative_to(root).as_posix() for p in (root / "evidence").rglob("*") if p.is_file()}
    entry = by_path["evidence/stadgar/stadgar.pdf"]
    data = (root / entry.path).read_bytes()
    assert (entry.size, entry.sha256, entry.kind) == (len(data), hashlib.sha256(data).hexdigest(), "statutes")
    assert by_path["evidence/ovrigt/Årsredovisning 2025.pdf"].kind == "annual-report"  # keyword in the name
    assert by_path["evidence/policyer/miljopolicy.pdf"].kind == "environment-policy"  # ASCII-folded keyword
    assert by_path["evidence/bild.png"].kind is None


def test_files_outside_evidence_are_not_in_the_manifest(tmp_path):
    result = run(make_company(tmp_path / "c"))
    assert all(e.path.startswith("evidence/") for e in result.evidence)


def test_short_keywords_only_match_the_start_of_a_word(tmp_path):
    root = make_company(tmp_path / "c")
    write_tree(root, {"evidence/ovrigt/lonesammanstallning.pdf": b"%PDF-1.4", "evidence/ovrigt/sam-rutin.pdf": b"%PDF-1.4"})
    kinds = {e.path: e.kind for e in run(root).evidence}
    assert kinds["evidence/ovrigt/lonesammanstallning.pdf"] == "payroll-summary"
    assert kinds["evidence/ovrigt/sam-rutin.pdf"] == "work-environment"

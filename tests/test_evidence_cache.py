"""The cache of facts read from PDFs: keyed by content, never stale, corrupt entries
ignored, bypassed by --no-cache, and safe to delete."""

import json

import pytest
from cache_entries import entries, replace
from helpers import codes, make_company, pdf_bytes, run

import asfcert.evidence.documents as documents
from asfcert.io.cache import cache_root

REPORT = "evidence/arsredovisning/arsredovisning-2025.pdf"


@pytest.fixture
def reads(monkeypatch):
    """Every path the PDF worker is asked to read."""
    seen: list[str] = []
    real = documents.read_many

    def spy(paths, *args, **kwargs):
        seen.extend(paths)
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(documents, "read_many", spy)
    return seen


def facts_entries() -> dict[str, str]:
    return entries(documents.NAMESPACE)


def annual_report(year: int) -> bytes:
    return pdf_bytes("Årsredovisning", "org.nr 829502-4247", f"Räkenskapsåret {year}-01-01 - {year}-12-31.")


def test_an_unchanged_file_is_read_once(tmp_path, reads):
    root = make_company(tmp_path / "c")
    run(root, use_cache=True)
    first = len(reads)
    assert first == 17 and len(facts_entries()) == 17
    # a profile edit misses the result cache, but no PDF is read again
    (root / "company.yaml").write_text((root / "company.yaml").read_text().replace("Falun", "Borlänge"))
    run(root, use_cache=True)
    assert len(reads) == first


def test_an_edited_pdf_is_never_served_stale(tmp_path, reads):
    root = make_company(tmp_path / "c")
    (root / REPORT).write_bytes(annual_report(2025))
    assert "annual-report-outdated" not in codes(run(root, use_cache=True))
    (root / REPORT).write_bytes(annual_report(2022))
    found = run(root, use_cache=True)
    assert "annual-report-outdated" in codes(found)
    assert reads.count(str((root / REPORT).resolve())) == 2
    (root / REPORT).write_bytes(annual_report(2025))
    assert "annual-report-outdated" not in codes(run(root, use_cache=True))


def test_two_copies_of_one_file_are_read_once(tmp_path, reads):
    root = make_company(tmp_path / "c")
    (root / "evidence/arsredovisning/kopia.pdf").write_bytes((root / REPORT).read_bytes())
    run(root)
    assert sum(p.endswith(("kopia.pdf", "arsredovisning-2025.pdf")) for p in reads) == 1


@pytest.mark.parametrize("garbage", ["{not json", '{"format": 1, "texts": "x"}', "[]", '{"format": 1}'])
def test_a_corrupt_entry_is_ignored(tmp_path, reads, garbage):
    root = make_company(tmp_path / "c")
    cold = run(root, use_cache=True).to_dict()
    assert replace(documents.NAMESPACE, garbage) == 17
    (root / "company.yaml").write_text((root / "company.yaml").read_text() + "\n")  # miss the result cache
    again = run(root, use_cache=True).to_dict()
    assert again["findings"] == cold["findings"] and again["evidence"] == cold["evidence"]
    assert len(reads) == 34  # every file read again
    assert len(facts_entries()) == 17
    for text in facts_entries().values():
        assert json.loads(text)["format"] == documents.FACTS_FORMAT


def test_no_cache_reads_everything_and_writes_nothing(tmp_path, reads):
    root = make_company(tmp_path / "c")
    run(root, use_cache=True)
    run(root, use_cache=False)
    assert len(reads) == 34
    entries = facts_entries()
    run(root, use_cache=False)
    assert facts_entries() == entries


def test_deleting_the_cache_is_safe(tmp_path):
    import shutil

    root = make_company(tmp_path / "c")
    cold = run(root, use_cache=True).to_dict()
    shutil.rmtree(cache_root())
    assert run(root, use_cache=True).to_dict() == cold


def test_limit_problems_that_depend_on_load_are_not_cached(tmp_path, monkeypatch):
    root = make_company(tmp_path / "c")
    monkeypatch.setattr(documents, "read_many", lambda paths, *a, **k: {p: {"problem": "time"} for p in paths})
    assert "pdf-too-costly" in codes(run(root, use_cache=True))
    assert facts_entries() == {}


def test_a_warm_check_neither_reads_nor_imports_the_pdf_reader(tmp_path):
    import os
    import subprocess
    import sys

    root = make_company(tmp_path / "c")
    code = (
        "import sys\n"
        "from asfcert.cli import main\n"
        "try:\n"
        f"    main(['check', {str(root)!r}, '--as-of', '2026-11-22'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pypdf', 'asfcert.evidence'))), file=sys.stderr)\n"
    )
    env = {**os.environ, "ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert "asfcert.evidence.documents" in cold.stderr and "'pypdf" not in cold.stderr
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert warm.stderr.strip().splitlines()[-1] == "[]"

"""Reading evidence PDFs: every broken or hostile file ends in a finding naming it, within
bounded time and memory, and pypdf never runs in the main process."""

import functools
import os
import subprocess
import sys
import time

import pytest
from fixtures import hostile_pdfs
from helpers import make_company, only, pdf_bytes, requirement, run

from asfcert.evidence.worker import Limits, read_many

STATUTES = "evidence/stadgar/stadgar.pdf"  # referred to by 3.1.a (blocker) and 3.3.b


@functools.lru_cache(maxsize=None)
def hostile(name: str) -> bytes:
    return hostile_pdfs.HOSTILE[name]()


def with_file(tmp_path, rel, data):
    root = make_company(tmp_path / "c")
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_bytes(data)
    return root


@pytest.mark.parametrize(
    "name, code",
    [
        ("encrypted-user", "pdf-encrypted"),
        ("truncated", "pdf-damaged"),
        ("zero-pages", "pdf-no-pages"),
        ("empty", "evidence-empty-file"),
        ("not-a-pdf", "pdf-not-pdf"),
        ("cyclic", "pdf-damaged"),
        ("bomb", "pdf-too-costly"),
        ("huge-length", "pdf-too-costly"),
    ],
)
def test_unusable_referenced_file_blocks_and_keeps_the_requirement_open(tmp_path, name, code):
    start = time.monotonic()
    result = run(with_file(tmp_path, STATUTES, hostile(name)))
    assert time.monotonic() - start < 30
    f = only(result, code)
    assert (f.location.file, f.location.line, f.severity, f.requirement) == (STATUTES, None, "blocker", "3.1.a")
    assert f.params["requirements"][:2] == ["3.1.a", "3.3.b"]
    assert STATUTES in f.message.sv and STATUTES in f.message.en and f.hint
    assert requirement(result, "3.1.a").status == "open"
    assert result.exit_code == 1
    assert next(e for e in result.evidence if e.path == STATUTES).pages in (None, 0, 1)


def test_not_a_pdf_says_what_it_is(tmp_path):
    f = only(run(with_file(tmp_path, STATUTES, hostile("not-a-pdf"))), "pdf-not-pdf")
    assert "PNG" in f.message.en


def test_unreferenced_unusable_file_is_a_warning(tmp_path):
    result = run(with_file(tmp_path, "evidence/ovrigt/gammal.pdf", hostile("truncated")))
    f = only(result, "pdf-damaged")
    assert (f.severity, f.requirement, f.location.file) == ("warning", None, "evidence/ovrigt/gammal.pdf")
    assert result.exit_code == 0


def test_scan_needs_manual_review_never_passes(tmp_path):
    result = run(with_file(tmp_path, "evidence/arsredovisning/arsredovisning-2025.pdf", hostile("scan")))
    f = only(result, "pdf-no-text")
    assert (f.severity, f.location.file) == ("warning", "evidence/arsredovisning/arsredovisning-2025.pdf")
    review = only(result, "document-needs-review")
    assert (review.requirement, review.severity) == ("3.2.a", "warning")
    assert requirement(result, "3.2.a").status == "open"


def test_owner_password_only_is_read_with_an_observation(tmp_path):
    result = run(with_file(tmp_path, "evidence/lon/lonesammanstallning-per-roll.pdf", hostile("encrypted-owner")))
    f = only(result, "pdf-restricted")
    assert f.severity == "observation" and f.location.file == "evidence/lon/lonesammanstallning-per-roll.pdf"
    assert next(e for e in result.evidence if e.path == f.location.file).pages == 1
    assert result.exit_code == 0


def test_pages_are_in_the_manifest(tmp_path):
    root = make_company(tmp_path / "c")
    plan = "evidence/verksamhetsplan/verksamhetsplan-2026.pdf"
    (root / plan).write_bytes(hostile_pdfs.text_pdf("Mål 2026", "Budget", "Uppföljning"))
    (root / "evidence/verksamhetsplan/bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    pages = {e.path: e.pages for e in run(root).evidence}
    assert pages[plan] == 3 and pages["evidence/verksamhetsplan/bild.png"] is None
    assert pages["evidence/stadgar/stadgar.pdf"] == 1


def test_cpu_limit_stops_a_pathological_file_and_the_next_file_is_still_read(tmp_path):
    heavy, good = tmp_path / "heavy.pdf", tmp_path / "good.pdf"
    heavy.write_bytes(hostile("cpu-heavy"))
    good.write_bytes(pdf_bytes("Protokoll", "Datum 2026-03-12"))
    start = time.monotonic()
    facts = read_many([str(heavy), str(good)], Limits(cpu_seconds=1), jobs=1)
    assert time.monotonic() - start < 15
    assert facts[str(heavy)]["problem"] == "cpu"
    assert facts[str(good)]["problem"] is None and facts[str(good)]["pages"] == 1


def test_wall_clock_limit(tmp_path):
    heavy = tmp_path / "heavy.pdf"
    heavy.write_bytes(hostile("cpu-heavy"))
    start = time.monotonic()
    facts = read_many([str(heavy)], Limits(cpu_seconds=60, wall_seconds=1))
    assert facts[str(heavy)]["problem"] == "time" and time.monotonic() - start < 10


def test_memory_limit(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile("bomb"))
    assert read_many([str(bomb)], Limits(memory_mb=150))[str(bomb)]["problem"] == "memory"


def test_size_limit(tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(pdf_bytes("Stor") + b"%" + b"x" * (2 * 2**20))
    assert read_many([str(big)], Limits(max_file_mb=1))[str(big)]["problem"] == "too-large"


def test_limit_findings_name_the_limit(tmp_path):
    from helpers import standard

    from asfcert.base.findings import Severity
    from asfcert.company.folder import CompanyFolder
    from asfcert.company.manifest import build
    from asfcert.evidence.documents import read_documents
    from asfcert.evidence.review import Review

    root = with_file(tmp_path, STATUTES, hostile("cpu-heavy"))
    std = standard()
    manifest = build(CompanyFolder(root), std)
    limits = Limits(cpu_seconds=1)
    docs = read_documents(CompanyFolder(root), manifest, use_cache=False, limits=limits)
    [f] = [f for f in Review(std, docs, limits).findings(Severity.WARNING) if f.code == "pdf-too-costly"]
    assert f.params["problem"] == "cpu" and "CPU time (1 s)" in f.message.en and f.location.file == STATUTES


def test_every_hostile_file_at_once_through_the_command_line(tmp_path):
    root = make_company(tmp_path / "c")
    names = [n for n in hostile_pdfs.HOSTILE if n != "cpu-heavy"]
    for name in names:
        (root / "evidence" / "ovrigt").mkdir(exist_ok=True)
        (root / "evidence" / "ovrigt" / f"{name}.pdf").write_bytes(hostile(name))
    before = {p: p.read_bytes() for p in (root / "evidence").rglob("*.pdf")}
    asfcert = str(os.path.join(os.path.dirname(sys.executable), "asfcert"))
    proc = subprocess.run([asfcert, "check", str(root), "--as-of", "2026-11-22", "--no-cache", "--lang", "en"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # unreferenced: warnings only
    assert "Traceback" not in proc.stdout + proc.stderr
    for name in ("encrypted-user", "truncated", "zero-pages", "empty", "not-a-pdf", "scan", "bomb", "cyclic"):
        assert f"evidence/ovrigt/{name}.pdf" in proc.stdout
    assert before == {p: p.read_bytes() for p in (root / "evidence").rglob("*.pdf")}  # never modified


def test_pypdf_never_runs_in_the_main_process(tmp_path):
    """Nor PDFium, python-docx or odfdo: every reader runs in the bounded worker."""
    root = with_file(tmp_path, STATUTES, hostile("truncated"))
    (root / "evidence/ovrigt").mkdir()
    (root / "evidence/ovrigt/plan.docx").write_bytes(b"PK\x03\x04 not really")
    (root / "evidence/ovrigt/plan.odt").write_bytes(b"PK\x03\x04 not really")
    code = (
        "import sys\n"
        "from asfcert.assess.checker import CheckOptions, check\n"
        f"r = check(__import__('pathlib').Path({str(root)!r}), CheckOptions(use_cache=False))\n"
        "assert any(f.code == 'pdf-damaged' for f in r.findings)\n"
        "print(any(m in sys.modules for m in ('pypdf', 'pypdfium2', 'docx', 'odfdo')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "False", proc.stderr


def test_text_from_broken_fonts_is_made_safe_to_store_and_print():
    from asfcert.evidence.pdf_facts import clean

    assert clean("Stadgar\ud800 §\x00 2") == "Stadgar? § 2"


@pytest.mark.parametrize("name", ["text", "encrypted-user", "encrypted-owner", "zero-pages", "cyclic", "huge-length"])
def test_every_pdf_reader_opened_is_closed_and_the_facts_are_those_of_an_open_one(monkeypatch, name):
    """pdf_facts closes pypdf's reader (its objects then die at once, not in a collection
    of the worker's): with the same facts as when the reader is left open."""
    import pypdf

    from asfcert.evidence import pdf_facts

    data = pdf_bytes("Protokoll", "Datum 2026-03-12") if name == "text" else hostile_pdfs.HOSTILE[name]()
    opened, closed = [], []
    real_init, real_close = pypdf.PdfReader.__init__, pypdf.PdfReader.close

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(pypdf.PdfReader, "__init__", init)
    monkeypatch.setattr(pypdf.PdfReader, "close", lambda self: closed.append(self))  # left open
    left_open = pdf_facts.read(data)
    monkeypatch.setattr(pypdf.PdfReader, "close", lambda self: (closed.append(self), real_close(self)))
    assert pdf_facts.read(data) == left_open
    assert opened and closed == opened

"""Evidence reading after issue 16: PDF text with pypdf against PDFium, OCR pages per second
cold on one and on both cores, and a warm check with scans in the folder against one
without, each as a ratio to the import floor.

    .venv/bin/python bench/bench_ocr.py [--runs N] [--scans N]

Text extraction is timed in this process, page by page, on three sets: the example
companies' PDFs; generated multi-page PDFs (fpdf2, as bench_evidence.py makes them); and
real-world multi-page PDFs found on the machine (pdfTeX, LibreOffice, … under /usr/share),
or given with --pdf. OCR reads one-page scans made here (a text page rendered by PDFium at
200 dpi and wrapped back into a PDF) in fresh reader workers. Target for the warm check:
the same ratio to the import floor with scans as without (within 0.1x).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_evidence import build, make_pdf
from common import BIN, FLOOR, ROOT, env_with_cache, summary, timed

sys.path.insert(0, str(ROOT / "src"))

SCAN_TEXT = (
    "Årsredovisning för Växthuset i Borås ekonomisk förening, org.nr 769638-4812.\n"
    "Räkenskapsåret 2025-01-01 – 2025-12-31.\n"
    "Styrelsen och verksamhetsledaren avger härmed årsredovisning för räkenskapsåret. "
    "Verksamheten följs upp varje månad av styrelsen och arbetsplatsträffen. "
) * 4


def real_world_pdfs(given: list[str]) -> list[Path]:
    if given:
        return [Path(p) for p in given]
    found = subprocess.run(["find", "/usr/share", "-name", "*.pdf", "-size", "+100k"], capture_output=True, text=True).stdout.split()
    return [Path(p) for p in sorted(found)[:10]]


def _readable(data: bytes) -> bool:
    """Both libraries open it without a password (the examples hold broken files on purpose)."""
    import pypdf
    import pypdfium2

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return False
        len(reader.pages)
        pypdfium2.PdfDocument(data).close()
    except Exception:
        return False
    return True


def pages_per_second(paths: list[Path]) -> tuple[int, float, float, float]:
    """(pages, pypdf pages/s, PDFium pages/s, asfcert's reader pages/s): the text of every
    page with each library alone, and with evidence/pdf_facts.py as the worker runs it
    (pypdf opens and unpacks each page within its limits, PDFium extracts the text)."""
    import logging

    import pypdf
    import pypdfium2

    from asfcert.evidence import pdf_facts

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    datas = [d for d in (p.read_bytes() for p in paths) if _readable(d)]
    start = time.perf_counter()
    pages = 0
    for data in datas:
        reader = pypdf.PdfReader(io.BytesIO(data))
        for page in reader.pages:
            page.extract_text()
            pages += 1
    slow = time.perf_counter() - start
    start = time.perf_counter()
    for data in datas:
        pdf = pypdfium2.PdfDocument(data)
        for i in range(len(pdf)):
            page = pdf[i]
            page.get_textpage().get_text_range()
        pdf.close()
    fast = time.perf_counter() - start
    start = time.perf_counter()
    for data in datas:
        pdf_facts.read(data)
    reader = time.perf_counter() - start
    return pages, pages / slow, pages / fast, pages / reader


def make_scan(dpi: int = 200) -> bytes:
    import pypdfium2
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(ROOT / "examples/fonts/DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, SCAN_TEXT, new_x="LMARGIN", new_y="NEXT")
    document = pypdfium2.PdfDocument(bytes(pdf.output()))
    image = document[0].render(scale=dpi / 72, grayscale=True).to_pil()
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=dpi)
    return out.getvalue()


def ocr_cold(paths: list[str], jobs: int) -> tuple[float, dict]:
    from asfcert.evidence import worker

    worker.close_idle()
    start = time.perf_counter()
    # limits well above a page's cost: this measures speed, not the 10 s limit per document
    facts = worker.read_many(paths, worker.Limits(cpu_seconds=300, wall_seconds=300), jobs, worker.Budget(seconds=900))
    seconds = time.perf_counter() - start
    worker.close_idle()
    return seconds, facts


def fill(company: Path, env: dict, tries: int = 6) -> int:
    """Check until the whole result is cached: on a busy machine a scan's OCR may run out
    of its 10 s (`ocr-incomplete`), and such a result is read again next time. Returns the
    runs it took."""
    import json

    cmd = [str(BIN / "asfcert"), "check", str(company), "--as-of", "2026-11-22", "--format", "json"]
    for run in range(1, tries + 1):
        out = subprocess.run(cmd, capture_output=True, text=True, env=env).stdout
        if "ocr-incomplete" not in {f["code"] for f in json.loads(out)["findings"]}:
            return run
    return tries


def warm(companies: dict[str, Path], work: Path, runs: int) -> tuple[list[float], dict[str, list[float]], dict[str, int]]:
    """The import floor and each company's warm check, interleaved so that a busy machine
    slows all alike; and how many cold runs each company took to be cached whole."""
    envs = {name: env_with_cache(work / f"cache-{name}") for name in companies}
    for env in envs.values():
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    filled = {name: fill(company, envs[name]) for name, company in companies.items()}
    floor, times = [], {name: [] for name in companies}
    for _ in range(runs):
        floor += timed(FLOOR, 1, envs[next(iter(envs))])
        for name, company in companies.items():
            times[name] += timed([str(BIN / "asfcert"), "check", str(company), "--as-of", "2026-11-22"], 1, envs[name])
    return floor, times, filled


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scans", type=int, default=6)
    parser.add_argument("--pdf", action="append", default=[], help="a real-world PDF to time (repeatable)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="asfcert-bench-ocr-"))
    try:
        examples = sorted((ROOT / "examples").rglob("evidence/**/*.pdf"))
        generated = []
        for i, pages in enumerate((10, 20, 30)):
            path = work / f"generated-{i}.pdf"
            path.write_bytes(make_pdf("arsredovisning", pages))
            generated.append(path)
        real = real_world_pdfs(args.pdf)
        print("text extraction, pages/s (in one process, every page):")
        for label, paths in (("example PDFs", examples), ("generated multi-page", generated), ("real-world multi-page", real)):
            if not paths:
                print(f"  {label:24s} none found")
                continue
            pages, slow, fast, reader = pages_per_second(paths)
            print(f"  {label:24s} {len(paths):3d} files {pages:4d} pages  pypdf {slow:6.0f}  PDFium {fast:6.0f} ({fast / slow:4.1f}x)"
                  f"  asfcert reader {reader:6.0f} ({reader / slow:4.1f}x)")

        scan = make_scan()
        paths = []
        for i in range(args.scans):
            path = work / f"scan-{i}.pdf"
            path.write_bytes(scan + b"%" + str(i).encode())  # distinct files, one page each
            paths.append(str(path))
        print(f"OCR, cold, {args.scans} one-page scans (A4, 200 dpi, rendered at 300 dpi):")
        for jobs in (1, 2):
            seconds, facts = ocr_cold(paths, jobs)
            confidences = [f["ocr_confidence"] for f in facts.values() if f.get("ocr_confidence") is not None]
            problems = {f.get("problem") for f in facts.values()} - {None}
            late = sum(len(f.get("ocr_late") or []) for f in facts.values())
            note = f"confidence {statistics.mean(confidences):.0f}" if confidences else "no text read (Tesseract missing?)"
            note += f", {late} pages late" if late else ""
            print(f"  {jobs} worker{'s' if jobs > 1 else ' '}  {seconds:6.2f} s  {args.scans / seconds:5.2f} pages/s  {note}{'  problems ' + str(problems) if problems else ''}")

        plain, scanned = work / "plain", work / "scanned"
        build(plain)
        build(scanned)
        for name in ("arsredovisning", "protokoll", "stadgar"):
            for path in (scanned / "evidence" / name).glob("*.pdf"):
                path.write_bytes(scan + path.name.encode())
        floor, times, filled = warm({"no scans": plain, "with scans": scanned}, work, args.runs)
        base = statistics.median(floor)
        print(f"import floor                 {summary(floor)}")
        for name, measured in times.items():
            print(f"check, warm, {name:15s} {summary(measured)}  ratio {statistics.median(measured) / base:.2f}x"
                  f"  (cached whole after {filled[name]} cold run{'s' if filled[name] > 1 else ''})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

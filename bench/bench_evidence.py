"""Evidence documents: a warm `asfcert check` on a company with 20 PDFs of 10–30 pages
against the dependency import floor, and the cold reading speed in pages per second.

    .venv/bin/python bench/bench_evidence.py [--runs N] [--keep DIR]

The company is the `vaxthuset` example with its evidence replaced by 20 generated text
PDFs of 10–30 pages each (fpdf2, DejaVu Sans), under the same names, so the self-assessment
still refers to them and the cross-checks find what they look for. Target: warm check
within 1.5x the import floor. asfcert's own modules are timed with their bytecode compiled,
as after `pip install` (the floor's modules are), even when PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import BIN, FLOOR, ROOT, env_with_cache, summary, timed

EXAMPLE = ROOT / "examples/omgang-ht2026/vaxthuset"
FONT = ROOT / "examples/fonts/DejaVuSans.ttf"
N_PDFS, MIN_PAGES, MAX_PAGES = 20, 10, 30
TARGET = 1.5

FILLER = (
    "Verksamheten följs upp varje månad av styrelsen och arbetsplatsträffen. Deltagarna har en "
    "individuell plan som revideras var sjätte vecka tillsammans med arbetshandledaren. "
    "Överskottet återinvesteras i verksamheten, i utbildning och i nya arbetstillfällen. "
)
FIRST_PAGE = {
    "arsredovisning": "Årsredovisning för Växthuset i Borås ekonomisk förening, org.nr 769638-4812.\n"
    "Räkenskapsåret 2025-01-01 – 2025-12-31.",
    "stadgar": "§ 2 Ändamål. Föreningen har till ändamål att skapa arbete för människor som står långt "
    "från arbetsmarknaden.\n§ 11 Vinstfördelning. Vinstutdelning till medlemmarna får inte ske.",
    "protokoll": "Protokoll fört vid styrelsemöte. Datum 2026-03-12.",
}


def make_pdf(kit_folder: str, pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=10)
    for page in range(pages):
        pdf.add_page()
        if page == 0:
            pdf.multi_cell(0, 5, "Växthuset i Borås ekonomisk förening · Org.nr 769638-4812\n" + FIRST_PAGE.get(kit_folder, ""), new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5, f"Sida {page + 1}. " + FILLER * 6, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def build(target: Path, seed: int = 1) -> int:
    """The company in `target`; returns the total number of pages."""
    rng = random.Random(seed)
    shutil.copytree(EXAMPLE, target)
    originals = sorted((target / "evidence").rglob("*.pdf"))
    keep = [p for p in originals if "styrelsemote-2025" not in p.name][:N_PDFS]
    for path in originals:
        path.unlink()
    total = 0
    for path in keep:
        pages = rng.randint(MIN_PAGES, MAX_PAGES)
        path.write_bytes(make_pdf(path.parent.name, pages))
        total += pages
    return total


def cold_reading(paths: list[str], jobs: int | None) -> tuple[float, int]:
    """Seconds to read every file in fresh workers, and the pages read."""
    sys.path.insert(0, str(ROOT / "src"))
    from asfcert.evidence import worker

    worker.close_idle()  # no warm worker from an earlier call
    start = time.perf_counter()
    facts = worker.read_many(paths, worker.Limits(), jobs)
    seconds = time.perf_counter() - start
    worker.close_idle()
    return seconds, sum(f.get("pages") or 0 for f in facts.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--keep", help="build the company here and keep it")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="asfcert-bench-evidence-"))
    company = work / "vaxthuset-20pdf"
    cache = work / "cache"
    try:
        if company.exists():
            shutil.rmtree(company)
        pages = build(company)
        paths = [str(p) for p in sorted((company / "evidence").rglob("*.pdf"))]
        env = env_with_cache(cache)
        # As after `pip install`, which compiles every module: let the warm-up runs write
        # bytecode even where the environment forbids it, as it does for the floor's modules.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cmd = [str(BIN / "asfcert"), "check", str(company), "--as-of", "2026-11-22"]
        timed(FLOOR, 3, env)  # warm the OS file cache and .pyc files
        cold_check = timed(cmd + ["--no-cache"], 3, env)
        timed(cmd, 2, env)  # fill the result cache
        floor, warm, warm_json = [], [], []
        for _ in range(args.runs):  # interleaved, so that a busy machine slows all alike
            floor += timed(FLOOR, 1, env)
            warm += timed(cmd, 1, env)
            warm_json += timed(cmd + ["--format", "json"], 1, env)
        readings = {jobs: [cold_reading(paths, jobs) for _ in range(3)] for jobs in (1, None)}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    base = statistics.median(floor)
    ratio = statistics.median(warm) / base
    print(f"company: {len(paths)} PDFs, {pages} pages ({MIN_PAGES}-{MAX_PAGES} per file)")
    print(f"import floor              {summary(floor)}")
    print(f"check, warm               {summary(warm)}  ratio {ratio:.2f}x  (target <= {TARGET}x: {'ok' if ratio <= TARGET else 'MISSED'})")
    print(f"check, warm, --format json{summary(warm_json)}  ratio {statistics.median(warm_json) / base:.2f}x")
    print(f"check --no-cache (cold)   {summary(cold_check)}  {pages / statistics.median(cold_check):.0f} pages/s end to end")
    for jobs, runs in readings.items():
        seconds = statistics.median(s for s, _ in runs)
        label = "1 worker" if jobs == 1 else "default workers"
        print(f"cold reading, {label:16s}{seconds * 1000:6.0f} ms  {pages / seconds:6.0f} pages/s")


if __name__ == "__main__":
    main()

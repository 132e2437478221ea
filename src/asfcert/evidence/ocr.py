"""Text recognition (OCR) of scanned pages and images with Tesseract and its Swedish model.

Runs only inside the reader worker (evidence/worker.py). Tesseract is driven directly, one
page at a time: the page is rendered by PDFium (pypdfium2) or decoded by Pillow, converted
to grayscale, and handed to `tesseract stdin stdout -l swe tsv` as a PGM image on stdin, so
nothing is ever written next to the evidence. OCRmyPDF would do the same through
Ghostscript and write a new PDF, which asfcert does not need: it only wants the text.

Every Tesseract process is started with the worker's memory limit, a CPU limit and a
single thread (two cores are shared by everything else), and is killed at the document's
deadline. A page is never larger than MAX_PIXELS: a page that declares a huge size is
rendered at a lower resolution instead.

The confidence of a page is the mean of Tesseract's word confidences (0-100) over the words
it recognised; the document's confidence is the mean over its recognised pages, weighted by
their number of words.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
from dataclasses import dataclass

LANGUAGE = "swe"
DPI = 300  # what Tesseract is trained for; scans are usually 200-300 dpi
MAX_PIXELS = 40_000_000  # about A3 at 300 dpi, 40 MB in grayscale
MAX_PAGES = 50  # pages recognised per document; the rest go to manual review
MIN_WORDS = 5  # fewer recognised words: a blank page or a photo, not text (and no confidence)
_TSV_COLUMNS = 12

# status of OCR in a document's facts
NOT_NEEDED = "none"
DONE = "done"
UNAVAILABLE = "unavailable"
INCOMPLETE = "incomplete"  # the document's time ran out before every page was read


@dataclass(frozen=True)
class Budget:
    """What OCR of one document may use: until `deadline` (time.monotonic()), and per
    Tesseract process the worker's memory."""

    deadline: float
    memory_mb: int


@dataclass
class Page:
    text: str
    confidence: float | None  # mean word confidence, 0-100; None when no word was recognised
    words: int


class Unavailable(Exception):
    """Tesseract or its Swedish model is not installed."""


_READY: list[str | None] = []


def engine() -> str:
    """The tesseract program, checked once per worker to have the Swedish model."""
    if not _READY:
        _READY.append(_find())
    if _READY[0] is None:
        raise Unavailable(f"tesseract with the '{LANGUAGE}' model")
    return _READY[0]


def _find() -> str | None:
    program = os.environ.get("ASFCERT_TESSERACT") or shutil.which("tesseract")
    if not program:
        return None
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, timeout=10, env=_env()).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return program if LANGUAGE.encode() in listed.split() else None


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "TESSDATA_PREFIX", "LANG", "LC_ALL", "HOME")}
    env["OMP_THREAD_LIMIT"] = "1"  # one core per page: the worker pool decides how many run at once
    return env


def _limits(cpu_seconds: int, memory_mb: int):
    """Applied in the Tesseract process before it starts (POSIX only)."""

    def apply() -> None:
        import resource

        for name, value in (("RLIMIT_CPU", cpu_seconds), ("RLIMIT_AS", memory_mb * 2**20), ("RLIMIT_CORE", 0)):
            res = getattr(resource, name, None)
            if res is not None:
                try:
                    resource.setrlimit(res, (value, value))
                except (ValueError, OSError):
                    pass

    return apply if os.name == "posix" else None


def recognise(image, dpi: int, budget: Budget) -> Page:
    """The text of one image (a Pillow image), read within `budget`."""
    gray = image.convert("L")
    buffer = io.BytesIO()
    gray.save(buffer, format="PPM")  # PGM for mode L: no compression, fast to write and read
    left = budget.deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    try:
        done = subprocess.run(
            [engine(), "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(dpi), "tsv"],
            input=buffer.getvalue(), capture_output=True, timeout=left, env=_env(),
            preexec_fn=_limits(int(left) + 1, budget.memory_mb),
        )
    except subprocess.TimeoutExpired:
        raise TimeoutError from None
    if done.returncode != 0:
        raise OSError(f"tesseract exited with {done.returncode}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> Page:
    """Words of Tesseract's TSV output (level 5), joined by line and paragraph."""
    lines: dict[tuple, list[str]] = {}
    confidences = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) != _TSV_COLUMNS or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            confidence = float(cols[10])
        except ValueError:
            continue
        if confidence < 0:
            continue
        lines.setdefault((int(cols[2]), int(cols[3]), int(cols[4])), []).append(cols[11].strip())
        confidences.append(confidence)
    out, last = [], None
    for (block, par, _), words in lines.items():
        if last is not None and last != (block, par):
            out.append("")  # a blank line between paragraphs
        out.append(" ".join(words))
        last = (block, par)
    confidence = sum(confidences) / len(confidences) if confidences else None
    return Page("\n".join(out), confidence, len(confidences))


def scale_for(width_pt: float, height_pt: float, dpi: int = DPI) -> float:
    """The render scale of a page of this size (in points): `dpi`, or less for a huge page."""
    scale = dpi / 72
    pixels = width_pt * scale * height_pt * scale
    if pixels > MAX_PIXELS:
        scale *= (MAX_PIXELS / pixels) ** 0.5
    return scale


def confidence(pages: list[Page]) -> float | None:
    """A document's confidence: word-weighted mean over the pages with words."""
    words = sum(p.words for p in pages if p.confidence is not None)
    if not words:
        return None
    return round(sum(p.confidence * p.words for p in pages if p.confidence is not None) / words, 1)


def read_pages(pages, budget: Budget) -> dict:
    """OCR of `pages`, an iterable of (1-based page number, a function giving the Pillow
    image and its dpi), in order until the budget's deadline or MAX_PAGES. Returns the
    facts' OCR part: `ocr` (done | unavailable | incomplete), `ocr_pages` {page: Page},
    `ocr_confidence`, `ocr_skipped` (pages that cannot be read: the page limit, a page that
    cannot be rendered) and `ocr_late` (pages the deadline left unread: a busy machine may
    read them next time)."""
    out: dict = {"ocr": DONE, "ocr_pages": {}, "ocr_confidence": None, "ocr_skipped": [], "ocr_late": []}
    try:
        engine()  # before any page is rendered for nothing
    except Unavailable:
        return {**out, "ocr": UNAVAILABLE}
    read: list[Page] = []
    for number, image_of in pages:
        if len(read) >= MAX_PAGES:
            out["ocr_skipped"].append(number)
            continue
        if time.monotonic() >= budget.deadline:
            out["ocr_late"].append(number)
            continue
        try:
            image, dpi = image_of()
            page = recognise(image, dpi, budget)
        except MemoryError:
            raise
        except TimeoutError:
            out["ocr_late"].append(number)
            continue
        except Exception:  # a page that cannot be rendered, a Tesseract that died
            out["ocr_skipped"].append(number)
            continue
        if page.words >= MIN_WORDS:
            read.append(page)
            out["ocr_pages"][number] = page
    out["ocr_confidence"] = confidence(read)
    if out["ocr_late"]:
        out["ocr"] = INCOMPLETE
    return out

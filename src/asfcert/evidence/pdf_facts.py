"""Read one PDF: page count, encryption, text per page and metadata.

pypdf reads the structure, encryption, page count and metadata; PDFium
(evidence/pdfium_pages.py) reads the text, much faster, and pypdf reads the text of a page
PDFium cannot. Pages without text (scans) are read by OCR (evidence/ocr.py) when the
worker gives an OCR budget. The only module that imports pypdf. It runs only inside the reader worker
(evidence/worker.py), whose process has bounded CPU time and memory, never in the main
process. pypdf raises more than its own error classes on broken files (KeyError,
ValueError, struct.error, RecursionError, ...), so every exception ends in a `problem`.
AES-encrypted files (R4 AES-128, R5/R6 AES-256) need the `cryptography` package, a
dependency of asfcert: with it they open like RC4 ones (an empty user password: read,
`owner_password_only`), and without it they are still `encrypted`, never `damaged`.
"""

from __future__ import annotations

import io
import logging

import pypdf
from pypdf.errors import DependencyError, LimitReachedError

MAX_TEXT_PAGES = 2000  # pages whose text is extracted; the count covers them all
MAX_CHARS = 3_000_000  # text kept per document
TEXT_PAGE_MIN_CHARS = 8  # fewer visible characters: a scanned page or a blank one
_META = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer", "/CreationDate", "/ModDate")

# problem: not-pdf | encrypted | damaged | no-pages | limit (pypdf's own safety limits)


def clean(text: str) -> str:
    """Text safe to store and print: broken fonts can yield lone surrogates and NULs."""
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")


def describe(error: BaseException) -> str:
    """A short technical description for the finding: class and first line of the text."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return clean(type(error).__name__ + (": " + text if text else ""))[:200]


def sniff(data: bytes) -> str:
    """What a file that is not a PDF looks like: png | jpeg | gif | tiff | zip | ole | html | text | unknown."""
    head = data[:16]
    for magic, name in (
        (b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"), (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"),
        (b"PK\x03\x04", "zip"), (b"\xd0\xcf\x11\xe0", "ole"),
    ):
        if head.startswith(magic):
            return name
    sample = data[:2048].lstrip().lower()
    if sample.startswith((b"<!doctype html", b"<html")):
        return "html"
    try:
        sample.decode("utf-8")
        return "text" if sample else "unknown"
    except UnicodeDecodeError:
        return "unknown"


def _metadata(reader) -> dict[str, str]:
    try:
        info = reader.trailer.get("/Info")
        info = info.get_object() if info is not None else None
        if not hasattr(info, "get"):
            return {}
        out = {}
        for name in _META:
            value = info.get(name)
            if value is not None:
                out[name[1:].lower()] = clean(str(value))[:300]
        return out
    except MemoryError:
        raise
    except Exception:  # metadata is a nicety: a broken /Info is not worth a finding
        return {}


def empty() -> dict:
    return {
        "problem": None, "detail": None, "pages": None, "encrypted": False, "owner_password_only": False,
        "texts": [], "text_pages": 0, "bad_pages": [], "truncated": False, "metadata": {},
        "ocr": "none", "ocr_pages": [], "ocr_confidence": None, "ocr_late": [],
    }


def read(data: bytes, budget=None, max_pages: int = MAX_TEXT_PAGES) -> dict:
    """The facts of one PDF. Text is raw here; the worker masks identity numbers in it.
    `budget` (ocr.Budget) lets pages without text be read by OCR; `max_pages` bounds the
    pages whose text is read (`verify` needs only the first)."""
    facts = empty()
    if data.find(b"%PDF-", 0, 1024) < 0:
        facts.update(problem="not-pdf", detail=sniff(data))
        return facts
    quiet = logging.getLogger("pypdf")
    if quiet.level != logging.CRITICAL:  # setLevel clears every logger's cache, each time
        quiet.setLevel(logging.CRITICAL)  # problems become facts, not log lines
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except MemoryError:
        raise
    except Exception as e:
        return _failed(facts, e)
    try:
        return _read(reader, facts, data, budget, max_pages)
    finally:
        # the reader and its objects refer to each other: closing it breaks the cycles, so
        # they are freed at once instead of by the next collection (half of a reader's
        # young collections were its files' pypdf objects)
        reader.close()


def _failed(facts: dict, error: Exception) -> dict:
    """The facts of a PDF pypdf could not open."""
    if isinstance(error, DependencyError):
        # AES (R4, R5/R6) where pypdf finds no crypto library: pypdf raises this while
        # opening or decrypting. The file is encrypted, not damaged.
        facts.update(problem="encrypted", encrypted=True, detail=describe(error))
    elif isinstance(error, LimitReachedError):
        facts.update(problem="limit", detail=describe(error))
    else:
        facts.update(problem="damaged", detail=describe(error))
    return facts


def _read(reader, facts: dict, data: bytes, budget, max_pages: int) -> dict:
    try:
        if reader.is_encrypted:
            facts["encrypted"] = True
            if reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
                facts["problem"] = "encrypted"
                return facts
            facts["owner_password_only"] = True
        count = len(reader.pages)
    except MemoryError:
        raise
    except Exception as e:
        return _failed(facts, e)
    facts["pages"] = count
    facts["metadata"] = _metadata(reader)
    if count == 0:
        facts["problem"] = "no-pages"
        return facts
    from asfcert.evidence.pdfium_pages import Pages

    fast = Pages(data)
    try:
        limit_hit, locked = _texts(facts, reader, fast, min(count, max_pages))
        if budget is not None:
            _recognise(facts, fast, budget)
    finally:
        fast.close()
    facts["truncated"] = facts["truncated"] or count > min(max_pages, MAX_TEXT_PAGES)
    if facts["problem"] is None and len(facts["bad_pages"]) == len(facts["texts"]):  # not one page could be read
        if locked:
            facts.update(problem="encrypted", detail=locked)
        else:
            facts.update(problem="limit" if limit_hit else "damaged", detail=limit_hit or "no page could be read")
    facts["text_pages"] = sum(1 for t in facts["texts"] if has_text(t))
    return facts


def has_text(text: str) -> bool:
    return len("".join(text.split())) >= TEXT_PAGE_MIN_CHARS


def _page_text(reader, fast, i: int) -> tuple[str, str | None, str | None]:
    """(text, why it could not be read: `limit` | `locked` | `bad` | None, detail) of page
    `i`: PDFium's text once pypdf has unpacked the page within its limits, else pypdf's."""
    try:
        _unpack(reader.pages[i])  # pypdf's safety limits before PDFium sees the page
    except MemoryError:
        raise
    except LimitReachedError as e:
        return "", "limit", describe(e)
    except Exception:
        pass  # a page pypdf cannot unpack may still be one PDFium can read
    text = fast.text(i)
    if text is not None:
        return clean(text), None, None
    try:
        return clean(reader.pages[i].extract_text() or ""), None, None
    except MemoryError:
        raise
    except LimitReachedError as e:
        return "", "limit", describe(e)
    except DependencyError as e:  # content encrypted with AES, no crypto library
        return "", "locked", describe(e)
    except Exception:
        return "", "bad", None


def _texts(facts: dict, reader, fast, pages: int) -> tuple[str | None, str | None]:
    """The text of the first `pages` pages. Returns what stopped a page, if anything:
    (a safety limit, an AES key pypdf cannot use)."""
    total, why = 0, {}
    for i in range(min(pages, MAX_TEXT_PAGES)):
        text, problem, detail = _page_text(reader, fast, i)
        if problem:
            facts["bad_pages"].append(i + 1)
            why[problem] = detail
        if total + len(text) > MAX_CHARS:
            text = text[: max(0, MAX_CHARS - total)]
            facts["truncated"] = True
        total += len(text)
        facts["texts"].append(text)
        if facts["truncated"]:
            break
    return why.get("limit"), why.get("locked")


def _unpack(page) -> None:
    """Decode the page's content streams with pypdf, whose limits stop decompression bombs
    and absurd declared lengths (LimitReachedError); PDFium has no such limits."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    for stream in contents if isinstance(contents, list) else [contents] if contents is not None else []:
        stream = stream.get_object()
        if hasattr(stream, "get_data"):
            stream.get_data()


def _recognise(facts: dict, fast, budget) -> None:
    """OCR of the pages without text that PDFium can render: their text replaces the
    empty one. Pages OCR could not read in time are listed as bad pages."""
    from asfcert.evidence import ocr

    bad = set(facts["bad_pages"])
    wanted = [i for i, t in enumerate(facts["texts"]) if not has_text(t) and i + 1 not in bad and i < len(fast)]
    if not wanted:
        return
    apply_ocr(facts, ocr.read_pages(((i + 1, fast.image(i)) for i in wanted), budget))


def apply_ocr(facts: dict, result: dict) -> None:
    """Put what OCR read (ocr.read_pages) into the facts: its text replaces the empty one;
    pages it cannot read are bad pages; pages it had no time for stay without text and are
    listed in `ocr_late`."""
    facts["ocr"] = result["ocr"]
    for number, page in result["ocr_pages"].items():
        facts["texts"][number - 1] = clean(page.text)
    facts["ocr_pages"] = sorted(result["ocr_pages"])
    facts["ocr_confidence"] = result["ocr_confidence"]
    facts["ocr_late"] = result["ocr_late"]
    facts["bad_pages"] = sorted(set(facts["bad_pages"]) | set(result["ocr_skipped"]))
    facts["text_pages"] = sum(1 for t in facts["texts"] if has_text(t))

"""Read one PDF with pypdf: page count, encryption, text per page and metadata.

The only module that imports pypdf. It runs only inside the reader worker
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


def read(data: bytes) -> dict:
    """The facts of one PDF. Text is raw here; the worker masks identity numbers in it."""
    facts: dict = {
        "problem": None, "detail": None, "pages": None, "encrypted": False, "owner_password_only": False,
        "texts": [], "text_pages": 0, "bad_pages": [], "truncated": False, "metadata": {},
    }
    if data.find(b"%PDF-", 0, 1024) < 0:
        facts.update(problem="not-pdf", detail=sniff(data))
        return facts
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # problems become facts, not log lines
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            facts["encrypted"] = True
            if reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
                facts["problem"] = "encrypted"
                return facts
            facts["owner_password_only"] = True
        count = len(reader.pages)
    except MemoryError:
        raise
    except DependencyError as e:
        # AES (R4, R5/R6) where pypdf finds no crypto library: pypdf raises this while
        # opening or decrypting. The file is encrypted, not damaged.
        facts.update(problem="encrypted", encrypted=True, detail=describe(e))
        return facts
    except LimitReachedError as e:
        facts.update(problem="limit", detail=describe(e))
        return facts
    except Exception as e:
        facts.update(problem="damaged", detail=describe(e))
        return facts
    facts["pages"] = count
    facts["metadata"] = _metadata(reader)
    if count == 0:
        facts["problem"] = "no-pages"
        return facts
    total, limit_hit, locked = 0, None, None
    for i in range(min(count, MAX_TEXT_PAGES)):
        try:
            text = clean(reader.pages[i].extract_text() or "")
        except MemoryError:
            raise
        except LimitReachedError as e:
            limit_hit, text = describe(e), ""
            facts["bad_pages"].append(i + 1)
        except DependencyError as e:  # content encrypted with AES, no crypto library
            locked, text = describe(e), ""
            facts["bad_pages"].append(i + 1)
        except Exception:
            text = ""
            facts["bad_pages"].append(i + 1)
        if total + len(text) > MAX_CHARS:
            text = text[: max(0, MAX_CHARS - total)]
            facts["truncated"] = True
        total += len(text)
        facts["texts"].append(text)
        if facts["truncated"]:
            break
    facts["truncated"] = facts["truncated"] or count > MAX_TEXT_PAGES
    if len(facts["bad_pages"]) == len(facts["texts"]):  # not one page could be read
        if locked:
            facts.update(problem="encrypted", detail=locked)
        else:
            facts.update(problem="limit" if limit_hit else "damaged", detail=limit_hit or "no page could be read")
    facts["text_pages"] = sum(1 for t in facts["texts"] if len("".join(t.split())) >= TEXT_PAGE_MIN_CHARS)
    return facts

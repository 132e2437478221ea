"""The facts of every evidence file, read once per content.

Every PDF under `evidence/` is read by the worker (evidence/worker.py). Its facts are
cached under the SHA-256 of its content in the namespace `pdf-facts`, so an unchanged file
is never read again, an edited file is never served stale, and two copies of one file are
read once. A cache entry of the wrong shape is ignored. Text in the facts has personal
identity numbers masked, so the cache never holds one. A digital annual report (an XHTML,
HTML or ZIP file of the annual-report kind) is read the same way by evidence/ixbrl.py,
cached in the namespace `ixbrl-facts`. Word, OpenDocument and text files
(evidence/office.py) and scanned images (evidence/images.py, by OCR) are read into facts of
the PDF's shape, in the namespaces `office-facts` and `image-facts`. Other files are listed
and hashed but not inspected.

Text read by OCR counts only when its confidence reaches the standard's
`policy.ocr_min_confidence` (Documents.trust_ocr): below it, the pages read by OCR count as
pages without text, and the document goes to manual review. A scan read while Tesseract
was missing, or whose time ran out before OCR read every page, is not cached, so it is read
again next time.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass

from asfcert.evidence import ixbrl
from asfcert.evidence.limits import TRANSIENT, Budget, Limits
from asfcert.io.cache import Cache, key

FACTS_FORMAT = 2
NAMESPACE = "pdf-facts"
PDF_SUFFIX = ".pdf"
OFFICE_SUFFIXES = {".docx": "docx", ".odt": "odt", ".txt": "text", ".md": "text"}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
# ocr.UNAVAILABLE and ocr.INCOMPLETE, without importing the worker's modules: facts read so
# are not cached, since an installed Tesseract or a quieter machine reads more next time
OCR_NOT_FINAL = ("unavailable", "incomplete")
# problems a file can have: see review.py for the findings they become
UNREADABLE = "unreadable"
EMPTY = "empty"
TOO_LARGE = "too-large"  # larger than folder.MAX_HASHED_BYTES: neither hashed whole nor read

_FIELDS = {
    "problem": (str, type(None)), "detail": (str, type(None)), "pages": (int, type(None)),
    "encrypted": bool, "owner_password_only": bool, "texts": list, "text_pages": int,
    "bad_pages": list, "truncated": bool, "metadata": dict, "privacy": list,
    "ocr": str, "ocr_pages": list, "ocr_confidence": (int, float, type(None)), "ocr_late": list,
}
_DEFAULTS = {
    "problem": None, "detail": None, "pages": None, "encrypted": False, "owner_password_only": False,
    "texts": [], "text_pages": 0, "bad_pages": [], "truncated": False, "metadata": {}, "privacy": [],
    "ocr": "none", "ocr_pages": [], "ocr_confidence": None, "ocr_late": [],
}


_HEX = frozenset("0123456789abcdef")


def _is_hash(sha: str) -> bool:
    return len(sha) == 64 and _HEX.issuperset(sha)


def _fresh(default):
    """A default of its own for each facts: copy.copy without its dispatch (a cohort run
    fills in thousands of facts)."""
    kind = type(default)
    return default.copy() if kind is list or kind is dict else copy.copy(default)


def normalise(raw: dict, defaults: dict = _DEFAULTS, version: int = FACTS_FORMAT) -> dict:
    """Worker answers after a crash or timeout carry only `problem`: fill in the rest."""
    facts = {name: raw[name] if name in raw else _fresh(default) for name, default in defaults.items()}
    facts["format"] = version
    return facts


def _pdf_items(facts: dict) -> bool:
    return all(isinstance(t, str) for t in facts["texts"]) and all(isinstance(p, int) for p in facts["ocr_pages"]) and all(
        isinstance(h, dict) and isinstance(h.get("page"), int) and isinstance(h.get("masked"), str) for h in facts["privacy"]
    )


def valid(facts, fields: dict = _FIELDS, version: int = FACTS_FORMAT, items=_pdf_items) -> bool:
    """A cached entry is used only when it has exactly the expected shape."""
    if not isinstance(facts, dict) or facts.get("format") != version:
        return False
    if any(not isinstance(facts.get(name), types) for name, types in _FIELDS.items() | fields.items()):
        return False
    return items(facts)


@dataclass
class Document:
    rel: str  # relative to the company folder, with `/`
    kind: str | None  # evidence kind from the manifest
    size: int
    sha256: str  # or a marker: "special", "link:…", "unreadable:…"
    facts: dict | None = None  # for the files a reader reads; None for other files
    ocr_floor: float = 0.0  # the lowest OCR confidence whose text counts (Documents.trust_ocr)

    @property
    def is_pdf(self) -> bool:
        return self.rel.lower().endswith(PDF_SUFFIX)

    @property
    def reader(self) -> str | None:
        """Which reader reads the file (worker.READERS), or None for a file none can read."""
        lower = self.rel.lower()
        if self.is_filing:
            return "ixbrl"
        if lower.endswith(PDF_SUFFIX):
            return "pdf"
        if lower.endswith(tuple(OFFICE_SUFFIXES)):
            return "office"
        if lower.endswith(IMAGE_SUFFIXES):
            return "image"
        return None

    @property
    def ocr_confidence(self) -> float | None:
        """The OCR confidence (0-100) of the text read by OCR, or None when none was."""
        if not self.facts or not self.facts["ocr_pages"]:
            return None
        return self.facts["ocr_confidence"]

    @property
    def ocr_trusted(self) -> bool:
        """Whether text read by OCR (if any) reaches the standard's confidence."""
        confidence = self.ocr_confidence
        return confidence is None or confidence >= self.ocr_floor

    @property
    def is_filing(self) -> bool:
        """A digital annual report (iXBRL): an XHTML, HTML or ZIP file of the annual-report kind."""
        return self.kind == ixbrl.KIND and self.rel.lower().endswith(ixbrl.SUFFIXES)

    @property
    def problem(self) -> str | None:
        """Why the file cannot be used as evidence as it is, or None."""
        if self.sha256.startswith(TOO_LARGE + ":"):
            return TOO_LARGE
        if not _is_hash(self.sha256):
            return UNREADABLE
        if self.size == 0:
            return EMPTY
        return self.facts["problem"] if self.facts else None

    def _texts(self) -> list[str]:
        """The texts that count: pages read by OCR below the confidence are left empty."""
        texts = self.facts["texts"]
        if self.ocr_trusted:
            return texts
        ocr = set(self.facts["ocr_pages"])
        return ["" if i in ocr else t for i, t in enumerate(texts, 1)]

    @property
    def has_text(self) -> bool:
        if not self.facts or self.problem is not None or self.facts["text_pages"] == 0:
            return False
        return self.ocr_trusted or len(self.facts["ocr_pages"]) < self.facts["text_pages"]

    @property
    def texts(self) -> list[str]:
        return self._texts() if self.has_text else []

    @property
    def name(self) -> str:
        return self.rel.rsplit("/", 1)[-1]


# reader -> (cache namespace, normalise, valid)
READERS = {
    "pdf": (NAMESPACE, normalise, valid),
    "office": ("office-facts", normalise, valid),
    "image": ("image-facts", normalise, valid),
    "ixbrl": (
        ixbrl.NAMESPACE,
        lambda raw: normalise(raw, ixbrl.empty(), ixbrl.FACTS_FORMAT),
        lambda facts: valid(facts, ixbrl.FIELDS, ixbrl.FACTS_FORMAT, ixbrl.items_valid),
    ),
}


class Documents:
    """Every evidence file with its facts, by path and by kind."""

    def __init__(self, docs: list[Document] = ()):
        self.by_rel = {d.rel: d for d in docs}

    def __iter__(self):
        return iter(self.by_rel.values())

    def get(self, rel: str) -> Document | None:
        return self.by_rel.get(rel)

    def trust_ocr(self, floor: float) -> None:
        """Count text read by OCR only at or above `floor` (the standard's
        `policy.ocr_min_confidence`)."""
        for doc in self.by_rel.values():
            doc.ocr_floor = floor

    def of_kind(self, kind: str) -> list[Document]:
        """The files of a kind; links that leave the folder and special files do not count."""
        return [d for d in self.by_rel.values() if d.kind == kind and not d.sha256.startswith(("special", "link:"))]


def _real(path) -> str:
    """The file's real path, for the worker (which opens no link). The walk that listed it
    entered no linked folder below the folder's real root, so only a file that is itself
    a link needs resolving: one lstat instead of one per folder above it."""
    path = os.fspath(path)
    return os.path.realpath(path) if os.path.islink(path) else path


def read_many(paths: list[str], limits: Limits, jobs: int | None, budget: Budget, readers: dict[str, str]) -> dict[str, dict]:
    """The worker's `read_many`: its module (child processes, threads) is imported only
    when some file's facts are not cached."""
    from asfcert.evidence import worker

    return worker.read_many(paths, limits, jobs, budget, readers)


def read_documents(
    folder, manifest: list, use_cache: bool = True, limits: Limits = Limits(), jobs: int | None = None, budget: Budget | None = None
) -> Documents:
    """The documents of a company folder, with `pages` filled in on the manifest entries.
    Reading all of them together stays within `budget` (worker.Budget; by default from the
    environment): files it leaves unread have the problem `budget` and are read next time."""
    cache = Cache(use_cache)
    budget = budget or Budget.from_environment()
    limits = budget.limits(limits)  # the limits that decide a cached outcome
    part = limits.cache_part()
    docs, todo, keys = [], {}, {}  # todo: (sha256, reader) -> documents with that content; keys: their cache keys
    for entry in manifest:
        doc = Document(entry.path, entry.kind, entry.size, entry.sha256)
        docs.append(doc)
        reader = doc.reader
        if reader is None or doc.problem:
            continue
        namespace, _, is_valid = READERS[reader]
        digest = key(namespace, doc.sha256, part)
        hit = cache.get(namespace, digest)
        if is_valid(hit):
            doc.facts = hit
        else:
            todo.setdefault((doc.sha256, reader), []).append(doc)
            keys[doc.sha256, reader] = digest
    paths = {_real(folder.path_of(same[0].rel)): todo_key for todo_key, same in todo.items()}
    readers = {path: reader for path, (_, reader) in paths.items()}
    for path, raw in (read_many(list(paths), limits, jobs, budget, readers) if paths else {}).items():
        namespace, normalised, _ = READERS[readers[path]]
        facts = normalised(raw)
        # the worker hashes what it read: a file edited since the manifest is stored under its new content
        sha = raw.get("sha256") or paths[path][0]
        asked = keys[paths[path]]  # the key of the content the manifest hashed
        # a scan read while Tesseract was missing is read again once it is installed; in
        # this run, it is not read twice (the facts were read before the folder was evaluated)
        if facts["problem"] not in TRANSIENT and facts["ocr"] not in OCR_NOT_FINAL:
            cache.put(namespace, asked if sha == paths[path][0] else key(namespace, sha, part), facts)
        else:
            cache.keep(namespace, asked, facts)
        for doc in todo[paths[path]]:
            doc.facts = facts
    for entry, doc in zip(manifest, docs):
        if doc.facts and doc.facts["pages"] is not None:
            entry.pages = doc.facts["pages"]
    return Documents(docs)

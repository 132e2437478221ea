"""The facts of every evidence file, read once per content.

Every PDF under `evidence/` is read by the worker (evidence/worker.py). Its facts are
cached under the SHA-256 of its content in the namespace `pdf-facts`, so an unchanged file
is never read again, an edited file is never served stale, and two copies of one file are
read once. A cache entry of the wrong shape is ignored. Text in the facts has personal
identity numbers masked, so the cache never holds one. Other files (images, Word and
OpenDocument files, text files) are listed and hashed but not inspected.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass

from asfcert.evidence.worker import TRANSIENT, Budget, Limits, read_many
from asfcert.io.cache import Cache, key

FACTS_FORMAT = 1
NAMESPACE = "pdf-facts"
PDF_SUFFIX = ".pdf"
# problems a file can have: see review.py for the findings they become
UNREADABLE = "unreadable"
EMPTY = "empty"
TOO_LARGE = "too-large"  # larger than folder.MAX_HASHED_BYTES: neither hashed whole nor read

_FIELDS = {
    "problem": (str, type(None)), "detail": (str, type(None)), "pages": (int, type(None)),
    "encrypted": bool, "owner_password_only": bool, "texts": list, "text_pages": int,
    "bad_pages": list, "truncated": bool, "metadata": dict, "privacy": list,
}
_DEFAULTS = {
    "problem": None, "detail": None, "pages": None, "encrypted": False, "owner_password_only": False,
    "texts": [], "text_pages": 0, "bad_pages": [], "truncated": False, "metadata": {}, "privacy": [],
}


def _is_hash(sha: str) -> bool:
    return len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)


def normalise(raw: dict) -> dict:
    """Worker answers after a crash or timeout carry only `problem`: fill in the rest."""
    facts = {name: raw.get(name, copy.copy(default)) for name, default in _DEFAULTS.items()}
    facts["format"] = FACTS_FORMAT
    return facts


def valid(facts) -> bool:
    """A cached entry is used only when it has exactly the expected shape."""
    if not isinstance(facts, dict) or facts.get("format") != FACTS_FORMAT:
        return False
    if any(not isinstance(facts.get(name), types) for name, types in _FIELDS.items()):
        return False
    return all(isinstance(t, str) for t in facts["texts"]) and all(
        isinstance(h, dict) and isinstance(h.get("page"), int) and isinstance(h.get("masked"), str) for h in facts["privacy"]
    )


@dataclass
class Document:
    rel: str  # relative to the company folder, with `/`
    kind: str | None  # evidence kind from the manifest
    size: int
    sha256: str  # or a marker: "special", "link:…", "unreadable:…"
    facts: dict | None = None  # for PDFs; None for other files

    @property
    def is_pdf(self) -> bool:
        return self.rel.lower().endswith(PDF_SUFFIX)

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

    @property
    def has_text(self) -> bool:
        return bool(self.facts) and self.problem is None and self.facts["text_pages"] > 0

    @property
    def texts(self) -> list[str]:
        return self.facts["texts"] if self.has_text else []

    @property
    def name(self) -> str:
        return self.rel.rsplit("/", 1)[-1]


class Documents:
    """Every evidence file with its facts, by path and by kind."""

    def __init__(self, docs: list[Document] = ()):
        self.by_rel = {d.rel: d for d in docs}

    def __iter__(self):
        return iter(self.by_rel.values())

    def get(self, rel: str) -> Document | None:
        return self.by_rel.get(rel)

    def of_kind(self, kind: str) -> list[Document]:
        """The files of a kind; links that leave the folder and special files do not count."""
        return [d for d in self.by_rel.values() if d.kind == kind and not d.sha256.startswith(("special", "link:"))]


def read_documents(
    folder, manifest: list, use_cache: bool = True, limits: Limits = Limits(), jobs: int | None = None, budget: Budget | None = None
) -> Documents:
    """The documents of a company folder, with `pages` filled in on the manifest entries.
    Reading all of them together stays within `budget` (worker.Budget; by default from the
    environment): files it leaves unread have the problem `budget` and are read next time."""
    cache = Cache(use_cache)
    budget = budget or Budget.from_environment()
    limits = budget.limits(limits)  # the limits that decide a cached outcome
    docs, todo = [], {}  # todo: sha256 -> documents with that content
    for entry in manifest:
        doc = Document(entry.path, entry.kind, entry.size, entry.sha256)
        docs.append(doc)
        if not doc.is_pdf or doc.problem:
            continue
        hit = cache.get(NAMESPACE, key(NAMESPACE, doc.sha256, limits.cache_part()))
        if valid(hit):
            doc.facts = hit
        else:
            todo.setdefault(doc.sha256, []).append(doc)
    paths = {os.path.realpath(folder.path_of(same[0].rel)): sha for sha, same in todo.items()}
    for path, raw in read_many(list(paths), limits, jobs, budget).items():
        facts = normalise(raw)
        # the worker hashes what it read: a file edited since the manifest is stored under its new content
        sha = raw.get("sha256") or paths[path]
        if facts["problem"] not in TRANSIENT:
            cache.put(NAMESPACE, key(NAMESPACE, sha, limits.cache_part()), facts)
        for doc in todo[paths[path]]:
            doc.facts = facts
    for entry, doc in zip(manifest, docs):
        if doc.facts and doc.facts["pages"] is not None:
            entry.pages = doc.facts["pages"]
    return Documents(docs)

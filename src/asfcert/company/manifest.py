"""The evidence manifest: every file under `evidence/` with its size, SHA-256 and kind.

The kind comes from the standard's evidence kinds: first the kit folder the file is in,
then keywords in its path. `pages` is filled in from the document facts when the file is
a readable PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass

from asfcert.base.text import (
    loose as _fold,  # file names are often typed without å, ä and ö
)
from asfcert.company.folder import EVIDENCE_DIR, KIT_README, CompanyFolder


@dataclass
class ManifestEntry:
    path: str  # relative to the company folder, with `/`
    size: int
    sha256: str  # or a marker: "special", "link:…", "unreadable:…"
    kind: str | None = None  # an evidence kind id from the standard
    pages: int | None = None

    def to_dict(self) -> dict:  # not dataclasses.asdict: it deep-copies, on every warm run
        return {"path": self.path, "size": self.size, "sha256": self.sha256, "kind": self.kind, "pages": self.pages}

    @classmethod
    def from_dict(cls, d: dict) -> ManifestEntry:
        return cls(**d)



def _match(words: tuple[str, ...], tokens: list[str]) -> int | None:
    """The index of the first word of the name a keyword's words match, or None. A single
    word must start a word of the name, so `sam` matches `sam-uppfoljning.pdf` but not
    `lonesammanstallning.pdf`; several words match in order."""
    if not words:  # an empty keyword matches any name, at its start
        return 0
    *whole, last = words
    n = len(whole)
    for i in range(len(tokens) - n):
        if tokens[i + n].startswith(last) and all(tokens[i + j] == w for j, w in enumerate(whole)):
            return i
    return None


# The standard's keywords folded and split once, not once per file (a cohort classifies
# every file of every folder): the last standard seen, by identity, and its keywords.
_prepared: tuple[object, list] = (None, [])


def _keywords(standard) -> list[tuple[str, str, list[tuple[tuple[str, ...], int]]]]:
    """(kind id, kit folder, [(folded words, minus the keyword's length)]) per evidence kind."""
    global _prepared
    if _prepared[0] is not standard:
        kinds = [
            (kind.id, kind.folder, [(tuple(_fold(k).replace("-", " ").split()), -len(k)) for k in kind.keywords])
            for kind in standard.evidence_kinds
        ]
        _prepared = (standard, kinds)
    return _prepared[1]


# (id of the standard, path) -> (the standard, its kind): companies name their files alike
# (`evidence/stadgar/stadgar.pdf`), and a cohort run classifies each name once per process
_KINDS: dict[tuple[int, str], tuple[object, str | None]] = {}
_KINDS_KEPT = 20_000


def classify(rel: str, standard) -> str | None:
    """The evidence kind of a file, from keywords in its name, else from its kit folder."""
    hit = _KINDS.get((id(standard), rel))
    if hit is not None and hit[0] is standard:
        return hit[1]
    kind = _classify(rel, standard)
    if len(_KINDS) >= _KINDS_KEPT:
        _KINDS.clear()
    _KINDS[(id(standard), rel)] = (standard, kind)
    return kind


def _classify(rel: str, standard) -> str | None:
    parts = _fold(rel).split("/")
    folder = parts[1] if len(parts) > 2 else None
    name = parts[-1]
    tokens = [t for t in re.split(r"[^0-9a-z]+", name) if t]
    scored = []
    for kind_id, kind_folder, keywords in _keywords(standard):
        hits = [(i, minus_length) for words, minus_length in keywords if (i := _match(words, tokens)) is not None]
        if hits:
            scored.append((kind_folder != folder, min(hits), kind_id))
    if scored:  # prefer a kind of the file's kit folder, then the word that comes first
        return min(scored)[2]
    in_folder = [k for k in standard.evidence_kinds if k.folder == folder]
    if len(in_folder) == 1:
        return in_folder[0].id
    return None


def is_kit_guide(rel: str) -> bool:
    """The README.txt that `asfcert new` puts in `evidence/` and each kit folder explains
    what goes there; it is not evidence of any kind."""
    parts = rel.split("/")
    return parts[-1] == KIT_README and len(parts) <= 3


def build(folder: CompanyFolder, standard) -> list[ManifestEntry]:
    entries = []
    prefix = EVIDENCE_DIR + "/"
    for rel in folder.files:
        if not rel.startswith(prefix) or is_kit_guide(rel):
            continue
        entries.append(ManifestEntry(rel, folder.size(rel), folder.content_hash(rel), classify(rel, standard)))
    return entries

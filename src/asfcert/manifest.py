"""The evidence manifest: every file under `evidence/` with its size, SHA-256 and kind.

The kind comes from the standard's evidence kinds: first the kit folder the file is in,
then keywords in its path. `pages` is filled in from the document facts when the file is
a readable PDF."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import asdict, dataclass

from asfcert.folder import EVIDENCE_DIR, CompanyFolder


@dataclass
class ManifestEntry:
    path: str  # relative to the company folder, with `/`
    size: int
    sha256: str  # or a marker: "special", "link:…", "unreadable:…"
    kind: str | None = None  # an evidence kind id from the standard
    pages: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> ManifestEntry:
        return cls(**d)


_FOLD = str.maketrans("åäöéü", "aaoeu")


def _fold(text: str) -> str:
    """Case- and accent-insensitive: file names are often typed without å, ä and ö."""
    return unicodedata.normalize("NFC", text).casefold().translate(_FOLD)


def classify(rel: str, standard) -> str | None:
    """The evidence kind of a file, from keywords in its name, else from its kit folder."""
    parts = _fold(rel).split("/")
    folder = parts[1] if len(parts) > 2 else None
    name = parts[-1]
    by_keyword = [k for k in standard.evidence_kinds if any(_fold(word) in name for word in k.keywords)]
    if by_keyword:
        in_folder = [k for k in by_keyword if k.folder == folder]
        return (in_folder or by_keyword)[0].id
    in_folder = [k for k in standard.evidence_kinds if k.folder == folder]
    if len(in_folder) == 1:
        return in_folder[0].id
    return None


def build(folder: CompanyFolder, standard) -> list[ManifestEntry]:
    entries = []
    prefix = EVIDENCE_DIR + "/"
    for rel in folder.files:
        if not rel.startswith(prefix):
            continue
        try:
            size = os.lstat(folder.root / rel).st_size
        except OSError:
            size = 0
        entries.append(ManifestEntry(rel, size, folder.content_hash(rel), classify(rel, standard)))
    return entries

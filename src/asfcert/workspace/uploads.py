"""Uploads: a new document in `evidence/<kind folder>/`, and nothing else, ever.

asfcert never modifies evidence (io/atomic.py refuses every write under `evidence/`). The
one thing the workspace may do there is *create a new file*: `create_evidence` makes the
name safe (no folders, no `..`, ASCII letters, digits and hyphens), accepts only the kit
folders of the standard and only the file types asfcert reads, checks the size and the
content's signature, and creates the file atomically without ever replacing one: a file
of that name already there is reported (`upload-exists`), never overwritten, renamed or
deleted."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asfcert.base.i18n import L10n
from asfcert.base.layout import EVIDENCE_DIR
from asfcert.base.text import slugify

MAX_BYTES = 25 * 2**20  # a scanned annual report is a few MB; more is a mistake
# The file types asfcert reads, and how their content starts. A PDF may have a few bytes of
# junk before its header, which readers accept.
TYPES = {"pdf": (b"%PDF-", 1024)}
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@dataclass
class Refused(Exception):
    """Why an upload was not stored: `code` is stable (tests and the page use it)."""

    code: str
    message: L10n

    def __str__(self) -> str:
        return self.code


def _refuse(code: str, sv: str, en: str) -> Refused:
    return Refused(code, L10n(sv, en))


def safe_name(filename: str) -> str:
    """A name that is safe in any file system and cannot leave its folder:
    `../../Årsredovisning 2025.PDF` -> `arsredovisning-2025.pdf`."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem, dot, suffix = base.rpartition(".")
    suffix = suffix.lower()
    if not dot or suffix not in TYPES:
        kinds = ", ".join(f".{t}" for t in TYPES)
        raise _refuse("upload-type", f"Bara filer av typen {kinds} kan laddas upp: asfcert läser dem",
                      f"Only files of the type {kinds} can be uploaded: asfcert reads them")
    stem = slugify(stem, 80) or "dokument"
    if stem in _WINDOWS_RESERVED:
        stem = "dokument-" + stem
    return f"{stem}.{suffix}"


def check_content(name: str, data: bytes) -> None:
    if not data:
        raise _refuse("upload-empty", "Filen är tom", "The file is empty")
    if len(data) > MAX_BYTES:
        raise _refuse("upload-too-large", f"Filen är större än {MAX_BYTES // 2**20} MB",
                      f"The file is larger than {MAX_BYTES // 2**20} MB")
    signature, within = TYPES[name.rsplit(".", 1)[-1]]
    if signature not in data[:within]:
        raise _refuse("upload-not-" + name.rsplit(".", 1)[-1], "Filen heter .pdf men är ingen PDF",
                      "The file is named .pdf but is not a PDF")


def create_evidence(root: Path, folder: str, filename: str, data: bytes, folders: set[str]) -> str:
    """Create `evidence/<folder>/<safe name>` with `data`; returns its path relative to the
    company folder. `folders` are the kit folders the standard names. Raises `Refused`."""
    if folder not in folders:
        raise _refuse("upload-folder", "Välj en av mapparna i listan", "Choose one of the folders in the list")
    name = safe_name(filename)
    check_content(name, data)
    root = Path(os.path.realpath(root))
    target = root / EVIDENCE_DIR / folder
    for step in (root / EVIDENCE_DIR, target):
        if step.is_symlink() or (step.exists() and not step.is_dir()):
            raise _refuse("upload-folder", f"{step.relative_to(root).as_posix()} är inte en vanlig mapp",
                          f"{step.relative_to(root).as_posix()} is not a plain folder")
        step.mkdir(exist_ok=True)
    path = target / name
    rel = path.relative_to(root).as_posix()
    if os.path.lexists(path):
        raise _exists(rel)
    _create_new(root, path, data, rel)
    return rel


def _exists(rel: str) -> Refused:
    return _refuse("upload-exists", f"{rel} finns redan; asfcert skriver aldrig över underlag. Byt namn på filen och ladda upp den igen",
                   f"{rel} already exists; asfcert never overwrites evidence. Rename the file and upload it again")


def _create_new(root: Path, path: Path, data: bytes, rel: str) -> None:
    """Write a temporary file outside evidence/, flush it to disk and link it in under its
    name: the link fails if the name exists, so nothing is ever replaced, and a process
    killed at any moment leaves no half file in evidence/."""
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".asfcert-upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise _exists(rel) from None
        except OSError:  # no hard links here (FAT, some shares): exclusive creation instead
            try:
                out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
            except FileExistsError:
                raise _exists(rel) from None
            with os.fdopen(out, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    finally:
        os.unlink(tmp)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)

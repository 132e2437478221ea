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
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import EVIDENCE_DIR
from asfcert.base.text import slugify
from asfcert.io import atomic

MAX_BYTES = 25 * 2**20  # a scanned annual report is a few MB; more is a mistake
# The file types asfcert reads, and how their content starts. A PDF may have a few bytes of
# junk before its header, which readers accept.
TYPES = {"pdf": (b"%PDF-", 1024)}
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}

# An upload that is not stored: told on the page, next to the upload field.
_REFUSED = dict(severity=Severity.ERROR, effect=Effect.ABORTS)
UPLOAD_TYPE = Kind(
    "upload-type",
    L10n("Fel filtyp", "Wrong file type"),
    L10n("Bara filer av typen {types} kan laddas upp: asfcert läser dem", "Only files of the type {types} can be uploaded: asfcert reads them"),
    L10n("Spara dokumentet som PDF (Arkiv > Spara som, eller Skriv ut > Spara som PDF) och ladda upp det igen.",
         "Save the document as a PDF (File > Save as, or Print > Save as PDF) and upload it again."),
    **_REFUSED,
)
UPLOAD_EMPTY = Kind(
    "upload-empty",
    L10n("Tom fil", "Empty file"),
    L10n("Filen är tom", "The file is empty"),
    L10n("Öppna filen och kontrollera att den är sparad färdigt, och ladda upp den igen.", "Open the file, check that it was saved completely, and upload it again."),
    **_REFUSED,
)
UPLOAD_TOO_LARGE = Kind(
    "upload-too-large",
    L10n("För stor fil", "File too large"),
    L10n("Filen är större än {limit} MB", "The file is larger than {limit} MB"),
    L10n("Skanna med lägre upplösning eller i gråskala, eller dela upp dokumentet i flera filer.",
         "Scan at a lower resolution or in greyscale, or split the document into several files."),
    **_REFUSED,
)
UPLOAD_NOT_PDF = Kind(
    "upload-not-pdf",
    L10n("Ingen PDF", "Not a PDF"),
    L10n("Filen heter .pdf men är ingen PDF", "The file is named .pdf but is not a PDF"),
    L10n("Öppna dokumentet i sitt program och spara det som PDF; att byta namn på filen räcker inte.",
         "Open the document in its program and save it as a PDF; renaming the file is not enough."),
    **_REFUSED,
)
UPLOAD_FOLDER = Kind(
    "upload-folder",
    L10n("Fel mapp för underlag", "Wrong folder for evidence"),
    L10n("{folder} är inte en av mapparna för underlag", "{folder} is not one of the folders for evidence"),
    L10n("Välj en av mapparna i listan. En mapp som är en länk eller en fil tar inte emot underlag.",
         "Choose one of the folders in the list. A folder that is a link or a file takes no evidence."),
    **_REFUSED,
)
UPLOAD_EXISTS = Kind(
    "upload-exists",
    L10n("Filen finns redan", "The file exists already"),
    L10n("{file} finns redan; asfcert skriver aldrig över underlag", "{file} already exists; asfcert never overwrites evidence"),
    L10n("Byt namn på filen och ladda upp den igen.", "Rename the file and upload it again."),
    **_REFUSED,
)


class Refused(Exception):
    """Why an upload was not stored: `code` is stable (tests and the page use it)."""

    def __init__(self, code: str, message: L10n, hint: L10n | None = None):
        super().__init__(code)
        self.code, self.message, self.hint = code, message, hint

    @classmethod
    def of(cls, kind: Kind, **params) -> Refused:
        return cls(kind.code, kind.message.format(**params), kind.hint.format(**params) if kind.hint else None)

    @classmethod
    def aborted(cls, err: Abort) -> Refused:
        """A write the operating system refused (a read-only folder, a full disk)."""
        return cls(err.code or "write-failed", err.message, err.hint)

    def __str__(self) -> str:
        return self.code


def safe_name(filename: str) -> str:
    """A name that is safe in any file system and cannot leave its folder:
    `../../Årsredovisning 2025.PDF` -> `arsredovisning-2025.pdf`."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem, dot, suffix = base.rpartition(".")
    suffix = suffix.lower()
    if not dot or suffix not in TYPES:
        raise Refused.of(UPLOAD_TYPE, types=", ".join(f".{t}" for t in TYPES))
    stem = slugify(stem, 80) or "dokument"
    if stem in _WINDOWS_RESERVED:
        stem = "dokument-" + stem
    return f"{stem}.{suffix}"


def check_content(name: str, data: bytes) -> None:
    if not data:
        raise Refused.of(UPLOAD_EMPTY)
    if len(data) > MAX_BYTES:
        raise Refused.of(UPLOAD_TOO_LARGE, limit=MAX_BYTES // 2**20)
    signature, within = TYPES[name.rsplit(".", 1)[-1]]
    if signature not in data[:within]:
        raise Refused.of(UPLOAD_NOT_PDF)


def create_evidence(root: Path, folder: str, filename: str, data: bytes, folders: set[str]) -> str:
    """Create `evidence/<folder>/<safe name>` with `data`; returns its path relative to the
    company folder. `folders` are the kit folders the standard names. Raises `Refused`."""
    if folder not in folders:
        raise Refused.of(UPLOAD_FOLDER, folder=f"{EVIDENCE_DIR}/{folder}")
    name = safe_name(filename)
    check_content(name, data)
    root = Path(os.path.realpath(root))
    target = root / EVIDENCE_DIR / folder
    for step in (root / EVIDENCE_DIR, target):
        if step.is_symlink() or (step.exists() and not step.is_dir()):
            raise Refused.of(UPLOAD_FOLDER, folder=step.relative_to(root).as_posix())
    path = target / name
    rel = path.relative_to(root).as_posix()
    try:
        # created beside its name and linked in: never a half file, never a replaced one
        created = atomic.create_exclusive(path, data, new_document=True)
    except Abort as err:
        raise Refused.aborted(err) from None
    if not created:
        raise Refused.of(UPLOAD_EXISTS, file=rel)
    return rel


KINDS = made_by("workspace", UPLOAD_TYPE, UPLOAD_EMPTY, UPLOAD_TOO_LARGE, UPLOAD_NOT_PDF, UPLOAD_FOLDER, UPLOAD_EXISTS)

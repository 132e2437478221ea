"""The company folder: where its files are, and safe resolution of evidence references.

    company.yaml            the profile
    self-assessment/*.yaml  the answers, one entry per requirement
    evidence/               the attached documents, in kit folders by kind

A reference is accepted only if it names a regular file inside the folder. `..`, absolute
paths, Windows drives, symlinks that leave the folder, symlink loops, FIFOs and devices
are refused. Names are compared in Unicode NFC, so a reference typed on Linux or Windows
finds a file whose name a Mac stored in NFD.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from asfcert.base.findings import Effect, Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import ASSESSMENT_DIR, COMPANY_FILE, EVIDENCE_DIR, KIT_README  # noqa: F401 - re-exported
from asfcert.base.text import loose as _loose  # noqa: F401 - nfc re-exported
from asfcert.base.text import nfc

MAX_FILES = 20_000  # a company folder is small; stop walking a mistaken one (a home dir)
# Larger files are not hashed whole (a video would cost seconds on every run): their marker
# holds the size and a digest of the first and last MiB, and they are not used as evidence.
MAX_HASHED_BYTES = 256 * 2**20
_ENDS = 2**20

EVIDENCE_OUTSIDE = Kind(
    "evidence-outside-folder",
    L10n("Underlag utanför mappen", "Evidence outside the folder"),
    L10n("`{ref}` pekar utanför företagets mapp ({why})", "`{ref}` points outside the company folder ({why})"),
    L10n(
        "Kopiera dokumentet till evidence/ och hänvisa till det med en relativ sökväg, till exempel evidence/protokoll/styrelse-2025-03.pdf.",
        "Copy the document into evidence/ and refer to it with a relative path, for example evidence/protokoll/styrelse-2025-03.pdf.",
    ),
)
EVIDENCE_NOT_FOUND = Kind(
    "evidence-not-found",
    L10n("Underlaget finns inte", "Evidence not found"),
    L10n("`{ref}` finns inte i företagets mapp", "`{ref}` does not exist in the company folder"),
    L10n("Kontrollera stavningen och att filen ligger i evidence/.", "Check the spelling and that the file is in evidence/."),
    effect=Effect.OPENS,
)
EVIDENCE_NOT_A_FILE = Kind(
    "evidence-not-a-file",
    L10n("Underlaget är inte en fil", "Evidence is not a file"),
    L10n("`{ref}` är {what}, inte ett dokument", "`{ref}` is {what}, not a document"),
    L10n("Hänvisa till själva dokumentet.", "Refer to the document itself."),
)

_WHY = {
    "absolute": L10n("absolut sökväg", "absolute path"),
    "parent": L10n("innehåller ..", "contains .."),
    "link": L10n("en symbolisk länk som leder ut", "a symbolic link that leads out"),
}
_WHAT = {
    "folder": L10n("en mapp", "a folder"),
    "loop": L10n("en länk som pekar på sig själv (slinga)", "a link that points to itself (a loop)"),
    "special": L10n("en specialfil (FIFO, enhet eller uttag)", "a special file (FIFO, device or socket)"),
    "empty": L10n("tom", "empty"),
}
_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:|[/\\~])")


@dataclass(frozen=True)
class Resolved:
    ref: str
    rel: str | None = None  # the path as stored on disk, relative, with `/`
    path: Path | None = None  # absolute, symlinks resolved
    problem: str | None = None  # absolute | parent | link | missing | folder | loop | special | empty
    suggestion: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


class CompanyFolder:
    def __init__(self, root: Path):
        self.root = Path(os.path.realpath(root))

    @property
    def company_file(self) -> Path:
        return self.root / COMPANY_FILE

    def assessment_files(self) -> list[Path]:
        folder = self.root / ASSESSMENT_DIR
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith("."))

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    @cached_property
    def files(self) -> list[str]:
        """Every file below the folder (relative, `/`), not following symlinked folders
        and skipping version-control folders."""
        found: list[str] = []
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if d not in (".git", ".hg", ".svn"))
            base = Path(dirpath).relative_to(self.root)
            found.extend((base / name).as_posix() for name in sorted(filenames))
            if len(found) >= MAX_FILES:
                break
        return found

    def content_hash(self, rel: str) -> str:
        """SHA-256 of a file's content. Links that leave the folder, special files and
        unreadable files get a marker instead: they are never opened. A file larger than
        MAX_HASHED_BYTES gets `too-large:<size>:<digest of its ends>`."""
        path = self.root / rel
        try:
            if os.path.islink(path):
                real = Path(os.path.realpath(path))
                if self.root not in real.parents:
                    return "link:" + os.readlink(path)
                path = real
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                return "special"
            flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
            with os.fdopen(os.open(path, flags), "rb") as fh:  # a FIFO swapped in after the stat must not hang
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    return "special"
                if st.st_size > MAX_HASHED_BYTES:
                    h = hashlib.sha256(fh.read(_ENDS))
                    fh.seek(-_ENDS, os.SEEK_END)
                    h.update(fh.read(_ENDS))
                    return f"too-large:{st.st_size}:{h.hexdigest()[:16]}"
                return hashlib.file_digest(fh, "sha256").hexdigest()
        except (OSError, RuntimeError) as e:
            return f"unreadable:{getattr(e, 'errno', '')}"

    def digest(self) -> str:
        """A digest of every file's path and content: changes when anything changes."""
        h = hashlib.sha256()
        for rel in self.files:
            h.update(rel.encode() + b"\x00" + self.content_hash(rel).encode() + b"\x00")
        return h.hexdigest()

    def resolve(self, ref: str) -> Resolved:
        text = (ref or "").strip()
        if not text:
            return Resolved(ref, problem="empty")
        if _ABSOLUTE.match(text):
            return Resolved(ref, problem="absolute")
        parts = [p for p in text.replace("\\", "/").split("/") if p not in ("", ".")]
        if ".." in parts:
            return Resolved(ref, problem="parent")
        current = self.root
        actual: list[str] = []
        for part in parts:
            name = self._entry(current, part)
            if name is None:
                dead_end = self._dead_end(current)  # a linked folder that leads out or loops
                if dead_end:
                    return Resolved(ref, problem=dead_end)
                return Resolved(ref, problem="missing", suggestion=self._suggest(text))
            actual.append(name)
            current = current / name
        return self._check_target(ref, current, "/".join(actual))

    def _entry(self, folder: Path, part: str) -> str | None:
        """The name in `folder` equal to `part` in NFC, as stored on disk. Matched against
        the listing, never by opening the path: a case-insensitive file system (macOS,
        Windows) would accept `Stadgar.PDF` for `stadgar.pdf`, and the folder would then
        fail on the auditor's machine."""
        try:
            names = os.listdir(folder)
        except OSError:
            return None
        if part in names:
            return part
        want = nfc(part)
        return next((name for name in names if nfc(name) == want), None)

    def _dead_end(self, folder: Path) -> str | None:
        """Why a path cannot be followed: "loop", "link" (it leads out) or None."""
        try:
            real = Path(os.path.realpath(folder, strict=True))
        except (OSError, RuntimeError) as e:
            return "loop" if isinstance(e, RuntimeError) or getattr(e, "errno", None) == errno.ELOOP else None
        return None if real == self.root or self.root in real.parents else "link"

    def _check_target(self, ref: str, path: Path, rel: str) -> Resolved:
        try:
            real = Path(os.path.realpath(path, strict=True))
        except (OSError, RuntimeError) as e:
            loop = isinstance(e, RuntimeError) or getattr(e, "errno", None) == errno.ELOOP
            return Resolved(ref, problem="loop" if loop else "missing", suggestion=None if loop else self._suggest(ref))
        if real != self.root and self.root not in real.parents:
            return Resolved(ref, problem="link")
        try:
            mode = os.stat(real).st_mode
        except OSError:
            return Resolved(ref, problem="missing")
        if stat.S_ISDIR(mode):
            return Resolved(ref, problem="folder")
        if not stat.S_ISREG(mode):
            return Resolved(ref, problem="special")
        return Resolved(ref, rel=rel, path=real)

    def _suggest(self, ref: str) -> str | None:
        """A file the reference probably meant: the same path but for case, accents or
        Unicode form; the same name in another folder; or a near-identical name in the
        same folder. Nothing when the file is simply missing."""
        import difflib

        want = _loose(ref.replace("\\", "/"))
        loose = {_loose(f): f for f in self.files}
        if want in loose:
            return loose[want]
        folder, _, name = want.rpartition("/")
        same_name = [f for key, f in loose.items() if key.rpartition("/")[2] == name]
        if len(same_name) == 1:
            return same_name[0]
        siblings = {key.rpartition("/")[2]: f for key, f in loose.items() if key.rpartition("/")[0] == folder}
        near = difflib.get_close_matches(name, list(siblings), n=1, cutoff=0.85)
        return siblings[near[0]] if near else None


def reference_finding(
    resolved: Resolved, location: Location, severity: Severity, requirement: str | None
) -> Finding | None:
    """The finding for a reference that did not resolve, or None when it did."""
    if resolved.ok:
        return None
    common = dict(location=location, severity=severity, requirement=requirement, ref=resolved.ref)
    if resolved.problem in _WHY:
        return EVIDENCE_OUTSIDE(why=_WHY[resolved.problem], **common)
    if resolved.problem == "missing":
        hint = None
        if resolved.suggestion:
            hint = L10n(f"Menade du {resolved.suggestion}?", f"Did you mean {resolved.suggestion}?")
        return EVIDENCE_NOT_FOUND(hint=hint, **common)
    return EVIDENCE_NOT_A_FILE(what=_WHAT[resolved.problem], **common)


KINDS = made_by("evidence", EVIDENCE_OUTSIDE, EVIDENCE_NOT_FOUND, EVIDENCE_NOT_A_FILE)

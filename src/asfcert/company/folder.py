"""The company folder: where its files are, what they hold, and (company/references.py)
safe resolution of evidence references.

    company.yaml            the profile
    self-assessment/*.yaml  the answers, one entry per requirement
    evidence/               the attached documents, in kit folders by kind

The folder is walked once (`files`): each folder's names and status, each file's status.
Its hashes, sizes and references are taken from that walk, and `digest` asks again only
whether any listed folder or file changed since (a file added, removed or renamed changes
its folder's status), walking again only then. A cohort run hands the walked folder from
the process that hashed it to the one that checks it (`adopted`).

`refuse_unfit` is asked before anything is walked or read: a folder without company.yaml,
a system folder (`/`, `/proc`, `/usr`, the home folder, ...) or one with more than
MAX_FILES entries is not a company folder, and `check` says so at once.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import ASSESSMENT_DIR, COMPANY_FILE, EVIDENCE_DIR, KIT_README  # noqa: F401 - re-exported
from asfcert.base.text import nfc  # noqa: F401 - re-exported
from asfcert.company.guard import VERSION_CONTROL as _VERSION_CONTROL
from asfcert.company.guard import is_system as _is_system
from asfcert.company.guard import more_entries_than as _more_entries_than
from asfcert.company.references import References, Resolved, escaped  # noqa: F401 - re-exported
from asfcert.company.signatures import signature

# A company folder holds a few dozen files. More entries (files and folders) than this is a
# mistaken folder (a home folder, a whole disk), and an audit record listing them all would
# pass yamlfile.MAX_NODES (about 11 values a file).
MAX_FILES = 3_000
# Larger files are not hashed whole (a video would cost seconds on every run): their marker
# holds the size and a digest of the first and last MiB, and they are not used as evidence.
MAX_HASHED_BYTES = 256 * 2**20
_READ_WHOLE = 2**20  # a file up to this size is hashed from one read
_ENDS = 2**20
# A file the walk found regular is opened without following a link: one swapped in since
# is looked at as a link (never opened when it leads out of the folder).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

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

_ABORT = dict(severity=Severity.ERROR, effect=Effect.ABORTS)
FOLDER_SYSTEM = Kind(
    "folder-system",
    L10n("Systemmapp", "System folder"),
    L10n("en systemmapp, inte en företagsmapp", "a system folder, not a company folder"),
    L10n("Ange företagets egen mapp, den som innehåller company.yaml.", "Give the company's own folder, the one holding company.yaml."),
    **_ABORT,
)
FOLDER_NOT_COMPANY = Kind(
    "folder-not-company",
    L10n("Ingen företagsmapp", "Not a company folder"),
    L10n("company.yaml saknas, så det här är ingen företagsmapp", "there is no company.yaml, so this is not a company folder"),
    L10n(
        "Är det rätt mapp? Ange mappen som innehåller company.yaml, eller skapa ett nytt kit med `asfcert new MAPP --name … --org-number …`.",
        "Is this the right folder? Give the folder holding company.yaml, or create a new kit with `asfcert new DIR --name … --org-number …`.",
    ),
    **_ABORT,
)
FOLDER_TOO_MANY_FILES = Kind(
    "folder-too-many-files",
    L10n("För många filer", "Too many files"),
    L10n("mer än {limit:num} filer och mappar; en företagsmapp har några tiotal", "more than {limit:num} files and folders; a company folder has a few dozen"),
    L10n(
        "Är det rätt mapp? Ange företagets egen mapp, inte en mapp ovanför den, och flytta det som inte är underlag ut ur den.",
        "Is this the right folder? Give the company's own folder, not one above it, and move what is not evidence out of it.",
    ),
    **_ABORT,
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
def _content_digest(fh, size: int) -> str:
    """The SHA-256 of an open file's content: a small file from one read (hashlib.file_digest
    allocates a 256 KiB buffer per file, more than a company's YAML or a small PDF costs)."""
    if size <= _READ_WHOLE:
        return hashlib.sha256(fh.read()).hexdigest()
    return hashlib.file_digest(fh, "sha256").hexdigest()


def refuse_unfit(path: Path, *, count: bool = True) -> Path:
    """`path` when it can be a company folder; else an `Abort` saying why, before anything
    in it is walked or read: a system folder, a folder without company.yaml, or one with
    more than MAX_FILES entries (counted lazily, stopping there; not with `count=False`,
    where the folder is known to list what it listed when it passed: cohort/index.py).
    Inside `adopted(folder)` for the same folder, its walk counts (one walk, not two)."""
    folder = _adopted(path)
    real = folder.root if folder is not None else Path(os.path.realpath(path))
    loc = Location(escaped(str(path)))
    if _is_system(real):
        raise Abort(FOLDER_SYSTEM, location=loc, folder=escaped(str(path)))
    if not os.path.lexists(os.path.join(real, COMPANY_FILE)):
        raise Abort(FOLDER_NOT_COMPANY, location=loc, folder=escaped(str(path)))
    if count and (folder.too_many() if folder is not None else _more_entries_than(real, MAX_FILES)):
        raise Abort(FOLDER_TOO_MANY_FILES, location=loc, folder=escaped(str(path)), limit=MAX_FILES)
    return path


# The folder `adopted` makes current in this thread: CompanyFolder(path) of the same folder
# is that one (its walk, statuses and hashes), where the steps of a check each make their own.
_CURRENT: ContextVar[CompanyFolder | None] = ContextVar("company_folder", default=None)


@contextmanager
def adopted(folder: CompanyFolder | None) -> Iterator[None]:
    """Inside: `CompanyFolder(path)` and `refuse_unfit(path)` of `folder`'s path (as given,
    or its real path) use `folder` (nothing when None). A cohort run walks and hashes a
    folder once, in the process that reads its documents, and its evaluator adopts it."""
    if folder is None:
        yield
        return
    token = _CURRENT.set(folder)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _adopted(path) -> CompanyFolder | None:
    current = _CURRENT.get()
    if current is not None and os.fspath(path) in (current._given, current._root):
        return current
    return None


def listed(path) -> list[str] | None:
    """The names in the folder `path` directly below the adopted folder's root, as its walk
    listed them ([] when there was none), or None when the walk did not list it (no adopted
    folder, not walked yet, or a link): then look on disk."""
    current = _CURRENT.get()
    if current is None or "files" not in current.__dict__:
        return None
    parent, name = os.path.split(os.fspath(path))
    if parent not in (current._given, current._root):
        return None
    names = current._listings.get(os.path.join(current._root, name))
    if names is None and name not in current._listings.get(current._root, (name,)):
        return []
    return names


class CompanyFolder(References):
    def __init__(self, root: Path | str, *, resolved: bool = False):
        """`resolved`: `root` is a real path already (os.path.realpath)."""
        current = _adopted(root)
        if current is not None:  # the same state: what one step learns, the next one knows
            self.__dict__ = current.__dict__
            return
        self._given = os.fspath(root)
        self.root = Path(root if resolved else os.path.realpath(root))
        self._forget()
        self._count = False  # the walk stops past MAX_FILES entries (`too_many`)

    def _forget(self) -> None:
        """Drop what a walk found (`files` walks again)."""
        self.__dict__.pop("files", None)
        self._on_disk: dict[str, str] = {}  # escaped rel -> rel as on disk, for names that are not UTF-8
        # every folder `files` listed, with its signature (company/signatures.py) taken before
        self._folders: list[tuple[str, tuple]] = []
        self._listed: dict[str, tuple[str, int, tuple]] = {}  # escaped rel -> (path, mode, signature) from the walk
        self._entries = 0  # files and folders the walk saw (version-control folders counted, not entered)
        self._walked = 0  # when `files` began (time.time_ns())
        # what `resolve` learnt of the folders on the way, once per folder: a check resolves
        # dozens of references under the same few folders (the walk fills in the folders it listed)
        self._listings: dict[str, list[str]] = {}
        self._reals: dict[str, str] = {}

    @property
    def company_file(self) -> Path:
        return self.root / COMPANY_FILE

    def assessment_files(self) -> list[Path]:
        folder = self.root / ASSESSMENT_DIR
        names = self._listings.get(str(folder)) if "files" in self.__dict__ else None
        if names is not None:  # the walk listed it (a folder, no link): its names then
            paths = [folder / name for name in names]
        elif folder.is_dir():
            paths = list(folder.iterdir())
        else:
            return []
        return sorted(p for p in paths if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith("."))

    def display(self, path: Path) -> str:
        try:
            return escaped(path.relative_to(self.root).as_posix())
        except ValueError:
            return escaped(str(path))

    def too_many(self) -> bool:
        """Whether the folder has more than MAX_FILES files and folders, as refuse_unfit
        counts them: from the walk, which stops there (it is refused, never listed whole)."""
        if "files" not in self.__dict__:
            self._count = True
            self.files  # noqa: B018 - the walk counts
            self._count = False
        return self._entries > MAX_FILES

    @cached_property
    def files(self) -> list[str]:
        """Every file below the folder (relative, `/`, `escaped`), not following symlinked
        folders and skipping version-control folders."""
        found: list[str] = []
        root = str(self.root)
        self._walked = time.time_ns()
        for dirpath, dirnames, filenames in self._walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in _VERSION_CONTROL)
            # strings, not pathlib: a cohort walks a thousand folders on every run
            base = dirpath[len(root):].lstrip(os.sep).replace(os.sep, "/")
            for name in sorted(filenames):
                rel = f"{base}/{name}" if base else name
                shown = escaped(rel)
                if shown != rel:
                    self._on_disk[shown] = rel
                found.append(shown)
                try:  # one lstat per file, kept: its size, its hash's signature, the closing look
                    entry = filenames[name]
                    st = entry.stat(follow_symlinks=False)
                    self._listed[shown] = (entry.path, st.st_mode, signature(st))
                except OSError:
                    pass
            if len(found) >= MAX_FILES or (self._count and self._entries > MAX_FILES):
                break
        return found

    def _walk(self, top: str):
        """os.walk(top, followlinks=False), noting each folder's status taken before it is
        listed (`_folders`), its names (`_listings`) and its entries (`_entries`): while a
        folder keeps that status, its entries are the same. Files come as their DirEntry."""
        try:
            st = os.lstat(top)
            if not stat.S_ISDIR(st.st_mode):  # a link (or a file) swapped in since it was listed: not entered
                return
            with os.scandir(top) as entries:
                dirs, names = [], {}
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        dirs.append(entry.name)
                    else:
                        names[entry.name] = entry
        except OSError:
            return
        self._folders.append((top, signature(st)))
        self._listings[top] = [*dirs, *names]
        self._entries += len(dirs) + len(names)
        yield top, dirs, names
        for name in dirs:  # a link to a folder is refused by its lstat above: one call, not islink and lstat
            yield from self._walk(os.path.join(top, name))

    def path_of(self, rel: str) -> Path:
        """Where a file of `files` (or a reference resolved to one) is on disk."""
        return self.root / self._name_on_disk(rel)

    def _name_on_disk(self, rel: str) -> str:
        if "%" in rel and not self._on_disk:
            self.files  # noqa: B018 - the walk records the names that are not UTF-8
        return self._on_disk.get(rel, rel)

    def content_hash(self, rel: str) -> str:
        """SHA-256 of a file's content. Links that leave the folder, special files and
        unreadable files get a marker instead: they are never opened. A file larger than
        MAX_HASHED_BYTES gets `too-large:<size>:<digest of its ends>`. A regular file the
        walk found is taken with the status it had then (`digest` looks whether it still has)."""
        listed = self._listed.get(rel)
        if listed is not None and stat.S_ISREG(listed[1]):
            path, _, sig = listed
            known = self._signatures.known.get(path)
            if known is not None and known[0] == sig:  # unchanged since it was hashed (company/signatures.py)
                return known[1]
            try:
                return self._hash(path, _NOFOLLOW)
            except OSError as e:
                if e.errno != errno.ELOOP:
                    return f"unreadable:{e.errno}"
            # a link put in its place since the walk: looked at as one, below
        path = os.path.join(self._root, self._name_on_disk(rel))  # a string: cheaper than a Path, per file per run
        try:
            st = os.lstat(path)  # one call: a regular file's lstat is its stat
            if stat.S_ISLNK(st.st_mode):
                real = Path(os.path.realpath(path))
                if self.root not in real.parents:
                    return "link:" + escaped(os.readlink(path))
                path = str(real)
                st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                return "special"
            known = self._signatures.get(path, st)
            return known if known is not None else self._hash(path)
        except (OSError, RuntimeError) as e:
            return f"unreadable:{getattr(e, 'errno', '')}"

    def _hash(self, path: str, flags: int = 0) -> str:
        """Read and hash the file at `path`, noting its hash with its status (signatures)."""
        flags |= os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as fh:  # a FIFO swapped in after the stat must not hang
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                return "special"
            if st.st_size > MAX_HASHED_BYTES:
                h = hashlib.sha256(fh.read(_ENDS))
                fh.seek(-_ENDS, os.SEEK_END)
                h.update(fh.read(_ENDS))
                digest = f"too-large:{st.st_size}:{h.hexdigest()[:16]}"
            else:
                digest = _content_digest(fh, st.st_size)
            self._signatures.put(path, st, digest)
            return digest

    def size(self, rel: str) -> int:
        """The size of a file of `files` (of the link itself for a link), 0 when it is gone."""
        listed = self._listed.get(rel)
        if listed is not None:
            return listed[2][0]
        try:
            return os.lstat(self.path_of(rel)).st_size
        except OSError:
            return 0

    def digest(self, cache=None) -> str:
        """A digest of every file's path and content: changes when anything changes. With
        a cache (io.cache.Cache), the files unchanged since an earlier run are not read.
        Asked again, it walks again only when a folder or file changed since the walk."""
        from asfcert.company import signatures

        self.refresh()
        if cache is not None:
            signatures.load(str(self.root), cache)
        h = hashlib.sha256()
        for rel in self.files:
            h.update(rel.encode() + b"\x00" + self.content_hash(rel).encode() + b"\x00")
        if cache is not None:
            signatures.save(str(self.root), cache)
        return h.hexdigest()

    def refresh(self) -> None:
        """Walk again at the next look when a folder or file changed since the walk."""
        if "files" in self.__dict__ and not self._unchanged():
            self._forget()

    def _unchanged(self) -> bool:
        """Whether every folder the walk listed and every file it found has the status it
        had then, each folder's taken before the walk began changing it no more (a folder
        changed within company/signatures.RACY_NS of its listing could change again within
        the same tick of the file system's clock and keep its status). A file whose content
        changed within that tick keeps its status too: its hash is not kept (signatures),
        so it is read again."""
        from asfcert.company.signatures import RACY_NS

        lstat, since = os.lstat, self._walked - RACY_NS
        try:
            for path, sig in self._folders:
                if max(sig[1], sig[2]) > since or signature(lstat(path)) != sig:
                    return False
            if len(self._listed) != len(self.files):  # a file gone before its lstat
                return False
            for path, _, sig in self._listed.values():
                if signature(lstat(path)) != sig:
                    return False
        except OSError:
            return False
        return True

    def signed_files(self) -> dict | None:
        """Every folder and file with its signature (company/signatures.py): a folder's
        before it was listed, a file's when it was hashed. None when one has none to trust
        (a link, a special file, one changed just before it was read or listed)."""
        from asfcert.company.signatures import RACY_NS

        files = []
        for rel in self.files:
            path, mode, _ = self._listed.get(rel, (None, stat.S_IFLNK, None))
            known = None if stat.S_ISLNK(mode) else self._signatures.known.get(path)
            if known is None:
                return None
            files.append([rel, *known[0]])
        folders = []
        for path, sig in self._folders:
            if max(sig[1], sig[2]) > self._walked - RACY_NS or escaped(path) != path:
                return None
            folders.append([path[len(str(self.root)) + 1:], *sig])  # relative: "" is the folder itself
        return {"folders": folders, "files": files}

    @cached_property
    def _signatures(self):
        from asfcert.company import signatures

        return signatures.of(str(self.root))


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


KINDS = made_by(
    "evidence",
    EVIDENCE_OUTSIDE,
    EVIDENCE_NOT_FOUND,
    EVIDENCE_NOT_A_FILE,
    FOLDER_SYSTEM,
    FOLDER_NOT_COMPANY,
    FOLDER_TOO_MANY_FILES,
)

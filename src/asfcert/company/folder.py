"""The company folder: where its files are, and safe resolution of evidence references.

    company.yaml            the profile
    self-assessment/*.yaml  the answers, one entry per requirement
    evidence/               the attached documents, in kit folders by kind

A reference is accepted only if it names a regular file inside the folder. `..`, absolute
paths, Windows drives, symlinks that leave the folder, symlink loops, FIFOs and devices
are refused. Names are compared in Unicode NFC, so a reference typed on Linux or Windows
finds a file whose name a Mac stored in NFD. A name that is not UTF-8 is shown, stored and
referred to with its odd bytes written `%FF` (`escaped`); only opening it uses the bytes.

`refuse_unfit` is asked before anything is walked or read: a folder without company.yaml,
a system folder (`/`, `/proc`, `/usr`, the home folder, ...) or one with more than
MAX_FILES entries is not a company folder, and `check` says so at once.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import ASSESSMENT_DIR, COMPANY_FILE, EVIDENCE_DIR, KIT_README  # noqa: F401 - re-exported
from asfcert.base.text import loose as _loose  # noqa: F401 - nfc re-exported
from asfcert.base.text import nfc

# A company folder holds a few dozen files. More entries (files and folders) than this is a
# mistaken folder (a home folder, a whole disk), and an audit record listing them all would
# pass yamlfile.MAX_NODES (about 11 values a file).
MAX_FILES = 3_000
_VERSION_CONTROL = (".git", ".hg", ".svn")
# Never a company folder: the roots of a system, and the virtual file systems (with
# everything below them: /proc/self, /dev/stdin, ...), whose files never end or block.
_SYSTEM_FOLDERS = {
    "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/media", "/mnt", "/opt", "/proc",
    "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var",
    "/Applications", "/Library", "/System", "/Users", "/Volumes", "/private",  # macOS
}
_VIRTUAL_FOLDERS = ("/proc", "/sys", "/dev")
# Larger files are not hashed whole (a video would cost seconds on every run): their marker
# holds the size and a digest of the first and last MiB, and they are not used as evidence.
MAX_HASHED_BYTES = 256 * 2**20
_READ_WHOLE = 2**20  # a file up to this size is hashed from one read
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


def escaped(name: str) -> str:
    """A file name as asfcert shows, stores and matches it. A name that is not UTF-8 comes
    from the operating system with its odd bytes as lone surrogates, which no text output
    (terminal, JSON, YAML) can hold: each such byte is written `%FF` instead, as in a URL
    (not `\\xff`: a backslash separates folders in a reference typed on Windows). Other
    names are returned as they are."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return "".join(_escape(ch) for ch in name)


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's form of a byte that is not UTF-8
        return f"%{code - 0xDC00:02X}"
    if 0xD800 <= code <= 0xDFFF:  # any other lone surrogate (possible in a Windows name)
        return f"%u{code:04X}"
    return ch


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
    where the folder is known to list what it listed when it passed: cohort/index.py)."""
    real = Path(os.path.realpath(path))
    loc = Location(escaped(str(path)))
    if _is_system(real):
        raise Abort(FOLDER_SYSTEM, location=loc, folder=escaped(str(path)))
    if not os.path.lexists(real / COMPANY_FILE):
        raise Abort(FOLDER_NOT_COMPANY, location=loc, folder=escaped(str(path)))
    if count and _more_entries_than(real, MAX_FILES):
        raise Abort(FOLDER_TOO_MANY_FILES, location=loc, folder=escaped(str(path)), limit=MAX_FILES)
    return path


def _is_system(real: Path) -> bool:
    shown = real.as_posix()
    virtual = shown.startswith(tuple(folder + "/" for folder in _VIRTUAL_FOLDERS))
    return shown in _SYSTEM_FOLDERS or virtual or real == Path(real.anchor) or real == _home()


def _home() -> Path | None:
    try:
        return Path(os.path.realpath(Path.home()))
    except (RuntimeError, KeyError, OSError):  # no home folder known
        return None


def _more_entries_than(root: Path, limit: int) -> bool:
    """Whether there are more than `limit` files and folders below `root` (links not
    followed, version-control folders counted but not entered); stops at `limit`."""
    count, todo = 0, [root]
    while todo:
        try:
            entries = os.scandir(todo.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                count += 1
                if count > limit:
                    return True
                try:
                    if entry.name not in _VERSION_CONTROL and entry.is_dir(follow_symlinks=False):
                        todo.append(entry.path)
                except OSError:
                    continue
    return False


class CompanyFolder:
    def __init__(self, root: Path | str, *, resolved: bool = False):
        """`resolved`: `root` is a real path already (os.path.realpath)."""
        self.root = Path(root if resolved else os.path.realpath(root))
        self._on_disk: dict[str, str] = {}  # escaped rel -> rel as on disk, for names that are not UTF-8
        self._folders: list[tuple[str, os.stat_result]] = []  # every folder `files` listed, with its status before
        self._walked = 0  # when `files` began (time.time_ns())
        # what `resolve` learnt of the folders on the way, once per folder: a check resolves
        # dozens of references under the same few folders
        self._listings: dict[str, list[str]] = {}
        self._reals: dict[str, str] = {}

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
            return escaped(path.relative_to(self.root).as_posix())
        except ValueError:
            return escaped(str(path))

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
            if len(found) >= MAX_FILES:
                break
        return found

    def _walk(self, top: str):
        """os.walk(top, followlinks=False), noting each folder's status taken before it is
        listed (`_folders`): while a folder keeps that status, its entries are the same."""
        try:
            st = os.lstat(top)
            if not stat.S_ISDIR(st.st_mode):  # a link (or a file) swapped in since it was listed: not entered
                return
            with os.scandir(top) as entries:
                dirs, names = [], []
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    (dirs if is_dir else names).append(entry.name)
        except OSError:
            return
        self._folders.append((top, st))
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
        MAX_HASHED_BYTES gets `too-large:<size>:<digest of its ends>`."""
        path = os.path.join(self.root, self._name_on_disk(rel))  # a string: cheaper than a Path, per file per run
        try:
            st = os.lstat(path)  # one call: a regular file's lstat is its stat
            if stat.S_ISLNK(st.st_mode):
                real = Path(os.path.realpath(path))
                if self.root not in real.parents:
                    return "link:" + escaped(os.readlink(path))
                path = real
                st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                return "special"
            known = self._signatures.get(str(path), st)
            if known is not None:  # unchanged since it was hashed (company/signatures.py)
                return known
            flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
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
                self._signatures.put(str(path), st, digest)
                return digest
        except (OSError, RuntimeError) as e:
            return f"unreadable:{getattr(e, 'errno', '')}"

    def size(self, rel: str) -> int:
        """The size of a file of `files` (of the link itself for a link), 0 when it is gone."""
        try:
            return os.lstat(self.path_of(rel)).st_size
        except OSError:
            return 0

    def digest(self, cache=None) -> str:
        """A digest of every file's path and content: changes when anything changes. With
        a cache (io.cache.Cache), the files unchanged since an earlier run are not read."""
        from asfcert.company import signatures

        if cache is not None:
            signatures.load(str(self.root), cache)
        h = hashlib.sha256()
        for rel in self.files:
            h.update(rel.encode() + b"\x00" + self.content_hash(rel).encode() + b"\x00")
        if cache is not None:
            signatures.save(str(self.root), cache)
        return h.hexdigest()

    def signed_files(self) -> dict | None:
        """Every folder and file with its signature (company/signatures.py): a folder's
        before it was listed, a file's when it was hashed. None when one has none to trust
        (a link, a special file, one changed just before it was read or listed)."""
        from asfcert.company.signatures import RACY_NS, signature

        files = []
        for rel in self.files:
            path = os.path.join(self.root, self._name_on_disk(rel))
            known = None if os.path.islink(path) else self._signatures.known.get(path)
            if known is None:
                return None
            files.append([rel, *known[0]])
        folders = []
        for path, st in self._folders:
            if max(st.st_mtime_ns, st.st_ctime_ns) > self._walked - RACY_NS or escaped(path) != path:
                return None
            folders.append([path[len(str(self.root)) + 1:], *signature(st)])  # relative: "" is the folder itself
        return {"folders": folders, "files": files}

    @cached_property
    def _signatures(self):
        from asfcert.company import signatures

        return signatures.of(str(self.root))

    def resolve(self, ref: str) -> Resolved:
        text = (ref or "").strip()
        if not text:
            return Resolved(ref, problem="empty")
        if _ABSOLUTE.match(text):
            return Resolved(ref, problem="absolute")
        parts = [p for p in text.replace("\\", "/").split("/") if p not in ("", ".")]
        if ".." in parts:
            return Resolved(ref, problem="parent")
        # strings, not pathlib, on the way: a check resolves every reference of every answer
        current = self._root
        actual: list[str] = []
        for part in parts:
            name = self._entry(current, part)
            if name is None:
                dead_end = self._dead_end(current)  # a linked folder that leads out or loops
                if dead_end:
                    return Resolved(ref, problem=dead_end)
                return Resolved(ref, problem="missing", suggestion=self._suggest(text))
            actual.append(escaped(name))
            current = os.path.join(current, name)
        return self._check_target(ref, current, "/".join(actual))

    @cached_property
    def _root(self) -> str:
        return str(self.root)

    def _inside(self, real: str) -> bool:
        """Whether the real path `real` is the folder or below it."""
        root = self._root
        return real == root or real.startswith(root if root.endswith(os.sep) else root + os.sep)

    def _entry(self, folder: str, part: str) -> str | None:
        """The name in `folder` equal to `part` in NFC (names that are not UTF-8: `escaped`),
        as stored on disk. Matched against the listing, never by opening the path: a
        case-insensitive file system (macOS, Windows) would accept `Stadgar.PDF` for
        `stadgar.pdf`, and the folder would then fail on the auditor's machine."""
        names = self._listings.get(folder)
        if names is None:
            try:
                names = self._listings[folder] = os.listdir(folder)
            except OSError:
                return None
        if part in names:
            return part
        want = nfc(part)
        return next((name for name in names if nfc(escaped(name)) == want), None)

    def _dead_end(self, folder: str) -> str | None:
        """Why a path cannot be followed: "loop", "link" (it leads out) or None."""
        try:
            real = os.path.realpath(folder, strict=True)
        except (OSError, RuntimeError) as e:
            return "loop" if isinstance(e, RuntimeError) or getattr(e, "errno", None) == errno.ELOOP else None
        return None if self._inside(real) else "link"

    def _real(self, path: str) -> str:
        """os.path.realpath(path, strict=True), each folder's real path found once: the
        folder's own is known, and a folder below it that is no link is its parent's real
        path and its name (one lstat, where realpath looks at every part from `/`)."""
        if path == self._root:
            return path
        parent, name = os.path.split(path)
        real_folder = self._reals.get(parent)
        if real_folder is None:
            inside = parent == self._root or parent.startswith(self._root.rstrip(os.sep) + os.sep)
            real_folder = self._reals[parent] = self._real(parent) if inside else os.path.realpath(parent, strict=True)
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return os.path.realpath(path, strict=True)
        return os.path.join(real_folder, name)

    def _check_target(self, ref: str, path: str, rel: str) -> Resolved:
        try:
            real = self._real(path)
        except (OSError, RuntimeError) as e:
            loop = isinstance(e, RuntimeError) or getattr(e, "errno", None) == errno.ELOOP
            return Resolved(ref, problem="loop" if loop else "missing", suggestion=None if loop else self._suggest(ref))
        if not self._inside(real):
            return Resolved(ref, problem="link")
        try:
            mode = os.stat(real).st_mode
        except OSError:
            return Resolved(ref, problem="missing")
        if stat.S_ISDIR(mode):
            return Resolved(ref, problem="folder")
        if not stat.S_ISREG(mode):
            return Resolved(ref, problem="special")
        return Resolved(ref, rel=rel, path=Path(real))

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


KINDS = made_by(
    "evidence",
    EVIDENCE_OUTSIDE,
    EVIDENCE_NOT_FOUND,
    EVIDENCE_NOT_A_FILE,
    FOLDER_SYSTEM,
    FOLDER_NOT_COMPANY,
    FOLDER_TOO_MANY_FILES,
)

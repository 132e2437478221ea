"""Safe writes for records: never half a file, never an evidence file, never a crash.

Every write goes to a temporary file in the same folder, is flushed to disk (fsync), and
then renamed over the target, and the folder entry is synced too. A process killed at
any moment leaves either the old file or the new one. Writes under a company folder's
`evidence/` are refused: commands never modify evidence.

Every write, folder creation, move and removal goes through `writing()`, the one place where an
error of the operating system (a read-only or immutable folder, a full disk, a file where
a folder should be, ...) becomes an `Abort` naming the target and a catalogued code, so a
command stops with a clear message and exit code 2 instead of an internal error."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from asfcert.base import oserror
from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import EVIDENCE_DIR, KIT_README

_ABORT = dict(severity=Severity.ERROR, effect=Effect.ABORTS)
WRITE_INTO_EVIDENCE = Kind(
    "write-into-evidence",
    L10n("Skrivning i evidence/", "Writing into evidence/"),
    L10n("asfcert skriver aldrig i evidence/", "asfcert never writes into evidence/"),
    L10n("Välj en annan plats för utdata.", "Choose another place for the output."),
    **_ABORT,
)
WRITE_DENIED = Kind(
    "write-denied",
    L10n("Ingen skrivrätt", "Not allowed to write"),
    L10n("kan inte skrivas: {reason}", "cannot be written: {reason}"),
    L10n(
        "Kontrollera att mappen inte är skrivskyddad eller låst och att du har skrivrätt där, och kör kommandot igen.",
        "Check that the folder is not read-only or locked and that you may write there, then run the command again.",
    ),
    **_ABORT,
)
WRITE_NO_SPACE = Kind(
    "write-no-space",
    L10n("Disken är full", "The disk is full"),
    L10n("kan inte skrivas: {reason}", "cannot be written: {reason}"),
    L10n("Frigör utrymme på disken och kör kommandot igen.", "Free some space on the disk and run the command again."),
    **_ABORT,
)
WRITE_BLOCKED = Kind(
    "write-blocked",
    L10n("Något står i vägen", "Something is in the way"),
    L10n("kan inte skrivas: {reason}", "cannot be written: {reason}"),
    L10n(
        "Flytta undan det som står i vägen (en fil där en mapp ska vara, eller tvärtom) och kör kommandot igen.",
        "Move what is in the way (a file where a folder belongs, or the other way round) and run the command again.",
    ),
    **_ABORT,
)
WRITE_FAILED = Kind(
    "write-failed",
    L10n("Skrivningen misslyckades", "The write failed"),
    L10n("kan inte skrivas: {reason}", "cannot be written: {reason}"),
    L10n("Kontrollera disken och sökvägen och kör kommandot igen.", "Check the disk and the path, then run the command again."),
    **_ABORT,
)

# errno -> (kind, reason)
_REFUSALS = {
    errno.EROFS: (WRITE_DENIED, L10n("filsystemet är skrivskyddat", "the file system is read-only")),
    errno.EACCES: (WRITE_DENIED, L10n("skrivrätt saknas", "permission denied")),
    errno.EPERM: (WRITE_DENIED, L10n("det är inte tillåtet (mappen eller filen kan vara låst)", "not permitted (the folder or file may be locked)")),
    errno.ENOSPC: (WRITE_NO_SPACE, L10n("det finns inget utrymme kvar på disken", "there is no space left on the disk")),
    errno.EDQUOT: (WRITE_NO_SPACE, L10n("din diskkvot är slut", "your disk quota is used up")),
    errno.EEXIST: (WRITE_BLOCKED, L10n("det finns redan något med det namnet", "something with that name exists already")),
    errno.ENOTDIR: (WRITE_BLOCKED, L10n("en del av sökvägen är en fil, inte en mapp", "a part of the path is a file, not a folder")),
    errno.EISDIR: (WRITE_BLOCKED, L10n("det är en mapp", "it is a folder")),
}


def refusal(error: OSError, path: Path) -> Abort:
    """The `Abort` for an OS error while writing `path`."""
    path = Path(path)
    kind, reason = _REFUSALS.get(error.errno, (WRITE_FAILED, None))
    failed = Path(os.fsdecode(error.filename)) if error.filename else None
    if failed is not None and failed in path.parents and error.errno in (errno.EEXIST, errno.ENOTDIR):
        reason = L10n(f"{failed.name} är inte en mapp", f"{failed.name} is not a folder")  # a file named like a folder on the way
    elif reason is None:
        reason = oserror.reason(error)
    return Abort(kind, location=Location(str(path)), path=str(path), reason=reason, errno=errno.errorcode.get(error.errno, error.errno))


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Every write goes through here: an OS error becomes the `Abort` for `path`."""
    try:
        yield
    except OSError as e:
        raise refusal(e, path) from None


def guard(path: Path, *, kit_readme: bool = False, new_document: bool = False) -> None:
    """Refuse to write inside any `evidence/` folder. The exceptions only ever create a
    file where none exists (`create_exclusive`), so no document is ever touched: the kit's
    guide file (`README.txt`, `kit_readme=True`), and a new document the user uploads in
    the workspace (`new_document=True`)."""
    if (kit_readme and Path(path).name == KIT_README) or new_document:
        return
    if EVIDENCE_DIR in Path(os.path.abspath(path)).parts:
        raise Abort(WRITE_INTO_EVIDENCE, location=Location(str(path)), path=str(path))


def _synced_temp(path: Path, data: bytes) -> str:
    """`data` in a new temporary file next to `path`, flushed to disk; returns its name."""
    import tempfile  # only where a file is written: a reader (verify) needs none of it

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_bytes(path: Path, data: bytes, mode: int = 0o644) -> None:
    path = Path(path)
    guard(path)
    with writing(path):
        tmp = _synced_temp(path, data)
        try:
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise
    _sync_dir(path.parent)


def write_text(path: Path, text: str, mode: int = 0o644) -> None:
    write_bytes(path, text.encode("utf-8"), mode)


def create_exclusive(path: Path, data: bytes, *, kit_readme: bool = False, new_document: bool = False,
                     mode: int | None = None) -> bool:
    """Write `data` to `path` only if it does not exist yet (atomically). Returns False
    when the file was already there. Used for numbers that must never be issued twice,
    for the files of a new kit and for uploaded documents, which never replace a file.
    Without `mode` the file keeps the temporary file's 0600."""
    path = Path(path)
    guard(path, kit_readme=kit_readme, new_document=new_document)
    with writing(path):
        tmp = _synced_temp(path, data)
        try:
            if mode is not None:
                os.chmod(tmp, mode)  # before the link: the file never exists with other bits
            try:
                os.link(tmp, path)  # fails if the target exists: no overwrite, no race
            except FileExistsError:
                return False
            except OSError as e:
                if e.errno not in _NO_HARD_LINKS:
                    raise
                if not _create_new(path, data, mode):  # FAT/exFAT sticks, some network shares
                    return False
        finally:
            os.unlink(tmp)
    _sync_dir(path.parent)
    return True


def make_folder(path: Path, mode: int | None = None) -> None:
    """Create a folder and its parents (nothing when it exists); with `mode`, a folder
    made here gets exactly those bits (the umask would otherwise narrow them)."""
    path = Path(path)
    guard(path)
    with writing(path):
        if mode is None:
            path.mkdir(parents=True, exist_ok=True)
            return
        missing = [p for p in (path, *path.parents) if not os.path.lexists(p)]
        path.mkdir(parents=True, exist_ok=True)
        for made in missing:
            os.chmod(made, mode)


def modes_of(folder: Path) -> tuple[int, int]:
    """The modes for a folder and a file made inside `folder`, so that they are shared as
    `folder` is: a 0770 (group-shared) registry gets 0770 folders and 0660 files, a 0755
    one 0755 and 0644, a 0700 one 0700 and 0600. The set-group-ID bit of a shared folder
    is kept on new folders, so their files keep the group."""
    bits = stat.S_IMODE(os.stat(folder).st_mode)
    return bits & (0o777 | stat.S_ISGID), (bits & 0o666) | 0o600


def remove(path: Path) -> None:
    """Delete a file asfcert wrote (nothing when it is gone already)."""
    path = Path(path)
    guard(path)
    with writing(path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
    _sync_dir(path.parent)


def move(source: Path, target: Path) -> None:
    """Rename `source` to `target` (atomic within one file system)."""
    guard(target)
    with writing(target):
        os.replace(source, target)


_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


def _create_new(path: Path, data: bytes, mode: int | None) -> bool:
    """Exclusive creation without hard links (O_EXCL): still never overwrites."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644 if mode is None else mode)
    except FileExistsError:
        return False
    if mode is not None:
        os.chmod(path, mode)  # exactly: O_CREAT's mode is narrowed by the umask
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return True


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


KINDS = made_by("write", WRITE_INTO_EVIDENCE, WRITE_DENIED, WRITE_NO_SPACE, WRITE_BLOCKED, WRITE_FAILED)

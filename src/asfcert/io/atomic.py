"""Safe writes for records: never half a file, never an evidence file.

Every write goes to a temporary file in the same folder, is flushed to disk (fsync), and
then renamed over the target, and the folder entry is synced too. A process killed at
any moment leaves either the old file or the new one. Writes under a company folder's
`evidence/` are refused: commands never modify evidence."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from asfcert.base.errors import UserError
from asfcert.base.i18n import L10n
from asfcert.base.layout import EVIDENCE_DIR, KIT_README


def guard(path: Path, *, kit_readme: bool = False) -> None:
    """Refuse to write inside any `evidence/` folder. The one exception is creating the
    kit's guide file (`README.txt`) in an evidence folder, and only where none exists
    (`create_exclusive(..., kit_readme=True)`): no document is ever touched."""
    if kit_readme and Path(path).name == KIT_README:
        return
    if EVIDENCE_DIR in Path(os.path.abspath(path)).parts:
        raise UserError(
            L10n(f"asfcert skriver aldrig i evidence/: {path}", f"asfcert never writes into evidence/: {path}"),
            hint=L10n("Välj en annan plats för utdata.", "Choose another place for the output."),
        )


def _synced_temp(path: Path, data: bytes) -> str:
    """`data` in a new temporary file next to `path`, flushed to disk; returns its name."""
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


def create_exclusive(path: Path, data: bytes, *, kit_readme: bool = False) -> bool:
    """Write `data` to `path` only if it does not exist yet (atomically). Returns False
    when the file was already there. Used for numbers that must never be issued twice,
    and for the files of a new kit, which never replace a file."""
    path = Path(path)
    guard(path, kit_readme=kit_readme)
    tmp = _synced_temp(path, data)
    try:
        try:
            os.link(tmp, path)  # fails if the target exists: no overwrite, no race
        except FileExistsError:
            return False
        except OSError as e:
            if e.errno not in _NO_HARD_LINKS:
                raise
            if not _create_new(path, data):  # FAT/exFAT sticks, some network shares
                return False
    finally:
        os.unlink(tmp)
    _sync_dir(path.parent)
    return True


_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


def _create_new(path: Path, data: bytes) -> bool:
    """Exclusive creation without hard links (O_EXCL): still never overwrites."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except FileExistsError:
        return False
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

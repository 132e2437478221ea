"""Safe writes for records: never half a file, never an evidence file.

Every write goes to a temporary file in the same folder, is flushed to disk (fsync), and
then renamed over the target, and the folder entry is synced too. A process killed at
any moment leaves either the old file or the new one. Writes under a company folder's
`evidence/` are refused: commands never modify evidence."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from asfcert.errors import UserError
from asfcert.i18n import L10n

EVIDENCE_DIR = "evidence"


def guard(path: Path) -> None:
    """Refuse to write inside any `evidence/` folder."""
    if EVIDENCE_DIR in Path(os.path.abspath(path)).parts:
        raise UserError(
            L10n(f"asfcert skriver aldrig i evidence/: {path}", f"asfcert never writes into evidence/: {path}"),
            hint=L10n("Välj en annan plats för utdata.", "Choose another place for the output."),
        )


def write_bytes(path: Path, data: bytes, mode: int = 0o644) -> None:
    path = Path(path)
    guard(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
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


def create_exclusive(path: Path, data: bytes) -> bool:
    """Write `data` to `path` only if it does not exist yet (atomically). Returns False
    when the file was already there. Used for numbers that must never be issued twice."""
    path = Path(path)
    guard(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # fails if the target exists: no overwrite, no race
        except FileExistsError:
            return False
    finally:
        os.unlink(tmp)
    _sync_dir(path.parent)
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

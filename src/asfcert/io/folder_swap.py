"""Publish a whole folder of generated files in one step: write them into a new folder
beside the target, then swap it in with one rename.

A site of thousands of pages written file by file needs an fsync per file to be atomic per
file, and is still half old, half new while it is written. Here readers see either the
old folder or the new one, and a kill -9 at any point leaves the old folder whole (the
half-written new one is a hidden sibling, removed by the next run). The files are not
fsynced one by one: the folder is derived data that the next run rebuilds.

Files in the old folder that the caller does not replace or drop (`keep`) are carried
over as hard links, so a folder that also holds the publisher's own files keeps them."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from asfcert.io.atomic import _sync_dir, guard, writing

_NEW, _OLD = ".new-", ".old-"


def replace_folder(target: Path, files: dict[PurePosixPath, bytes], keep: Callable[[PurePosixPath], bool],
                   mode: int = 0o644) -> list[PurePosixPath]:
    """Make `target` hold `files` (relative paths) plus the current files that `keep`
    accepts. Returns the current files that were dropped."""
    target = Path(os.path.realpath(target))  # a link to the site folder stays a link
    guard(target)
    parent = target.parent
    with writing(target):
        parent.mkdir(parents=True, exist_ok=True)  # a new site in a new folder, as before the swap
        _clear_leftovers(target)
        staging = parent / f".{target.name}{_NEW}{os.getpid()}"
        staging.mkdir(mode=0o755)
        if target.is_dir():
            os.chmod(staging, os.stat(target).st_mode & 0o7777)  # a group-shared site folder stays shared
        try:
            for rel, data in files.items():
                path = staging / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path, "wb") as fh:
                    fh.write(data)
                os.chmod(path, mode)
            dropped = _carry_over(target, staging, files, keep) if target.is_dir() else []
            _swap(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # the new folder if the swap failed, else the old one
    _sync_dir(parent)
    return dropped


def _carry_over(old: Path, new: Path, files: dict, keep) -> list[PurePosixPath]:
    dropped = []
    for folder, dirs, names in os.walk(old):
        for name in names:
            source = Path(folder) / name
            rel = PurePosixPath(source.relative_to(old).as_posix())
            if rel in files:
                continue
            if not keep(rel):
                dropped.append(rel)
                continue
            (new / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, new / rel, follow_symlinks=False)
            except OSError:  # no hard links here (FAT, some shares): a copy
                shutil.copy2(source, new / rel, follow_symlinks=False)
        for name in dirs:  # empty folders of the publisher's own stay too
            (new / Path(folder).relative_to(old) / name).mkdir(parents=True, exist_ok=True)
    return sorted(dropped)


def _swap(new: Path, target: Path) -> None:
    """`new` becomes `target`; the old `target` (if any) ends up at `new`'s name."""
    if not target.exists():
        os.rename(new, target)
        os.mkdir(new)  # so the caller's cleanup has a folder to remove, like after a swap
        return
    if _exchange(new, target):
        return
    old = target.parent / f".{target.name}{_OLD}{os.getpid()}"
    os.rename(target, old)  # between these two renames the target is briefly absent
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    os.rename(old, new)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): both names swapped at once; False where the
    system or the file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def _clear_leftovers(target: Path) -> None:
    """The hidden siblings a killed run left behind: an old folder caught between the two
    renames of `_swap` goes back in place; half-written new ones are removed (not those of
    a run still going)."""
    prefix = f".{target.name}"
    try:
        entries = sorted(os.scandir(target.parent), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        rest = entry.name[len(prefix):]
        pid = rest.split("-", 1)[-1]
        if not (entry.name.startswith(prefix) and rest.startswith((_NEW, _OLD)) and pid.isdigit()) or _alive(int(pid)):
            continue
        if rest.startswith(_OLD) and not os.path.lexists(target):
            os.rename(entry.path, target)
        else:
            shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True

"""What is never a company folder (company/folder.py `refuse_unfit`): a system folder, the
home folder, or one with more entries than a company folder has; asked before anything in
the folder is read."""

from __future__ import annotations

import os
from pathlib import Path

VERSION_CONTROL = (".git", ".hg", ".svn")
# Never a company folder: the roots of a system, and the virtual file systems (with
# everything below them: /proc/self, /dev/stdin, ...), whose files never end or block.
_SYSTEM_FOLDERS = {
    "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/media", "/mnt", "/opt", "/proc",
    "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var",
    "/Applications", "/Library", "/System", "/Users", "/Volumes", "/private",  # macOS
}
_VIRTUAL_FOLDERS = ("/proc", "/sys", "/dev")


def is_system(real: Path) -> bool:
    shown = real.as_posix()
    virtual = shown.startswith(tuple(folder + "/" for folder in _VIRTUAL_FOLDERS))
    return shown in _SYSTEM_FOLDERS or virtual or real == Path(real.anchor) or real == _home()


_HOMES: dict[str | None, Path | None] = {}  # $HOME -> the home folder's real path, found once per process


def _home() -> Path | None:
    home = os.environ.get("HOME")
    if home not in _HOMES:
        try:
            _HOMES[home] = Path(os.path.realpath(Path.home()))
        except (RuntimeError, KeyError, OSError):  # no home folder known
            _HOMES[home] = None
    return _HOMES[home]


def more_entries_than(root: Path, limit: int) -> bool:
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
                    if entry.name not in VERSION_CONTROL and entry.is_dir(follow_symlinks=False):
                        todo.append(entry.path)
                except OSError:
                    continue
    return False

"""Safe resolution of an evidence reference inside a company folder (company/folder.py).

A reference is accepted only if it names a regular file inside the folder. `..`, absolute
paths, Windows drives, symlinks that leave the folder, symlink loops, FIFOs and devices
are refused. Names are compared in Unicode NFC, so a reference typed on Linux or Windows
finds a file whose name a Mac stored in NFD. A name that is not UTF-8 is shown, stored and
referred to with its odd bytes written `%FF` (`escaped`); only opening it uses the bytes.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from asfcert.base.text import loose as _loose
from asfcert.base.text import nfc

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


class References:
    """`resolve` for CompanyFolder, which provides `root`, `files`, `_listings` (folder ->
    its names, filled by its walk), `_reals` and `_listed` (escaped rel -> lstat of each
    file its walk found: its path, mode and signature; empty before the walk)."""

    root: Path
    files: list[str]
    _listings: dict[str, list[str]]
    _reals: dict[str, str]
    _listed: dict[str, tuple[str, int, tuple]]

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

    def _real(self, path: str) -> tuple[str, os.stat_result | None]:
        """os.path.realpath(path, strict=True), each folder's real path found once: the
        folder's own is known, and a folder below it that is no link is its parent's real
        path and its name (one lstat, where realpath looks at every part from `/`); with
        that lstat when `path` is no link (its stat, then)."""
        if path == self._root:
            return path, None
        parent, name = os.path.split(path)
        real_folder = self._reals.get(parent)
        if real_folder is None:
            real_folder = self._reals[parent] = self._real(parent)[0] if self._inside(parent) else os.path.realpath(parent, strict=True)
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            return os.path.realpath(path, strict=True), None
        return os.path.join(real_folder, name), st

    def _check_target(self, ref: str, path: str, rel: str) -> Resolved:
        listed = self._listed.get(rel)
        if listed is not None and stat.S_ISREG(listed[1]):
            # a regular file the walk found, below folders it entered (none of them a link):
            # its path is its real path; a change since is the closing digest's to see
            return Resolved(ref, rel=rel, path=Path(path))
        try:
            real, st = self._real(path)
        except (OSError, RuntimeError) as e:
            loop = isinstance(e, RuntimeError) or getattr(e, "errno", None) == errno.ELOOP
            return Resolved(ref, problem="loop" if loop else "missing", suggestion=None if loop else self._suggest(ref))
        if not self._inside(real):
            return Resolved(ref, problem="link")
        try:
            mode = (st or os.stat(real)).st_mode
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

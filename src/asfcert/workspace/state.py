"""The company folder a workspace serves, and its check result as of now.

Every page asks `result()`: `check` as the CLI runs it, so the page and `asfcert check`
always agree. The result is cached (by `check` itself, keyed by every file's content), and
the last one is kept in memory for as long as no file in the folder has changed size, time
or identity, so a page that follows a page renders without hashing the PDFs again."""

from __future__ import annotations

import datetime as dt
import os
import threading
from functools import cached_property
from pathlib import Path

from asfcert.assess.checker import CheckOptions, check, open_folder
from asfcert.company.folder import CompanyFolder


class Workspace:
    def __init__(self, root: Path, *, standard: Path | None = None, today: dt.date | None = None, use_cache: bool = True):
        self.root = Path(os.path.realpath(open_folder(Path(root))))
        self.shown = str(root)
        self.standard_path = standard
        self.today = today
        self.use_cache = use_cache
        self._lock = threading.Lock()
        self._last: tuple[tuple, object] | None = None

    @cached_property
    def standard(self):
        from asfcert.standard.load import load_standard

        return load_standard(self.standard_path)[0]

    def options(self) -> CheckOptions:
        return CheckOptions(standard=self.standard_path, today=self.today or dt.date.today(), use_cache=self.use_cache)

    def result(self):
        with self._lock:
            stamp = self._stamp()
            if self._last is not None and self._last[0] == stamp:
                return self._last[1]
            result = check(self.root, self.options())
            if stamp == self._stamp():  # unchanged while it was checked
                self._last = (stamp, result)
            return result

    def _stamp(self) -> tuple:
        """Every file's path, size, modification time and inode, and the date."""
        out = [str(self.today or dt.date.today())]
        for rel in CompanyFolder(self.root).files:
            try:
                st = os.stat(self.root / rel, follow_symlinks=False)
            except OSError:
                out.append(rel)
                continue
            out.append((rel, st.st_size, st.st_mtime_ns, st.st_ino))
        return tuple(out)

    @cached_property
    def folders(self) -> list[tuple[str, list]]:
        """The kit folders of evidence/ and the kinds of documents that go in each."""
        out: dict[str, list] = {}
        for kind in self.standard.evidence_kinds:
            out.setdefault(kind.folder, []).append(kind)
        return sorted(out.items())

    @cached_property
    def pay_ratio_max(self):
        for req in self.standard.enabled:
            for spec in req.checks:
                if spec.rule == "pay-ratio":
                    return spec.max
        return None

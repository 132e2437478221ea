"""The folder a coordinator serves: one cohort (a folder with cohort.yaml) or a registry (a
folder whose subfolders hold cohorts), the company folders in it, and the people it names.

The cohort report itself is built by the cohort workflow; the workspace may not import it
(workflows never import each other), so `asfcert serve` hands the report in as a function
(`report`), and this package renders it with the same render code as `cohort report`. The
same goes for starting an audit record (`start_audit`: the audit workflow's `audit`).

The report and the loaded cohort files are kept in memory, keyed by a signature of every
input (`signature`): a page that follows a page shows them without building them again,
and a file changed in any way, by the workspace or by anyone else, changes the signature,
so nothing shown is ever older than the files."""

from __future__ import annotations

import datetime as dt
import os
import stat
import threading
from collections.abc import Callable, Hashable
from pathlib import Path

from asfcert.base.layout import COHORT_FILE, COMPANY_FILE, REGISTRY_FILE
from asfcert.records.cohort_file import find_cohorts, load_cohort
from asfcert.records.complaints import COMPLAINTS_FILE
from asfcert.workspace.actions import Actions


def is_cohort_folder(path: Path) -> bool:
    """A cohort folder or a registry of cohorts, not a company folder."""
    if (path / COMPANY_FILE).exists() or not path.is_dir():
        return False
    return (path / COHORT_FILE).exists() or any(p.is_dir() and (p / COHORT_FILE).exists() for p in path.iterdir())


class Cohorts:
    def __init__(self, root: Path, report: Callable[[], object], *, standard: Path | None = None, today: dt.date | None = None,
                 start_audit: Callable[[Path, str, str], object] | None = None, actions: Actions | None = None):
        self.root = Path(os.path.realpath(root))
        self.shown = str(root)
        self.standard_path = standard
        self.today = today
        self._report = report
        # `asfcert audit DIR --auditor NAME` (the audit workflow, passed in like the report):
        # creates the record, after its own impartiality check; None: the page shows the command
        self.start_audit = start_audit
        self.actions = actions or Actions()  # decide, report, certify, status (workspace/actions.py)
        self._kept: dict[Hashable, tuple[tuple, object]] = {}  # what -> (signature, value)
        self._locks: dict[Hashable, threading.Lock] = {}
        self._locks_lock = threading.Lock()

    def report(self):
        return self.kept("report", self._report)

    def loaded(self):
        def build():
            today = self.today or dt.date.today()
            return [load_cohort(folder, today) for folder in find_cohorts(self.root)]

        return self.kept("loaded", build)

    def kept(self, what: Hashable, build: Callable[[], object]):
        """The value kept under `what` for the current signature, else `build()`. One
        build at a time per value (the server answers from a thread pool: a second request
        waits for the first's build instead of doing it again); a value is kept only if
        nothing changed while it was built, so a change during a build is never hidden."""
        with self._locks_lock:
            lock = self._locks.setdefault(what, threading.Lock())
        with lock:
            before = self.signature()
            kept = self._kept.get(what)
            if kept is not None and kept[0] == before:
                return kept[1]
            value = build()
            if self.signature() == before:
                self._kept[what] = (before, value)
            return value

    def signature(self) -> tuple:
        """Everything the report reads, cheaply: the date, every file under the folder (the
        cohort files, survey.csv, every company folder's files, a registry's records) by
        path, size, modification and change time and inode, and the registry files
        (registry.yaml, complaints.yaml) in the folders above it, and the standard file.
        The change time moves on every write, even one that keeps the size and sets the
        modification time back; the inode moves when a file is replaced."""
        out: list = [str(self.today or dt.date.today())]
        _files(self.root, out, set())
        for folder in self.root.parents:
            out.extend(_stat(folder / name) for name in (REGISTRY_FILE, COMPLAINTS_FILE))
        if self.standard_path is not None:
            out.append(_stat(Path(self.standard_path)))
        return tuple(out)

    def company(self, cohort: str, company: str) -> Path | None:
        """The folder of a company listed or held in a cohort here, as the folder served was
        given (the pages and the commands they show name it so); None for anything else (a
        name is never a path: only the folders the cohort files name are served)."""
        for loaded in self.loaded():
            if loaded.path.name != cohort:
                continue
            for ref in loaded.companies:
                if ref.folder == company and ref.exists:
                    return Path(self.shown) / ref.path.relative_to(self.root)
        return None

    def auditors(self) -> list[str]:
        """The people with the auditor role, in every cohort here."""
        names: dict[str, None] = {}
        for loaded in self.loaded():
            for person in (loaded.cohort.people if loaded.cohort else []):
                if "auditor" in person.roles:
                    names[person.name] = None
        return list(names)


def _stat(path: Path) -> tuple:
    try:
        return _row(str(path), os.stat(path))
    except OSError:
        return (str(path),)


def _row(path: str, st: os.stat_result) -> tuple:
    return (path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


# Never read by the report (company/folder.py skips them too); a registry kept in git would
# otherwise make every request stat the whole history.
_VERSION_CONTROL = frozenset((".git", ".hg", ".svn"))


def _files(folder: Path, out: list, seen: set) -> None:
    """Every file under `folder` (links followed, as the report follows them; each folder
    once, so a link that loops ends), version-control folders aside."""
    try:
        here = os.stat(folder)
        if (here.st_dev, here.st_ino) in seen:
            return
        seen.add((here.st_dev, here.st_ino))
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        out.append((str(folder),))
        return
    for entry in entries:
        try:
            st = entry.stat()
        except OSError:
            out.append((entry.path,))
            continue
        if stat.S_ISDIR(st.st_mode):
            if entry.name not in _VERSION_CONTROL:
                _files(Path(entry.path), out, seen)
        else:
            out.append(_row(entry.path, st))


def match(name: str, known: list[str]) -> tuple[str | None, str | None]:
    """(the known name `name` is, spaces and case aside; else the nearest known name, if any
    is near: "did you mean")."""
    from asfcert.assess.impartiality import nearest, same_name

    exact = next((k for k in known if same_name(k, name)), None)
    return (exact, None) if exact else (None, nearest(name, known))


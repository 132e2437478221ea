"""The folder a coordinator serves: one cohort (a folder with cohort.yaml) or a registry (a
folder whose subfolders hold cohorts), the company folders in it, and the people it names.

The cohort report itself is built by the cohort workflow; the workspace may not import it
(workflows never import each other), so `asfcert serve` hands the report in as a function
(`report`), and this package renders it with the same render code as `cohort report`. The
same goes for starting an audit record (`start_audit`: the audit workflow's `audit`)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from asfcert.base.layout import COHORT_FILE, COMPANY_FILE
from asfcert.records.cohort_file import find_cohorts, load_cohort
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

    def report(self):
        return self._report()

    def loaded(self):
        today = self.today or dt.date.today()
        return [load_cohort(folder, today) for folder in find_cohorts(self.root)]

    def company(self, cohort: str, company: str) -> Path | None:
        """The folder of a company listed or held in a cohort here; None for anything else
        (a name is never a path: only the folders the cohort files name are served)."""
        for loaded in self.loaded():
            if loaded.path.name != cohort:
                continue
            for ref in loaded.companies:
                if ref.folder == company and ref.exists:
                    return ref.path
        return None

    def auditors(self) -> list[str]:
        """The people with the auditor role, in every cohort here."""
        names: dict[str, None] = {}
        for loaded in self.loaded():
            for person in (loaded.cohort.people if loaded.cohort else []):
                if "auditor" in person.roles:
                    names[person.name] = None
        return list(names)


def match(name: str, known: list[str]) -> tuple[str | None, str | None]:
    """(the known name `name` is, spaces and case aside; else the nearest known name, if any
    is near: "did you mean")."""
    from asfcert.assess.impartiality import nearest, same_name

    exact = next((k for k in known if same_name(k, name)), None)
    return (exact, None) if exact else (None, nearest(name, known))


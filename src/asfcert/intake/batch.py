"""A folder of applications, reviewed one by one, and how a folder is recognised.

`asfcert intake DIR` reviews one application when DIR holds company.yaml, and every
application in DIR when it does not but its subfolders do (or with `--batch`). In a
batch, each non-hidden subfolder that holds company.yaml or an evidence/ folder is an
application; other subfolders are listed as skipped."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import asfcert
from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.company.folder import COMPANY_FILE, EVIDENCE_DIR
from asfcert.intake.result import BatchResult
from asfcert.intake.review import IntakeOptions, review

_AN_APPLICATION = L10n(
    "En ansökan är en företagsmapp med company.yaml och evidence/ (årsredovisning, protokoll, stadgar). "
    "Ange en sådan mapp, eller mappen som rymmer flera (se docs/intake.md).",
    "An application is a company folder with company.yaml and evidence/ (annual report, minutes, statutes). "
    "Give such a folder, or the folder that holds several (see docs/intake.md).",
)
FOLDER_UNREADABLE = Kind(
    "intake-folder-unreadable",
    L10n("Mappen går inte att läsa", "Folder cannot be read"),
    L10n("Mappen går inte att läsa: {why}", "The folder cannot be read: {why}"),
    L10n("Kontrollera sökvägen och behörigheterna.", "Check the path and the permissions."),
    Severity.ERROR,
    Effect.ABORTS,
)
BATCH_OF_ONE = Kind(
    "intake-batch-of-one",
    L10n("--batch på en ansökan", "--batch on one application"),
    L10n("Mappen är själv en ansökan (den har {file})", "The folder is an application itself (it has {file})"),
    L10n("Utelämna --batch, eller ange mappen som rymmer ansökningarna.", "Leave out --batch, or give the folder that holds the applications."),
    Severity.ERROR,
    Effect.ABORTS,
)
NOT_AN_APPLICATION = Kind(
    "intake-not-an-application",
    L10n("Ingen ansökan", "Not an application"),
    L10n("Ingen ansökan: {file} saknas både i mappen och i dess undermappar", "Not an application: there is no {file} in the folder or in its subfolders"),
    _AN_APPLICATION,
    Severity.ERROR,
    Effect.ABORTS,
)
NO_APPLICATIONS = Kind(
    "intake-no-applications",
    L10n("Inga ansökningar", "No applications"),
    L10n("Mappen rymmer inga ansökningar", "The folder holds no applications"),
    L10n("Varje ansökan är en undermapp med company.yaml och evidence/.", "Each application is a subfolder with company.yaml and evidence/."),
    Severity.ERROR,
    Effect.ABORTS,
)


def _is_application(path: Path) -> bool:
    return os.path.lexists(path / COMPANY_FILE) or (path / EVIDENCE_DIR).is_dir()


def _subfolders(path: Path) -> list[Path]:
    try:
        return sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    except OSError as e:
        raise Abort(FOLDER_UNREADABLE, location=Location(str(path)), why=e.strerror or str(e)) from None


def is_batch(path: Path, forced: bool) -> bool:
    """True when `path` is a folder of applications, False when it is one application.
    Raises `Abort` when it is neither (or `--batch` is given for one application)."""
    from asfcert.assess.checker import open_folder

    open_folder(path)
    single = os.path.lexists(path / COMPANY_FILE)
    if forced and single:
        raise Abort(BATCH_OF_ONE, location=Location(str(path)), file=COMPANY_FILE)
    if single:
        return False
    if forced or any(_is_application(p) for p in _subfolders(path)):
        return True
    raise Abort(NOT_AN_APPLICATION, location=Location(str(path)), file=COMPANY_FILE)


def review_batch(path: Path, options: IntakeOptions = IntakeOptions(), on_start=None, on_done=None) -> BatchResult:
    """Review every application under `path`; the standard is loaded once."""
    from asfcert.base.resources import default_standard
    from asfcert.io.cache import Cache
    from asfcert.standard.load import load_standard

    standard, _ = load_standard(options.standard or default_standard(), Cache(options.use_cache))
    today = options.today or dt.date.today()
    options = IntakeOptions(options.standard, today, options.use_cache, options.minutes_max_age_months)
    folders = _subfolders(path)
    apps = [p for p in folders if _is_application(p)]
    if not apps:
        raise Abort(NO_APPLICATIONS, location=Location(str(path)))
    result = BatchResult(str(path), today.isoformat(), asfcert.__version__, skipped=[p.name for p in folders if p not in apps])
    if on_start:
        on_start(len(apps))
    for app in apps:
        result.applications.append(review(app, options, standard))
        if on_done:
            on_done(app)
    return result


KINDS = made_by("intake", FOLDER_UNREADABLE, BATCH_OF_ONE, NOT_AN_APPLICATION, NO_APPLICATIONS)

"""Output folders (`--out`): where a command may write the files it makes.

A report or a site is never written into a company folder (the folder holding
company.yaml, or any folder under one): those files would be taken for the company's own,
and the auditor's snapshot would see them as changes. Nor onto anything that is not a
folder asfcert can create: an existing file, a device (`/dev/null`), or a kernel file
system (`/proc`, `/sys`). `check` refuses such a target before the command does any work;
`create` makes the folder only when the command has something to write."""

from __future__ import annotations

import os
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import COMPANY_FILE
from asfcert.base.vocab import Severity

OUT_IN_COMPANY = Kind(
    "out-in-company-folder",
    L10n("Utmappen ligger i en företagsmapp", "The output folder is inside a company folder"),
    L10n("utmappen ligger i företagsmappen {company}; där skriver asfcert aldrig rapporter",
         "the output folder is inside the company folder {company}; asfcert never writes reports there"),
    L10n("Välj en mapp utanför företagens mappar, till exempel --out rapport.",
         "Choose a folder outside the company folders, for example --out report."),
    severity=Severity.ERROR, effect=Effect.ABORTS,
)
OUT_NOT_A_FOLDER = Kind(
    "out-not-a-folder",
    L10n("Utmappen är inte en mapp", "The output is not a folder"),
    L10n("utmappen finns redan och är inte en mapp", "the output exists and is not a folder"),
    L10n("Ange en ny eller befintlig mapp.", "Give a new or an existing folder."),
    severity=Severity.ERROR, effect=Effect.ABORTS,
)
OUT_NOT_CREATABLE = Kind(
    "out-not-creatable",
    L10n("Utmappen går inte att skapa", "The output folder cannot be created"),
    L10n("utmappen går inte att skapa eller skriva i ({reason})",
         "the output folder cannot be created or written to ({reason})"),
    L10n("Ange en mapp där du får skriva, till exempel i din hemkatalog.",
         "Give a folder you may write to, for example in your home folder."),
    severity=Severity.ERROR, effect=Effect.ABORTS,
)

# Kernel file systems: root may "write" to them as far as os.access can tell.
_PSEUDO = (Path("/proc"), Path("/sys"))


def _refuse(kind: Kind, path: Path, **params) -> Abort:
    return Abort(kind, location=Location(str(path)), **params)


def check(out: Path) -> Path:
    """Refuse `out` unless it is, or can become, a folder outside every company folder."""
    real = Path(os.path.realpath(out))
    for folder in (real, *real.parents):
        if (folder / COMPANY_FILE).exists():
            raise _refuse(OUT_IN_COMPANY, out, company=str(folder))
    if real.exists() or real.is_symlink():
        if not real.is_dir():
            raise _refuse(OUT_NOT_A_FOLDER, out)
        existing = real
    else:
        existing = next(p for p in real.parents if p.exists())
        if not existing.is_dir():
            raise _refuse(OUT_NOT_A_FOLDER, existing)
    if any(existing == p or p in existing.parents for p in _PSEUDO):
        raise _refuse(OUT_NOT_CREATABLE, out, reason=L10n("en systemmapp", "a system folder"))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise _refuse(OUT_NOT_CREATABLE, out, reason=L10n("ingen skrivrätt", "no permission to write"))
    return out


def create(out: Path) -> Path:
    """Check `out` again (the disk may have changed while the command worked) and create it."""
    check(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _refuse(OUT_NOT_CREATABLE, out, reason=_reason(err)) from None
    return out


KINDS = made_by("out", OUT_IN_COMPANY, OUT_NOT_A_FOLDER, OUT_NOT_CREATABLE)


def _reason(err: OSError) -> L10n:
    from asfcert.base.oserror import reason

    return reason(err)

"""A company's case as `audit` and `certify` read it: the folder, the standard, the check
result and the company profile, loaded once per command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from asfcert.base.errors import UserError
from asfcert.base.findings import Severity
from asfcert.base.i18n import L10n


def prepare(path: Path, standard_path: Path | None, today: dt.date, use_cache: bool):
    """The folder, standard, check result and company model: everything `audit` and
    `certify` read before they look at the record. Refuses an unusable folder."""
    from asfcert.assess.checker import CheckOptions, check, open_folder
    from asfcert.company.folder import CompanyFolder
    from asfcert.formats.company import Company
    from asfcert.io.cache import Cache
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import load
    from asfcert.standard.load import load_standard

    open_folder(path)
    folder = CompanyFolder(path)
    standard, digest = load_standard(standard_path, Cache(use_cache))
    result = check(path, CheckOptions(standard=standard_path, today=today, use_cache=use_cache))
    if not result.usable:
        raise UserError(
            L10n("Företagets filer har fel i indata, så revisionen kan inte göras", "The company's files have input errors, so the audit cannot be done"),
            hint=L10n(f"Företaget rättar felen; se `asfcert check {path}`.", f"The company corrects them; see `asfcert check {path}`."),
            findings=[f for f in result.sorted_findings() if f.severity == Severity.ERROR],
        )
    doc = load(folder.company_file, "company.yaml", within=folder.root)
    company, _ = validate(Company, doc)
    return folder, standard, digest, result, company, doc



def as_decided(path: Path, standard_path: Path | None, date: dt.date, use_cache: bool, current):
    """The check as of the decision date: date-dependent rules (an annual report's age)
    must not make an old decision look stale. File changes are the same at any date."""
    from asfcert.assess.checker import CheckOptions, check

    if current.as_of == date.isoformat():
        return current
    return check(path, CheckOptions(standard=standard_path, today=date, use_cache=use_cache))

"""The catalogue: every kind of finding and of fatal error, by its stable code.

An explicit list of the modules that declare kinds. Each exports `KINDS` (made with
`base.findings.made_by`); docs/findings.md is generated from this catalogue, and
tests/test_docs.py fails when a `Kind` anywhere in the package is missing from it or a
code is declared twice. A new declaring module is one line in `DECLARING`.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from asfcert.base.findings import Kind

DECLARING = (
    "asfcert.base.findings",
    "asfcert.io.yamlfile",
    "asfcert.io.yamlguard",
    "asfcert.io.atomic",
    "asfcert.io.schema_errors",
    "asfcert.company.folder",
    "asfcert.evidence.review",
    "asfcert.evidence.privacy",
    "asfcert.evidence.filing",
    "asfcert.evidence.read_review",
    "asfcert.standard.load",
    "asfcert.standard.view",
    "asfcert.rules.base",
    "asfcert.rules.documents",
    "asfcert.rules.org_number",
    "asfcert.rules.no_public_owner",
    "asfcert.rules.pay_ratio",
    "asfcert.rules.supervisors_not_public",
    "asfcert.rules.public_bodies",
    "asfcert.rules.no_dividends",
    "asfcert.rules.target_group",
    "asfcert.rules.participation",
    "asfcert.rules.collective_agreement",
    "asfcert.rules.work_environment",
    "asfcert.rules.wage_subsidy_share",
    "asfcert.rules.finances_reported",
    "asfcert.rules.profit_unit",
    "asfcert.rules.employee_membership",
    "asfcert.rules.annual_report",
    "asfcert.rules.statutes_wording",
    "asfcert.rules.minutes_dated",
    "asfcert.rules.annual_report_filing",
    "asfcert.rules.filing_dividends",
    "asfcert.records.snapshot",
    "asfcert.records.cohort_file",
    "asfcert.records.complaints",
    "asfcert.records.survey",
    "asfcert.records.audit_record",
    "asfcert.records.registry",
    "asfcert.records.keys",
    "asfcert.records.registry_init",
    "asfcert.assess.checker",
    "asfcert.assess.answers",
    "asfcert.assess.decision",
    "asfcert.assess.impartiality",
    "asfcert.assess.case",
    "asfcert.audit.session",
    "asfcert.certify.issue",
    "asfcert.certify.status",
    "asfcert.certify.verify",
    "asfcert.certify.verify_sources",
    "asfcert.cohort.init",
    "asfcert.cohort.complaint",
    "asfcert.kit.create",
    "asfcert.kit.from_filing",
    "asfcert.site.build",
    "asfcert.io.outdir",
    "asfcert.certify.dispatch",
    "asfcert.intake.batch",
    "asfcert.site.listing",
    "asfcert.workspace.uploads",
    "asfcert.workspace.server",
    "asfcert.cli.usage",
)


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, Kind], ...]:
    """(declaring module, kind) for every kind, in the order of `DECLARING`."""
    out: list[tuple[str, Kind]] = []
    where: dict[str, str] = {}
    for name in DECLARING:
        for kind in importlib.import_module(name).KINDS:
            if kind.code in where:
                raise RuntimeError(f"finding code {kind.code!r} declared twice: in {where[kind.code]} and {name}")
            where[kind.code] = name
            out.append((name, kind))
    return tuple(out)


def catalogue() -> dict[str, Kind]:
    """Every kind, by code, sorted by code."""
    return dict(sorted((kind.code, kind) for _, kind in _entries()))


def declared_in() -> dict[str, str]:
    """The module that declares each code: who raises it."""
    return {kind.code: name for name, kind in _entries()}

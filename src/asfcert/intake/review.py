"""Review one application for admission: admit, or come back later with the reasons.

What decides (docs/intake.md):

1. The four principles of SKOOPI's ASF definition, as far as the profile can answer
   them: every enabled requirement of the standard's `asf-definition` clauses that the
   machine decides (ASF-1.a … ASF-4.c in the shipped standard), run with the same rules
   and parameters as `asfcert check`. A failing or undecidable (data missing) *blocker*
   requirement sends the application back; remarks and observations are told to the
   applicant but do not decide. The requirements the auditor decides (ASF-2.a, ASF-3.b,
   ASF-3.d) are judged in the audit, not at intake.
2. The three documents (intake/documents.py): each missing, unreadable, outdated or
   not naming the organisation number sends the application back.

A company.yaml that cannot be read makes the application unusable (exit code 2).
Personal identity numbers found in company.yaml or the documents are warnings, masked.
A self-assessment is not read: it is written during the cohort. Nothing is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import asfcert
from asfcert.base.findings import Finding, Severity
from asfcert.base.i18n import L10n
from asfcert.company.folder import COMPANY_FILE, CompanyFolder
from asfcert.intake.documents import MINUTES_MAX_AGE_MONTHS, check_documents
from asfcert.intake.result import (
    AUDITOR,
    FAILING,
    OPEN,
    READY,
    IntakeResult,
    Principle,
    PrincipleRequirement,
)

PRINCIPLES_PART = "asf-definition"


@dataclass(frozen=True)
class IntakeOptions:
    standard: Path | None = None
    today: dt.date | None = None
    use_cache: bool = True
    minutes_max_age_months: int = MINUTES_MAX_AGE_MONTHS


def load_company(folder: CompanyFolder):
    """(doc, Company, findings) for company.yaml; doc and Company are None when it is
    missing or broken, and the findings say why (severity error)."""
    from asfcert.assess.checker import COMPANY_FILE_MISSING
    from asfcert.base.findings import Location
    from asfcert.formats.company import Company
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, load

    path = folder.company_file
    if not path.exists() and not path.is_symlink():
        return None, None, [COMPANY_FILE_MISSING(location=Location(COMPANY_FILE))]
    try:
        doc = load(path, COMPANY_FILE, within=folder.root)
    except YamlProblem as p:
        return None, None, [p.finding]
    company, findings = validate(Company, doc)
    return doc, company, findings


def review(path: Path, options: IntakeOptions = IntakeOptions(), standard=None) -> IntakeResult:
    """Review the application in `path`. `standard` may be passed by a batch that loaded it once."""
    from asfcert.assess.checker import open_folder
    from asfcert.base.resources import default_standard
    from asfcert.standard.load import load_standard

    open_folder(path)
    if standard is None:
        from asfcert.io.cache import Cache

        standard, _ = load_standard(options.standard or default_standard(), Cache(options.use_cache))
    return evaluate(CompanyFolder(path), standard, options.today or dt.date.today(), str(path), options)


def evaluate(folder: CompanyFolder, standard, today: dt.date, shown: str, options: IntakeOptions) -> IntakeResult:
    from asfcert.company import manifest
    from asfcert.evidence import privacy
    from asfcert.evidence.documents import read_documents
    from asfcert.rules.org_number import masked, normalise

    result = IntakeResult(
        folder=shown, as_of=today.isoformat(), tool_version=asfcert.__version__,
        standard={"id": standard.id, "version": standard.version, "title": standard.title.l10n.to_dict()},
    )
    entries = manifest.build(folder, standard)
    documents = read_documents(folder, entries, options.use_cache)
    profile, company, findings = load_company(folder)
    result.findings.extend(findings)
    own_digits = set()
    if company is not None:
        result.company = {"name": company.name, "org_number": masked(company.org_number)}
        own_digits = {normalise(company.org_number)}
    result.findings.extend(privacy.scan_yaml([(folder.company_file, COMPANY_FILE)], Severity.WARNING, own_digits, today))
    own_masked = {h.masked for h in privacy.find(company.org_number, today)} if company is not None else set()
    for doc in documents:
        hits = [h for h in (doc.facts or {}).get("privacy", []) if h["masked"] not in own_masked]
        found = privacy.document_finding(doc.rel, hits, Severity.WARNING)
        if found:
            result.findings.append(found)

    result.documents, findings = check_documents(
        documents, standard, company.org_number if company is not None else None, today, options.minutes_max_age_months,
    )
    result.findings.extend(findings)
    if company is not None and result.usable:
        result.principles = principles(standard, company, profile, folder, today, documents, result.findings)
    return result


def principles(standard, company, profile, folder, today, documents, findings: list[Finding]) -> list[Principle]:
    """Every requirement of the ASF definition's clauses: decided from the profile by the
    machine rules, or marked as judged by the auditor later."""
    from asfcert.evidence.review import OPEN_CODES
    from asfcert.rules import RULES
    from asfcert.rules.base import RuleContext

    out = []
    for clause in standard.clauses:
        if clause.part != PRINCIPLES_PART:
            continue
        principle = Principle(clause.id, clause.title.l10n)
        for req in (r for r in standard.enabled if r.clause == clause.id):
            entry = PrincipleRequirement(req.id, req.title.l10n, req.severity, AUDITOR)
            principle.requirements.append(entry)
            if req.decided_by != "machine":
                continue
            ctx = RuleContext(company, profile, folder, req, today, documents)
            found, summaries, missing = [], [], False
            for spec in req.checks:
                outcome = RULES[spec.rule].check(ctx, spec)
                found += outcome.findings
                entry.figures.update(outcome.figures)
                summaries += [outcome.summary] if outcome.summary else []
                missing = missing or outcome.missing_data
            if missing or any(f.code in OPEN_CODES for f in found):
                entry.status = OPEN
            else:
                entry.status = FAILING if found else READY
            entry.findings = sorted({f.code for f in found})
            if summaries:
                entry.summary = L10n(" · ".join(s.sv for s in summaries), " · ".join(s.en for s in summaries))
            findings.extend(found)
        out.append(principle)
    return out

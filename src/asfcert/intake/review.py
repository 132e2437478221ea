"""Review one application for admission: admit, or come back later with the reasons.

What decides (docs/intake.md), evaluated by the engine (assess/engine.py) exactly as
`asfcert check` evaluates requirements:

1. The four principles of SKOOPI's ASF definition, as far as the profile can answer
   them: every enabled requirement of the standard's `asf-definition` clauses. The
   requirements the machine decides (ASF-1.a … ASF-4.c in the shipped standard) run with
   the same rules and parameters as in `check`; the ones the auditor decides (ASF-2.a,
   ASF-3.b, ASF-3.d) are judged in the audit, not at intake. No evidence is asked for
   here: the self-assessment comes later.
2. The three documents (intake/documents.py), each a requirement that expects its
   evidence kind and runs its document rule.

A *blocker* requirement that is failing or open (data or a document missing or
unreadable) sends the application back, with its findings as the reasons; remarks,
observations and warnings are told to the applicant but do not decide. A company.yaml
that cannot be read makes the application unusable (exit code 2). Personal identity
numbers found in company.yaml or the documents are warnings, masked. A self-assessment
is not read. Nothing is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import asfcert
from asfcert.base.findings import Severity, capped
from asfcert.base.vocab import Status
from asfcert.company.folder import COMPANY_FILE, CompanyFolder
from asfcert.intake.documents import MINUTES_MAX_AGE_MONTHS
from asfcert.intake.result import (
    DECIDING_SEVERITY,
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
    from asfcert.assess import engine
    from asfcert.assess.checker import load_yaml
    from asfcert.company import manifest
    from asfcert.evidence import privacy
    from asfcert.evidence.documents import read_documents
    from asfcert.evidence.review import Review
    from asfcert.formats.company import Company
    from asfcert.intake import documents as application
    from asfcert.rules.org_number import masked, normalise

    result = IntakeResult(
        folder=shown, as_of=today.isoformat(), tool_version=asfcert.__version__,
        standard={"id": standard.id, "version": standard.version, "title": standard.title.l10n.to_dict()},
    )
    documents = read_documents(folder, manifest.build(folder, standard), options.use_cache)
    profile, company, findings = load_yaml(folder, folder.company_file, Company)
    result.findings.extend(findings)
    own_digits, own_masked = set(), frozenset()
    if company is not None:
        result.company = {"name": company.name, "org_number": masked(company.org_number)}
        own_digits = {normalise(company.org_number)}
        own_masked = frozenset(h.masked for h in privacy.find(company.org_number, today))
    result.findings.extend(privacy.scan_yaml([(folder.company_file, COMPANY_FILE)], Severity.WARNING, own_digits, today))

    subject = engine.Subject(company, profile, folder, today, documents)
    evidence_review = Review(standard, documents)
    evaluated_documents = engine.evaluate(application.requirements(standard, options.minutes_max_age_months), subject, review=evidence_review)
    evaluated_principles = []
    if company is not None and result.usable:
        asf = [r for r in standard.enabled if _clause_part(standard, r.clause) == PRINCIPLES_PART]
        evaluated_principles = engine.evaluate(asf, subject, auditor_later=True)
        result.principles = _principles(standard, evaluated_principles)
    about_files = evidence_review.findings(Severity.WARNING, own_masked)
    for ev in evaluated_documents + evaluated_principles:
        result.findings.extend(ev.findings)
        if ev.requirement.severity == DECIDING_SEVERITY and ev.status in (Status.FAILING, Status.OPEN):
            result.unmet.append(ev.requirement.id)
    result.findings = capped(result.findings + about_files)
    for ev in evaluated_documents:
        row = application.document_check(ev, standard, documents, [f for f in about_files if f.requirement == ev.requirement.id])
        row.org_number = row.org_number if company is not None else None
        result.documents.append(row)
    return result


def _clause_part(standard, clause_id: str) -> str:
    return next(c.part for c in standard.clauses if c.id == clause_id)


def _principles(standard, evaluated) -> list[Principle]:
    """The four principles, each with its requirements as the engine found them."""
    by_id = {ev.requirement.id: ev for ev in evaluated}
    out = []
    for clause in standard.clauses:
        if clause.part != PRINCIPLES_PART:
            continue
        principle = Principle(clause.id, clause.title.l10n)
        for req in (r for r in standard.enabled if r.clause == clause.id):
            ev = by_id[req.id]
            principle.requirements.append(PrincipleRequirement(
                req.id, req.title.l10n, req.severity, ev.status, ev.summary, ev.figures, sorted({f.code for f in ev.findings}),
            ))
        out.append(principle)
    return out


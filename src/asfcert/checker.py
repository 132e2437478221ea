"""`check`: validate a company folder and evaluate every requirement of the standard.

Returns a `CheckResult`; never prints, never exits, never writes into the folder. A whole
result is cached under a key made of the standard's and every file's content, the date
and the tool itself, so a warm run skips parsing and validation altogether.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import asfcert
from asfcert.cache import Cache, key
from asfcert.errors import UserError
from asfcert.findings import Finding, Kind, Location, Severity
from asfcert.folder import ASSESSMENT_DIR, COMPANY_FILE, CompanyFolder
from asfcert.i18n import L10n
from asfcert.resources import default_standard
from asfcert.result import FAILING, NOT_APPLICABLE, OPEN, READY, ClauseResult, CheckResult, RequirementResult

COMPANY_FILE_MISSING = Kind(
    "company-file-missing",
    L10n("company.yaml saknas", "company.yaml missing"),
    L10n("Mappen saknar company.yaml", "The folder has no company.yaml"),
    L10n(
        "Är det rätt mapp? Skapa ett nytt kit med `asfcert new MAPP --name … --org-number …`.",
        "Is this the right folder? Create a new kit with `asfcert new DIR --name … --org-number …`.",
    ),
    Severity.ERROR,
)


@dataclass(frozen=True)
class CheckOptions:
    standard: Path | None = None
    today: dt.date | None = None
    use_cache: bool = True


def open_folder(path: Path) -> Path:
    """The folder to check, or a `UserError` saying why it cannot be."""
    if not path.exists():
        raise UserError(
            L10n(f"Mappen {path} finns inte", f"The folder {path} does not exist"),
            hint=L10n("Kontrollera sökvägen.", "Check the path."),
        )
    if not path.is_dir():
        raise UserError(
            L10n(f"{path} är inte en mapp", f"{path} is not a folder"),
            hint=L10n("Ange företagets mapp, den som innehåller company.yaml.", "Give the company folder, the one holding company.yaml."),
        )
    return path


def check(path: Path, options: CheckOptions = CheckOptions()) -> CheckResult:
    from asfcert.standard_file import load_standard

    open_folder(path)
    cache = Cache(options.use_cache)
    today = options.today or dt.date.today()
    folder = CompanyFolder(path)
    std_path = options.standard or default_standard()
    std_digest = _file_digest(std_path)
    digest = key("check", std_digest, today.isoformat(), folder.digest()) if std_digest else None
    if digest:
        hit = cache.get("check", digest)
        if hit is not None:
            try:
                return _with_folder(CheckResult.from_dict(hit), str(path))
            except (KeyError, TypeError, ValueError):
                pass
    standard, _ = load_standard(std_path, cache)
    result = evaluate(folder, standard, today, str(path), std_path)
    if digest:
        cache.put("check", digest, result.to_dict())
    return result


def _with_folder(result: CheckResult, shown: str) -> CheckResult:
    result.folder = shown
    return result


def _file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None  # load_standard reports it properly


def evaluate(folder: CompanyFolder, standard, today: dt.date, shown: str, std_path: Path) -> CheckResult:
    from asfcert.answers import OPEN_CODES, evaluate as evaluate_answer, index_answers
    from asfcert.model.assessment import SelfAssessment
    from asfcert.model.company import Company
    from asfcert.rules import RULES
    from asfcert.rules.base import RuleContext
    from asfcert.rules.org_number import masked

    result = CheckResult(
        folder=shown,
        as_of=today.isoformat(),
        tool_version=asfcert.__version__,
        standard={"id": standard.id, "version": standard.version, "title": standard.title.l10n.to_dict(), "file": str(std_path)},
    )
    from asfcert import manifest

    result.evidence = manifest.build(folder, standard)
    profile_doc, company, findings = _load(folder, folder.company_file, Company)
    result.findings.extend(findings)
    if company is not None:
        result.company = {"name": company.name, "org_number": masked(company.org_number), "legal_form": company.legal_form}
    assessments = []
    for path in folder.assessment_files():
        doc, model, findings = _load(folder, path, SelfAssessment)
        result.findings.extend(findings)
        if model is not None:
            assessments.append((doc, model))
    if not result.usable:
        result.clauses = _clauses(standard, [])
        return result

    answers, findings = index_answers(assessments, standard)
    result.findings.extend(findings)
    for req in standard.enabled:
        req_findings, files = evaluate_answer(req, answers.get(req.id), folder, standard)
        outcome_summary, figures, missing = None, {}, False
        ctx = RuleContext(company, profile_doc, folder, req, today)
        for spec in req.checks:
            outcome = RULES[spec.rule].check(ctx, spec)
            req_findings.extend(outcome.findings)
            figures.update(outcome.figures)
            outcome_summary = outcome_summary or outcome.summary
            missing = missing or outcome.missing_data
        at = answers.get(req.id)
        answer_status = at.answer.status if at and at.answer else None
        if any(f.code in OPEN_CODES for f in req_findings) or missing:
            status = OPEN
        elif req_findings:
            status = FAILING
        elif answer_status == "not-applicable":
            status = NOT_APPLICABLE
        else:
            status = READY
        result.findings.extend(req_findings)
        result.requirements.append(
            RequirementResult(
                id=req.id, clause=req.clause, title=req.title.l10n, severity=req.severity,
                decided_by=req.decided_by, status=status, answer=answer_status,
                summary=outcome_summary, figures=figures, evidence=files,
            )
        )
    result.clauses = _clauses(standard, result.requirements, result.findings)
    return result


def _load(folder: CompanyFolder, path: Path, model):
    """Parse and validate one YAML file: (doc, instance, findings)."""
    from asfcert.schema_errors import validate
    from asfcert.yamlfile import YamlProblem, load

    shown = folder.display(path)
    if path.name == COMPANY_FILE and not path.exists() and not path.is_symlink():
        return None, None, [COMPANY_FILE_MISSING(location=Location(COMPANY_FILE))]
    try:
        doc = load(path, shown)
    except YamlProblem as p:
        return None, None, [p.finding]
    instance, findings = validate(model, doc)
    return doc, instance, findings


def _clauses(standard, requirements: list[RequirementResult], findings: list[Finding] = ()) -> list[ClauseResult]:
    by_id = {c.id: ClauseResult(c.id, c.part, c.title.l10n) for c in standard.clauses}
    clause_of = {r.id: r.clause for r in requirements}
    for r in requirements:
        c = by_id[r.clause]
        c.total += 1
        if r.status == READY:
            c.ready += 1
        elif r.status == OPEN:
            c.open += 1
        elif r.status == FAILING:
            c.failing += 1
        else:
            c.not_applicable += 1
    for f in findings:
        c = by_id.get(clause_of.get(f.requirement or ""))
        if c and f.severity == Severity.BLOCKER:
            c.blockers += 1
        elif c and f.severity == Severity.REMARK:
            c.remarks += 1
    return [c for c in by_id.values() if c.total or not requirements]


__all__ = ["CheckOptions", "check", "evaluate", "open_folder", "ASSESSMENT_DIR"]

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
from asfcert.assess.result import (
    FAILING,
    NOT_APPLICABLE,
    OPEN,
    READY,
    CheckResult,
    CheckSummary,
    ClauseResult,
    RequirementResult,
    summarise,
)
from asfcert.base.errors import UserError
from asfcert.base.findings import Finding, Kind, Location, Severity
from asfcert.base.i18n import L10n
from asfcert.base.resources import default_standard
from asfcert.company.folder import ASSESSMENT_DIR, COMPANY_FILE, CompanyFolder
from asfcert.io.cache import Cache, key

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
    strict_privacy: bool = False  # a personal identity number in the files blocks certification


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
    from asfcert.standard.load import load_standard

    result, digest = cached(path, options)
    if result is not None:
        return result
    cache = Cache(options.use_cache)
    std_path = options.standard or default_standard()
    standard, _ = load_standard(std_path, cache)
    result = evaluate(CompanyFolder(path), standard, options.today or dt.date.today(), str(path), std_path, options)
    # a file edited while it was being read must not leave a result under the old content's key
    if digest and options.use_cache and _key(path, options) == digest:
        cache.put("check", digest, result.to_dict())
        cache.put("check-summary", digest, summarise(result).to_dict())
    return result


def cached(path: Path, options: CheckOptions, folder_digest: str | None = None) -> tuple[CheckResult | None, str | None]:
    """The cached result for the folder as it is now, if any, and the cache key. Cheap:
    reads and hashes the files, imports no models. Pass `folder_digest` when the caller
    has already hashed the folder."""
    digest = _digest(path, options, folder_digest)
    return _get(options, "check", digest, CheckResult.from_dict, path), digest


def cached_summary(path: Path, options: CheckOptions, folder_digest: str | None = None) -> tuple[CheckSummary | None, str | None]:
    """Like `cached`, for the summary a cohort needs: read without rebuilding every finding."""
    digest = _digest(path, options, folder_digest)
    summary = _get(options, "check-summary", digest, CheckSummary.from_dict, path)
    if summary is None:
        full = _get(options, "check", digest, CheckResult.from_dict, path)
        if full is not None:
            summary = summarise(full)
            Cache(options.use_cache).put("check-summary", digest, summary.to_dict())
    return summary, digest


def _digest(path: Path, options: CheckOptions, folder_digest: str | None) -> str | None:
    open_folder(path)
    std_digest = _file_digest(options.standard or default_standard())
    return _key(path, options, std_digest, folder_digest) if std_digest else None


def _get(options: CheckOptions, namespace: str, digest: str | None, decode, path: Path):
    """The entry under `digest`, decoded, with the folder as the user gave it; None when
    there is none or it is damaged (then the folder is checked again)."""
    if digest is None:
        return None
    hit = Cache(options.use_cache).get(namespace, digest)
    if hit is None:
        return None
    try:
        found = decode(hit)
    except (KeyError, TypeError, ValueError):
        return None
    found.folder = str(path)
    return found


def _key(path: Path, options: CheckOptions, std_digest: str | None = None, folder_digest: str | None = None) -> str | None:
    std_digest = std_digest or _file_digest(options.standard or default_standard())
    today = options.today or dt.date.today()
    strict = f"strict-privacy={options.strict_privacy}"
    folder_digest = folder_digest or CompanyFolder(path).digest()
    return key("check", std_digest, today.isoformat(), folder_digest, strict) if std_digest else None


def _file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None  # load_standard reports it properly


def evaluate(folder: CompanyFolder, standard, today: dt.date, shown: str, std_path: Path, options: CheckOptions = CheckOptions()) -> CheckResult:
    from asfcert.assess.answers import OPEN_CODES, index_answers
    from asfcert.assess.answers import evaluate as evaluate_answer
    from asfcert.evidence import privacy
    from asfcert.evidence.documents import read_documents
    from asfcert.evidence.review import OPEN_CODES as EVIDENCE_OPEN_CODES
    from asfcert.evidence.review import Review
    from asfcert.formats.assessment import SelfAssessment
    from asfcert.formats.company import Company
    from asfcert.rules import RULES
    from asfcert.rules.base import RuleContext
    from asfcert.rules.org_number import masked, normalise

    result = CheckResult(
        folder=shown,
        as_of=today.isoformat(),
        tool_version=asfcert.__version__,
        standard={"id": standard.id, "version": standard.version, "title": standard.title.l10n.to_dict(), "file": str(std_path)},
    )
    from asfcert.company import manifest
    from asfcert.records.snapshot import since_audit

    result.evidence = manifest.build(folder, standard)
    documents = read_documents(folder, result.evidence, options.use_cache)  # fills in `pages`
    result.findings.extend(since_audit(folder, result.evidence, Cache(options.use_cache)))  # files changed since the audit snapshot
    yaml_cache = Cache(options.use_cache)
    profile_doc, company, findings = _load(folder, folder.company_file, Company, yaml_cache)
    result.findings.extend(findings)
    if company is not None:
        result.company = {"name": company.name, "org_number": masked(company.org_number), "legal_form": company.legal_form}
    assessments = []
    for path in folder.assessment_files():
        doc, model, findings = _load(folder, path, SelfAssessment, yaml_cache)
        result.findings.extend(findings)
        if model is not None:
            assessments.append((doc, model))
    privacy_severity = Severity.BLOCKER if options.strict_privacy else Severity.WARNING
    yaml_files = [(folder.company_file, COMPANY_FILE)] + [(p, folder.display(p)) for p in folder.assessment_files()]
    own_number = {normalise(company.org_number)} if company is not None else set()
    own_masked = frozenset(h.masked for h in privacy.find(company.org_number, today)) if company is not None else frozenset()
    result.findings.extend(privacy.scan_yaml(yaml_files, privacy_severity, own_number, today, within=folder.root))
    review = Review(standard, documents)
    if not result.usable:
        result.findings.extend(review.findings(privacy_severity, own_masked))
        result.clauses = _clauses(standard, [])
        return result

    answers, findings = index_answers(assessments, standard)
    result.findings.extend(findings)
    for req in standard.enabled:
        req_findings, files = evaluate_answer(req, answers.get(req.id), folder, standard)
        summaries, figures, missing, rule_findings = [], {}, False, []
        ctx = RuleContext(company, profile_doc, folder, req, today, documents)
        for spec in req.checks:
            outcome = RULES[spec.rule].check(ctx, spec)
            rule_findings.extend(outcome.findings)
            figures.update(outcome.figures)
            summaries += [outcome.summary] if outcome.summary else []
            missing = missing or outcome.missing_data
        at = answers.get(req.id)
        answer_status = at.answer.status if at and at.answer else None
        advisory = req.decided_by == "auditor"  # checks on what the auditor decides only advise
        codes = {f.code for f in req_findings + rule_findings}
        evidence_open = review.requirement(req, files, answer_status, codes, failing=bool(rule_findings) and not advisory)
        deciding = req_findings + ([] if advisory else rule_findings)
        if any(f.code in OPEN_CODES or f.code in EVIDENCE_OPEN_CODES for f in deciding) or (missing and not advisory) or evidence_open:
            status = OPEN
        elif deciding:
            status = FAILING
        elif answer_status == "not-applicable":
            status = NOT_APPLICABLE
        else:
            status = READY
        result.findings.extend(req_findings + rule_findings)
        outcome_summary = L10n(" · ".join(x.sv for x in summaries), " · ".join(x.en for x in summaries)) if summaries else None
        result.requirements.append(
            RequirementResult(
                id=req.id, clause=req.clause, title=req.title.l10n, severity=req.severity,
                decided_by=req.decided_by, status=status, answer=answer_status,
                summary=outcome_summary, figures=figures, evidence=files,
            )
        )
    result.findings.extend(review.findings(privacy_severity, own_masked))
    result.clauses = _clauses(standard, result.requirements, result.findings)
    return result


def _load(folder: CompanyFolder, path: Path, model, cache: Cache | None = None):
    """Parse and validate one YAML file: (doc, instance, findings). The parse is cached by
    the file's content, so after an edit only the edited file is parsed again."""
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, load

    shown = folder.display(path)
    if path.name == COMPANY_FILE and not path.exists() and not path.is_symlink():
        return None, None, [COMPANY_FILE_MISSING(location=Location(COMPANY_FILE))]
    try:
        doc = load(path, shown, within=folder.root, cache=cache)
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

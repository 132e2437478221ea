"""`check`: validate a company folder and evaluate every requirement of the standard
through the engine (engine.py).

Returns a `CheckResult`; never prints, never exits, never writes into the folder. A whole
result is cached under a key made of the standard's and every file's content, the date
and the tool itself, so a warm run skips parsing and validation altogether.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asfcert
from asfcert.assess.result import (
    CheckResult,
    CheckSummary,
    ClauseResult,
    RequirementResult,
    summarise,
)
from asfcert.base.errors import Abort
from asfcert.base.findings import (
    Effect,
    Finding,
    Kind,
    Location,
    Severity,
    capped,
    made_by,
)
from asfcert.base.i18n import L10n
from asfcert.base.lasting import lasting
from asfcert.base.resources import default_standard
from asfcert.base.vocab import Status
from asfcert.company.folder import (
    ASSESSMENT_DIR,
    COMPANY_FILE,
    CompanyFolder,
    refuse_unfit,
)
from asfcert.company.signatures import Signatures
from asfcert.io.cache import Bundle, Cache, active, key, using

# Bump when a cached result's shape or meaning changes, so that no older one is read
# (2: findings carry their rule, effect and tags, and are capped).
RESULT_VERSION = 2

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
FOLDER_NOT_FOUND = Kind(
    "folder-not-found",
    L10n("Mappen finns inte", "Folder not found"),
    L10n("Mappen finns inte", "The folder does not exist"),
    L10n("Kontrollera sökvägen.", "Check the path."),
    Severity.ERROR,
    Effect.ABORTS,
)
NOT_A_FOLDER = Kind(
    "folder-not-a-folder",
    L10n("Inte en mapp", "Not a folder"),
    L10n("Det är inte en mapp", "It is not a folder"),
    L10n("Ange företagets mapp, den som innehåller company.yaml.", "Give the company folder, the one holding company.yaml."),
    Severity.ERROR,
    Effect.ABORTS,
)


@dataclass(frozen=True)
class CheckOptions:
    standard: Path | None = None
    today: dt.date | None = None
    use_cache: bool = True
    strict_privacy: bool = False  # a personal identity number in the files blocks certification


def open_folder(path: Path) -> Path:
    """The folder to check, or an `Abort` saying why it cannot be."""
    if not path.exists():
        raise Abort(FOLDER_NOT_FOUND, location=Location(str(path)))
    if not path.is_dir():
        raise Abort(NOT_A_FOLDER, location=Location(str(path)))
    return path


def check(path: Path, options: CheckOptions = CheckOptions(), folder_digest: str | None = None) -> CheckResult:
    """`folder_digest`: the folder's digest when the caller hashed it (a cohort run's
    reader thread); a change since is seen at the end, and then nothing is kept."""
    with company_cache(path, options.use_cache) as bundle:
        result, digest = cached(path, options, folder_digest)
        if result is not None:
            return result
        cache = Cache(options.use_cache)
        std_path = options.standard or default_standard()
        with lasting():  # imported after the cache: a warm check never imports them
            from asfcert.evidence.review import final
            from asfcert.standard.load import load_standard

            standard, _ = load_standard(std_path, cache, plain=True)  # no model built when it is kept
        result = evaluate(CompanyFolder(path), standard, options.today or dt.date.today(), str(path), std_path, options)
        # a file edited while it was being read must not leave a result under the old content's key,
        # nor a file left unread for the moment (evidence.review.final) a result that outlives it
        if digest and options.use_cache and final(result.findings) and _key(path, options) == digest:
            cache.put("check", digest, result.to_dict())
            cache.put("check-summary", digest, summarise(result).to_dict())
            if bundle is not None:
                bundle.complete = True  # every entry the folder needs now was used: the rest is dropped
        return result


@contextmanager
def company_cache(path: Path, use_cache: bool = True) -> Iterator[Bundle | None]:
    """The cache of the company folder at `path` as one bundle (io/cache.Bundle): read once,
    active inside, written once at the end. Inside the bundle of the same folder, that one
    (a cohort run checks a folder and reads its records in one bundle)."""
    current = active()
    name = os.path.realpath(path)
    if current is not None and current.name == name:
        yield current
        return
    bundle = Bundle(Cache(use_cache), name)
    try:
        with using(bundle):
            yield bundle
    finally:
        bundle.flush()


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
    refuse_unfit(open_folder(path))
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
    folder_digest = folder_digest or CompanyFolder(path).digest(Cache(options.use_cache))
    return key("check", RESULT_VERSION, std_digest, today.isoformat(), folder_digest, strict) if std_digest else None


def standard_digest(options: CheckOptions) -> str | None:
    """The SHA-256 of the standard file a check with `options` reads (None: unreadable)."""
    return _file_digest(options.standard or default_standard())


def _file_digest(path: Path) -> str | None:
    """The standard file's SHA-256, hashed once per process while its signature holds
    (company/signatures.py): a cohort run asks for it once per company."""
    try:
        st = os.stat(path)
        known = _STANDARDS.get(str(path), st)
        if known is not None:
            return known
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        _STANDARDS.put(str(path), st, digest)
        return digest
    except OSError:
        return None  # load_standard reports it properly


_STANDARDS = Signatures()


def evaluate(folder: CompanyFolder, standard, today: dt.date, shown: str, std_path: Path, options: CheckOptions = CheckOptions()) -> CheckResult:
    with lasting():
        from asfcert.assess import engine
        from asfcert.assess.answers import Answers, index_answers
        from asfcert.company import manifest
        from asfcert.evidence import privacy
        from asfcert.evidence.documents import read_documents
        from asfcert.evidence.review import Review
        from asfcert.formats.assessment import SelfAssessment
        from asfcert.formats.company import Company
        from asfcert.records.snapshot import since_audit
        from asfcert.rules.org_number import masked, normalise

    result = CheckResult(
        folder=shown,
        as_of=today.isoformat(),
        tool_version=asfcert.__version__,
        standard={"id": standard.id, "version": standard.version, "title": standard.title.l10n.to_dict(), "file": str(std_path)},
    )
    result.evidence = manifest.build(folder, standard)
    documents = read_documents(folder, result.evidence, options.use_cache)  # fills in `pages`
    result.findings.extend(since_audit(folder, result.evidence, Cache(options.use_cache)))  # files changed since the audit snapshot
    yaml_cache = Cache(options.use_cache)
    profile_doc, company, findings = load_yaml(folder, folder.company_file, Company, yaml_cache)
    result.findings.extend(findings)
    if company is not None:
        result.company = {"name": company.name, "org_number": masked(company.org_number), "legal_form": company.legal_form}
    assessments = []
    for path in folder.assessment_files():
        doc, model, findings = load_yaml(folder, path, SelfAssessment, yaml_cache)
        result.findings.extend(findings)
        if model is not None:
            assessments.append((doc, model))
    privacy_severity = Severity.BLOCKER if options.strict_privacy else Severity.WARNING
    yaml_files = [(folder.company_file, COMPANY_FILE)] + [(p, folder.display(p)) for p in folder.assessment_files()]
    own_number = {normalise(company.org_number)} if company is not None else set()
    own_masked = frozenset(h.masked for h in privacy.find(company.org_number, today)) if company is not None else frozenset()
    result.findings.extend(privacy.scan_yaml(yaml_files, privacy_severity, own_number, today, within=folder.root))
    review = Review(standard, documents)
    if result.usable:
        index, findings = index_answers(assessments, standard)
        result.findings.extend(findings)
        subject = engine.Subject(company, profile_doc, folder, today, documents, yaml_cache)
        for ev in engine.evaluate(standard.enabled, subject, answers=Answers(index, folder, standard), review=review):
            result.findings.extend(ev.findings)
            result.requirements.append(RequirementResult.of(ev))
    result.findings.extend(review.findings(privacy_severity, own_masked))
    result.findings = capped(result.findings)
    result.clauses = _clauses(standard, result.requirements, result.findings)
    return result


def load_yaml(folder: CompanyFolder, path: Path, model, cache: Cache | None = None):
    """Parse and validate one YAML file of a company folder: (doc, instance, findings);
    doc and instance are None when it is missing or broken, and the findings say why. The
    parse is cached by the file's content, so after an edit only the edited file is
    parsed again."""
    from asfcert.formats import kept
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, load

    shown = folder.display(path)
    if path.name == COMPANY_FILE and not path.exists() and not path.is_symlink():
        return None, None, [COMPANY_FILE_MISSING(location=Location(COMPANY_FILE))]
    try:
        doc = load(path, shown, within=folder.root, cache=cache)
    except YamlProblem as p:
        return None, None, [p.finding]
    instance, findings = validate(model, doc, kept.validator(model, cache) if doc.data is not None else None)
    return doc, instance, findings


def _clauses(standard, requirements: list[RequirementResult], findings: list[Finding] = ()) -> list[ClauseResult]:
    by_id = {c.id: ClauseResult(c.id, c.part, c.title.l10n) for c in standard.clauses}
    clause_of = {r.id: r.clause for r in requirements}
    for r in requirements:
        c = by_id[r.clause]
        c.total += 1
        if r.status == Status.READY:
            c.ready += 1
        elif r.status == Status.OPEN:
            c.open += 1
        elif r.status == Status.FAILING:
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


KINDS = made_by("folder", COMPANY_FILE_MISSING, FOLDER_NOT_FOUND, NOT_A_FOLDER)


__all__ = ["CheckOptions", "check", "evaluate", "open_folder", "ASSESSMENT_DIR"]

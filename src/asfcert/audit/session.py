"""`asfcert audit DIR`: create or update the auditor's record, check impartiality, grade the
requirements and, with `decide`, record the decision. Returns an `AuditResult`; never
prints, never exits."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.assess import decision, impartiality
from asfcert.assess.case import as_decided, prepare
from asfcert.base.errors import UserError
from asfcert.base.findings import Finding, Severity
from asfcert.base.i18n import L10n, Lang
from asfcert.io import atomic
from asfcert.records import audit_record as record
from asfcert.records import history
from asfcert.records import snapshot as changes

_SEVERITY_WORDS = {
    "blocker": L10n("hinder", "blocker"), "remark": L10n("anmärkning", "remark"), "observation": L10n("observation", "observation"),
}
_DECIDER = {"machine": L10n("maskinen avgör", "decided by machine"), "auditor": L10n("revisorn avgör", "decided by the auditor")}


@dataclass(frozen=True)
class AuditOptions:
    auditor: str | None = None
    cohort: Path | None = None
    no_cohort: bool = False
    standard: Path | None = None
    today: dt.date | None = None
    use_cache: bool = True
    decide: bool = False
    refresh: bool = False  # take a new snapshot of the submitted files
    new: bool = False  # close a decided audit and start a new one (re-certification)
    lang: Lang = "sv"  # the language of the texts asfcert writes into the record


@dataclass
class AuditResult:
    folder: str
    action: str  # created | updated | decided | unchanged
    company: dict  # name, org_number (masked), folder
    standard: dict  # id, version, title {sv, en}
    auditor: str
    impartiality: dict  # basis, cohort_file, checked
    started: dt.date
    snapshot_taken: dt.date
    summary: str | None
    proposal: decision.Proposal
    check: object  # CheckResult
    snapshot: list = field(default_factory=list)  # model.audit.SnapshotFile
    decision: object | None = None  # model.audit.Decision
    findings: list[Finding] = field(default_factory=list)
    since_certificate: history.SinceCertificate | None = None
    archived: str | None = None
    kind_names: dict = field(default_factory=dict)  # evidence kind id -> L10n name

    @property
    def exit_code(self) -> int:
        if any(f.severity == Severity.ERROR for f in self.findings):
            return 2
        if any(f.code in changes.CHANGE_CODES or f.severity == Severity.BLOCKER for f in self.findings):
            return 1
        return 0 if (self.decision is not None or self.proposal.complete) else 1

    def to_dict(self) -> dict:
        p = self.proposal
        return {
            "format": "asfcert-audit-result/1",
            "folder": self.folder,
            "action": self.action,
            "company": self.company,
            "standard": self.standard,
            "auditor": self.auditor,
            "impartiality": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.impartiality.items()},
            "started": self.started.isoformat(),
            "snapshot_taken": self.snapshot_taken.isoformat(),
            "exit_code": self.exit_code,
            "proposed_outcome": p.outcome,
            "certain_outcome": decision.certain_outcome(p),
            "remark_deadline": p.deadline.isoformat(),
            "decision": self.decision.model_dump(mode="json") if self.decision else None,
            "requirements": [i.to_dict() for i in p.items],
            "findings": [f.to_dict() for f in self.findings],
            "since_certificate": self.since_certificate.to_dict() if self.since_certificate else None,
            "archived": self.archived,
        }


def audit(path: Path, options: AuditOptions = AuditOptions()) -> AuditResult:
    from asfcert.rules.org_number import masked

    today = options.today or dt.date.today()
    folder, standard, digest, result, company, company_doc = prepare(path, options.standard, today, options.use_cache)
    root = folder.root
    loaded = record.load(root)
    archived = None
    if options.new:
        archived = _start_new(root, loaded)
        loaded = None
        folder, standard, digest, result, company, company_doc = prepare(path, options.standard, today, options.use_cache)
    decided = loaded.model.decision if loaded else None
    if decided and decided.certificate and (options.decide or options.refresh):
        raise UserError(
            L10n(f"Revisionen är avslutad: certifikat {decided.certificate} är utfärdat", f"The audit is closed: certificate {decided.certificate} has been issued"),
            hint=L10n("Börja en ny revision med --new (omcertifiering).", "Start a new audit with --new (re-certification)."),
        )
    if decided and options.refresh and not options.decide:
        raise UserError(
            L10n("Revisionen har redan ett beslut", "The audit already has a decision"),
            hint=L10n("Ta en ny ögonblicksbild och besluta igen med --refresh-evidence --decide.",
                      "Take a new snapshot and decide again with --refresh-evidence --decide."),
        )
    if loaded and options.auditor and not impartiality.same_name(options.auditor, loaded.model.auditor):
        raise UserError(
            L10n(f"Protokollet tillhör revisorn {loaded.model.auditor}", f"The record belongs to the auditor {loaded.model.auditor}"),
            hint=L10n("Har uppdraget flyttats, ändra `auditor:` i audit/audit.yaml; jäv prövas då för den nya revisorn.",
                      "If the assignment has moved, change `auditor:` in audit/audit.yaml; impartiality is then checked for the new auditor."),
            exit_code=1,
        )
    verdict = impartiality.check(
        options.auditor or (loaded.model.auditor if loaded else None), root=root, company=company,
        company_doc=company_doc, cohort_path=options.cohort, no_cohort=options.no_cohort,
    )
    std_ref = {"id": standard.id, "version": standard.version, "sha256": digest}
    change_findings = [f for f in result.findings if f.code in changes.CHANGE_CODES]
    if decided and not options.decide:  # a decided record is not changed, only reported
        model, doc, action = loaded.model, loaded.doc, "unchanged"
        result = as_decided(path, options.standard, decided.date, options.use_cache, result)
        proposal = decision.propose(standard, result, model, doc, decided.date)
        stale = decision.stale(decided, proposal, doc.where(("decision", "outcome")))
        extra = [stale] if stale else []
    else:
        views = _views(standard, result, options.lang)
        imp = verdict.record(root, today)
        files_now = changes.submitted(folder, result.evidence)
        if loaded is None:
            data = record.new(
                company={"name": company.name, "org_number": company.org_number, "folder": root.name},
                standard=std_ref, auditor=verdict.auditor, impartiality=imp, today=today, requirements=views,
                files=files_now, lang=options.lang,
            )
            action = "created"
        else:
            data = record.read_rt(loaded.path)
            record.refresh(data, requirements=views, today=today, impartiality=imp)
            record.set_standard(data, std_ref)
            action = "updated"
            if options.refresh:
                record.set_snapshot(data, files_now, today)
                change_findings = []
        text = record.dump(data)
        model, doc = _validate(text)
        proposal = decision.propose(standard, result, model, doc, today)
        extra = []
        if options.decide:
            _may_decide(change_findings, proposal)
            record.set_decision(data, proposal.decision(
                id=secrets.token_hex(8), auditor=verdict.auditor, standard={"id": standard.id, "version": standard.version}
            ))
            action = "decided"
            text = record.dump(data)
            model, doc = _validate(text)
        target = record.path_of(root)
        if loaded is None or target.read_text(encoding="utf-8") != text:  # unchanged: leave the file alone
            atomic.write_text(target, text)
    previous = history.previous_in_folder(root)
    since = None
    if previous is not None and not (model.decision and model.decision.certificate == previous.number):
        since = history.compare_with(previous, changes.submitted(folder, result.evidence), proposal.items)
    return AuditResult(
        folder=str(path), action=action,
        company={"name": company.name, "org_number": masked(company.org_number), "folder": root.name},
        standard={"id": standard.id, "version": standard.version, "title": standard.title.l10n.to_dict()},
        auditor=model.auditor, impartiality=model.impartiality.model_dump(), started=model.started,
        snapshot_taken=model.snapshot.taken, summary=model.summary, proposal=proposal, check=result,
        snapshot=list(model.snapshot.files), decision=model.decision,
        findings=change_findings + proposal.findings + extra, since_certificate=since, archived=archived,
        kind_names=_kind_names(standard),
    )


def _kind_names(standard) -> dict:
    names = {k.id: k.name.l10n for k in standard.evidence_kinds}
    names["profile"] = L10n("Företagsprofil", "Company profile")
    names["self-assessment"] = L10n("Självskattning", "Self-assessment")
    return names


def _start_new(root: Path, loaded) -> str:
    if loaded is None or loaded.model.decision is None:
        raise UserError(
            L10n("--new avslutar en revision med beslut, men den här revisionen har inget beslut",
                 "--new closes an audit that has a decision, but this audit has none"),
            hint=L10n("Fortsätt den pågående revisionen utan --new.", "Continue the current audit without --new."),
        )
    target = record.archive(root, loaded.model.decision.date)
    return target.relative_to(root).as_posix()


def _may_decide(change_findings: list[Finding], proposal: decision.Proposal) -> None:
    if change_findings:
        raise UserError(
            L10n("Filer har ändrats efter revisionens ögonblicksbild; beslut kan inte fattas", "Files changed after the audit snapshot; no decision can be made"),
            hint=L10n("Granska ändringarna och kör med --refresh-evidence --decide.", "Review the changes and run with --refresh-evidence --decide."),
            findings=change_findings, exit_code=1,
        )
    if not proposal.complete:
        raise UserError(
            L10n("Protokollet är inte klart; beslut kan inte fattas", "The record is not complete; no decision can be made"),
            hint=L10n("Ge varje krav ett giltigt resultat i audit/audit.yaml.", "Give every requirement a valid result in audit/audit.yaml."),
            findings=[f for f in proposal.findings if f.code in (decision.RESULTS_MISSING.code, decision.NOT_APPLICABLE_REFUSED.code)],
            exit_code=1,
        )


def _validate(text: str):
    """Validate what is about to be written: asfcert never writes a record it cannot read."""
    from asfcert.formats.audit import AuditRecord
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, parse

    try:
        doc = parse(text.encode("utf-8"), changes.RECORD_FILE)
    except YamlProblem as p:
        raise record.broken([p.finding]) from None
    model, problems = validate(AuditRecord, doc)
    if model is None:
        raise record.broken(problems)
    return model, doc


def _views(standard, result, lang: Lang) -> list[record.RequirementView]:
    out = []
    for item in decision.items(standard, result):
        about = f"{item.title.get(lang)} ({_SEVERITY_WORDS[item.severity].get(lang)}; {_DECIDER[item.decided_by].get(lang)})"
        machine = {
            "status": item.machine_status,
            "answer": item.answer,
            "findings": item.codes,
            "figures": item.summary.get(lang) if item.summary else None,
        }
        out.append(record.RequirementView(item.id, about, machine, decision.prefill(item)))
    return out


__all__ = ["AuditOptions", "AuditResult", "audit"]

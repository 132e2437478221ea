"""`asfcert audit DIR`: create or update the auditor's record, check impartiality, grade the
requirements and, with `decide`, record the decision. Returns an `AuditResult`; never
prints, never exits."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.assess import case as cases
from asfcert.assess import decision, impartiality
from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Finding, Kind, Severity, made_by
from asfcert.base.i18n import L10n, Lang
from asfcert.records import audit_record as record
from asfcert.records import decision_splice, history
from asfcert.records import snapshot as changes

_SEVERITY_WORDS = {
    "blocker": L10n("hinder", "blocker"), "remark": L10n("anmärkning", "remark"), "observation": L10n("observation", "observation"),
}
_DECIDER = {"machine": L10n("asfcert avgör", "decided by machine"), "auditor": L10n("revisorn avgör", "decided by the auditor")}

_E = Severity.ERROR
AUDIT_CLOSED = Kind(
    "audit-closed",
    L10n("Revisionen är avslutad", "The audit is closed"),
    L10n("Revisionen är avslutad: certifikat {number} är utfärdat", "The audit is closed: certificate {number} has been issued"),
    L10n("Börja en ny revision med --new (omcertifiering).", "Start a new audit with --new (re-certification)."),
    _E,
    effect=Effect.ABORTS,
)
AUDIT_ALREADY_DECIDED = Kind(
    "audit-already-decided",
    L10n("Revisionen har redan ett beslut", "The audit already has a decision"),
    L10n("Revisionen har redan ett beslut", "The audit already has a decision"),
    L10n("Ta en ny ögonblicksbild och besluta igen med --refresh-evidence --decide.",
         "Take a new snapshot and decide again with --refresh-evidence --decide."),
    _E,
    effect=Effect.ABORTS,
)
AUDIT_OTHER_AUDITOR = Kind(
    "audit-record-other-auditor",
    L10n("Protokollet tillhör en annan revisor", "The record belongs to another auditor"),
    L10n("Protokollet tillhör revisorn {auditor}", "The record belongs to the auditor {auditor}"),
    L10n("Har uppdraget flyttats, ändra `auditor:` i audit/audit.yaml; jäv prövas då för den nya revisorn.",
         "If the assignment has moved, change `auditor:` in audit/audit.yaml; impartiality is then checked for the new auditor."),
    _E,
    effect=Effect.ABORTS,
)
AUDIT_NEW_UNDECIDED = Kind(
    "audit-new-without-decision",
    L10n("Inget beslut att avsluta", "No decision to close"),
    L10n("--new avslutar en revision med beslut, men den här revisionen har inget beslut",
         "--new closes an audit that has a decision, but this audit has none"),
    L10n("Fortsätt den pågående revisionen utan --new.", "Continue the current audit without --new."),
    _E,
    effect=Effect.ABORTS,
)
DECIDE_FILES_CHANGED = Kind(
    "audit-decide-files-changed",
    L10n("Filer ändrade efter ögonblicksbilden", "Files changed after the snapshot"),
    L10n("Filer har ändrats efter revisionens ögonblicksbild; beslut kan inte fattas", "Files changed after the audit snapshot; no decision can be made"),
    L10n("Granska ändringarna och kör med --refresh-evidence --decide.", "Review the changes and run with --refresh-evidence --decide."),
    _E,
    effect=Effect.ABORTS,
)
DECIDE_INCOMPLETE = Kind(
    "audit-decide-incomplete",
    L10n("Protokollet är inte klart", "The record is not complete"),
    L10n("Protokollet är inte klart; beslut kan inte fattas", "The record is not complete; no decision can be made"),
    L10n("Ge varje krav ett giltigt resultat i audit/audit.yaml.", "Give every requirement a valid result in audit/audit.yaml."),
    _E,
    effect=Effect.ABORTS,
)


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
        if any(changes.is_change(f) or f.severity == Severity.BLOCKER for f in self.findings):
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
    """Create, update or decide the record. The record is parsed once, from disk, and what
    is written is read back once before it is written (`audit_record.checked`)."""
    from asfcert.base.orgnr import masked

    today = options.today or dt.date.today()
    case = cases.read(path, options.standard, today, options.use_cache)
    decided = case.decision if not (options.decide or options.new) else None
    cases.assess(case, decided.date if decided is not None else today)  # one check
    archived = _start_new(case) if options.new else None
    loaded, standard, result, company, root = case.record, case.standard, case.check, case.company, case.root
    decided = loaded.decision if loaded is not None else None
    if decided and decided.certificate and (options.decide or options.refresh):
        raise Abort(AUDIT_CLOSED, number=decided.certificate)
    if decided and options.refresh and not options.decide:
        raise Abort(AUDIT_ALREADY_DECIDED)
    if loaded and options.auditor and not impartiality.same_name(options.auditor, loaded.model.auditor):
        raise Abort(AUDIT_OTHER_AUDITOR, exit_code=1, auditor=loaded.model.auditor)
    verdict = impartiality.check(
        options.auditor or (loaded.model.auditor if loaded else None), root=root, company=company,
        company_doc=case.company_doc, cohort_path=options.cohort, no_cohort=options.no_cohort, cache=case.cache,
    )
    std_ref = {"id": standard.id, "version": standard.version, "sha256": case.digest}
    change_findings = [f for f in result.findings if changes.is_change(f)]
    if decided and not options.decide:  # a decided record is not changed, only reported (checked as of its date)
        written, action = loaded, "unchanged"
        proposal = decision.propose(standard, result, written.model, written.doc, decided.date)
        stale = decision.stale(decided, proposal, written.doc.where(("decision", "outcome")))
        extra = [stale] if stale else []
    else:
        views = _views(standard, result, options.lang)
        imp = verdict.record(root, today)
        files_now = changes.submitted(case.folder, result.evidence)
        unchanged = splice = None
        if loaded is None:
            data = record.new(
                company={"name": company.name, "org_number": company.org_number, "folder": root.name},
                standard=std_ref, auditor=verdict.auditor, impartiality=imp, today=today, requirements=views,
                files=files_now, lang=options.lang,
            )
            action = "created"
        else:
            action = "updated"
            if options.refresh:
                change_findings = []
            files = files_now if options.refresh else None
            unchanged = None if options.decide else _unchanged_key(loaded, views, today, imp, std_ref, files)
            if unchanged is not None and case.cache.get(_UNCHANGED, unchanged) == {"unchanged": True}:
                data = None  # these inputs left this very record as it is before: no round trip, no dump
            else:
                splice = _splice_key(loaded, views, today, imp, std_ref, files)
                if splice is not None and _may_splice(case.cache, loaded, splice):
                    data = None  # these inputs leave the text before the decision as it is: only a decision is new
                else:
                    data = loaded.editable()
                    record.refresh(data, requirements=views, today=today, impartiality=imp)
                    record.set_standard(data, std_ref)
                    if options.refresh:
                        record.set_snapshot(data, files_now, today)
        extra = []
        made = None
        if options.decide:
            # the decision is made from the refreshed data; a refusal points at the file as it is
            model = _model_of(root, data) if data is not None else loaded.model
            proposal = decision.propose(standard, result, model, loaded.doc if loaded else None, today)
            _may_decide(change_findings, proposal)
            made = proposal.decision(
                id=secrets.token_hex(8), auditor=verdict.auditor, standard={"id": standard.id, "version": standard.version}
            )
            if data is not None:
                record.set_decision(data, made)
            action = "decided"
        if data is not None:
            text = record.dump(data)
            # what the round trip wrote is the text before the decision, then the decision alone:
            # with the same inputs, a later `--decide` writes just that, without the round trip
            if splice is not None and text == (decision_splice.with_decision(splice[0], made) if made is not None else loaded.raw.decode("utf-8")):
                _spliceable(case.cache, splice)
        else:
            text = decision_splice.with_decision(splice[0], made) if made is not None else None
        if text is None or (loaded is not None and text.encode("utf-8") == loaded.raw):
            written = loaded  # unchanged: leave the file alone
            if text is not None and unchanged is not None:
                case.cache.put(_UNCHANGED, unchanged, {"unchanged": True})
        else:
            written = record.checked(root, text)
            record.save(written, case.cache)
        proposal = decision.propose(standard, result, written.model, written.doc, today)
    model = written.model
    previous = history.previous_in_folder(root)
    since = None
    if previous is not None and not (model.decision and model.decision.certificate == previous.number):
        since = history.compare_with(previous, changes.submitted(case.folder, result.evidence), proposal.items)
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


# An update that left the record as it was, by everything the update reads: a re-run of
# `audit` with nothing new then neither parses the record for the round trip nor dumps it.
_UNCHANGED = "audit-unchanged"


# An update that left the text before the record's decision as it was (`decision_splice.
# before_decision`), by everything the update reads: `--decide` then writes that text and
# the new decision after it, and neither parses the record for the round trip nor dumps it.
_SPLICE = "audit-decision-splice"


def _unchanged_key(loaded, views, today: dt.date, imp: dict, std_ref: dict, files) -> str | None:
    if loaded is None or loaded.model is None:
        return None
    return _inputs_key(_UNCHANGED, loaded.raw, views, today, imp, std_ref, files)


# Per record file and inputs, the last text before the decision known to stay as it is: a
# record the auditor has since typed results and comments into (`decision_splice.
# edited_where_kept`) stays as it is too.
_SPLICE_LAST = "audit-decision-splice-last"


def _splice_key(loaded, views, today: dt.date, imp: dict, std_ref: dict, files) -> tuple[str, str, str] | None:
    """The record's text before its decision, the key of the update's inputs with that
    text, and the key of the inputs with the record's file."""
    import os

    prefix = decision_splice.before_decision(loaded)
    if prefix is None:
        return None
    inputs = (views, today, imp, std_ref, files)
    return (prefix, _inputs_key(_SPLICE, prefix.encode("utf-8"), *inputs),
            _inputs_key(_SPLICE_LAST, os.path.realpath(loaded.path).encode(), *inputs))


def _may_splice(cache, loaded, splice: tuple[str, str, str]) -> bool:
    prefix, key, last = splice
    if cache.get(_SPLICE, key) == {"splice": True}:
        return True
    before = cache.get(_SPLICE_LAST, last)
    if not (isinstance(before, dict) and isinstance(before.get("prefix"), str)):
        return False
    if not decision_splice.edited_where_kept(before["prefix"], prefix, loaded.doc):
        return False
    _spliceable(cache, splice)
    return True


def _spliceable(cache, splice: tuple[str, str, str]) -> None:
    """Remember that the update's inputs leave this text before the decision as it is."""
    prefix, key, last = splice
    cache.put(_SPLICE, key, {"splice": True})
    cache.put(_SPLICE_LAST, last, {"prefix": prefix})


def _inputs_key(kind: str, text: bytes, views, today: dt.date, imp: dict, std_ref: dict, files) -> str:
    import dataclasses
    import hashlib
    import json

    from asfcert.io.cache import key

    inputs = {
        "views": [dataclasses.asdict(v) for v in views], "today": today, "impartiality": imp, "standard": std_ref,
        "snapshot": [f.to_dict() for f in files] if files is not None else None,
    }
    return key(kind, 1, hashlib.sha256(text).hexdigest(), json.dumps(inputs, sort_keys=True, default=str))


def _model_of(root: Path, data):
    """The record `data` would be, validated without writing it out; what could not be
    read back aborts with its located problems (`record.checked`)."""
    from pydantic import ValidationError

    from asfcert.formats.audit import AuditRecord

    try:
        return AuditRecord.model_validate(data)
    except ValidationError:
        return record.checked(root, record.dump(data)).model


def _kind_names(standard) -> dict:
    names = {k.id: k.name.l10n for k in standard.evidence_kinds}
    names["profile"] = L10n("Företagsprofil", "Company profile")
    names["self-assessment"] = L10n("Självskattning", "Self-assessment")
    return names


def _start_new(case) -> str:
    """Close the decided audit: its record and reports go to audit/history/<date>/."""
    if case.decision is None:
        raise Abort(AUDIT_NEW_UNDECIDED)
    target = record.archive(case.root, case.decision.date)
    case.forget_record()
    return target.relative_to(case.root).as_posix()


def _may_decide(change_findings: list[Finding], proposal: decision.Proposal) -> None:
    if change_findings:
        raise Abort(DECIDE_FILES_CHANGED, findings=change_findings, exit_code=1)
    if not proposal.complete:
        refused = (decision.RESULTS_MISSING.code, decision.NOT_APPLICABLE_REFUSED.code)
        raise Abort(DECIDE_INCOMPLETE, findings=[f for f in proposal.findings if f.code in refused], exit_code=1)


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


KINDS = made_by(
    "audit",
    AUDIT_CLOSED,
    AUDIT_ALREADY_DECIDED,
    AUDIT_OTHER_AUDITOR,
    AUDIT_NEW_UNDECIDED,
    DECIDE_FILES_CHANGED,
    DECIDE_INCOMPLETE,
)


__all__ = ["AuditOptions", "AuditResult", "audit"]

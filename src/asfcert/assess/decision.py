"""The decision: the auditor's results and the machine's findings, graded by the standard's
severities, give one of three outcomes.

Grades, from mild to severe: `conform` and `not-applicable`, `observation`, `remark`,
`major`. Per requirement:

- A failing machine rule is binding: its finding's severity gives the grade (blocker ->
  `major`, remark -> `remark`, observation -> `observation`). The auditor can make it
  stricter, never milder (`audit-result-overruled`).
- The auditor's result is capped by the requirement's severity in the standard: on a
  `remark` requirement a `major` counts as `remark`, on an `observation` requirement any
  nonconformity counts as `observation` (`audit-result-capped`).
- Any `major` (or a blocking finding outside every requirement) means not certified;
  otherwise any `remark` means certified with remarks, each due on the decision date plus
  `policy.remark_deadline_months`; otherwise certified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from asfcert.base.findings import (
    SEVERITY_NAMES,
    Finding,
    Kind,
    Location,
    Severity,
    made_by,
)
from asfcert.base.i18n import L10n
from asfcert.base.vocab import Grade, names

RANK = {"conform": 0, "not-applicable": 0, "observation": 1, "remark": 2, "major": 3}
CAP = {"blocker": "major", "remark": "remark", "observation": "observation"}
FROM_SEVERITY = {Severity.BLOCKER: "major", Severity.REMARK: "remark", Severity.OBSERVATION: "observation"}
CERTIFIED, WITH_REMARKS, NOT_CERTIFIED = "certified", "certified-with-remarks", "not-certified"

RESULTS_MISSING = Kind(
    "audit-results-missing",
    L10n("Resultat saknas", "Results missing"),
    L10n("{count} krav saknar resultat: {reqs:list}", "{count} requirements have no result: {reqs:list}"),
    L10n("Skriv `result:` för dem i audit/audit.yaml och kör `asfcert audit` igen.",
         "Write `result:` for them in audit/audit.yaml and run `asfcert audit` again."),
    Severity.WARNING,
)
RESULT_CAPPED = Kind(
    "audit-result-capped",
    L10n("Resultatet begränsas av standarden", "Result limited by the standard"),
    L10n("{req}: resultatet ”{_result_name}” räknas som ”{_grade_name}”; standarden ger kravet allvarlighetsgraden {level}",
         "{req}: the result `{result}` counts as `{grade}`; the standard gives the requirement the severity {level}"),
    L10n("Välj det resultat som standarden medger, eller förklara bedömningen i `comment`.",
         "Choose the result the standard allows, or explain the judgement in `comment`."),
    Severity.WARNING,
)
RESULT_OVERRULED = Kind(
    "audit-result-overruled",
    L10n("Maskinens fynd gäller", "The machine's finding stands"),
    L10n("{req}: maskinen fann {codes:list}; kravet räknas som ”{_grade_name}”, inte ”{_result_name}”",
         "{req}: the machine found {codes:list}; the requirement counts as `{grade}`, not `{result}`"),
    L10n("En maskinregel som brister kan inte mildras av revisorn; företaget rättar uppgiften eller underlaget.",
         "A failing machine rule cannot be softened by the auditor; the company corrects the data or the evidence."),
    Severity.WARNING,
)
NOT_APPLICABLE_REFUSED = Kind(
    "audit-not-applicable-refused",
    L10n("Kravet kan inte vara ej tillämpligt", "Requirement cannot be not applicable"),
    L10n("{req} gäller alla ASF; resultatet kan inte vara ”ej tillämplig”", "{req} applies to every ASF; the result cannot be `not-applicable`"),
    L10n("Välj överensstämmer, anmärkning, större avvikelse eller observation.", "Choose conform, remark, major or observation."),
    Severity.ERROR,
)
UNKNOWN_REQUIREMENT = Kind(
    "audit-unknown-requirement",
    L10n("Okänt krav i protokollet", "Unknown requirement in the record"),
    L10n("`{req}` är inte ett krav i standarden; raden räknas inte", "`{req}` is not a requirement of the standard; it is not counted"),
    L10n("Ta bort raden eller rätta kravets id.", "Remove the entry or correct the requirement id."),
    Severity.WARNING,
)
DECISION_STALE = Kind(
    "audit-decision-stale",
    L10n("Beslutet stämmer inte med protokollet", "The decision no longer matches the record"),
    L10n("Resultaten ger nu {now}, men beslutet säger {recorded}", "The results now give {now}, but the decision says {recorded}"),
    L10n("Fatta beslutet igen med `asfcert audit MAPP --decide`, eller återställ resultaten.",
         "Decide again with `asfcert audit DIR --decide`, or restore the results."),
    Severity.BLOCKER,
)


@dataclass
class Item:
    id: str
    clause: str
    title: L10n
    severity: str
    decided_by: str
    machine_status: str
    answer: str | None
    summary: L10n | None
    codes: list[str]
    machine_grade: str | None
    result: str | None = None
    comment: str | None = None
    grade: str | None = None

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["title"] = self.title.to_dict()
        d["summary"] = self.summary.to_dict() if self.summary else None
        return d


@dataclass
class Proposal:
    items: list[Item]
    date: dt.date
    deadline: dt.date
    outcome: str | None = None  # None until every requirement has a result
    findings: list[Finding] = field(default_factory=list)
    general_blockers: list[Finding] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return all(i.result for i in self.items) and not any(f.severity == Severity.ERROR for f in self.findings)

    def with_grade(self, grade: str) -> list[Item]:
        return [i for i in self.items if i.grade == grade]

    def decision(self, *, id: str, auditor: str, standard: dict) -> dict:
        """The fields of `model.audit.Decision`, in order."""
        return {
            "id": id, "outcome": self.outcome, "date": self.date, "auditor": auditor, "standard": standard,
            "remarks": [{"requirement": i.id, "deadline": self.deadline, "comment": i.comment} for i in self.with_grade("remark")],
            "nonconformities": [i.id for i in self.with_grade("major")],
            "observations": [i.id for i in self.with_grade("observation")],
        }


def machine_grades(check_result) -> dict[str, tuple[str, list[str]]]:
    """Per requirement, the binding grade from failing machine rules and their codes: the
    findings a rule made (`rule` is a rule id) that fail their requirement."""
    from asfcert.base.findings import Effect
    from asfcert.rules import RULES

    out: dict[str, tuple[str, list[str]]] = {}
    for f in check_result.findings:
        if not f.requirement or f.effect is not Effect.FAILS or f.rule not in RULES:
            continue
        grade = FROM_SEVERITY.get(f.severity)
        if grade is None:
            continue
        before, codes = out.get(f.requirement, ("conform", []))
        out[f.requirement] = (grade if RANK[grade] > RANK[before] else before, codes + [f.code])
    return out


def prefill(item: Item) -> str | None:
    """The result asfcert suggests for a machine-decided requirement the auditor has not
    graded: what the machine found. Auditor-decided requirements are left to the auditor."""
    if item.decided_by != "machine":
        return None
    if item.machine_grade:
        return item.machine_grade
    return {"ready": "conform", "not-applicable": "not-applicable"}.get(item.machine_status)


def items(standard, check_result) -> list[Item]:
    grades = machine_grades(check_result)
    by_id = {r.id: r for r in check_result.requirements}
    out = []
    for req in standard.enabled:
        r = by_id.get(req.id)
        codes = sorted({f.code for f in check_result.findings if f.requirement == req.id})
        out.append(Item(
            id=req.id, clause=req.clause, title=req.title.l10n, severity=req.severity, decided_by=req.decided_by,
            machine_status=r.status if r else "open", answer=r.answer if r else None, summary=r.summary if r else None,
            codes=codes, machine_grade=grades.get(req.id, (None, []))[0],
        ))
    return out


def propose(standard, check_result, record, doc, date: dt.date) -> Proposal:
    """Grade every requirement from the record's results and the machine's findings."""
    from asfcert.base.dates import add_months

    proposal = Proposal(items(standard, check_result), date, add_months(date, standard.policy.remark_deadline_months))
    allow_na = {r.id: r.allow_not_applicable for r in standard.enabled}
    entries = record.requirements if record else {}
    known = {i.id for i in proposal.items}
    for req_id in entries:
        if req_id not in known:
            proposal.findings.append(UNKNOWN_REQUIREMENT(location=_at(doc, req_id, key=True), req=req_id))
    missing = []
    for item in proposal.items:
        entry = entries.get(item.id)
        item.result = entry.result if entry else None
        item.comment = entry.comment if entry else None
        if not item.result:
            missing.append(item.id)
            item.grade = item.machine_grade
            continue
        if item.result == "not-applicable" and not allow_na[item.id] and item.machine_status != "not-applicable":
            proposal.findings.append(NOT_APPLICABLE_REFUSED(location=_at(doc, item.id, "result"), requirement=item.id, req=item.id))
        grade = item.result
        if RANK[grade] > RANK[CAP[item.severity]]:
            grade = CAP[item.severity]
            proposal.findings.append(RESULT_CAPPED(
                location=_at(doc, item.id, "result"), requirement=item.id, req=item.id, result=item.result, grade=grade,
                level=SEVERITY_NAMES[Severity(item.severity)], _result_name=names(Grade(item.result)), _grade_name=names(Grade(grade)),
            ))
        if item.machine_grade and RANK[item.machine_grade] > RANK[grade]:
            proposal.findings.append(RESULT_OVERRULED(
                location=_at(doc, item.id, "result"), requirement=item.id, req=item.id, result=item.result,
                grade=item.machine_grade, codes=[c for c in item.codes],
                _result_name=names(Grade(item.result)), _grade_name=names(Grade(item.machine_grade)),
            ))
            grade = item.machine_grade
        item.grade = grade
    if missing:
        proposal.findings.append(RESULTS_MISSING(location=_at(doc, missing[0], "result"), count=len(missing), reqs=missing))
    proposal.general_blockers = [f for f in check_result.findings if f.severity == Severity.BLOCKER and not f.requirement]
    if proposal.complete:
        proposal.outcome = outcome_of(proposal)
    return proposal


def outcome_of(proposal: Proposal) -> str:
    grades = {i.grade for i in proposal.items}
    if "major" in grades or proposal.general_blockers:
        return NOT_CERTIFIED
    return WITH_REMARKS if "remark" in grades else CERTIFIED


def certain_outcome(proposal: Proposal) -> str | None:
    """Before every result is in: `not-certified` is already certain once anything is major."""
    if proposal.outcome:
        return proposal.outcome
    if any(i.grade == "major" for i in proposal.items) or proposal.general_blockers:
        return NOT_CERTIFIED
    return None


def stale(decision, proposal: Proposal, location: Location) -> Finding | None:
    """A finding when the recorded decision is not what the record's results give now."""
    now = (proposal.outcome, sorted(i.id for i in proposal.with_grade("remark")), sorted(i.id for i in proposal.with_grade("major")))
    recorded = (decision.outcome, sorted(r.requirement for r in decision.remarks), sorted(decision.nonconformities))
    if now == recorded:
        return None
    return DECISION_STALE(location=location, now=_OUTCOMES.get(proposal.outcome, _INCOMPLETE), recorded=_OUTCOMES[decision.outcome])


_OUTCOMES = {
    CERTIFIED: L10n("certifierad", "certified"),
    WITH_REMARKS: L10n("certifierad med anmärkningar", "certified with remarks"),
    NOT_CERTIFIED: L10n("inte certifierad", "not certified"),
}
_INCOMPLETE = L10n("inget beslut (resultat saknas)", "no decision (results missing)")


def _at(doc, req_id: str, *sub, key: bool = False) -> Location:
    if doc is None:
        return Location("audit/audit.yaml")
    return doc.where(("requirements", req_id) + sub, key=key)


KINDS = made_by(
    "decision",
    RESULTS_MISSING,
    RESULT_CAPPED,
    RESULT_OVERRULED,
    NOT_APPLICABLE_REFUSED,
    UNKNOWN_REQUIREMENT,
    DECISION_STALE,
)

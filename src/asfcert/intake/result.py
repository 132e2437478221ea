"""The result of reviewing applications: plain dataclasses, rendered by pure functions
(render/intake_*.py) and turned into JSON with `to_dict()`."""

from __future__ import annotations

from dataclasses import dataclass, field

from asfcert.base.findings import Effect, Finding, Severity, report_order
from asfcert.base.i18n import L10n
from asfcert.base.vocab import Status

FORMAT = "asfcert-intake/1"
BATCH_FORMAT = "asfcert-intake-batch/1"

ADMIT, COME_BACK_LATER, UNUSABLE = "admit", "come-back-later", "unusable"
DECIDING_SEVERITY = Severity.BLOCKER  # the requirements whose status decides admission


@dataclass
class PrincipleRequirement:
    id: str
    title: L10n
    severity: str  # blocker | remark | observation
    status: Status  # ready | open | failing | auditor (judged in the audit, not at intake)
    summary: L10n | None = None
    figures: dict = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)  # codes

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title.to_dict(), "severity": self.severity, "status": str(self.status),
            "summary": self.summary.to_dict() if self.summary else None, "figures": self.figures, "findings": self.findings,
        }


@dataclass
class Principle:
    id: str  # ASF-1 … ASF-4
    title: L10n
    requirements: list[PrincipleRequirement] = field(default_factory=list)

    @property
    def status(self) -> Status:
        """failing or open when a blocker requirement is; ready otherwise (remarks and
        observations do not decide admission)."""
        decided = [r for r in self.requirements if r.status != Status.AUDITOR and r.severity == DECIDING_SEVERITY]
        if any(r.status == Status.FAILING for r in decided):
            return Status.FAILING
        if any(r.status == Status.OPEN for r in decided):
            return Status.OPEN
        return Status.READY

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title.to_dict(), "status": str(self.status),
                "requirements": [r.to_dict() for r in self.requirements]}


@dataclass
class DocumentCheck:
    kind: str  # annual-report | minutes | statutes
    name: L10n
    folder: str  # the kit folder under evidence/
    files: list[str] = field(default_factory=list)  # every file of the kind
    file: str | None = None  # the document the checks were made on
    readable: bool | None = None  # None: nothing to read
    current: bool | None = None  # None: not known, or no age limit (statutes)
    date: str | None = None  # the fiscal year's end, or the meeting date
    age_months: int | None = None
    max_age_months: int | None = None
    org_number: bool | None = None  # None: not checked (no readable document or no number)
    org_number_page: int | None = None
    findings: list[str] = field(default_factory=list)  # codes

    @property
    def present(self) -> bool:
        return bool(self.files)

    @property
    def ok(self) -> bool:
        return self.present and bool(self.readable) and self.current is not False and bool(self.org_number) and not self.findings

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "name": self.name.to_dict(), "folder": self.folder, "files": self.files, "file": self.file,
            "present": self.present, "readable": self.readable, "current": self.current, "date": self.date,
            "age_months": self.age_months, "max_age_months": self.max_age_months, "org_number": self.org_number,
            "org_number_page": self.org_number_page, "ok": self.ok, "findings": self.findings,
        }


@dataclass
class IntakeResult:
    folder: str
    as_of: str
    tool_version: str
    standard: dict  # id, version, title {sv, en}
    company: dict | None = None  # name, org_number (masked if personal)
    principles: list[Principle] = field(default_factory=list)
    documents: list[DocumentCheck] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)  # blocker requirements that are failing or open

    @property
    def usable(self) -> bool:
        return not any(f.severity == Severity.ERROR for f in self.findings)

    @property
    def decision(self) -> str:
        if not self.usable:
            return UNUSABLE
        return COME_BACK_LATER if self.reasons else ADMIT

    @property
    def exit_code(self) -> int:
        return {ADMIT: 0, COME_BACK_LATER: 1, UNUSABLE: 2}[self.decision]

    def _sorted(self, findings: list[Finding]) -> list[Finding]:
        return sorted(findings, key=report_order)

    def _decides(self, f: Finding) -> bool:
        """An input error, or what keeps a blocker requirement from being met."""
        return f.severity == Severity.ERROR or (f.requirement in self.unmet and f.effect in (Effect.FAILS, Effect.OPENS))

    @property
    def reasons(self) -> list[Finding]:
        """The findings that decide: the application comes back later for each of them."""
        return self._sorted([f for f in self.findings if self._decides(f)])

    @property
    def notes(self) -> list[Finding]:
        """Remarks, warnings and observations: worth telling the applicant, not deciding."""
        return self._sorted([f for f in self.findings if not self._decides(f)])

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "folder": self.folder,
            "as_of": self.as_of,
            "tool_version": self.tool_version,
            "standard": self.standard,
            "company": self.company,
            "decision": self.decision,
            "exit_code": self.exit_code,
            "principles": [p.to_dict() for p in self.principles],
            "documents": [d.to_dict() for d in self.documents],
            "reasons": [f.to_dict() for f in self.reasons],
            "notes": [f.to_dict() for f in self.notes],
        }


@dataclass
class BatchResult:
    folder: str
    as_of: str
    tool_version: str
    applications: list[IntakeResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # subfolders that are not applications

    def count(self, decision: str) -> int:
        return sum(1 for r in self.applications if r.decision == decision)

    @property
    def exit_code(self) -> int:
        """0 when every application is admitted, 1 when some come back later, 2 when one
        cannot be read at all."""
        return max((r.exit_code for r in self.applications), default=2)

    def to_dict(self) -> dict:
        return {
            "format": BATCH_FORMAT,
            "folder": self.folder,
            "as_of": self.as_of,
            "tool_version": self.tool_version,
            "summary": {"applications": len(self.applications), ADMIT: self.count(ADMIT),
                        COME_BACK_LATER: self.count(COME_BACK_LATER), UNUSABLE: self.count(UNUSABLE)},
            "exit_code": self.exit_code,
            "applications": [r.to_dict() for r in self.applications],
            "skipped": self.skipped,
        }

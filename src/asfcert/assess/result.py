"""The result of `check`: plain dataclasses, so a cached result renders without pydantic.

Renderers (terminal, JSON, Markdown) are pure functions of a `CheckResult`."""

from __future__ import annotations

from dataclasses import dataclass, field

from asfcert.base.findings import Finding, Severity, report_order
from asfcert.base.i18n import L10n
from asfcert.base.vocab import Status
from asfcert.company.manifest import ManifestEntry

FORMAT = "asfcert-check/1"
BY_HAND = "document-needs-review"  # evidence/review.py: the machine cannot judge a document


@dataclass
class RequirementResult:
    id: str
    clause: str
    title: L10n
    severity: str  # blocker | remark | observation: what failing it means
    decided_by: str  # machine | auditor
    status: Status  # ready | open | failing | not-applicable
    answer: str | None = None  # the company's own status from the self-assessment
    summary: L10n | None = None  # e.g. the pay-ratio arithmetic
    figures: dict = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)  # resolved paths the answer refers to

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["title"] = self.title.to_dict()
        d["summary"] = self.summary.to_dict() if self.summary else None
        d["status"] = str(self.status)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> RequirementResult:
        return cls(**{**d, "title": L10n.from_dict(d["title"]), "summary": L10n.from_dict(d["summary"]), "status": Status(d["status"])})

    @classmethod
    def of(cls, ev) -> RequirementResult:
        """From the engine's evaluation of the requirement (engine.Evaluation)."""
        req = ev.requirement
        return cls(
            id=req.id, clause=req.clause, title=req.title.l10n, severity=req.severity, decided_by=req.decided_by,
            status=ev.status, answer=ev.answer, summary=ev.summary, figures=ev.figures, evidence=ev.evidence,
        )


@dataclass
class ClauseResult:
    id: str
    part: str
    title: L10n
    total: int = 0
    ready: int = 0
    open: int = 0
    failing: int = 0
    not_applicable: int = 0
    blockers: int = 0
    remarks: int = 0

    @property
    def percent_ready(self) -> int:
        done = self.ready + self.not_applicable
        return round(100 * done / self.total) if self.total else 100

    def to_dict(self) -> dict:
        return {**self.__dict__, "title": self.title.to_dict(), "percent_ready": self.percent_ready}

    @classmethod
    def from_dict(cls, d: dict) -> ClauseResult:
        d = {k: v for k, v in d.items() if k != "percent_ready"}
        return cls(**{**d, "title": L10n.from_dict(d["title"])})


@dataclass
class CheckResult:
    folder: str
    as_of: str
    tool_version: str
    standard: dict  # id, version, title {sv, en}, file
    company: dict | None = None  # name, org_number (masked if personal), legal_form
    findings: list[Finding] = field(default_factory=list)
    requirements: list[RequirementResult] = field(default_factory=list)
    clauses: list[ClauseResult] = field(default_factory=list)
    evidence: list[ManifestEntry] = field(default_factory=list)  # the evidence manifest

    @property
    def usable(self) -> bool:
        return not any(f.severity == Severity.ERROR for f in self.findings)

    @property
    def ready(self) -> bool:
        return self.usable and not any(f.severity == Severity.BLOCKER for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 2 if not self.usable else (0 if self.ready else 1)

    @property
    def by_hand(self) -> list[str]:
        """The open requirements that wait for a document to be reviewed by hand."""
        waiting = {f.requirement for f in self.findings if f.code == BY_HAND}
        return [r.id for r in self.requirements if r.status == Status.OPEN and r.id in waiting]

    def counts(self) -> dict[str, int]:
        out = {str(s): 0 for s in Severity}
        for f in self.findings:
            out[str(f.severity)] += 1
        return out

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=report_order)

    def to_dict(self) -> dict:
        counts = self.counts()  # usable, ready and the exit code read from it: the findings counted once
        usable, ready = _verdict(counts)
        return {
            "format": FORMAT,
            "folder": self.folder,
            "as_of": self.as_of,
            "tool_version": self.tool_version,
            "standard": self.standard,
            "company": self.company,
            "usable": usable,
            "ready": ready,
            "exit_code": 2 if not usable else (0 if ready else 1),
            "counts": counts,
            "clauses": [c.to_dict() for c in self.clauses],
            "requirements": [r.to_dict() for r in self.requirements],
            "findings": [f.to_dict() for f in self.sorted_findings()],
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict) -> CheckResult:
        return cls(
            folder=d["folder"],
            as_of=d["as_of"],
            tool_version=d["tool_version"],
            standard=d["standard"],
            company=d["company"],
            findings=[Finding.from_dict(f) for f in d["findings"]],
            requirements=[RequirementResult.from_dict(r) for r in d["requirements"]],
            clauses=[ClauseResult.from_dict(c) for c in d["clauses"]],
            evidence=[ManifestEntry.from_dict(e) for e in d["evidence"]],
        )


@dataclass
class CheckSummary:
    """What a cohort needs of a check: small enough to read a thousand of in a moment.
    Cached next to the full result, under the same key."""

    folder: str
    company: dict | None
    usable: bool
    ready: bool
    counts: dict[str, int]
    clauses: list[ClauseResult]
    errors: list[Finding]  # the input errors, in the order check reports them

    def to_dict(self) -> dict:
        return {
            "folder": self.folder,
            "company": self.company,
            "usable": self.usable,
            "ready": self.ready,
            "counts": self.counts,
            "clauses": [c.to_dict() for c in self.clauses],
            "errors": [f.to_dict() for f in self.errors],
        }

    @classmethod
    def from_dict(cls, d: dict) -> CheckSummary:
        return cls(
            folder=d["folder"],
            company=d["company"],
            usable=d["usable"],
            ready=d["ready"],
            counts=d["counts"],
            clauses=[ClauseResult.from_dict(c) for c in d["clauses"]],
            errors=[Finding.from_dict(f) for f in d["errors"]],
        )


def summarise(result: CheckResult) -> CheckSummary:
    counts = result.counts()
    usable, ready = _verdict(counts)
    return CheckSummary(
        folder=result.folder,
        company=result.company,
        usable=usable,
        ready=ready,
        counts=counts,
        clauses=result.clauses,
        # in report order: picked, then sorted (a stable sort: the order sorting all gave)
        errors=sorted((f for f in result.findings if f.severity == Severity.ERROR), key=report_order),
    )


def _verdict(counts: dict[str, int]) -> tuple[bool, bool]:
    """`usable` and `ready` as `CheckResult` says them, from its `counts()`."""
    usable = counts[Severity.ERROR] == 0
    return usable, usable and counts[Severity.BLOCKER] == 0

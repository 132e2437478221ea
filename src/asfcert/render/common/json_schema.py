"""The shape of `asfcert check --format json`, as pydantic models. The tests validate real
output against them, and `make docs` writes their JSON Schema to docs/schema/."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StandardRef(_Strict):
    id: str
    version: str
    title: str
    file: str


class CompanyRef(_Strict):
    name: str
    org_number: str  # masked (`811218-****`) when it is a personal identity number
    legal_form: str | None


class Counts(_Strict):
    error: int
    blocker: int
    remark: int
    warning: int
    observation: int


class Clause(_Strict):
    id: str
    part: Literal["pas", "asf-definition", "skoopi", "optional"]
    title: str
    total: int
    ready: int
    open: int
    failing: int
    not_applicable: int
    blockers: int
    remarks: int
    percent_ready: int


class Requirement(_Strict):
    id: str
    clause: str
    title: str
    severity: Literal["blocker", "remark", "observation"]
    decided_by: Literal["machine", "auditor"]
    status: Literal["ready", "open", "failing", "not-applicable"]
    answer: Literal["met", "partly", "not-met", "not-applicable"] | None
    summary: str | None  # e.g. "41,000 / 16,000 = 2.56 > 2.5"
    figures: dict  # the rule's numbers, e.g. {"ratio": 2.5625, "max": 2.5, ...}
    evidence: list[str]


class Finding(_Strict):
    code: str  # stable kebab-case code, see docs/findings.md
    severity: Literal["error", "blocker", "remark", "warning", "observation"]
    rule: str  # the rule that made it (a rule id, see docs/rules.md), or its checker: "schema", "answers", "evidence", …
    effect: Literal["fails", "opens", "informs"]  # what it does to its requirement's status
    tags: list[str]  # e.g. "input-missing", "outdated"
    requirement: str | None
    file: str | None  # relative to the company folder
    line: int | None  # 1-based
    column: int | None  # 1-based
    message: str
    hint: str | None
    params: dict  # the values in the message, for programs


class EvidenceEntry(_Strict):
    path: str  # relative to the company folder
    size: int  # bytes
    sha256: str  # hex digest; "special", "link:…" or "unreadable:…" for files that are never opened
    kind: str | None  # evidence kind id from the standard, e.g. "annual-report"
    pages: int | None  # for readable PDFs


class CheckJson(_Strict):
    """Top level of `asfcert check --format json`."""

    format: Literal["asfcert-check/1"]
    lang: Literal["sv", "en"]
    folder: str
    as_of: str  # YYYY-MM-DD
    tool_version: str
    standard: StandardRef
    company: CompanyRef | None
    usable: bool  # false: input errors, exit code 2
    ready: bool  # true: no errors and no blockers, exit code 0
    exit_code: Literal[0, 1, 2]
    counts: Counts
    clauses: list[Clause]
    requirements: list[Requirement]
    findings: list[Finding]  # most severe first, then by file and line
    evidence: list[EvidenceEntry]  # the evidence manifest: every file under evidence/

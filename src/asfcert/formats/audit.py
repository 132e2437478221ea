"""`audit/audit.yaml`: the auditor's record for one company.

asfcert writes it (`asfcert audit`) and the auditor edits it: per requirement a `result`
and a `comment`, plus an overall `summary`. Everything else is written by asfcert: the
machine's view of each requirement, the snapshot of the submitted files at audit time and,
after `asfcert audit --decide`, the decision."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from asfcert.formats.types import Strict, Text, choice, empty, empty_map

AuditResult = choice(
    "conform",
    "remark",
    "major",
    "not-applicable",
    "observation",
    aliases={
        "ok": "conform", "uppfyllt": "conform", "uppfylld": "conform", "överensstämmer": "conform",
        "godkänt": "conform", "conformity": "conform",
        "minor": "remark", "minor-nonconformity": "remark", "anmärkning": "remark", "mindre avvikelse": "remark",
        "major-nonconformity": "major", "större avvikelse": "major", "allvarlig avvikelse": "major", "avvikelse": "major",
        "ej tillämplig": "not-applicable", "ej tillämpligt": "not-applicable", "n/a": "not-applicable",
        "opportunity": "observation", "ofi": "observation", "förbättringsmöjlighet": "observation",
        "förbättringsförslag": "observation",
    },
)

Outcome = Literal["certified", "certified-with-remarks", "not-certified"]
MachineStatus = Literal["ready", "open", "failing", "not-applicable"]


class Machine(Strict):
    """What `asfcert check` found for the requirement when the record was last updated."""

    status: MachineStatus = Field(description="`ready`, `open` (data missing), `failing` or `not-applicable`.")
    answer: str | None = Field(None, description="The company's own status from the self-assessment.")
    findings: list[str] = Field(default_factory=empty, description="Finding codes for the requirement.")
    figures: str | None = Field(None, description="The machine's arithmetic, e.g. the pay ratio.")
    suggests: str | None = Field(
        None,
        description="The result asfcert filled in for a machine-decided requirement. While `result` equals it, "
        "`result` follows the machine on every run; once the auditor changes `result`, it is the auditor's.",
    )


class RequirementAudit(Strict):
    about: str | None = Field(None, description="Written by asfcert: title, severity and who decides.")
    machine: Machine | None = Field(None, description="Written by asfcert: the machine's status and findings.")
    result: AuditResult | None = Field(
        None,
        description="The auditor's result: `conform`, `remark` (minor nonconformity, anmärkning), `major` (major "
        "nonconformity), `not-applicable` or `observation` (opportunity for improvement). Swedish names work too.",
    )
    comment: str | None = Field(None, description="The auditor's comment; shown in the audit report.")


class CompanyRef(Strict):
    name: Text = Field(description="From company.yaml when the record was made.")
    org_number: Text = Field(description="From company.yaml.")
    folder: Text = Field(description="The company folder's name, as in cohort.yaml.")


class StandardRef(Strict):
    id: Text = Field(description="The standard's id, e.g. `asf-pas10`.")
    version: Text = Field(description="The standard's version, e.g. `2026.1`.")
    sha256: str | None = Field(None, description="SHA-256 of the standard file the audit used.")


class Impartiality(Strict):
    basis: Literal["cohort", "owners-only"] = Field(
        description="`cohort`: checked against cohort.yaml and the owners; `owners-only`: no cohort file (--no-cohort)."
    )
    cohort_file: str | None = Field(None, description="The cohort file used, relative to the company folder.")
    checked: dt.date = Field(description="When impartiality was last checked.")


class SnapshotFile(Strict):
    path: Text = Field(description="Relative to the company folder, with `/`.")
    size: int = Field(ge=0, description="Bytes.")
    sha256: Text = Field(description="SHA-256 of the content, or a marker for files that are never opened.")
    kind: str | None = Field(None, description="`profile`, `self-assessment` or an evidence kind from the standard.")
    pages: int | None = Field(None, description="Pages, for readable PDFs.")


class Snapshot(Strict):
    taken: dt.date = Field(description="When the files were recorded.")
    files: list[SnapshotFile] = Field(default_factory=empty, description="company.yaml, self-assessment/ and evidence/.")


class Remark(Strict):
    requirement: Text = Field(description="The requirement with the remark.")
    deadline: dt.date = Field(description="Decision date plus the standard's `policy.remark_deadline_months`.")
    comment: str | None = Field(None, description="The auditor's comment on the requirement.")


class Decision(Strict):
    """Written by `asfcert audit --decide`. Do not edit: `certify` refuses a record whose
    results no longer give this decision."""

    id: Text = Field(description="A random id that ties the certificate to this decision.")
    outcome: Outcome = Field(description="`certified`, `certified-with-remarks` or `not-certified`.")
    date: dt.date = Field(description="The decision date.")
    auditor: Text = Field(description="Who decided.")
    standard: StandardRef = Field(description="The standard's id and version at the decision.")
    remarks: list[Remark] = Field(default_factory=empty, description="Remarks, each with its deadline.")
    nonconformities: list[str] = Field(default_factory=empty, description="Requirements with a major nonconformity.")
    observations: list[str] = Field(default_factory=empty, description="Requirements with an observation.")
    certificate: str | None = Field(None, description="Written by `asfcert certify`: the certificate number.")


class AuditRecord(Strict):
    format: Literal["asfcert-audit/1"] = Field(description="Always `asfcert-audit/1`.")
    company: CompanyRef = Field(description="Written by asfcert: the company audited.")
    standard: StandardRef = Field(description="Written by asfcert: the standard audited against.")
    auditor: Text = Field(description="The auditor's name, as under `people` in cohort.yaml.")
    impartiality: Impartiality = Field(description="Written by asfcert: how impartiality was checked.")
    started: dt.date = Field(description="When the record was made.")
    updated: dt.date = Field(description="When asfcert last updated the record.")
    summary: str | None = Field(None, description="The auditor's overall comment; shown in the audit report.")
    requirements: dict[str, RequirementAudit | None] = Field(
        default_factory=empty_map, description="One entry per requirement id, pre-filled by asfcert."
    )
    snapshot: Snapshot = Field(description="The submitted files at audit time; later changes are reported.")
    decision: Decision | None = Field(None, description="Written by `asfcert audit --decide`.")

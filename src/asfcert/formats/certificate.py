"""The certifier's registry: `registry.yaml` (made by `asfcert registry init`) and one record per
certificate in `certificates/<NUMBER>.yaml` (written by `asfcert certify`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from asfcert.formats.types import Strict, Text, empty, empty_map

NUMBER_PATTERN = r"^[A-Z]{2,8}-\d{4}-\d{4,6}$"


class Registry(Strict):
    """`registry.yaml` at the root of the folder that holds the cohorts. Its presence marks
    the registry; `asfcert certify` and `asfcert verify` find it by walking up."""

    format: Literal["asfcert-registry/1"] = Field(description="Always `asfcert-registry/1`.")
    certifier: Text = Field(description="Who certifies, shown on certificates and stamps, e.g. `SKOOPI`.")
    certifier_org_number: str | None = Field(None, description="The certifier's organisation number, shown on certificates.")
    prefix: str = Field("ASF", pattern=r"^[A-Z]{2,8}$", description="Certificate numbers are `PREFIX-YEAR-NNNN`.")
    verify_url: str | None = Field(
        None,
        description="Where the public can check a certificate, with `{number}` and `{code}`, e.g. "
        "`https://skoopi.example/asf/{number}?code={code}`. Goes into the QR code and the printed line, before `public_url`; "
        "without either, the QR code holds a token signed with the certifier's key.",
    )
    certifier_address: str | None = Field(None, max_length=300, description="The certifier's postal address, shown on certificates.")
    certifier_logo: str | None = Field(None, description="The certifier's mark, a PNG or JPEG file in the registry folder.")
    public_url: str | None = Field(
        None, description="Where the certifier publishes the ASF list (`registry build`), e.g. `https://skoopi.example/asf`. "
        "A certificate's QR code then points to its page there, `{public_url}/verify/NUMBER.html`."
    )


class CompanyRef(Strict):
    name: Text = Field(description="The company's name at the decision.")
    org_number: Text = Field(description="The company's organisation number.")
    folder: str | None = Field(None, description="The company folder, relative to the registry root.")
    location: str | None = Field(None, description="Where the company is, from company.yaml (municipality, county), shown on the certificate.")
    activities: list[str] = Field(default_factory=empty, description="Its business activities, from company.yaml's `industries`: the scope shown on the certificate.")


class StandardRef(Strict):
    id: Text = Field(description="The standard's id, e.g. `asf-pas10`.")
    version: Text = Field(description="The standard's version.")
    title_sv: str | None = Field(None, description="The standard's title in Swedish.")
    title_en: str | None = Field(None, description="The standard's title in English.")


class DecisionRef(Strict):
    id: Text = Field(description="The decision id from the audit record.")
    date: dt.date = Field(description="The decision date.")
    auditor: Text = Field(description="The auditor who decided.")
    outcome: Literal["certified", "certified-with-remarks"] = Field(description="The decision.")


class PendingRemark(Strict):
    requirement: Text = Field(description="The requirement with the remark.")
    title_sv: str | None = Field(None, description="Its title in Swedish.")
    title_en: str | None = Field(None, description="Its title in English.")
    deadline: dt.date = Field(description="The remark must be fixed by this day.")
    closed: dt.date | None = Field(None, description="When the auditor confirmed the remark fixed (`certify --close-remark`).")
    closed_reason: str | None = Field(None, description="What showed it fixed.")


class Document(Strict):
    file: Text = Field(description="The PDF's name in the company folder's `certificate/`.")
    sha256: Text = Field(description="SHA-256 of the PDF as issued; `verify` reports any other bytes as altered.")


class Event(Strict):
    date: dt.date = Field(description="When it happened.")
    action: Literal["issued", "suspended", "reinstated", "withdrawn", "superseded", "remark-closed"] = Field(description="What happened.")
    reason: str | None = Field(None, description="Why (suspended, reinstated, withdrawn) or the new number (superseded).")


class SnapshotFile(Strict):
    path: Text = Field(description="Relative to the company folder.")
    sha256: Text = Field(description="SHA-256 of the file at the decision.")
    size: int = Field(ge=0, description="Bytes.")


class Snapshot(Strict):
    """What was certified: the files by hash and each requirement's status and grade."""

    files: list[SnapshotFile] = Field(default_factory=empty, description="Every submitted file at the decision.")
    requirements: dict[str, dict[str, str | None]] = Field(
        default_factory=empty_map, description="Per requirement: `machine` status and the effective `grade`."
    )


class CertificateRecord(Strict):
    format: Literal["asfcert-certificate/1"] = Field(description="Always `asfcert-certificate/1`.")
    number: str = Field(pattern=NUMBER_PATTERN, description="`PREFIX-YEAR-NNNN`, unique per certifier; the year is the decision's.")
    certifier: Text = Field(description="From registry.yaml.")
    certifier_org_number: str | None = Field(None, description="From registry.yaml.")
    certifier_address: str | None = Field(None, description="From registry.yaml, shown on the certificate.")
    company: CompanyRef = Field(description="The certified company.")
    standard: StandardRef = Field(description="The standard certified against.")
    decision: DecisionRef = Field(description="The audit decision the certificate rests on.")
    effective: dt.date = Field(description="The decision date.")
    valid_until: dt.date = Field(description="The last day of validity: effective + validity years - 1 day.")
    issued: dt.date = Field(description="When the certificate was issued.")
    code: Text = Field(description="The short verification code printed on the certificate.")
    remarks: list[PendingRemark] = Field(default_factory=empty, description="Remarks pending at issue, with deadlines.")
    documents: dict[Literal["sv", "en"], Document] = Field(default_factory=empty_map, description="The issued PDFs per language.")
    status: Literal["valid", "suspended", "withdrawn"] = Field("valid", description="Set by suspend, reinstate and withdraw.")
    previous: str | None = Field(None, description="The certificate this one replaces (re-certification).")
    original_date: dt.date | None = Field(
        None, description="For a re-certification: the effective date of the first certificate in the chain of `previous`."
    )
    superseded_by: str | None = Field(None, description="The certificate that replaced this one.")
    superseded_on: dt.date | None = Field(None, description="From this day the replacement applies; `verify` says expired.")
    events: list[Event] = Field(default_factory=empty, description="Issued, suspended, reinstated, withdrawn, superseded.")
    snapshot: Snapshot = Field(default_factory=Snapshot, description="What was certified; re-certification shows what changed since.")

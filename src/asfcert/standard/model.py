"""The standard file (`standard/*.yaml`): clauses, requirements and the machine checks that
decide some of them. Requirement texts are asfcert's own words, never SIS text; a licensee
can load a file with the exact text through `--standard`."""

from typing import Literal

from pydantic import Field

from asfcert.formats.types import Strict, Text, empty
from asfcert.rules import CheckSpec
from asfcert.standard.plain import StandardParts, WordsText

Id = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40)


class Words(Strict, WordsText):
    """A text in Swedish and English."""

    sv: Text
    en: Text


class EvidenceKind(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="e.g. `annual-report`.")
    name: Words
    folder: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="The kit folder under `evidence/` for this kind.")
    keywords: list[str] = Field(default_factory=empty, description="Lower-case words in file names that mark this kind.")


class Clause(Strict):
    id: str = Id
    part: Literal["pas", "asf-definition", "skoopi", "optional"]
    title: Words
    summary: Words | None = Field(None, description="What the clause is about, in a sentence or two.")


class Requirement(Strict):
    id: str = Id
    clause: str
    title: Words = Field(description="A short name for tables.")
    text: Words = Field(description="The requirement, in asfcert's own words or the licensee's text.")
    easy: Words = Field(description="The same in easy-read words (lättläst).")
    guidance: Words | None = Field(None, description="What to write and attach; shown in the kit templates.")
    evidence: list[str] = Field(default_factory=empty, description="Evidence kinds the requirement expects.")
    severity: Literal["blocker", "remark", "observation"]
    decided_by: Literal["machine", "auditor"]
    checks: list[CheckSpec] = Field(default_factory=empty, description="Named machine checks and their parameters.")
    allow_not_applicable: bool = False
    enabled: bool = True


class Policy(Strict):
    remark_deadline_months: int = Field(6, ge=1, le=24)
    certificate_validity_years: int = Field(2, ge=1, le=10)
    # the year after the certificate: when renewal comes due, and what the public list may say
    renewal_window_months: int = Field(6, ge=1, le=24, description="Certificates expiring within this many months are due for renewal.")
    publish_complaints_under_investigation: bool = Field(
        False, description="The public ASF list shows that a certificate is under investigation after a complaint."
    )
    ocr_min_confidence: float = Field(
        70, ge=0, le=100,
        description="The lowest mean OCR word confidence (0-100) at which text read from a scan counts; below it the document is reviewed by hand.",
    )


class Standard(Strict, StandardParts):
    format: Literal["asfcert-standard/1"]
    id: str = Id
    version: str = Field(min_length=1, max_length=40)
    title: Words
    certifier: str
    basis: Words = Field(description="What the file is based on and whose words it uses.")
    policy: Policy = Policy.model_construct()  # not Policy(): that would build its validator on import
    evidence_kinds: list[EvidenceKind]
    clauses: list[Clause] = Field(min_length=1)
    requirements: list[Requirement] = Field(min_length=1)

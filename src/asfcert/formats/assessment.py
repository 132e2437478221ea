"""A self-assessment file: `self-assessment/*.yaml`, one answer per requirement."""

from typing import Any

from pydantic import BeforeValidator, Field
from typing_extensions import Annotated

from asfcert.formats.company import none_is_empty
from asfcert.formats.types import Strict, Text, choice, empty, empty_map, one_or_many

AnswerStatus = choice(
    "met",
    "partly",
    "not-met",
    "not-applicable",
    aliases={
        "uppfyllt": "met", "uppfylld": "met", "uppfyllda": "met", "ja": "met",
        "delvis": "partly", "delvis uppfyllt": "partly", "delvis uppfylld": "partly",
        "ej uppfyllt": "not-met", "inte uppfyllt": "not-met", "ej uppfylld": "not-met",
        "inte uppfylld": "not-met", "nej": "not-met",
        "ej tillämplig": "not-applicable", "ej tillämpligt": "not-applicable",
        "inte tillämpligt": "not-applicable", "inte tillämplig": "not-applicable", "n/a": "not-applicable",
    },
)


def _ref(value: Any) -> Any:
    return {"file": value} if isinstance(value, str) else value


class EvidenceRef(Strict):
    """One attached document. Written either as a plain path or as a mapping."""

    file: Text = Field(description="Path inside the company folder, e.g. `evidence/stadgar/stadgar-2024.pdf`.")
    pages: str | None = Field(None, description="Where in the document to look, e.g. `4-6`.")
    note: str | None = Field(None, description="What the document shows.")


class Answer(Strict):
    status: AnswerStatus | None = Field(
        None,
        description="`met` (uppfyllt), `partly` (delvis), `not-met` (ej uppfyllt) or `not-applicable` (ej tillämpligt). Empty means not answered yet.",
    )
    description: str | None = Field(None, description="How the company meets the requirement, in your own words.")
    evidence: Annotated[list[Annotated[EvidenceRef, BeforeValidator(_ref)]], BeforeValidator(one_or_many), BeforeValidator(none_is_empty)] = Field(
        default_factory=empty, description="Documents that show it, as paths inside the company folder."
    )


class SelfAssessment(Strict):
    answers: dict[str, Answer | None] = Field(
        default_factory=empty_map, description="One entry per requirement id, e.g. `3.1.a:` or `ASF-3.c:`."
    )

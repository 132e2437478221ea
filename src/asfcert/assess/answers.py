"""Completeness of the self-assessment: every requirement answered, described and backed by
the documents it expects, and every referenced document present inside the folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asfcert.base.findings import (
    INPUT_MISSING,
    Effect,
    Finding,
    Kind,
    Location,
    Severity,
    made_by,
)
from asfcert.base.i18n import L10n
from asfcert.base.identity import ByIdentity
from asfcert.company.folder import (
    ASSESSMENT_DIR,
    CompanyFolder,
    Resolved,
    reference_finding,
)
from asfcert.formats.assessment import Answer
from asfcert.io.yamlfile import YamlDoc

if TYPE_CHECKING:
    from asfcert.standard.model import Requirement, Standard

ANSWER_MISSING = Kind(
    "answer-missing",
    L10n("Obesvarat krav", "Requirement not answered"),
    L10n("Kravet {req} ({title}) är inte besvarat", "Requirement {req} ({title}) is not answered"),
    L10n(
        "Skriv ett svar under `{req}:` i en fil i self-assessment/ med status, beskrivning och underlag.",
        "Write an answer under `{req}:` in a file in self-assessment/ with status, description and evidence.",
    ),
    effect=Effect.OPENS,
    tags={INPUT_MISSING},
)
ANSWER_NO_DESCRIPTION = Kind(
    "answer-no-description",
    L10n("Beskrivning saknas", "Description missing"),
    L10n("Svaret på {req} saknar beskrivning", "The answer to {req} has no description"),
    L10n("Beskriv med egna ord hur ni uppfyller kravet.", "Describe in your own words how you meet the requirement."),
    effect=Effect.OPENS,
)
ANSWER_NO_EVIDENCE = Kind(
    "answer-no-evidence",
    L10n("Underlag saknas", "Evidence missing"),
    L10n("Svaret på {req} hänvisar inte till något underlag ({kinds})", "The answer to {req} refers to no evidence ({kinds})"),
    L10n(
        "Lägg dokumentet i evidence/ och skriv sökvägen under `evidence:`.",
        "Put the document in evidence/ and write its path under `evidence:`.",
    ),
    effect=Effect.OPENS,
    tags={INPUT_MISSING},
)
ANSWER_NOT_MET = Kind(
    "answer-not-met",
    L10n("Kravet är inte uppfyllt enligt självskattningen", "Not met according to the self-assessment"),
    L10n("Företaget bedömer att {req} ({title}) inte är uppfyllt", "The company judges {req} ({title}) as not met"),
    L10n(
        "Åtgärda det före revisionen, eller beskriv i svaret vad som saknas och när det blir klart.",
        "Put it right before the audit, or describe in the answer what is missing and when it will be done.",
    ),
)
ANSWER_PARTLY_MET = Kind(
    "answer-partly-met",
    L10n("Delvis uppfyllt enligt självskattningen", "Partly met according to the self-assessment"),
    L10n("Företaget bedömer att {req} ({title}) är delvis uppfyllt", "The company judges {req} ({title}) as partly met"),
    L10n(
        "Gör klart det som fattas, eller beskriv i svaret vad som saknas och när det blir klart.",
        "Finish what is missing, or describe in the answer what is missing and when it will be done.",
    ),
)
ANSWER_NA_REFUSED = Kind(
    "answer-not-applicable-refused",
    L10n("Kravet kan inte markeras som ej tillämpligt", "Requirement cannot be not applicable"),
    L10n("{req} gäller alla ASF och kan inte markeras som ej tillämpligt", "{req} applies to every ASF and cannot be marked not applicable"),
    L10n("Besvara kravet med `met`, `partly` eller `not-met`.", "Answer the requirement with met, partly or not-met."),
)
ANSWER_UNKNOWN = Kind(
    "answer-unknown-requirement",
    L10n("Okänt krav", "Unknown requirement"),
    L10n("`{req}` är inte ett krav i {standard}", "`{req}` is not a requirement in {standard}"),
    L10n(
        "Skriv kravets id som i standarden, till exempel 3.1.a eller ASF-3.c (se `asfcert standard show`).",
        "Write the requirement's id as in the standard, for example 3.1.a or ASF-3.c (see `asfcert standard show`).",
    ),
    Severity.WARNING,
)
ANSWER_DUPLICATE = Kind(
    "answer-duplicate",
    L10n("Kravet besvaras två gånger", "Requirement answered twice"),
    L10n("{req} besvaras både här och i {other}", "{req} is answered both here and in {other}"),
    L10n("Behåll ett av svaren.", "Keep one of the answers."),
    Severity.ERROR,
)



@dataclass
class AnswerAt:
    answer: Answer | None
    doc: YamlDoc
    path: tuple

    def where(self, *sub) -> Location:
        return self.doc.where(self.path + sub)


def index_answers(
    docs: list[tuple[YamlDoc, object]], standard: Standard
) -> tuple[dict[str, AnswerAt], list[Finding]]:
    """Map requirement id to its answer; report duplicates and unknown ids."""
    known = {r.id for r in standard.requirements}
    index: dict[str, AnswerAt] = {}
    findings: list[Finding] = []
    for doc, model in docs:
        for req_id, answer in model.answers.items():
            at = AnswerAt(answer, doc, ("answers", req_id))
            if req_id in index:
                other = index[req_id].doc
                line = index[req_id].doc.where(index[req_id].path, key=True).line
                findings.append(ANSWER_DUPLICATE(location=doc.where(at.path, key=True), requirement=req_id, req=req_id, other=f"{other.file}:{line}"))
                continue
            if req_id not in known:
                import difflib  # only for an unknown id: a check of good answers does without it

                near = difflib.get_close_matches(req_id, sorted(known), n=1, cutoff=0.6)
                hint = L10n(f"Menade du `{near[0]}`?", f"Did you mean `{near[0]}`?") if near else L10n(
                    "Se `asfcert standard show` för kraven.", "See `asfcert standard show` for the requirements."
                )
                findings.append(ANSWER_UNKNOWN(location=doc.where(at.path, key=True), req=req_id, standard=standard.id, hint=hint))
                continue
            index[req_id] = at
    return index, findings


@dataclass
class Answers:
    """The self-assessment's answers, by requirement: what the engine asks of them."""

    index: dict[str, AnswerAt]
    folder: CompanyFolder
    standard: Standard
    # each reference resolved once per check: the answers name the same few files again and again
    resolved: dict[str, Resolved] = field(default_factory=dict, repr=False)

    def of(self, req: Requirement) -> tuple[list[Finding], list[str], str | None]:
        """The findings about the answer to `req`, the files it refers to that exist, and
        the company's own status (None when not answered)."""
        at = self.index.get(req.id)
        findings, files = evaluate(req, at, self, self.standard)
        return findings, files, at.answer.status if at and at.answer else None

    def resolve(self, ref: str) -> Resolved:
        found = self.resolved.get(ref)
        if found is None:
            found = self.resolved[ref] = self.folder.resolve(ref)
        return found


def evaluate(req: Requirement, at: AnswerAt | None, folder: CompanyFolder | Answers, standard: Standard) -> tuple[list[Finding], list[str]]:
    """Findings about the answer to one requirement, and the files it refers to that exist.
    `folder`: anything that resolves a reference (the company folder, or `Answers`)."""
    severity, common = _common(req)
    answer = at.answer if at else None
    resolved_files: list[str] = []
    findings: list[Finding] = []
    if answer is not None:
        for i, ref in enumerate(answer.evidence):
            resolved = folder.resolve(ref.file)
            if resolved.ok:  # the usual case: no finding, so no location to look up
                resolved_files.append(resolved.rel)
            else:
                findings.append(reference_finding(resolved, at.where("evidence", i), severity, req.id))
    if req.decided_by == "machine":  # the profile answers it; an answer is welcome, not required
        return findings, resolved_files
    if answer is None or answer.status is None:
        loc = at.where("status") if at else Location(ASSESSMENT_DIR + "/")
        return findings + [ANSWER_MISSING(location=loc, **common)], resolved_files
    status = answer.status
    if status == "not-applicable":
        if not req.allow_not_applicable:
            findings.append(ANSWER_NA_REFUSED(location=at.where("status"), **common))
        return findings, resolved_files
    if status == "not-met":
        findings.append(ANSWER_NOT_MET(location=at.where("status"), **common))
    elif status == "partly":
        findings.append(ANSWER_PARTLY_MET(location=at.where("status"), **common))
    if not (answer.description or "").strip():
        findings.append(ANSWER_NO_DESCRIPTION(location=at.where("description"), **common))
    if req.evidence and not answer.evidence:
        names = {k.id: k.name for k in standard.evidence_kinds}
        kinds = L10n(", ".join(names[k].sv for k in req.evidence), ", ".join(names[k].en for k in req.evidence))
        findings.append(ANSWER_NO_EVIDENCE(location=at.where(), kinds=kinds, **common))
    return findings, resolved_files


def _common(req: Requirement) -> tuple[Severity, dict]:
    """The requirement's severity and the params every finding about its answer shares:
    made once per requirement and process (base/identity.py), never changed (a Kind call
    copies them)."""
    return _COMMON.get(req, _make_common)


def _make_common(req: Requirement) -> tuple[Severity, dict]:
    severity = Severity(req.severity)
    return severity, dict(severity=severity, requirement=req.id, req=req.id, title=req.title.l10n)


_COMMON: ByIdentity[tuple[Severity, dict]] = ByIdentity()


KINDS = made_by(
    "answers",
    ANSWER_MISSING,
    ANSWER_NO_DESCRIPTION,
    ANSWER_NO_EVIDENCE,
    ANSWER_NOT_MET,
    ANSWER_PARTLY_MET,
    ANSWER_NA_REFUSED,
    ANSWER_UNKNOWN,
    ANSWER_DUPLICATE,
)

"""`statutes-wording`: shows the auditor what the statutes or articles of association say
about the company's purpose and about restricting dividends.

An advisory check for a requirement the auditor decides: the sentences found are shown
with the requirement (terminal, Markdown) and under `figures` in JSON, with file and page.
Finding no such sentence is an observation for the auditor, never a verdict: the words to
look for are parameters, and the auditor reads the document. A scanned document is read by
OCR: a sentence found in OCR text carries `ocr_confidence`, and the finding says so; one
OCR cannot read well enough is `document-needs-review`; a folder with no statutes gets `evidence-kind-missing`.

Passes (both kinds of wording found and shown)::

    evidence/stadgar/stadgar.pdf:
      § 2 Ändamål. Föreningen har till ändamål att skapa arbete för människor som står
      långt från arbetsmarknaden.
      § 11 Vinstfördelning. Vinstutdelning till medlemmarna får inte ske.

Fails (`statutes-wording-missing`, for the dividend restriction)::

    evidence/stadgar/bolagsordning.pdf:
      § 3 Verksamhet. Bolaget ska bedriva snickeri och återbruk.
      § 9 Vinst. Stämman beslutar om utdelning.   (no restriction in the words looked for)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import Kind, Location, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "statutes-wording"
EVIDENCE_KIND = "statutes"

Part = Literal["purpose", "dividend-restriction"]
_PARTS = {
    "purpose": L10n("ändamålet", "the purpose"),
    "dividend-restriction": L10n("begränsning av vinstutdelning", "a restriction on dividends"),
}
_LABELS = {"purpose": L10n("Ändamål", "Purpose"), "dividend-restriction": L10n("Vinst", "Profit")}


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["statutes-wording"]
        show: list[Part] = Field(default_factory=lambda: ["purpose", "dividend-restriction"], min_length=1)
        purpose_words: list[str] = Field(default_factory=lambda: ["ändamål", "syfte", "purpose", "objects of the"], min_length=1)
        dividend_words: list[str] = Field(
            default_factory=lambda: [
                "vinstutdelning", "utdelning", "värdeöverföring", "överskott", "dividend", "surplus", "distribution of profit",
            ],
            min_length=1,
        )
        max_sentences: int = Field(2, ge=1, le=10)

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


STATUTES_WORDING_MISSING = Kind(
    "statutes-wording-missing",
    L10n("Formuleringen finns inte i stadgarna", "Wording not found in the statutes"),
    L10n(
        "Ingen mening om {part} hittades i {files} (sökord: {words})",
        "No sentence about {part} was found in {files} (words looked for: {words})",
    ),
    L10n(
        "Revisorn läser dokumentet. Står det med andra ord, hänvisa till paragrafen i svaret; saknas det, ändra stadgarna eller bolagsordningen.",
        "The auditor reads the document. If it is worded differently, refer to the paragraph in the answer; if it is missing, amend the statutes or articles.",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    from asfcert.evidence.read_review import from_ocr
    from asfcert.evidence.review import scans
    from asfcert.evidence.text import sentences_with

    docs = ctx.documents.of_kind(EVIDENCE_KIND) if ctx.documents else []
    readable = [d for d in docs if d.has_text]
    outcome = Outcome(scans(ctx, docs))
    if not readable:
        outcome.figures = {"documents": len(docs)}
        return outcome
    words = {"purpose": opts.purpose_words, "dividend-restriction": opts.dividend_words}
    shown_sv, shown_en = [], []
    for part in opts.show:
        found = []
        for doc in readable:
            found += [
                {"file": doc.rel, "page": p, "text": s, **({"ocr_confidence": doc.ocr_confidence} if doc.ocr_confidence is not None else {})}
                for p, s in sentences_with(doc.texts, words[part], opts.max_sentences - len(found))
            ]
            if len(found) >= opts.max_sentences:
                break
        outcome.figures[part.replace("-", "_")] = found
        if found:
            where = found[0]["file"].rsplit("/", 1)[-1]
            # Each language's own quotation marks around the wording found.
            shown_sv.append(f"{_LABELS[part].sv} ({where} s. {found[0]['page']}): " + " ".join(f"”{f['text']}”" for f in found))
            shown_en.append(f"{_LABELS[part].en} ({where} p. {found[0]['page']}): " + " ".join(f"“{f['text']}”" for f in found))
            continue
        files = ", ".join(d.rel for d in readable)
        shown_sv.append(f"{_LABELS[part].sv}: hittades inte")
        shown_en.append(f"{_LABELS[part].en}: not found")
        scanned = next((d for d in readable if d.ocr_confidence is not None), readable[0])
        outcome.findings.append(from_ocr(
            STATUTES_WORDING_MISSING(
                location=Location(readable[0].rel), severity=ctx.severity, requirement=ctx.requirement.id,
                part=_PARTS[part], files=files, words=", ".join(f"«{w}»" for w in words[part]),  # search terms, some English: quoted as terms
            ), scanned,
        ))
    outcome.summary = L10n(" · ".join(shown_sv), " · ".join(shown_en))
    return outcome


KINDS = made_by(ID, STATUTES_WORDING_MISSING)

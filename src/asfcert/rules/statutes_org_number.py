"""`statutes-org-number`: the statutes or articles of association in `evidence/` name the
company's organisation number.

Statutes hold until they are changed, so they have no age. Of several copies, it passes
when any readable one names the number (in any written form, see `annual-report`); when
none does, the finding is on the first and says which other organisation number it
names, if any. A scanned document is read by OCR (a finding drawn from it says so, and
`ocr_confidence` is among the figures); one OCR cannot read well enough is
`document-needs-review`; a folder with no statutes
gets `evidence-kind-missing`. `asfcert intake` uses it for the application's statutes.

Passes with `org_number: "769612-3456"`::

    evidence/stadgar/stadgar.pdf:
      Stadgar för Exempel ekonomisk förening, org.nr 769612-3456.

Fails (`document-org-number-missing`)::

    evidence/stadgar/stadgar.pdf:
      Stadgar för Annat AB, org.nr 556036-0793.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand
from asfcert.rules.documents import org_number_named

ID = "statutes-org-number"
EVIDENCE_KIND = "statutes"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["statutes-org-number"]

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


def _ocr(doc) -> dict:
    return {"ocr_confidence": doc.ocr_confidence} if doc.ocr_confidence is not None else {}


def check(ctx: RuleContext, opts: Options) -> Outcome:
    from asfcert.evidence.review import scans

    docs = sorted(ctx.documents.of_kind(EVIDENCE_KIND), key=lambda d: d.rel) if ctx.documents else []
    outcome = Outcome(scans(ctx, docs))
    readable = [d for d in docs if d.has_text]
    if not readable:
        return outcome
    unnamed = None
    for doc in readable:
        found, missing = org_number_named(ctx, doc)
        if missing is None:
            outcome.figures.update(file=doc.rel, org_number_page=found[0] if found else None, **_ocr(doc))
            return outcome
        unnamed = unnamed or missing
    outcome.figures.update(file=readable[0].rel, org_number_page=None, **_ocr(readable[0]))
    outcome.findings.append(unnamed)
    return outcome

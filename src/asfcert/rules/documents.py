"""What the rules that read documents share: whether a document names the company's
organisation number (`annual-report`, `minutes-dated`, `statutes-org-number`).

The number counts in any of its written forms: 769612-3456, 7696123456, 769612 3456,
16769612-3456 or the VAT number SE769612345601. A sole trader's number is a personal
identity number, masked in the texts: its masked form is looked for. When a document does
not name the number but names another valid organisation number, the finding says which:
the document probably belongs to another company. Drawn from text read by OCR, the
finding says so, with the OCR confidence.
"""

from __future__ import annotations

import re

from asfcert.base.findings import Finding, Kind, Location, made_by
from asfcert.base.i18n import L10n

DOCUMENT_ORG_NUMBER_MISSING = Kind(
    "document-org-number-missing",
    L10n("Dokumentet nämner inte organisationsnumret", "Document does not name the organisation number"),
    L10n(
        "{file} nämner inte organisationsnumret {org_number} i någon form{other}; är det rätt företags dokument?",
        "{file} does not name the organisation number {org_number} in any form{other}; is it the right company's document?",
    ),
    L10n(
        "Lägg in dokumentet för företaget med organisationsnummer {org_number}, i en version där numret står (till exempel kopian från Bolagsverket), eller rätta `org_number` i company.yaml.",
        "Add the document of the company with organisation number {org_number}, in a version that shows the number (for example the copy from the Swedish Companies Registration Office), or correct org_number in company.yaml.",
    ),
)
KINDS = made_by("rules", DOCUMENT_ORG_NUMBER_MISSING)  # the engine marks each with the rule that found it

_NUMBER = re.compile(r"(?<![\d])(\d{6})[-\u2010-\u2013 ]?(\d{4})(?![\d])")


def names_number(texts: list[str], number: str) -> tuple[int, str] | None:
    """(page, the form found) where the texts name `number`, or None."""
    from asfcert.evidence.text import find_org_number
    from asfcert.rules.org_number import is_personal, normalise

    digits = normalise(number)
    if len(digits) != 10 or not digits.isdigit():
        return None
    if is_personal(digits):
        wanted = digits[:6] + "-****"
        return next(((i, wanted) for i, t in enumerate(texts, 1) if wanted in t), None)
    return find_org_number(texts, digits)


def other_number(texts: list[str], own: str) -> str | None:
    """The first valid organisation number in the texts that is not `own`."""
    from asfcert.rules.org_number import invalid_reason, is_personal, normalise

    own = normalise(own)
    for text in texts:
        for m in _NUMBER.finditer(text):
            digits = m.group(1) + m.group(2)
            if digits != own and not is_personal(digits) and invalid_reason(digits) is None:
                return f"{digits[:6]}-{digits[6:]}"
    return None


def org_number_named(ctx, doc) -> tuple[tuple[int, str] | None, Finding | None]:
    """Whether `doc` names the company's number: (page and form, None), or (None, the
    finding). Nothing to say without a company profile."""
    from asfcert.evidence.read_review import from_ocr
    from asfcert.rules.org_number import masked

    if ctx.company is None:
        return None, None
    found = names_number(doc.texts, ctx.company.org_number)
    if found is not None:
        return found, None
    other = other_number(doc.texts, ctx.company.org_number)
    return None, from_ocr(DOCUMENT_ORG_NUMBER_MISSING(
        location=Location(doc.rel), severity=ctx.severity, requirement=ctx.requirement.id, file=doc.rel,
        org_number=masked(ctx.company.org_number),
        other=L10n(f" (det nämner {other})", f" (it names {other})") if other else L10n("", ""),
    ), doc)


KINDS = made_by("rules", DOCUMENT_ORG_NUMBER_MISSING)

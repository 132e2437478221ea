"""What a certificate's PDF and stamp show: pure functions of a certificate record and
what the certifier's registry adds (where to check it, the mark)."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.audit.labels import word, words
from asfcert.render.certificate.words import cert_word


def certificate_view(record, lang: Lang, qr: str, url: str | None, logo: bytes | None = None) -> dict:
    """The framed certificate (ISO/IEC 17021-1 §8.2.2): who certifies (name, address,
    mark), whom (name, number, location), the scope, the standard, the dates and number,
    for a re-certification the original date and the certificate replaced. Remarks are
    not on it: they belong to the decision, the record and `verify`. `qr` is what the QR
    code holds (the verification page's `url`, or a signed token when there is none)."""
    from asfcert.rules.org_number import masked

    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    C = lambda name, **p: cert_word(name, lang, **p)  # noqa: E731
    title = record.standard.title_en if lang == "en" else record.standard.title_sv
    company = record.company
    scope = C("scope_activities", activities=", ".join(company.activities)) if company.activities else C("scope_whole")
    rows = [(W("number"), record.number), (W("effective"), record.effective.isoformat()), (W("valid_until"), record.valid_until.isoformat())]
    if record.previous:
        if record.original_date:
            rows.append((C("original_date"), record.original_date.isoformat()))
        rows.append((C("replaces"), record.previous))
    rows.append((W("auditor"), record.decision.auditor))
    certifier_line = " · ".join(x for x in (record.certifier_address, record.certifier_org_number) if x)
    return {
        "lang": lang,
        "w": words(lang),
        "number": record.number,
        "certifier": record.certifier,
        "certifier_line": certifier_line,
        "logo": logo,
        "attests": W("cert_attests", certifier=record.certifier),
        "company": company.name,
        "company_line": " · ".join(x for x in (f"{W('org_number')} {masked(company.org_number)}", company.location) if x),
        "standard_title": title or record.standard.id,
        "standard_id": record.standard.id,
        "standard_version": record.standard.version,
        "scope_label": C("scope"),
        "scope": scope,
        "rows": rows,
        "code": record.code,
        "qr": qr,
        "verify": C("verify_open") if url else C("verify_ask", certifier=record.certifier),
        "url": url,
        "issued": record.issued.isoformat(),
        "issued_line": C("issued_line", date=record.issued.isoformat(), certifier=record.certifier),
    }


def stamp_view(record, lang: Lang) -> dict:
    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    return {
        "heading": W("stamp_certified"),
        "certifier": record.certifier,
        "number": record.number,
        "until": W("stamp_until", date=record.valid_until.isoformat()),
        "label": f"{W('stamp_certified')} ASF – {record.company.name} – {record.certifier} {record.number}",
        "colour": "#2f6f4f",
    }


def render_pdf(record, lang: Lang, qr: str, url: str | None, logo: bytes | None = None, signature=None) -> bytes:
    """The certificate as a PDF: unsigned, or signed as it is written when `signature`
    (render.common.pdfwrite.Signature, made by certify/signing.py) is given."""
    from asfcert.render.certificate import pdf as certificate_pdf

    return certificate_pdf.render(certificate_view(record, lang, qr, url, logo), signature)

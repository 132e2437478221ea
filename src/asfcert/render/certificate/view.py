"""What a certificate's PDF and stamp show: pure functions of a certificate record."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.records.certificates import verification_code  # noqa: F401 - the code printed on the certificate
from asfcert.render.audit.labels import outcome_name, word, words


def qr_text(record, verify_url: str | None) -> str:
    if verify_url:
        return verify_url.replace("{number}", record.number).replace("{code}", record.code)
    return f"{record.certifier} {record.number} {record.code}"


def certificate_view(record, lang: Lang, verify_url: str | None) -> dict:
    from asfcert.rules.org_number import masked

    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    title = record.standard.title_en if lang == "en" else record.standard.title_sv
    verify = verify_url.replace("{number}", record.number).replace("{code}", record.code) if verify_url else W(
        "verify_cmd", number=record.number
    )
    return {
        "lang": lang,
        "w": words(lang),
        "number": record.number,
        "certifier": record.certifier,
        "certifier_org_number": record.certifier_org_number,
        "attests": W("cert_attests", certifier=record.certifier),
        "company": record.company.name,
        "org_number": masked(record.company.org_number),
        "standard_title": title or record.standard.id,
        "standard_id": record.standard.id,
        "standard_version": record.standard.version,
        "outcome": outcome_name(record.decision.outcome, lang),
        "effective": record.effective.isoformat(),
        "valid_until": record.valid_until.isoformat(),
        "auditor": record.decision.auditor,
        "replaces": W("replaces", number=record.previous) if record.previous else None,
        "remarks": [
            {"id": r.requirement, "title": (r.title_en if lang == "en" else r.title_sv) or "", "deadline": r.deadline.isoformat()}
            for r in record.remarks
        ],
        "code": record.code,
        "qr": qr_text(record, verify_url),
        "verify": verify,
        "issued": record.issued.isoformat(),
        "issued_line": f"{record.certifier} · {record.issued.isoformat()} · asfcert",
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


def render_pdf(record, lang: Lang, verify_url: str | None) -> bytes:
    from asfcert.render.certificate import pdf as certificate_pdf

    return certificate_pdf.render(certificate_view(record, lang, verify_url))

"""The documents of a certificate: the data its PDF and stamp are drawn from, the
verification code, and writing them (with a copy of the record) into the company folder."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from asfcert import atomic
from asfcert.i18n import Lang
from asfcert.render.audit_labels import outcome_name, word, words

CERTIFICATE_DIR = "certificate"  # in the company folder


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verification_code(certifier: str, number: str, org_number: str, effective, valid_until) -> str:
    """A short code printed on the certificate: a checksum of what it states (not a
    secret). `verify NUMBER --code CODE` compares it with the registry's record."""
    digits = re.sub(r"\D", "", org_number)
    text = f"{certifier}|{number}|{digits}|{effective.isoformat()}|{valid_until.isoformat()}"
    code = base64.b32encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()[:10]
    return f"{code[:5]}-{code[5:]}"


def public(record) -> dict:
    """The record as JSON for output: the organisation number masked when it is a
    personal identity number (a sole trader), the snapshot left out."""
    from asfcert.rules.org_number import masked

    data = record.model_dump(mode="json", exclude={"snapshot"})
    data["company"]["org_number"] = masked(record.company.org_number)
    return data


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
    from asfcert.render import certificate_pdf

    return certificate_pdf.render(certificate_view(record, lang, verify_url))


def write_company_files(root: Path, record, lang: Lang, pdf: bytes) -> list[Path]:
    """The PDF, the stamp as SVG and PNG, and a copy of the record, in certificate/."""
    from asfcert.render import stamp

    folder = Path(root) / CERTIFICATE_DIR
    view = stamp_view(record, lang)
    files = {
        folder / f"{record.number}-{lang}.pdf": pdf,
        folder / f"stamp-{record.number}-{lang}.svg": stamp.svg(view).encode("utf-8"),
        folder / f"stamp-{record.number}-{lang}.png": stamp.png(view),
    }
    for path, data in files.items():
        atomic.write_bytes(path, data)
    copy = folder / f"{record.number}.yaml"
    write_copy(copy, record)
    return [*files, copy]


def write_copy(path: Path, record) -> None:
    """The company's copy of a record. The registry's record is the authoritative one."""
    from asfcert.certify.registry import dump

    atomic.write_text(path, dump(record).replace(
        "# Certificate record written by `asfcert certify`.",
        "# A copy of the registry's certificate record; the registry's copy is authoritative.", 1,
    ))


def refresh_copy(registry, record) -> None:
    """Update the copy in the company folder after a status change, when it is reachable."""
    if not record.company.folder:
        return
    path = registry.root / record.company.folder / CERTIFICATE_DIR / f"{record.number}.yaml"
    if path.parent.is_dir():
        write_copy(path, record)

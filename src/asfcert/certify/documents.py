"""The documents of a certificate in the company folder: the PDF and the stamp (SVG and
PNG), rendered from the record. Written by `certify` through `records.certificates`."""

from __future__ import annotations

from pathlib import Path

from asfcert.base.i18n import Lang
from asfcert.records.certificates import company_files


def company_documents(root: Path, record, lang: Lang, pdf: bytes) -> dict[Path, bytes]:
    """The PDF as issued and the stamp as SVG and PNG, by where they go in certificate/."""
    from asfcert.render.certificate import stamp
    from asfcert.render.certificate.view import stamp_view

    view = stamp_view(record, lang)
    paths = company_files(root, record.number, lang)
    return {paths["pdf"]: pdf, paths["svg"]: stamp.svg(view).encode("utf-8"), paths["png"]: stamp.png(view)}

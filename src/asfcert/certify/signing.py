"""Signing a certificate PDF: PAdES (ETSI.CAdES.detached, baseline B-B) covering the whole
file, with a visible signature block on the page. `signature` signs as the certificate is
written, in one pass and without pyHanko (certify/cms.py builds the CMS); `sign_pdf` signs
a finished PDF with pyHanko, as an incremental update, and is what a timestamp needs.

The block is drawn (render/common/pdfwrite.py) in the certificate's own font and colours (so å, ä and ö
show, which pyHanko's built-in Courier stamp cannot promise) and placed as the signature
field's appearance. It states who signed, the day, and the start of the root
certificate's fingerprint, which a reader can compare with the one the certifier
publishes. The CMS carries the signing certificate and the root, so a verifier needs
nothing but the published root (evidence/signature.py).

With a timestamper (`timestamper_for(url)`, the future `--tsa URL`) the signature also
gets an RFC 3161 signature timestamp (PAdES B-T). Off by default: nothing here reaches
the network unless a TSA address is given."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from asfcert.base.i18n import L10n, Lang
from asfcert.records.trust import Signer, fingerprint
from asfcert.render.certificate.pdf import SIGNATURE_AREA

FIELD = "CertifierSignature"
MM = 72 / 25.4  # PDF points per millimetre
GREEN = (47, 111, 79)
GREY = (90, 90, 90)


@dataclass(frozen=True)
class Box:
    """Where the block goes, in millimetres from the page's top-left corner (as
    render/certificate/pdf.py lays out the certificate)."""

    x: float
    y: float
    w: float
    h: float


# Right of the QR code at the foot of the A4 certificate, in the area its renderer leaves
# free (render/certificate/pdf.py), clear of the frame.
DEFAULT_BOX = Box(*SIGNATURE_AREA)

_WORDS = {
    "signed": L10n("Digitalt signerat", "Digitally signed"),
    "date": L10n("Signerat {date}", "Signed {date}"),
    "by": L10n("Signeringscertifikat: {name}", "Signing certificate: {name}"),
    "root": L10n("Rotcertifikat SHA-256 {start} …", "Root certificate SHA-256 {start} …"),
    "reason": L10n("Certifikat {number} utfärdat av {certifier}", "Certificate {number} issued by {certifier}"),
}


def _word(key: str, lang: Lang, **params) -> str:
    return _WORDS[key].format(**params).get(lang)


def _common_name(cert) -> str:
    from cryptography.x509.oid import NameOID

    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def _organisation(cert) -> str:
    from cryptography.x509.oid import NameOID

    names = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(names[0].value) if names else _common_name(cert)


def appearance(signer: Signer, box: Box, lang: Lang, when: dt.datetime) -> bytes:
    """The visible block as a one-page PDF of exactly the box's size (what pyHanko places
    when it signs: `sign_pdf`)."""
    from asfcert.render.common.pdfwrite import Document

    pdf = Document(title="signature", subject="", keywords="", created=when.date(),
                   lang=lang, margins=(0, 0, 0), size=(box.w, box.h))
    pdf.add_page()
    _draw(pdf, signer, box, lang, when)
    return pdf.output()


def _draw(pdf, signer: Signer, box: Box, lang: Lang, when: dt.datetime) -> None:
    """The block, on a page (or form) the size of `box`."""
    from asfcert.render.common.pdfdoc import FONT

    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(0.35)
    pdf.rect(0.4, 0.4, box.w - 0.8, box.h - 0.8, radius=1.5)
    pdf.set_fill_color(*GREEN)
    pdf.rect(0.4, 0.4, 2.2, box.h - 0.8, style="F")
    x, width = 5, box.w - 7
    lines = [
        (_word("signed", lang), "B", 8.5, GREEN),
        (_organisation(signer.certificate), "B", 8.5, (0, 0, 0)),
        (_word("date", lang, date=when.date().isoformat()), "", 7.5, (0, 0, 0)),
        (_word("by", lang, name=_common_name(signer.certificate)), "", 6.5, GREY),
        (_word("root", lang, start=fingerprint(signer.root)[:23]), "", 6.5, GREY),
    ]
    pdf.set_y(2.4)
    for text, style, size, colour in lines:
        pdf.set_x(x)
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(*colour)
        pdf.cell(width, size * 0.48, text, then="next")


def signature(signer: Signer, *, number: str, lang: Lang = "sv", box: Box = DEFAULT_BOX, now: dt.datetime | None = None):
    """The signature a certificate PDF is written with (render.common.pdfwrite.Signature),
    without pyHanko: the same PAdES profile (certify/cms.py), field, block and entries as
    `sign_pdf`, in one pass. The time is whole seconds, as /M states it."""
    from asfcert.certify.cms import signed_data
    from asfcert.render.common.pdfwrite import Signature

    when = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    name = _organisation(signer.certificate)
    return Signature(
        field=FIELD,
        box=(box.x, box.y, box.w, box.h),
        draw=lambda pdf: _draw(pdf, signer, box, lang, when),
        sign=lambda content: signed_data(content, signer),
        when=when,
        entries=(("Name", name), ("Reason", _word("reason", lang, number=number, certifier=name))),
    )


def _page_content(pdf: bytes, width: float, height: float):
    """pyHanko content that draws the first page of `pdf` (a form XObject)."""
    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.reader import PdfFileReader

    class Page(content.PdfContent):
        def render(self) -> bytes:
            xobject = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(pdf)))
            self.resources.xobject["/AsfcertSignature"] = xobject
            return b"/AsfcertSignature Do"

    return Page(box=layout.BoxConstraints(width=width, height=height))


def _page_top(page) -> float:
    """The top edge of the page's media box, which may be inherited from the page tree."""
    node = page
    for _ in range(32):
        if "/MediaBox" in node:
            return float(node["/MediaBox"][3])
        if "/Parent" not in node:
            break
        node = node["/Parent"].get_object()
    return 842.0  # A4, the PDF default for asfcert's pages


def timestamper_for(url: str, timeout: float = 10):
    """An RFC 3161 client for `--tsa URL` (pyHanko's HTTP timestamper). Only made when a
    certifier asks for it; the request is sent when signing."""
    from urllib.parse import urlsplit

    from pyhanko.sign.timestamps import HTTPTimeStamper

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not a TSA address: {url!r}")
    return HTTPTimeStamper(url, https=parts.scheme == "https", timeout=timeout)


def sign_pdf(
    pdf: bytes,
    signer: Signer,
    *,
    number: str,
    lang: Lang = "sv",
    box: Box = DEFAULT_BOX,
    page: int = 0,
    timestamper=None,
    now: dt.datetime | None = None,
) -> bytes:
    """`pdf` signed by `signer` (PAdES, SHA-256, ECDSA P-256), with the visible block in
    `box` on `page`. `number` names the certificate in the signature's reason."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import (
        AxisAlignment,
        InnerScaling,
        Margins,
        SimpleBoxLayoutRule,
    )
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from asfcert.records.trust import der

    when = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=True)
    page_ref, _ = writer.find_page_for_modification(page)
    top = _page_top(page_ref.get_object())
    rect = (box.x * MM, top - (box.y + box.h) * MM, (box.x + box.w) * MM, top - box.y * MM)
    key_der = signer.key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    cms_signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(der(signer.certificate)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(der(signer.root))]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=_word("reason", lang, number=number, certifier=_organisation(signer.certificate)),
        name=_organisation(signer.certificate),
    )
    style = StaticStampStyle(
        background=_page_content(appearance(signer, box, lang, when), box.w * MM, box.h * MM),
        background_opacity=1.0,
        border_width=0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MIN, margins=Margins(), inner_content_scaling=InnerScaling.STRETCH_FILL
        ),
    )
    pdf_signer = signers.PdfSigner(
        meta, cms_signer, timestamper=timestamper, stamp_style=style,
        new_field_spec=fields.SigFieldSpec(FIELD, on_page=page, box=rect),
    )
    return pdf_signer.sign_pdf(writer).getvalue()

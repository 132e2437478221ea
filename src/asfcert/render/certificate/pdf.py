"""The certificate as a one-page A4 PDF (render/common/pdfwrite.py), to be framed.

The number is both visible and in the PDF's metadata (subject and keywords), so `verify`
can find it; the page carries a QR code (segno's encoder) and a short verification code. The area
SIGNATURE_AREA is left free for the visible signature block that certify/signing.py
draws when it signs the page. Pure function of `data` (`view.certificate_view`)."""

from __future__ import annotations

import datetime as dt
import io

from asfcert.render.common.pdfdoc import FONT
from asfcert.render.common.pdfwrite import Document, Signature

GREEN = (47, 111, 79)
GREY = (90, 90, 90)
# x, y, width, height in mm from the top-left corner: the signature block, right of the
# QR code at the foot of the page. Nothing is drawn there.
SIGNATURE_AREA = (110.0, 222.0, 78.0, 24.0)
LOGO_BOX = (40.0, 16.0)  # the widest and highest the certifier's mark is drawn, in mm
QR_SIZE = 30.0
QR_TOP = 219.0


def qr_png(text: str) -> bytes:
    """The QR code as segno draws it (render/certificate/qrcode.py)."""
    from asfcert.render.certificate import qrcode

    return qrcode.png(text)


def render(data: dict, signature: Signature | None = None) -> bytes:
    """The page at full size, or tighter (smaller type and gaps) when a long name, title
    or scope would reach the QR code and the signature block; signed in the same pass
    when a `signature` is given (its block drawn in SIGNATURE_AREA)."""
    for scale in (1.0, 0.92, 0.84, 0.76):
        pdf = _page(data, scale)
        if pdf.get_y() <= QR_TOP - 4:
            break
    _foot(pdf, data, data["w"])
    return pdf.output(signature)


def _page(data: dict, k: float) -> Document:
    w = data["w"]
    pdf = Document(
        title=f"{w['certificate']} {data['number']} – {data['company']}",
        subject=data["number"],
        keywords=f"asfcert certificate {data['number']} {data['standard_id']} {data['standard_version']}",
        created=dt.date.fromisoformat(data["issued"]),
        lang=data["lang"],
        margins=(22, 20, 22),
    )
    pdf.add_page()
    _frame(pdf)
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def centred(text: str, size: float, style: str = "", gap: float = 2, colour=(0, 0, 0), height: float | None = None):
        pdf.set_font(FONT, style, size * k)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, (height or size * 0.45) * k, text, align="C")
        pdf.ln(gap * k)

    pdf.set_y(21)
    if data.get("logo"):
        _logo(pdf, data["logo"], k)
    centred(data["certifier"], 13, "B", 1, GREEN)
    if data["certifier_line"]:
        centred(data["certifier_line"], 8.5, "", 0, GREY)
    pdf.ln(6 * k)
    pdf.set_char_spacing(3)
    centred(w["cert_heading"], 30, "B", 2, GREEN)
    pdf.set_char_spacing(0)
    centred(w["cert_subtitle"], 13, "", 9)
    centred(data["attests"], 12, "", 3)
    centred(data["company"], 21, "B", 1, height=10)
    centred(data["company_line"], 10.5, "", 6, GREY)
    centred(w["cert_meets"], 12, "", 2)
    centred(data["standard_title"], 12, "B", 0.5, height=6)
    centred(f"{data['standard_id']}, {w['version']} {data['standard_version']}", 10, "", 5, GREY)
    centred(data["scope_label"], 9, "B", 0.5, GREY)
    centred(data["scope"], 10, "", 6, height=5)

    label_w, value_w = 66, 84
    x0 = pdf.l_margin + (width - label_w - value_w) / 2
    for label, value in data["rows"]:
        pdf.set_x(x0)
        pdf.set_font(FONT, "", 10 * k)
        pdf.set_text_color(*GREY)
        pdf.cell(label_w, 6.5 * k, label)
        pdf.set_font(FONT, "B", 11 * k)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(value_w, 6.5 * k, value, then="next")
    return pdf


def _logo(pdf, logo: bytes, k: float) -> None:
    """The certifier's mark, centred, within LOGO_BOX and in its own proportions."""
    from PIL import Image

    with Image.open(io.BytesIO(logo)) as image:
        ratio = image.width / max(1, image.height)
    box_w, box_h = LOGO_BOX
    h = min(box_h * k, box_w / ratio)
    w = h * ratio
    y = pdf.get_y()
    pdf.image(logo, (pdf.w - w) / 2, y, w, h)
    pdf.set_y(y + h + 3 * k)


def _foot(pdf, data: dict, w: dict) -> None:
    """The QR code and the verification code left of the signature block, then how to
    check the certificate and when it was issued, left-aligned (never justified)."""
    x = pdf.l_margin + 4
    pdf.image(qr_png(data["qr"]), x, QR_TOP, QR_SIZE, QR_SIZE)
    text_x = x + QR_SIZE + 4
    text_w = SIGNATURE_AREA[0] - 3 - text_x
    pdf.set_xy(text_x, QR_TOP + 8)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*GREY)
    pdf.cell(text_w, 5, w["code"], then="below")
    pdf.set_font(FONT, "B", 11.5)
    pdf.set_text_color(0, 0, 0)
    pdf.cell(text_w, 6, data["code"], then="below")
    full = pdf.w - pdf.r_margin - x
    pdf.set_xy(x, QR_TOP + QR_SIZE + 4)
    pdf.set_font(FONT, "B", 9)
    pdf.multi_cell(full, 4.8, f"{w['verify_at']}:", then="below")
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(full, 4.8, data["verify"], then="below")
    if data.get("url"):  # whole on one line, in smaller type when it is long
        size = 9.0
        while size > 5 and pdf.get_string_width(data["url"]) > full:
            size -= 0.5
            pdf.set_font(FONT, "", size)
        pdf.cell(full, 4.8, data["url"], then="below")
    pdf.set_xy(x, pdf.get_y() + 1.5)
    pdf.set_text_color(*GREY)
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(full, 4.2, data["issued_line"], then="below")


def _frame(pdf) -> None:
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(1.6)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.4)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)
    pdf.set_draw_color(0, 0, 0)

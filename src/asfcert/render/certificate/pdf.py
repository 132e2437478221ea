"""The certificate as a one-page A4 PDF, laid out with fpdf2.

The number is both visible and in the PDF's metadata (subject and keywords), so `verify`
can find it; the page carries a QR code (segno) and a short verification code. The same
data always gives the same bytes (fixed creation date and metadata), which lets a crashed
`certify` run complete without changing the issued document. Pure function of `data`
(`asfcert.certify.issue.certificate_view`)."""

from __future__ import annotations

import datetime as dt
import io

from asfcert.render.common.pdfdoc import FONT, new_pdf

GREEN = (47, 111, 79)
GREY = (90, 90, 90)


def qr_png(text: str) -> bytes:
    import segno

    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buf, kind="png", scale=8, border=2, dark="#1b3d2c")
    return buf.getvalue()


def render(data: dict) -> bytes:
    w = data["w"]
    pdf = new_pdf(
        title=f"{w['certificate']} {data['number']} – {data['company']}",
        subject=data["number"],
        keywords=f"asfcert certificate {data['number']} {data['standard_id']} {data['standard_version']}",
        created=dt.date.fromisoformat(data["issued"]),
        lang=data["lang"],
    )
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(22, 20, 22)
    pdf.add_page()
    _frame(pdf)
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def centred(text: str, size: float, style: str = "", gap: float = 2, colour=(0, 0, 0), height: float | None = None):
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, height or size * 0.45, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    pdf.set_y(24)
    certifier = data["certifier"] + (f"  ·  {data['certifier_org_number']}" if data.get("certifier_org_number") else "")
    centred(certifier, 12, "B", 10, GREEN)
    pdf.set_char_spacing(3)
    centred(w["cert_heading"], 30, "B", 3, GREEN)
    pdf.set_char_spacing(0)
    centred(w["cert_subtitle"], 13, "", 12)
    centred(data["attests"], 12, "", 4)
    centred(data["company"], 21, "B", 2, height=10)
    centred(f"{w['org_number']} {data['org_number']}", 11, "", 7)
    centred(w["cert_meets"], 12, "", 3)
    centred(data["standard_title"], 12, "B", 1, height=6)
    centred(f"({data['standard_id']}, {w['version']} {data['standard_version']})", 10, "", 6, GREY)
    centred(data["outcome"], 13, "B", 8, GREEN)

    rows = [
        (w["number"], data["number"]),
        (w["effective"], data["effective"]),
        (w["valid_until"], data["valid_until"]),
        (w["auditor"], data["auditor"]),
    ]
    if data.get("replaces"):
        rows.append(("", data["replaces"]))
    label_w = 62
    x0 = pdf.l_margin + (width - 150) / 2
    for label, value in rows:
        pdf.set_x(x0)
        pdf.set_font(FONT, "", 10.5)
        pdf.set_text_color(*GREY)
        pdf.cell(label_w, 7, label)
        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(150 - label_w, 7, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)

    pdf.set_x(x0)
    pdf.set_font(FONT, "B", 10.5)
    pdf.cell(150, 6, w["pending_remarks"] if data["remarks"] else w["no_remarks"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9.5)
    for r in data["remarks"][:8]:
        pdf.set_x(x0)
        pdf.multi_cell(150, 5, f"{r['id']}  {r['title']} – {w['deadline'].lower()} {r['deadline']}", new_x="LMARGIN", new_y="NEXT")
    if len(data["remarks"]) > 8:
        pdf.set_x(x0)
        pdf.cell(150, 5, f"+ {len(data['remarks']) - 8}", new_x="LMARGIN", new_y="NEXT")

    size = 34
    y = pdf.h - 22 - size
    pdf.image(io.BytesIO(qr_png(data["qr"])), x=pdf.l_margin + 4, y=y, w=size, h=size)
    pdf.set_xy(pdf.l_margin + size + 10, y + 4)
    text_w = width - size - 14
    pdf.set_font(FONT, "B", 10.5)
    pdf.cell(text_w, 6, f"{w['code']}: {data['code']}", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(text_w, 4.8, f"{w['verify_at']}: {data['verify']}", new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(*GREY)
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(text_w, 4.2, data["issued_line"], new_x="LEFT", new_y="NEXT")
    return bytes(pdf.output())


def _frame(pdf) -> None:
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(1.6)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.4)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)
    pdf.set_draw_color(0, 0, 0)

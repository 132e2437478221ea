"""The audit report as HTML and PDF, both from Jinja2 templates in templates/:

- `audit-report.html.j2`: a print-friendly page with inline CSS (A4 `@page`, rows that do
  not break across pages), to open in a browser or attach to an e-mail;
- `audit-report-pdf.html.j2`: the same content in the HTML subset fpdf2's `write_html`
  understands, laid out by fpdf2 with the shipped DejaVu fonts. This keeps one template
  language and needs no browser engine (WeasyPrint would pull in Pango and Cairo).

Pure functions of the report's data (`asfcert.audit.report.view`)."""

from __future__ import annotations

import datetime as dt

from asfcert.render.common.pdfdoc import FONT, environment, new_pdf


def html(data: dict) -> str:
    return environment().get_template("audit-report.html.j2").render(**data)


def pdf(data: dict, created: dt.date) -> bytes:
    from fpdf import FPDF

    body = environment().get_template("audit-report-pdf.html.j2").render(**data)
    footer_text = f"{data['w']['report_title']} – {data['company']['name']} – {data['company']['org_number']}"

    class Report(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font(FONT, size=7.5)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, footer_text, align="L")
            self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")
            self.set_text_color(0, 0, 0)

    doc = new_pdf(
        title=f"{data['w']['report_title']} – {data['company']['name']}",
        subject=data["company"]["name"],
        keywords=f"asfcert audit-report {data['standard']['id']} {data['standard']['version']}",
        created=created,
        lang=data["lang"],
        cls=Report,
    )
    doc.alias_nb_pages()
    doc.set_auto_page_break(auto=True, margin=16)
    doc.set_margins(16, 16, 16)
    doc.add_page()
    doc.set_font(FONT, size=9.5)
    doc.write_html(
        body,
        font_family=FONT,
        tag_styles=_styles(),
        table_line_separators=False,
    )
    return bytes(doc.output())


def _styles() -> dict:
    from fpdf.fonts import TextStyle

    return {
        "h1": TextStyle(font_family=FONT, font_style="B", font_size_pt=17, t_margin=0, b_margin=3),
        "h2": TextStyle(font_family=FONT, font_style="B", font_size_pt=12.5, t_margin=5, b_margin=2),
        "h3": TextStyle(font_family=FONT, font_style="B", font_size_pt=10.5, t_margin=3, b_margin=1),
    }

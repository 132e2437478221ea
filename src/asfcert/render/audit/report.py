"""The audit report as HTML and PDF, both from Jinja2 templates in templates/:

- `audit-report.html.j2`: a print-friendly page with inline CSS (A4 `@page`, rows that do
  not break across pages), to open in a browser or attach to an e-mail;
- the PDF: the same content laid out directly (report_pdf.py) and written by
  render/common/pdfwrite.py with the shipped DejaVu fonts; no browser engine (WeasyPrint
  would pull in Pango and Cairo), and not fpdf2, whose import alone took longer than
  the rest of `audit --report`.

Pure functions of the report's data (`asfcert.audit.report.view`)."""

from __future__ import annotations

import datetime as dt

from asfcert.base.safetext import visible
from asfcert.render.audit.report_pdf import Cell, Layout
from asfcert.render.common.pdfdoc import FONT, environment
from asfcert.render.common.pdfwrite import Document


def html(data: dict, compiled: str | None = None) -> str:
    """`compiled`: where the compiled template is kept between runs (`pdfdoc.environment`)."""
    return environment(compiled=compiled).get_template("audit-report.html.j2").render(**data)


def pdf(data: dict, created: dt.date) -> bytes:
    footer_text = visible(f"{data['w']['report_title']} – {data['company']['name']} – {data['company']['org_number']}")

    def footer(doc: Document, page: int, pages: int) -> None:
        doc.set_y(-12)
        doc.set_font(FONT, "", 7.5)
        doc.set_text_color(90, 90, 90)
        doc.cell(0, 5, footer_text, "L")
        doc.cell(0, 5, f"{page}/{pages}", "R")
        doc.set_text_color(0, 0, 0)

    doc = Document(
        title=f"{data['w']['report_title']} – {data['company']['name']}",
        subject=data["company"]["name"],
        keywords=f"asfcert audit-report {data['standard']['id']} {data['standard']['version']}",
        created=created,
        lang=data["lang"],
        margins=(16, 16, 16),
        bottom=16,
    )
    doc.footer = footer
    doc.set_font(FONT, "", 10)
    doc.add_page()
    _body(Layout(doc), data)
    return doc.output()


def _body(out: Layout, d: dict) -> None:
    """The report's content, in the order of the HTML report."""
    w = d["w"]
    out.heading(w["report_title"], 17, 0, 3)
    if d["draft"]:
        out.paragraph(w["draft"], bold=True, color=(0xAA, 0, 0))
    company, standard, decision = d["company"], d["standard"], d["decision"]
    facts = [
        (w["company"], company["name"]), (w["org_number"], company["org_number"]),
        (w["standard"], f"{standard['title']} ({standard['id']}, {w['version']} {standard['version']})"),
        (w["certifier"], d["certifier"]), (w["auditor"], d["auditor"]), (w["impartiality"], d["impartiality"]),
        (w["started"], d["started"]), (w["snapshot"], d["snapshot_taken"]),
    ]
    if decision["final"]:
        facts.append((w["decision_date"], decision["date"]))
    if d["certificate"]:
        facts.append((w["certificate"], d["certificate"]))
    rows = [[Cell(_text(k), bold=True), Cell(_text(v))] for k, v in facts]
    rows.append([Cell(_text(w["decision"] if decision["final"] else w["proposed"]), bold=True), Cell(_text(decision["outcome"]), bold=True)])
    out.table([32, 68], rows, border=False)

    if d["summary"]:
        out.heading(w["summary"], 12.5, 5, 2)
        out.paragraph(_text(d["summary"]))
    three = [13, 32, 55]
    for title, items, widths, fields in (
        (w["remarks"], d["remarks"], [13, 29, 40, 18], ("id", "title", "comment", "deadline")),
        (w["nonconformities"], d["nonconformities"], three, ("id", "title", "comment")),
        (w["observations"], d["observations"], three, ("id", "title", "comment")),
    ):
        out.heading(title, 12.5, 5, 2)
        if not items:
            out.paragraph(w["none"])
            continue
        head = [Cell(w[name if name != "id" else "requirement"], bold=True) for name in fields]
        out.table(widths, [[Cell(_flat(r[name])) for name in fields] for r in items], head=head)

    out.heading(w["per_clause"], 12.5, 5, 2)
    head = [Cell(w[name], bold=True) for name in ("requirement", "title", "severity", "machine", "grade", "comment")]
    for clause in d["clauses"]:
        out.heading(clause["heading"], 10.5, 3, 1)
        rows = []
        for r in clause["rows"]:
            rows.append([Cell(_text(r["id"])), Cell(_text(r["title"])), Cell(_text(r["severity"])), Cell(_text(r["machine"])),
                         Cell(_text(r["grade"]), bold=r["grade_key"] in ("major", "remark")), Cell(_flat(r["comment"]))])
            if r["figures"]:
                rows.append([Cell(""), Cell(f"{w['figures']}: {_text(r['figures'])}", span=5)])
        out.table([13, 24, 15, 10, 18, 20], rows, head=head)

    if d["changes"]:
        out.heading(w["changes"], 12.5, 5, 2)
        for change in d["changes"]:
            out.paragraph(_text(change), indent=5, bullet="•", after=0.5)
    since = d["since"]
    if since:
        out.heading(since["title"], 12.5, 5, 2)
        for line in since["lines"] or [w["none"]]:
            out.paragraph(_text(line), indent=5, bullet="•", after=0.5)

    out.heading(w["evidence"], 12.5, 5, 2)
    out.paragraph(w["hash_note"], 8)
    head = [Cell(w["file"], bold=True), Cell(w["kind"], bold=True), Cell(w["pages"], bold=True), Cell(w["size"], bold=True),
            Cell("SHA-256", bold=True)]
    rows = [[Cell(_text(e["path_pdf"]), mono=True), Cell(_text(e["kind"])), Cell(_text(e["pages"]), right=True),
             Cell(_text(e["size"]), right=True), Cell(f"{_text(e['sha256_short'])}…", mono=True)] for e in d["evidence"]]
    out.table([47, 20, 6, 10, 17], rows, head=head, size=7.5)
    out.paragraph(d["generated"], 8, color=(0x55, 0x55, 0x55))


def _text(value) -> str:
    return "" if value is None else str(value)


def _flat(value) -> str:
    """A comment on one line, as in the tables of the HTML report."""
    return _text(value).replace("\n", " ")

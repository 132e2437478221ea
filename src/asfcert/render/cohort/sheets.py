"""CSV and XLSX exports of a cohort report, for the funder's report.

Swedish CSV uses `;` between fields and a byte-order mark, as Excel in Sweden expects;
English CSV uses `,`."""

from __future__ import annotations

import csv
import io

from asfcert.base.i18n import Lang
from asfcert.base.safetext import cell as safe_cell
from asfcert.render.cohort.labels import word
from asfcert.render.cohort.tables import (
    company_table,
    heatmap_rows,
    indicator_table,
    remarks_table,
)


def _csv(headers: list[str], rows: list[list], lang: Lang) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "sv" else ",", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:  # names come from people's files: `cell` keeps a spreadsheet from running them
        writer.writerow(["" if v is None else (str(v).replace(".", ",") if lang == "sv" and isinstance(v, float) else safe_cell(v)) for v in row])
    return buf.getvalue().encode("utf-8-sig" if lang == "sv" else "utf-8")


def companies_csv(report, lang: Lang) -> bytes:
    return _csv(*company_table(report, lang), lang)


def indicators_csv(report, lang: Lang) -> bytes:
    return _csv(*indicator_table(report, lang), lang)


def xlsx(report, lang: Lang) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    book = Workbook()

    def sheet(title: str, headers: list[str], rows: list[list], first: bool = False):
        ws = book.active if first else book.create_sheet()
        ws.title = title[:31]
        ws.append(headers)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append([safe_cell(v) for v in row])  # no control characters (openpyxl refuses them), no formulas
        ws.freeze_panes = "B2"
        for i, header in enumerate(headers, 1):
            width = max([len(str(header))] + [len(str(r[i - 1])) for r in rows if r[i - 1] is not None][:200])
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
        return ws

    sheet(word("indicators", lang), *indicator_table(report, lang), first=True)
    sheet(word("companies", lang), *company_table(report, lang))
    remarks = remarks_table(report)
    sheet(
        word("remarks_sheet", lang),
        [word("cohort", lang), word("company", lang), word("requirement", lang), word("remarks", lang), word("deadline", lang), word("past_due", lang)],
        [[m["cohort"], m["company"], m["requirement"], m["text"], m["deadline"], word("yes" if m["past_due"] else "no", lang)] for m in remarks],
    )
    columns, grid, _ = heatmap_rows(report, aggregate=False)
    ws = sheet(word("readiness_sheet", lang), [word("company", lang)] + columns, [[name] + [values.get(c) for c in columns] for name, values in grid])
    fills = [(100, "2F8A4F"), (75, "9CCC65"), (50, "FFD54F"), (25, "FFA726"), (0, "E57373")]
    for row in ws.iter_rows(min_row=2, min_col=2):
        for cell in row:
            if isinstance(cell.value, int):
                colour = next(c for limit, c in fills if cell.value >= limit)
                cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()

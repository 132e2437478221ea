"""CSV and XLSX exports of a cohort report, for the funder's report.

Swedish CSV uses `;` between fields and a byte-order mark, as Excel in Sweden expects;
English CSV uses `,`. Amounts are whole kronor.

The workbook holds real values: dates as dates, shares as percentages, amounts and hours as
numbers; every sheet has a frozen header row, an autofilter and column widths."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from asfcert.base.i18n import Lang
from asfcert.base.safetext import cell as safe_cell
from asfcert.render.cohort.labels import INDICATORS, word
from asfcert.render.cohort.tables import (
    COMPANY_KEYS,
    company_table,
    complaints_table,
    dropouts_table,
    due_soon_table,
    effects_table,
    heatmap_rows,
    indicator_table,
    overdue_table,
    remarks_table,
    renewals_table,
)


def _csv(headers: list[str], rows: list[list], lang: Lang) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "sv" else ",", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:  # names come from people's files: `cell` keeps a spreadsheet from running them
        writer.writerow(["" if v is None else _csv_value(v, lang) for v in row])
    return buf.getvalue().encode("utf-8-sig" if lang == "sv" else "utf-8")


def _csv_value(v, lang: Lang):
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return str(v).replace(".", ",") if lang == "sv" else str(v)
    return safe_cell(v)


def companies_csv(report, lang: Lang) -> bytes:
    return _csv(*company_table(report, lang), lang)


def indicators_csv(report, lang: Lang) -> bytes:
    return _csv(*indicator_table(report, lang), lang)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FORMATS = {"date": "yyyy-mm-dd", "percent": "0.0%", "kronor": '#,##0 "kr"', "number": "#,##0"}
_COMPANY_KINDS = {"percent_ready": "percent", "fee_sek": "kronor", "valid_until": "date", "hours_spent": "number",
                  "group_supervision_hours": "number", "individual_supervision_hours": "number"}


def _kind_of_indicator(key: str) -> str:
    return "percent" if "percent" in key else "kronor" if key.endswith("_sek") else "number"


def _value(v, kind: str | None):
    """A cell's value as the spreadsheet should hold it: a date, a fraction, a number."""
    if v is None:
        return None
    if kind == "date" and isinstance(v, str) and _ISO_DATE.match(v):
        return dt.date.fromisoformat(v)
    if kind == "percent" and isinstance(v, (int, float)) and not isinstance(v, bool):
        return v / 100
    return safe_cell(v)  # no control characters (openpyxl refuses them), no formulas


def xlsx(report, lang: Lang) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    book = Workbook()

    def sheet(title: str, headers: list[str], rows: list[list], kinds: list | None = None, *, first: bool = False, row_kinds: list | None = None):
        """`kinds`: per column (date, percent, kronor, number); `row_kinds`: per row instead."""
        ws = book.active if first else book.create_sheet()
        ws.title = title[:31]
        ws.append(headers)
        for cell in ws[1]:
            cell.font = bold
        for r, row in enumerate(rows):
            kind_of = (lambda c: row_kinds[r] if c else None) if row_kinds else (lambda c: kinds[c] if kinds else None)
            ws.append([_value(v, kind_of(c)) for c, v in enumerate(row)])
            for c, cell in enumerate(ws[ws.max_row]):
                kind = kind_of(c)
                if kind in _FORMATS and cell.value is not None and not isinstance(cell.value, str):
                    cell.number_format = "#,##0.0" if kind == "number" and isinstance(cell.value, float) and not cell.value.is_integer() else _FORMATS[kind]
        ws.freeze_panes = "B2"  # the header row and the first column stay in view
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{max(len(rows) + 1, 1)}"
        for i, header in enumerate(headers, 1):
            shown = [10 if kinds and kinds[i - 1] == "date" and _ISO_DATE.match(str(r[i - 1])) else len(str(r[i - 1]))
                     for r in rows[:200] if r[i - 1] is not None]
            ws.column_dimensions[get_column_letter(i)].width = min(max(max([len(str(header))] + shown) + 3, 8), 60)
        return ws

    ind_headers, ind_rows = indicator_table(report, lang)
    sheet(word("indicators", lang), ind_headers, ind_rows, first=True, row_kinds=[_kind_of_indicator(k) for k, _ in INDICATORS])
    sheet(word("companies", lang), *company_table(report, lang), [_COMPANY_KINDS.get(k) for k in COMPANY_KEYS])
    remarks = remarks_table(report)
    sheet(
        word("remarks_sheet", lang),
        [word("cohort", lang), word("company", lang), word("requirement", lang), word("remarks", lang), word("deadline", lang), word("past_due", lang)],
        [[m["cohort"], m["company"], m["requirement"], m["text"], m["deadline"], word("yes" if m["past_due"] else "no", lang)] for m in remarks],
        [None, None, None, None, "date", None],
    )
    columns, grid, _ = heatmap_rows(report, aggregate=False)
    ws = sheet(word("readiness_sheet", lang), [word("company", lang)] + columns, [[name] + [values.get(c) for c in columns] for name, values in grid],
               [None] + ["percent"] * len(columns))
    fills = [(1, "2F8A4F"), (0.75, "9CCC65"), (0.5, "FFD54F"), (0.25, "FFA726"), (0, "E57373")]
    for row in ws.iter_rows(min_row=2, min_col=2):
        for cell in row:
            if isinstance(cell.value, (int, float)):
                colour = next(c for limit, c in fills if cell.value >= limit)
                cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
    sheet(word("renewals_sheet", lang), *renewals_table(report, lang), [None, None, None, "date", None])
    sheet(word("overdue_sheet", lang), *overdue_table(report, lang), [None, None, None, None, "date", None])
    sheet(word("due_soon_sheet", lang), *due_soon_table(report, lang), [None, None, None, None, None, "date"])
    sheet(word("complaints", lang), *complaints_table(report, lang), ["date", None, None, None, None, None])
    sheet(word("dropouts_sheet", lang), *dropouts_table(report, lang))
    sheet(word("effects_sheet", lang), *effects_table(report, lang), [None, "number"])
    # Dated by the report, not by the clock (openpyxl's `save` stamps both the properties
    # and the zip members with the time): the same report is the same bytes.
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    day = dt.datetime.combine(dt.date.fromisoformat(report.as_of), dt.time())
    book.properties.created = book.properties.modified = day
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    # a zip member's date holds the years 1980-2107 only
    stamp = (min(max(day.year, 1980), 2107), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(written) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as dst:
        for info in src.infolist():
            info.date_time = stamp
            dst.writestr(info, src.read(info))
    return out.getvalue()

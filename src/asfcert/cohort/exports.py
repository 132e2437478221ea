"""Write the report files: the HTML dashboard, two CSV files and an XLSX workbook."""

from __future__ import annotations

from pathlib import Path

from asfcert.io import atomic


def write_all(report, out: Path, lang: str) -> list[Path]:
    from asfcert.render.cohort import html as cohort_html
    from asfcert.render.cohort import sheets as cohort_sheets

    files = {
        "report.html": cohort_html.render(report, lang).encode("utf-8"),
        "companies.csv": cohort_sheets.companies_csv(report, lang),
        "indicators.csv": cohort_sheets.indicators_csv(report, lang),
        "report.xlsx": cohort_sheets.xlsx(report, lang),
    }
    written = []
    for name, data in files.items():
        atomic.write_bytes(out / name, data)
        written.append(out / name)
    return written

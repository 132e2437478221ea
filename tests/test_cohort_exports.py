"""Exports a funder can use: XLSX with real dates, percentages and numbers, an autofilter,
a frozen header and column widths; CSV in whole kronor; companies shown and sorted by name,
the withdrawn one included; the registry report with its real title, column headers and a
registry's words."""

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from audit_helpers import registry as make_registry

from asfcert.assess.checker import CheckOptions
from asfcert.base.text import sort_key
from asfcert.cohort.api import CohortOptions, run
from asfcert.cohort.exports import write_all

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "omgang-ht2026"
AS_OF = dt.date(2026, 11, 22)


def report_of(folder):
    return run(folder, CohortOptions(CheckOptions(today=AS_OF, use_cache=True), jobs=2))


@pytest.fixture(scope="module")
def cohort_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("cohort-out")
    rep = report_of(EXAMPLE)
    write_all(rep, out, "sv")
    return rep, out


@pytest.fixture(scope="module")
def registry_files(tmp_path_factory):
    reg = make_registry(tmp_path_factory.mktemp("reg") / "registret")
    shutil.copytree(EXAMPLE, reg / "omgang-ht2026")
    out = tmp_path_factory.mktemp("registry-out")
    rep = report_of(reg)
    write_all(rep, out, "sv")
    return rep, out


def test_companies_sorted_by_name_withdrawn_included(cohort_files):
    rep, out = cohort_files
    names = [r.name for r in rep.companies]
    assert None not in names and "Bageriet Degen ekonomisk förening" in names
    assert names == sorted(names, key=sort_key)
    rows = list(csv.reader(io.StringIO((out / "companies.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [r[1] for r in rows[1:]] == names


def test_csv_in_whole_kronor(cohort_files):
    _, out = cohort_files
    rows = list(csv.reader(io.StringIO((out / "companies.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    fee = rows[0].index("Avgift")
    assert {r[fee] for r in rows[1:]} == {"6000", "0"}
    indicators = {r[0]: r[1] for r in csv.reader(io.StringIO((out / "indicators.csv").read_text(encoding="utf-8-sig")), delimiter=";")}
    assert (indicators["Avgifter fakturerade (kr)"], indicators["Avgifter obetalda (kr)"]) == ("36000", "12000")
    assert indicators["Grupphandledning, timmar totalt"] == "10,5"  # hours keep their decimals


def test_xlsx_holds_real_values(cohort_files):
    rep, out = cohort_files
    from openpyxl import load_workbook

    book = load_workbook(out / "report.xlsx")
    for ws in book.worksheets:
        assert ws.freeze_panes == "B2" and ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1])
    companies = book["Företag"]
    headers = [c.value for c in companies[1]]
    vaxthuset = next(row for row in companies.iter_rows(min_row=2) if row[1].value == "Växthuset i Borås ekonomisk förening")
    ready, fee = vaxthuset[headers.index("Klart")], vaxthuset[headers.index("Avgift")]
    assert (ready.value, ready.number_format) == (1.0, "0.0%")
    assert (fee.value, fee.number_format) == (6000, '#,##0 "kr"')
    assert companies.auto_filter.ref == f"A1:{companies.cell(1, len(headers)).column_letter}{len(rep.companies) + 1}"
    indicators = {row[0].value: row[1] for row in book["Indikatorer"].iter_rows(min_row=2)}
    share = indicators["Påbörjade, % av mål"]
    assert (share.value, share.number_format) == (0.75, "0.0%")
    assert isinstance(indicators["Avgifter betalda (kr)"].value, int)


def test_registry_report_title_headers_and_words(registry_files):
    rep, out = registry_files
    assert rep.scope == "registry" and rep.label == "SKOOPI"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<title>Registerrapport — SKOOPI</title>" in html and "Registerrapport — ." not in html
    assert "Företag i registret" in html and "Företag i omgången" not in html
    table = html[html.index("<h2>Indikatorer</h2>"):]
    assert "<th>Indikatorer</th><th class=\"n\">Certifiering av ASF hösten 2026</th><th class=\"n\">Totalt</th>" in table
    assert " / " not in table[:table.index("</table>")]
    indicators = list(csv.reader(io.StringIO((out / "indicators.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert indicators[0] == ["Indikatorer", "Certifiering av ASF hösten 2026", "Totalt"]
    assert indicators[1] == ["Företag i registret", "7", "7"]


def test_registry_report_without_registry_file_uses_the_folder_name(tmp_path):
    root = tmp_path / "alla-omgangar"
    shutil.copytree(EXAMPLE, root / "omgang-ht2026")
    from asfcert.render.cohort.tables import heading

    rep = report_of(root)
    assert heading(rep, "en", "report_title") == "Registry report — alla-omgangar"


def test_xlsx_is_the_same_bytes_each_time_dated_by_the_report(cohort_files, monkeypatch):
    rep, out = cohort_files
    import time
    import zipfile

    from openpyxl import load_workbook

    from asfcert.render.cohort.sheets import xlsx

    first = (out / "report.xlsx").read_bytes()
    real = time.localtime
    monkeypatch.setattr(time, "localtime", lambda secs=None: real((secs or time.time()) + 86_400 * 400))  # the clock moves on
    assert xlsx(rep, "sv") == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(AS_OF.year, AS_OF.month, AS_OF.day, 0, 0, 0)}
    props = load_workbook(io.BytesIO(first)).properties
    assert props.created == props.modified == dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day)

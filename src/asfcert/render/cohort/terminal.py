"""The one-screen terminal summary of a cohort (a row per company) or of the registry (a row
per cohort), with the key indicators and the coordinator's warnings."""

from __future__ import annotations

from asfcert.base import vocab
from asfcert.base.i18n import Lang
from asfcert.base.vocab import Severity
from asfcert.render.cohort.labels import row_state, word
from asfcert.render.cohort.tables import (
    MAX_LISTED,
    dropout_lines,
    heading,
    key_figures,
    value,
    warnings_overflow,
    year_sections,
)

_STATE_STYLE = {
    "certified": "green", "certified-with-remarks": "green", "not-certified": "red",
    "withdrawn": "dim", "audited": "cyan", "submitted": "cyan",
}


def render_check(check, lang: Lang, console) -> None:
    """`cohort check`."""
    render(check.report, lang, console, title="check_title")


def render_report(run, lang: Lang, console) -> None:
    """`cohort report`."""
    render(run.report, lang, console, title="report_title")


def report_notes(run, lang: Lang, format: str) -> list[str]:
    """What `cohort report` says on standard error: the files written, or why none were."""
    if run.out is not None and run.exit_code == 2:  # unusable input: nothing is written
        return [word("not_written", lang)]
    if run.out is not None:
        return [f"{word('written', lang)}: " + ", ".join(str(p) for p in run.written)]
    return [word("files_hint", lang)] if format == "terminal" else []


def render(report, lang: Lang, console, *, title: str = "report_title") -> None:
    from rich.text import Text

    console.print(Text(heading(report, lang, title), style="bold"))
    console.print(f"{word('as_of', lang)} {report.as_of}", style="dim")
    if not report.usable:  # a cohort file that cannot be used: its errors, and no empty tables
        _findings(word("input_errors", lang), report.findings(), lang, console)
        return
    if report.scope == "cohort":
        _companies(report, lang, console)
    else:
        _cohorts(report, lang, console)

    line = Text()
    for label, shown in key_figures(report, lang):
        if line:
            line.append(" · ")
        line.append(f"{label}: ", style="dim")
        line.append(shown, style="bold")
    console.print(line)

    dropouts = dropout_lines(report, lang)
    if dropouts:
        console.print(Text(word("dropouts", lang), style="bold"))
        for text in dropouts:
            console.print(f"  {text}")

    for section, lines, commands in year_sections(report, lang):
        console.print(Text(section, style="bold"))
        for text in lines:
            console.print(f"  {text}")
        for command in commands:
            console.print(Text(f"    {command}", style="cyan"), soft_wrap=True)  # whole, to copy

    _findings(word("warnings", lang), report.findings(), lang, console)


def _findings(title: str, findings: list, lang: Lang, console) -> None:
    from rich.text import Text

    if not findings:
        return
    console.print(Text(title, style="bold"))
    for f in findings[:MAX_LISTED]:
        style = "magenta" if f.severity == Severity.WARNING else "red"
        console.print(Text.assemble(("  " + vocab.name(Severity(f.severity), lang) + "  ", style), f"{f.location}  ", (f.code, "dim")))
        console.print(f"    {f.message.get(lang)}")
        if f.hint:
            console.print(Text(f"    {f.hint.get(lang)}", style="dim"))
    overflow = warnings_overflow(findings, lang)
    if overflow:
        console.print(Text(f"  {overflow}", style="dim"))


def _companies(report, lang: Lang, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    wide = console.width >= 110  # supervisor and auditor only where they fit; the exports always have them
    table = Table(expand=False, box=box.SIMPLE_HEAD)
    table.add_column(word("company", lang), no_wrap=True, overflow="ellipsis", max_width=30)
    table.add_column(word("state", lang), min_width=9, no_wrap=True)  # the company name gives way first
    for col in ("ready", "blockers", "remarks"):
        table.add_column(word(col, lang), justify="right", no_wrap=True, min_width=max(len(word(col, lang)), 4))
    if wide:
        table.add_column(word("supervisor", lang), no_wrap=True, overflow="ellipsis", max_width=22)
        table.add_column(word("auditor", lang), no_wrap=True, overflow="ellipsis", max_width=22)
    for r in report.companies:
        cells = [
            r.name or r.folder,
            Text(row_state(r, lang), style=_STATE_STYLE.get(r.state, "") if r.certificate_status in (None, "valid") else "red"),
            "–" if not r.has_folder else (f"{r.percent_ready} %" if r.usable else Text(word("errors", lang), style="bold red")),
            Text(str(r.blockers), style="red" if r.blockers else ""),
            str(r.remarks),
        ]
        if wide:
            cells += [r.supervisor or "–", r.auditor or "–"]
        table.add_row(*cells)
    console.print(table)


def _cohorts(report, lang: Lang, console) -> None:
    from rich import box
    from rich.table import Table

    table = Table(expand=False, box=box.SIMPLE_HEAD)
    table.add_column(word("cohort", lang), no_wrap=True, overflow="ellipsis", max_width=24)
    for col in ("companies", "started", "certified_short", "target_short", "remarks", "warnings"):
        table.add_column(word(col, lang), justify="right", no_wrap=True)
    for c in report.cohorts:
        ind = c.indicators.to_dict()
        table.add_row(
            c.term or c.folder, value(ind["companies"], lang), value(ind["started"], lang),
            value(ind["certified_total"], lang), value(ind["percent_certified_of_target"], lang, "percent"),
            value(ind["open_remarks"], lang), str(len(c.findings)),
        )
    console.print(table)

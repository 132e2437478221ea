"""The one-screen terminal summary of a cohort (a row per company) or of the registry (a row
per cohort), with the key indicators and the coordinator's warnings."""

from __future__ import annotations

from collections import Counter

from asfcert.base.i18n import Lang, number
from asfcert.render.cohort.labels import INDICATORS, state_name, word
from asfcert.render.common.labels import severity_name

_STATE_STYLE = {
    "certified": "green", "certified-with-remarks": "green", "not-certified": "red",
    "withdrawn": "dim", "audited": "cyan", "submitted": "cyan",
}
_MAX_LISTED = 8  # longer lists are counted: the summary must fit one screen
_KEY_INDICATORS = (
    "companies", "started", "percent_started_of_target", "ready_for_audit", "certified_total",
    "percent_certified_of_target", "withdrawn", "open_remarks", "remarks_past_due",
    "fees_outstanding_sek", "average_hours",
)


def _value(value, lang: Lang, key: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value, lang) + (" %" if key.startswith("percent") else "")
    return str(value)


def render(report, lang: Lang, console, *, title: str = "report_title") -> None:
    from rich.table import Table
    from rich.text import Text

    head = word("registry_title" if report.scope == "registry" and title == "report_title" else title, lang)
    names = ", ".join(f"{c.name} ({c.term})" for c in report.cohorts if c.name) if report.scope == "cohort" else report.root
    console.print(Text(f"{head} — {names}", style="bold"))
    console.print(f"{word('as_of', lang)} {report.as_of}", style="dim")

    if report.scope == "cohort":
        from rich import box

        wide = console.width >= 110  # supervisor and auditor only where they fit; the exports always have them
        table = Table(expand=False, box=box.SIMPLE_HEAD)
        table.add_column(word("company", lang), no_wrap=True, overflow="ellipsis", max_width=30)
        table.add_column(word("state", lang), min_width=9)
        for col in ("ready", "blockers", "remarks"):
            table.add_column(word(col, lang), justify="right", no_wrap=True, min_width=max(len(word(col, lang)), 4))
        if wide:
            table.add_column(word("supervisor", lang), no_wrap=True, overflow="ellipsis", max_width=22)
            table.add_column(word("auditor", lang), no_wrap=True, overflow="ellipsis", max_width=22)
        for r in report.companies:
            cells = [
                r.name or r.folder,
                Text(state_name(r.state, lang), style=_STATE_STYLE.get(r.state, "")),
                "–" if not r.has_folder else (f"{r.percent_ready} %" if r.usable else Text(word("errors", lang), style="bold red")),
                Text(str(r.blockers), style="red" if r.blockers else ""),
                str(r.remarks),
            ]
            if wide:
                cells += [r.supervisor or "–", r.auditor or "–"]
            table.add_row(*cells)
        console.print(table)
    else:
        from rich import box

        table = Table(expand=False, box=box.SIMPLE_HEAD)
        table.add_column(word("cohort", lang), no_wrap=True, overflow="ellipsis", max_width=24)
        for col in ("companies", "started", "certified_short", "target_short", "remarks", "warnings"):
            table.add_column(word(col, lang), justify="right", no_wrap=True)
        for c in report.cohorts:
            ind = c.indicators.to_dict()
            table.add_row(
                c.term or c.folder, _value(ind["companies"], lang), _value(ind["started"], lang),
                _value(ind["certified_total"], lang), _value(ind["percent_certified_of_target"], lang, "percent"),
                _value(ind["open_remarks"], lang), str(len(c.findings)),
            )
        console.print(table)

    totals = report.totals.to_dict()
    labels = dict(INDICATORS)
    line = Text()
    for key in _KEY_INDICATORS:
        if totals.get(key) is None:
            continue
        if line:
            line.append(" · ")
        line.append(f"{labels[key].get(lang)}: ", style="dim")
        line.append(_value(totals[key], lang, key), style="bold")
    console.print(line)

    dropouts = totals["dropouts"]
    if dropouts:
        console.print(Text(word("dropouts", lang), style="bold"))
        if len(dropouts) <= _MAX_LISTED:
            for d in dropouts:
                when = word("during" if d["started"] else "before_start", lang)
                console.print(f"  {d['company']} ({when}): {d['reason'] or '–'}")
        else:  # a registry: count the reasons
            for reason, n in Counter(d["reason"] or "–" for d in dropouts).most_common(_MAX_LISTED):
                console.print(f"  {n} × {reason}")

    findings = report.findings()
    if findings:
        console.print(Text(word("warnings", lang), style="bold"))
        for f in findings[:_MAX_LISTED]:
            console.print(Text.assemble(("  " + severity_name(f.severity, lang) + "  ", "magenta" if f.severity == "warning" else "red"), f"{f.location}  ", (f.code, "dim")))
            console.print(f"    {f.message.get(lang)}")
        if len(findings) > _MAX_LISTED:
            counts = ", ".join(f"{n} × {code}" for code, n in Counter(f.code for f in findings).most_common())
            console.print(Text(f"  … {word('all_warnings', lang)}: {counts}", style="dim"))

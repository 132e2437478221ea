"""The terminal view of a check: a readiness table per clause, the figures, the findings."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.check import verdict_line
from asfcert.render.common.findings_list import print_findings
from asfcert.render.common.labels import label

NUMBERS = ("requirements", "ready", "open", "failing", "not_applicable", "percent")


def column_widths(result, lang: Lang, width: int) -> tuple[list[int | None], list[int | None]]:
    """The clause table's columns' minimum and maximum widths at console `width`: the
    numbers and clause ids whole, the title what is left (shared with render/check/plain.py)."""
    widths = [max([len(label("clause", lang)), *(len(c.id) for c in result.clauses)]), *(max(len(label(n, lang)), 5) for n in NUMBERS)]
    rest = width - sum(widths) - 3 * len(widths) - 1  # the gaps between the columns
    minimums = [widths[0], 12, *widths[1:]]
    maximums = [None, max(12, rest), *([None] * len(NUMBERS))]
    return minimums, maximums


def render(result, lang: Lang, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    L = lambda name: label(name, lang)  # noqa: E731
    head = Text(L("check_title"), style="bold")
    if result.company:
        head.append(f" — {result.company['name']} ({result.company['org_number']})")
    console.print(head)
    std = result.standard
    console.print(f"{L('standard')}: {std['title'][lang]} ({std['id']} {std['version']}) · {L('as_of')} {result.as_of}", style="dim")

    if result.clauses and result.requirements:
        # Light rules and one line per clause: at 80 columns the title is cut with an
        # ellipsis instead of wrapping to four lines; the numbers never wrap.
        table = Table(title=L("clauses"), title_justify="left", title_style="bold", expand=False, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        minimums, maximums = column_widths(result, lang, console.width)
        table.add_column(L("clause"), no_wrap=True, min_width=minimums[0])
        table.add_column(L("title"), no_wrap=True, overflow="ellipsis", min_width=minimums[1], max_width=maximums[1])
        for name, width in zip(NUMBERS, minimums[2:]):
            table.add_column(L(name), justify="right", no_wrap=True, min_width=width)
        for c in result.clauses:
            pct_style = "green" if c.percent_ready == 100 else ("red" if c.blockers else "yellow")
            table.add_row(
                c.id, c.title.get(lang), str(c.total), str(c.ready), str(c.open),
                Text(str(c.failing), style="red" if c.failing else ""),
                str(c.not_applicable),
                Text(f"{c.percent_ready} %", style=pct_style),
            )
        console.print(table)

    figures = [r for r in result.requirements if r.summary]
    if figures:
        console.print(Text(L("figures"), style="bold"))
        for r in figures:
            console.print(f"  {r.id} {r.title.get(lang)}: {r.summary.get(lang)}")

    findings = result.sorted_findings()
    if findings:
        console.print(Text(L("findings"), style="bold"))
        print_findings(findings, lang, console)
    style = "bold green" if result.ready else "bold red"
    console.print(Text(" — ".join(verdict_line(result, lang)), style=style))

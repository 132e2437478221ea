"""Findings as a list in the terminal: a heading line per finding (severity, requirement,
place, code), then the message and the hint, indented. Reads well in 80 columns."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.common.labels import severity_name

STYLE = {"error": "bold red", "blocker": "red", "remark": "yellow", "warning": "magenta", "observation": "cyan"}


def print_findings(findings, lang: Lang, console, *, with_requirement: bool = True) -> None:
    from rich.padding import Padding
    from rich.text import Text

    for f in findings:
        line = Text("  ")
        line.append(f"{severity_name(f.severity, lang):<12}", style=STYLE[str(f.severity)])
        if with_requirement:
            line.append(f"{f.requirement or '':<9}", style="bold")
        line.append(str(f.location))
        line.append(f"  {f.code}", style="dim")
        console.print(line)
        console.print(Padding(Text(f.message.get(lang)), (0, 0, 0, 4), expand=False))
        if f.hint:
            console.print(Padding(Text(f.hint.get(lang), style="dim"), (0, 0, 0, 4), expand=False))

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


def plain_findings(findings, lang: Lang, width: int, *, with_requirement: bool = True) -> list[str]:
    """The lines print_findings prints on a console of `width` that is not a terminal
    (render/common/plaintext.py: Fallback where rich must draw them)."""
    from asfcert.render.common.plaintext import padded, wrap

    lines: list[str] = []
    for f in findings:
        line = f"  {severity_name(f.severity, lang):<12}"
        if with_requirement:
            line += f"{f.requirement or '':<9}"
        lines += wrap(f"{line}{f.location}  {f.code}", width)
        lines += padded(f.message.get(lang), width, 4)
        if f.hint:
            lines += padded(f.hint.get(lang), width, 4)
    return lines

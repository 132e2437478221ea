"""The terminal view of a check (render/check/terminal.py) drawn for a pipe or a file
without rich: the same bytes, or `Fallback` where rich must draw it."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.check import verdict_line
from asfcert.render.check.terminal import NUMBERS, column_widths
from asfcert.render.common.findings_list import plain_findings
from asfcert.render.common.labels import label
from asfcert.render.common.plaintext import table, wrap


def render(result, lang: Lang, width: int) -> str:
    """The view's text at console `width`; Fallback where it would not be rich's own."""
    L = lambda name: label(name, lang)  # noqa: E731
    head = L("check_title")
    if result.company:
        head += f" — {result.company['name']} ({result.company['org_number']})"
    lines = wrap(head, width)
    std = result.standard
    lines += wrap(f"{L('standard')}: {std['title'][lang]} ({std['id']} {std['version']}) · {L('as_of')} {result.as_of}", width)
    if result.clauses and result.requirements:
        lines += _table(result, lang, width)
    figures = [r for r in result.requirements if r.summary]
    if figures:
        lines += wrap(L("figures"), width)
        for r in figures:
            lines += wrap(f"  {r.id} {r.title.get(lang)}: {r.summary.get(lang)}", width)
    findings = result.sorted_findings()
    if findings:
        lines += wrap(L("findings"), width)
        lines += plain_findings(findings, lang, width)
    lines += wrap(" — ".join(verdict_line(result, lang)), width)
    return "".join(line + "\n" for line in lines)


def _table(result, lang: Lang, width: int) -> list[str]:
    """The clause table as terminal.py builds it, one line per clause."""
    L = lambda name: label(name, lang)  # noqa: E731
    header = [L("clause"), L("title"), *(L(n) for n in NUMBERS)]
    rows = [[c.id, c.title.get(lang), str(c.total), str(c.ready), str(c.open), str(c.failing),
             str(c.not_applicable), f"{c.percent_ready} %"] for c in result.clauses]
    minimums, maximums = column_widths(result, lang, width)
    return table(L("clauses"), header, rows, width, minimums, maximums, right=frozenset(range(2, len(header))))

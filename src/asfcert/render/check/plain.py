"""The terminal view of a check (render/check/terminal.py) drawn for a pipe or a file
without rich: the same bytes, or `Fallback` where rich must draw it."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.check import verdict_line
from asfcert.render.check.terminal import NUMBERS, column_widths
from asfcert.render.common.findings_list import plain_findings
from asfcert.render.common.labels import label
from asfcert.render.common.plaintext import Fallback, plain, wrap


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
    """rich's Table as terminal.py builds it (box.SIMPLE_HEAD, no edge, no padding at the
    edges, one line per row) where its columns take their natural widths."""
    L = lambda name: label(name, lang)  # noqa: E731
    header = [L("clause"), L("title"), *(L(n) for n in NUMBERS)]
    rows = [[c.id, c.title.get(lang), str(c.total), str(c.ready), str(c.open), str(c.failing),
             str(c.not_applicable), f"{c.percent_ready} %"] for c in result.clauses]
    for text in (*header, *(cell for row in rows for cell in row)):
        plain(text)
    n = len(header)
    extra = n - 1  # the dividers between the columns
    room = width - extra
    # padding: one space each side of a cell, none at the table's edges
    pads = [(0, 1), *([(1, 1)] * (n - 2)), (1, 0)]
    minimums, maximums = column_widths(result, lang, width)
    widths = []
    for i in range(n):
        pad = sum(pads[i])
        column = max(len(r[i]) for r in [header, *rows]) + pad  # Measurement of its cells
        column = min(column, room)
        if minimums[i] is not None:
            column = max(column, minimums[i] + pad)
        if maximums[i] is not None:
            column = min(column, maximums[i] + pad)
        widths.append(column or 1)
    if sum(widths) > room:  # rich would shrink the columns
        raise Fallback("table")
    table_width = sum(widths) + extra
    title = L("clauses")
    if len(title) > table_width:
        raise Fallback("title")

    def line(cells: list[str]) -> str:
        out = []
        for i, text in enumerate(cells):
            left, right = pads[i]
            inner = widths[i] - left - right
            if i >= 2:  # justify="right" strips the text first
                text = text.rstrip()
            if len(text) > inner:  # overflow="ellipsis"
                text = text[:inner - 1] + "…"
            text = text.ljust(inner) if i < 2 else text.rjust(inner)
            out.append(" " * left + text + " " * right)
        return " ".join(out).rstrip(" ")

    return [title, line(header), "─" * table_width, *(line(r) for r in rows)]

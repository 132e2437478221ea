"""Pieces every Markdown renderer shares."""

from __future__ import annotations


def cell(text) -> str:
    """`text` for a Markdown table cell or list item: one line, `|` escaped."""
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def table(headers: list[str], rows: list[list], *, right: tuple[int, ...] = ()) -> list[str]:
    """A Markdown table; the columns numbered in `right` are right-aligned."""
    out = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    out.append("|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|")
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out


def findings_table(findings, lang) -> list[str]:
    """Findings as a table: severity, code, requirement, place, and the message with its hint."""
    from asfcert.render.common.labels import label, severity_name

    rows = [
        [severity_name(f.severity, lang), f"`{f.code}`", f.requirement or "", f"`{f.location}`",
         f.message.get(lang) + (f" *{f.hint.get(lang)}*" if f.hint else "")]
        for f in findings
    ]
    return table([label(k, lang) for k in ("severity", "code", "requirement", "location", "message")], rows)

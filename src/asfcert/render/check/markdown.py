"""`--format markdown`: a readiness report to paste into an e-mail or a wiki."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.check import verdict_line
from asfcert.render.common.labels import label
from asfcert.render.common.markdown import cell, findings_table, table


def render(result, lang: Lang) -> str:
    L = lambda name: label(name, lang)  # noqa: E731
    out: list[str] = [f"# {L('check_title')}", ""]
    if result.company:
        out.append(f"- **{L('company')}:** {result.company['name']}")
        out.append(f"- **{L('org_number')}:** {result.company['org_number']}")
    std = result.standard
    out.append(f"- **{L('standard')}:** {std['title'][lang]} (`{std['id']}` {std['version']})")
    out.append(f"- **{L('as_of')}:** {result.as_of}")
    said, rest = verdict_line(result, lang)
    out += ["", f"**{said}** — {rest}", ""]
    if result.clauses:
        out += [f"## {L('clauses')}", ""]
        headers = [L(k) for k in ("clause", "title", "requirements", "ready", "open", "failing", "not_applicable", "percent")]
        rows = [[c.id, c.title.get(lang), c.total, c.ready, c.open, c.failing, c.not_applicable, f"{c.percent_ready} %"] for c in result.clauses]
        out += table(headers, rows, right=(2, 3, 4, 5, 6, 7))
        out.append("")
    figures = [r for r in result.requirements if r.summary]
    if figures:
        out += [f"## {L('figures')}", ""]
        out += [f"- **{r.id}** {cell(r.title.get(lang))}: {r.summary.get(lang)}" for r in figures]
        out.append("")
    out += [f"## {L('findings')}", ""]
    findings = result.sorted_findings()
    if not findings:
        out.append(L("no_findings"))
    else:
        out += findings_table(findings, lang)
    return "\n".join(out) + "\n"

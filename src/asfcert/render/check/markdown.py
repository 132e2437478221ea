"""`--format markdown`: a readiness report to paste into an e-mail or a wiki."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.common.labels import counts_line, label, severity_name, verdict


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def render(result, lang: Lang) -> str:
    L = lambda name: label(name, lang)  # noqa: E731
    out: list[str] = [f"# {L('check_title')}", ""]
    if result.company:
        out.append(f"- **{L('company')}:** {result.company['name']}")
        out.append(f"- **{L('org_number')}:** {result.company['org_number']}")
    std = result.standard
    out.append(f"- **{L('standard')}:** {std['title'][lang]} (`{std['id']}` {std['version']})")
    out.append(f"- **{L('as_of')}:** {result.as_of}")
    out += ["", f"**{verdict(result, lang)}** — {counts_line(result.counts(), lang)}", ""]
    if result.clauses:
        out += [f"## {L('clauses')}", ""]
        out.append(
            f"| {L('clause')} | {L('title')} | {L('requirements')} | {L('ready')} | {L('open')} | {L('failing')} | {L('not_applicable')} | {L('percent')} |"
        )
        out.append("|---|---|---:|---:|---:|---:|---:|---:|")
        for c in result.clauses:
            out.append(
                f"| {c.id} | {_cell(c.title.get(lang))} | {c.total} | {c.ready} | {c.open} | {c.failing} | {c.not_applicable} | {c.percent_ready} % |"
            )
        out.append("")
    figures = [r for r in result.requirements if r.summary]
    if figures:
        out += [f"## {L('figures')}", ""]
        out += [f"- **{r.id}** {_cell(r.title.get(lang))}: {r.summary.get(lang)}" for r in figures]
        out.append("")
    out += [f"## {L('findings')}", ""]
    findings = result.sorted_findings()
    if not findings:
        out.append(L("no_findings"))
    else:
        out.append(f"| {L('severity')} | {L('code')} | {L('requirement')} | {L('location')} | {L('message')} |")
        out.append("|---|---|---|---|---|")
        for f in findings:
            message = f.message.get(lang) + (f" *{f.hint.get(lang)}*" if f.hint else "")
            out.append(
                f"| {severity_name(f.severity, lang)} | `{f.code}` | {f.requirement or ''} | `{_cell(str(f.location))}` | {_cell(message)} |"
            )
    return "\n".join(out) + "\n"

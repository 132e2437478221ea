"""`asfcert standard show --format markdown`: the standard, a clause or a requirement as
Markdown, to paste into a wiki or the online material bank."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.standard.labels import (
    check_line,
    decider,
    evidence_lines,
    label,
    part,
    severity,
)


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def render(view, lang: Lang) -> str:
    from asfcert.standard.view import REQUIREMENT

    std = view.standard
    out = [f"# {getattr(std.title, lang)}", ""]
    out.append(f"`{std.id}` {std.version} · {std.certifier} · {label('requirements_count', lang, n=len(std.requirements), enabled=len(std.enabled))}")
    out.append("")
    if view.scope == REQUIREMENT:
        out += _requirement(view, view.requirements[0], lang, level=2)
        return "\n".join(out).rstrip() + "\n"
    for clause in view.clauses:
        out += [f"## {clause.id} {getattr(clause.title, lang)}", "", f"*{part(clause, lang)}*", ""]
        if clause.summary:
            out += [getattr(clause.summary, lang), ""]
        reqs = view.requirements_of(clause.id)
        out.append(f"| {label('requirement', lang)} | {label('title', lang)} | {label('severity', lang)} | {label('decided_by', lang)} |")
        out.append("|---|---|---|---|")
        for r in reqs:
            title = getattr(r.title, lang) + ("" if r.enabled else f" *({label('disabled', lang)})*")
            out.append(f"| {r.id} | {_cell(title)} | {severity(r.severity, lang)} | {decider(r.decided_by, lang, short=True)} |")
        out.append("")
        if view.easy or len(view.clauses) == 1:
            for r in reqs:
                out += _requirement(view, r, lang, level=3)
    return "\n".join(out).rstrip() + "\n"


def _requirement(view, req, lang: Lang, level: int) -> list[str]:
    h = "#" * level
    out = [f"{h} {req.id} {getattr(req.title, lang)}", ""]
    if not req.enabled:
        out += [f"> {label('disabled_long', lang)}", ""]
    if view.scope == "clause" and view.easy:
        out += [getattr(req.easy, lang), ""]
    else:
        out += [f"**{label('text', lang)}:** {getattr(req.text, lang)}", ""]
        if view.easy:
            out += [f"**{label('easy', lang)}:** {getattr(req.easy, lang)}", ""]
    if req.guidance and view.scope != "all":
        out += [f"**{label('guidance', lang)}:** {getattr(req.guidance, lang)}", ""]
    lines = evidence_lines(view, req, lang)
    out.append(f"- **{label('evidence', lang)}:** " + ("; ".join(f"{x}" for x in lines) if lines else label("none", lang)))
    out.append(f"- **{label('severity', lang)}:** {severity(req.severity, lang)}")
    out.append(f"- **{label('decided_by', lang)}:** {decider(req.decided_by, lang)}")
    if req.checks:
        out.append(f"- **{label('checks', lang)}:** " + "; ".join(f"`{check_line(s)}`" for s in req.checks))
    if req.allow_not_applicable:
        out.append(f"- {label('not_applicable', lang)}")
    out.append("")
    return out

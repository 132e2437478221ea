"""`asfcert standard show` in the terminal: a tree of clauses and requirements, one clause
with its requirements, or one requirement in full."""

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

_SEVERITY_STYLE = {"blocker": "red", "remark": "yellow", "observation": "cyan"}


def render(view, lang: Lang, console) -> None:
    from asfcert.standard.view import ALL, CLAUSE

    if view.scope == ALL:
        _all(view, lang, console)
    elif view.scope == CLAUSE:
        _clause(view, lang, console)
    else:
        _requirement(view, lang, console)


def _heading(view, lang, console) -> None:
    from rich.text import Text

    std = view.standard
    console.print(Text(getattr(std.title, lang), style="bold"))
    n = label("requirements_count", lang, n=len(std.requirements), enabled=len(std.enabled))
    console.print(f"{std.id} {std.version} · {std.certifier} · {n}", style="dim", highlight=False)


def _req_line(req, lang):
    from rich.text import Text

    line = Text()
    line.append(f"{req.id}", style="bold" if req.enabled else "dim")
    line.append(f"  {getattr(req.title, lang)}", style="" if req.enabled else "dim")
    line.append("  · ")
    line.append(severity(req.severity, lang), style=_SEVERITY_STYLE[req.severity])
    line.append(f" · {decider(req.decided_by, lang, short=True)}", style="dim")
    if not req.enabled:
        line.append(f" · {label('disabled', lang)}", style="dim italic")
    return line


def _all(view, lang, console) -> None:
    from rich.text import Text
    from rich.tree import Tree

    _heading(view, lang, console)
    tree = Tree(Text(view.standard.id, style="bold"), guide_style="dim")
    for clause in view.clauses:
        head = Text(f"{clause.id}", style="bold")
        head.append(f"  {getattr(clause.title, lang)}")
        head.append(f"  ({part(clause, lang)})", style="dim")
        branch = tree.add(head)
        for req in view.requirements_of(clause.id):
            leaf = branch.add(_req_line(req, lang))
            if view.easy:
                leaf.add(Text(getattr(req.easy, lang), style="italic"))
    console.print(tree)
    console.print(label("more", lang), style="dim", highlight=False)


def _clause_head(view, clause, lang, console) -> None:
    from rich.text import Text

    head = Text(f"{clause.id}  {getattr(clause.title, lang)}", style="bold")
    head.append(f"  ({part(clause, lang)})", style="dim")
    console.print(head)


def _clause(view, lang, console) -> None:
    from rich.padding import Padding
    from rich.text import Text

    clause = view.clauses[0]
    _clause_head(view, clause, lang, console)
    if clause.summary:
        console.print(Padding(Text(getattr(clause.summary, lang)), (0, 0, 0, 2), expand=False))
    for req in view.requirements:
        console.print()
        console.print(_req_line(req, lang))
        words = req.easy if view.easy else req.text
        console.print(Padding(Text(getattr(words, lang)), (0, 0, 0, 2), expand=False))
        for line in evidence_lines(view, req, lang):
            console.print(Padding(Text(f"{label('evidence', lang)}: {line}", style="dim"), (0, 0, 0, 2), expand=False))


def _section(console, title: str, body: str, style: str = "") -> None:
    from rich.padding import Padding
    from rich.text import Text

    console.print()
    console.print(Text(title, style="bold"))
    console.print(Padding(Text(body, style=style), (0, 0, 0, 2), expand=False))


def _requirement(view, lang, console) -> None:
    from rich.text import Text

    req = view.requirements[0]
    clause = view.clauses[0]
    console.print(Text(f"{req.id}  {getattr(req.title, lang)}", style="bold"))
    console.print(f"{label('clause', lang)} {clause.id} {getattr(clause.title, lang)} ({part(clause, lang)})", style="dim", highlight=False)
    if not req.enabled:
        console.print(Text(label("disabled_long", lang), style="yellow"))
    _section(console, label("text", lang), getattr(req.text, lang))
    if view.easy:
        _section(console, label("easy", lang), getattr(req.easy, lang))
    if req.guidance:
        _section(console, label("guidance", lang), getattr(req.guidance, lang))
    lines = evidence_lines(view, req, lang)
    _section(console, label("evidence", lang), "\n".join(f"- {x}" for x in lines) if lines else label("none", lang))
    console.print()
    sev = Text(f"{label('severity', lang)}: ")
    sev.append(severity(req.severity, lang), style=_SEVERITY_STYLE[req.severity])
    console.print(sev)
    console.print(f"{label('decided_by', lang)}: {decider(req.decided_by, lang)}", highlight=False)
    if req.checks:
        console.print(f"{label('checks', lang)}:", highlight=False)
        for spec in req.checks:
            console.print(f"  - {check_line(spec)}", highlight=False)
    if req.allow_not_applicable:
        console.print(label("not_applicable", lang), highlight=False)


def render_validated(ok, lang, console) -> None:
    """`standard validate`: the file can be used."""
    from asfcert.base.i18n import L10n

    text = L10n(
        f"OK: {ok.id} {ok.version}, {ok.requirements} krav ({ok.enabled} påslagna) i {ok.clauses} avsnitt, {ok.evidence_kinds} slags underlag",
        f"OK: {ok.id} {ok.version}, {ok.requirements} requirements ({ok.enabled} enabled) in {ok.clauses} clauses, {ok.evidence_kinds} evidence kinds",
    )
    console.print(text.get(lang), highlight=False)

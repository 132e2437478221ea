"""The terminal view of an application review, and of a batch with its summary table."""

from __future__ import annotations

from pathlib import Path

from asfcert.base.i18n import Lang
from asfcert.render.common.labels import severity_name
from asfcert.render.intake.labels import (
    DECISION_STYLE,
    STATUS_STYLE,
    current_cell,
    decision_name,
    documents_done,
    org_number_cell,
    principles_done,
    status_name,
    word,
    yes_no,
)

_BATCH_REASONS = 6  # reasons shown per application in a batch; the rest are counted


def _heading(result, lang: Lang, console) -> None:
    from rich.text import Text

    head = Text(word("title", lang), style="bold")
    if result.company:
        head.append(f" — {result.company['name']} ({result.company['org_number']})")
    console.print(head)
    std = result.standard
    console.print(f"{word('as_of', lang)} {result.as_of} · {word('standard', lang)}: {std['id']} {std['version']} · {result.folder}", style="dim")


def _findings(findings, lang: Lang, console, limit: int | None = None) -> None:
    from rich.text import Text

    from asfcert.render.common.findings_list import print_findings

    print_findings(findings[:limit], lang, console)
    if limit is not None and len(findings) > limit:
        console.print(Text(f"    … {len(findings) - limit} {word('more', lang)}", style="dim"))


def _principles(result, lang: Lang, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=word("principles", lang), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, expand=False)
    for name in ("principle", "requirement", "title_col", "severity", "status"):
        table.add_column(word(name, lang), overflow="fold")
    for p in result.principles:
        for i, r in enumerate(p.requirements):
            head = Text(p.id, style=STATUS_STYLE[p.status]) if i == 0 else ""
            table.add_row(head, r.id, r.title.get(lang), severity_name(r.severity, lang),
                          Text(status_name(r.status, lang), style=STATUS_STYLE[r.status]))
    console.print(table)
    figures = [r for p in result.principles for r in p.requirements if r.summary]
    if figures:
        console.print(Text(word("figures", lang), style="bold"))
        for r in figures:
            console.print(f"  {r.id} {r.title.get(lang)}: {r.summary.get(lang)}")
    console.print(Text(word("decided_by_auditor", lang), style="dim"))


def _documents(result, lang: Lang, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=word("documents", lang), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, expand=False)
    for name in ("document", "file", "readable", "current", "org_number_short"):
        table.add_column(word(name, lang), overflow="fold")
    for d in result.documents:  # the file's name only: the reasons give the whole path
        shown = Path(d.file).name if d.file else (", ".join(Path(f).name for f in d.files) if d.files else word("missing", lang))
        table.add_row(
            Text(d.name.get(lang), style="green" if d.ok else "red"), shown,
            yes_no(d.readable, lang), current_cell(d, lang), org_number_cell(d, lang),
        )
    console.print(table)


def render(result, lang: Lang, console) -> None:
    from rich.text import Text

    _heading(result, lang, console)
    if result.principles:
        _principles(result, lang, console)
    if result.documents:
        _documents(result, lang, console)
    if result.reasons:
        console.print(Text(word("reasons", lang), style="bold"))
        _findings(result.reasons, lang, console)
    if result.notes:
        console.print(Text(word("notes", lang), style="bold"))
        _findings(result.notes, lang, console)
    line = Text(f"{word('decision', lang)}: {decision_name(result.decision, lang)}", style=DECISION_STYLE[result.decision])
    if result.reasons:
        line.append(f" — {len(result.reasons)} {word('reasons_short', lang).lower()}")
    console.print(line)


def render_batch(batch, lang: Lang, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"{word('batch_title', lang)} — {batch.folder}", style="bold"))
    console.print(f"{word('as_of', lang)} {batch.as_of}", style="dim")
    for r in batch.applications:
        name = Path(r.folder).name
        head = Text(f"\n{name}", style="bold")
        if r.company:
            head.append(f" — {r.company['name']} ({r.company['org_number']})", style="")
        head.append(": ")
        head.append(decision_name(r.decision, lang, short=True), style=DECISION_STYLE[r.decision])
        console.print(head)
        _findings(r.reasons, lang, console, limit=_BATCH_REASONS)
    if batch.skipped:
        console.print(Text(f"\n{word('skipped', lang)}: {', '.join(batch.skipped)}", style="dim"))

    table = Table(title=word("summary", lang), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, expand=False)
    numbers = [word(name, lang) for name in ("principles_short", "documents_short", "reasons_short")]
    app_width = min(24, max([len(word("application", lang))] + [len(Path(r.folder).name) for r in batch.applications]))
    decision_width = max(len(decision_name(r.decision, lang, short=True)) for r in batch.applications)
    used = app_width + decision_width + sum(len(n) for n in numbers) + 3 * 6 + 2  # padding, separators, edges
    table.add_column(word("application", lang), no_wrap=True, overflow="ellipsis", max_width=app_width)
    table.add_column(word("company", lang), no_wrap=True, overflow="ellipsis", max_width=max(8, min(40, console.width - used)))
    table.add_column(word("decision", lang), no_wrap=True)
    for name in numbers:
        table.add_column(name, justify="right", no_wrap=True)
    for r in batch.applications:
        table.add_row(
            Path(r.folder).name, (r.company or {}).get("name", "–"),
            Text(decision_name(r.decision, lang, short=True), style=DECISION_STYLE[r.decision]),
            principles_done(r), documents_done(r) if r.usable else "–", str(len(r.reasons)),
        )
    console.print()
    console.print(table)
    parts = [f"{batch.count(d)} {decision_name(d, lang, short=True).lower()}" for d in ("admit", "come-back-later", "unusable") if batch.count(d)]
    console.print(Text(f"{len(batch.applications)} {word('applications', lang)}: " + ", ".join(parts), style="bold"))

"""The terminal views of `audit`, `certify` and `verify`: pure functions of their results."""

from __future__ import annotations

from dataclasses import dataclass

from asfcert.base import vocab
from asfcert.base.i18n import Lang
from asfcert.base.vocab import Grade, Severity, Status
from asfcert.render.audit.labels import (
    impartiality_text,
    outcome_name,
    result_name,
    verdict_name,
    word,
)
from asfcert.render.common.findings_list import print_findings

_GRADE_STYLE = {"major": "red", "remark": "yellow", "observation": "cyan", "conform": "green", "not-applicable": "dim"}
_OUTCOME_STYLE = {"certified": "bold green", "certified-with-remarks": "bold yellow", "not-certified": "bold red"}


# The audit and verify views are built once as lines (`Text`, `Say`, `Grid`, `Findings`)
# and drawn by rich here or, for a pipe, without rich by render/audit/plain.py: one text each.


@dataclass(frozen=True)
class Text:
    """A rich Text: `first` in the line's `style`, then parts appended with their own."""

    first: str
    style: str
    parts: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class Say:
    """A string printed in one style; `whole`: never wrapped or cropped (a path, to copy)."""

    text: str
    style: str | None = None
    whole: bool = False


@dataclass(frozen=True)
class Grid:
    """The per-requirement table: one line each, the title cut with "…" where it is long."""

    title: str
    header: list[str]
    rows: list[list[str]]
    styles: list[str]  # the style of each row's last cell (the grade)
    minimums: list[int | None]
    maximums: list[int | None]


@dataclass(frozen=True)
class Findings:
    findings: list


def draw(lines, lang: Lang, console) -> None:
    """Print the lines of a view with rich."""
    from rich import box
    from rich.table import Table
    from rich.text import Text as RichText

    for line in lines:
        if isinstance(line, Text):
            text = RichText(line.first, style=line.style)
            for part, style in line.parts:
                text.append(part, style=style)
            console.print(text)
        elif isinstance(line, Say):
            if line.whole:
                console.print(line.text, style=line.style, soft_wrap=True, no_wrap=True, crop=False)
            else:
                console.print(line.text, style=line.style)
        elif isinstance(line, Grid):
            table = Table(title=line.title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                          show_edge=False, pad_edge=False)
            for name, low, high in zip(line.header, line.minimums, line.maximums):
                table.add_column(name, no_wrap=True, overflow="ellipsis", min_width=low, max_width=high)
            for row, style in zip(line.rows, line.styles):
                table.add_row(*row[:-1], RichText(row[-1], style=style))
            console.print(table)
        else:
            print_findings(line.findings, lang, console, with_requirement=False)


def audit_run_lines(run, lang: Lang, width: int) -> list:
    """`audit`: the result, then the reports written (--report)."""
    return [*audit_lines(run.result, lang, width),
            *(Say(f"{word('reports_written', lang)}: {path}", "dim", whole=True) for path in run.reports)]


def render_audit_run(run, lang: Lang, console) -> None:
    draw(audit_run_lines(run, lang, console.width), lang, console)


def render_audit(result, lang: Lang, console) -> None:
    draw(audit_lines(result, lang, console.width), lang, console)


def audit_lines(result, lang: Lang, width: int) -> list:
    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    std = result.standard
    imp = result.impartiality
    lines = [
        Text(W("audit_title"), "bold", ((f" — {result.company['name']} ({result.company['org_number']})", None),)),
        Say(f"{W('standard')}: {std['title'][lang]} ({std['id']} {std['version']})", "dim"),
        Say(f"{W('auditor')}: {result.auditor} · {W('impartiality')}: {impartiality_text(imp, result.folder, lang)}"),
        Say(f"{W('record')}: audit/audit.yaml ({W('action_' + result.action)}) · {W('snapshot')}: {result.snapshot_taken}"),
    ]
    if result.archived:
        lines.append(Say(f"  → {result.archived}", "dim"))
    lines.append(_grid(result, lang, width))
    figures = [i for i in result.proposal.items if i.summary]
    if figures:
        lines.append(Text(W("figures"), "bold"))
        lines += [Say(f"  {i.id} {i.title.get(lang)}: {i.summary.get(lang)}") for i in figures]
    if result.since_certificate:
        lines += _since(result.since_certificate, lang)
    if result.findings:
        lines.append(Findings(result.findings))
    return lines + _outcome(result, lang)


def _grid(result, lang: Lang, width: int) -> Grid:
    # one line per requirement, whatever the width: long titles end in "…". The raw result
    # column only where it fits; the grade (after caps and binding rules) is always shown.
    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    wide = width >= 110
    columns = ("requirement", "title", "severity", "machine") + (("result",) if wide else ()) + ("grade",)
    rows, styles = [], []
    for i in result.proposal.items:
        cells = [i.id, i.title.get(lang), vocab.name(Severity(i.severity), lang), vocab.name(Status(i.machine_status), lang)]
        cells += [result_name(i.result, lang)] if wide else []
        rows.append([*cells, result_name(i.grade, lang) if i.grade else "–"])
        styles.append(_GRADE_STYLE.get(i.grade or "", ""))
    # Every column but the title as wide as its longest cell; the title gets what is left
    # and ends in "…", so the grade is never cut.
    widths = [max([len(W(name)), *(len(r[n]) for r in rows)]) for n, name in enumerate(columns)]
    rest = width - sum(w for n, w in enumerate(widths) if columns[n] != "title") - 3 * (len(columns) - 1) - 1
    minimums = [10 if name == "title" else w for name, w in zip(columns, widths)]
    maximums = [max(10, min(40, rest)) if name == "title" else None for name in columns]
    return Grid(W("per_clause"), [W(name) for name in columns], rows, styles, minimums, maximums)


def _since(since, lang: Lang) -> list:
    lines: list = [Text(word("since_cert", lang, number=since.number, date=since.effective.isoformat()), "bold")]
    f = since.files
    for what, paths in (("added", [x.path for x in f.added]), ("removed", [x.path for x in f.removed]), ("changed", [n.path for _, n in f.changed])):
        lines += [Say(f"  {word(what, lang):<10} {path}", whole=True) for path in paths]
    for r in since.requirements:
        before = r["before"] or {}
        now = r["now"] or {}
        lines.append(Say(f"  {word(r['change'], lang):<10} {r['id']}: {_state(before, lang)} → {_state(now, lang)}"))
    return lines


def _state(state: dict, lang: Lang) -> str:
    if not state:
        return "–"
    status = vocab.name(Status(state["machine"]), lang) if state.get("machine") else "–"
    return f"{status} / {result_name(state.get('grade'), lang)}"


def _outcome(result, lang: Lang) -> list:
    from asfcert.assess.decision import certain_outcome

    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    p = result.proposal
    if result.decision is not None:
        d = result.decision
        parts = [(outcome_name(d.outcome, lang), _OUTCOME_STYLE[d.outcome])]
        if d.certificate:
            parts.append((f" · {W('certificate')} {d.certificate}", None))
        return [Text(f"{W('decision')} {d.date}: ", "bold", tuple(parts)), *(Say(f"  {vocab.name(Grade.REMARK, lang)} {r.requirement}: {W('deadline').lower()} {r.deadline}")
                                 for r in d.remarks)]
    if p.outcome:
        return [Text(f"{W('proposed')}: ", "bold", ((outcome_name(p.outcome, lang), _OUTCOME_STYLE[p.outcome]),)),
                *(Say(f"  {vocab.name(Grade.REMARK, lang)} {i.id}: {W('deadline').lower()} {p.deadline}") for i in p.with_grade("remark"))]
    missing = sum(1 for i in p.items if not i.result)
    certain = certain_outcome(p)
    parts = ((f" · {outcome_name(certain, lang)} ({W('already_certain')})", _OUTCOME_STYLE[certain]),) if certain else ()
    return [Text(f"{W('pending')} ({W('missing_results', n=missing)})", "bold", parts)]


def certify_lines(result, lang: Lang) -> list:
    """`certify`: the certificate, its dates and code, open remarks, what changed since the
    previous certificate, and the files written (whole: paths, to copy)."""
    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    rec = result.record
    still_open = [r for r in rec.remarks if r.closed is None]
    outcome = rec.decision.outcome if still_open else "certified"  # the last remark closed: certified, as the list says
    lines: list = [Text(f"{W('certificate')} {rec.number}", "bold green", ((f" — {rec.company.name} · {outcome_name(outcome, lang)}", None),)),
                   Say(f"{W('effective')} {rec.effective} · {W('valid_until')} {rec.valid_until} · {W('code')} {rec.code}")]
    if rec.previous:
        lines.append(Say(W("replaces", number=rec.previous)))
    lines += [Say(f"  {vocab.name(Grade.REMARK, lang)} {r.requirement}: {W('deadline').lower()} {r.deadline}") for r in still_open]
    if result.since_certificate is not None:
        lines += _since(result.since_certificate, lang)
    return [*lines, *(Say(f"  {path}", "dim", whole=True) for path in result.written)]


def render_certify(result, lang: Lang, console) -> None:
    draw(certify_lines(result, lang), lang, console)


def render_status(result, lang: Lang, console) -> None:
    rec = result.record
    console.print(f"{word('certificate', lang)} {rec.number}: {verdict_name(rec.status, lang)}")
    if result.reason:
        console.print(f"  {word('reason', lang)}: {result.reason}")
    if result.action == "close-remark":
        still_open = [r for r in rec.remarks if r.closed is None]
        console.print(f"  {word('remarks_still_open', lang)}: " + (", ".join(f"{r.requirement} ({r.deadline})" for r in still_open) or "–"))


def trust_saved_lines(saved, lang: Lang) -> list:
    # a path and a fingerprint are never wrapped or cropped, whatever the terminal's width
    return [Say(word("trust_saved", lang, path=str(saved.path)), whole=True),
            Say("  " + word("trust_fingerprint", lang, fingerprint=saved.fingerprint), whole=True)]


def render_trust_saved(saved, lang: Lang, console) -> None:
    draw(trust_saved_lines(saved, lang), lang, console)


def verify_lines(result, lang: Lang) -> list:
    lines = trust_saved_lines(result.saved, lang) if result.saved is not None else []
    style = "bold green" if result.verdict == "valid" else "bold yellow" if result.verdict == "status-not-checked" else "bold red"
    parts = ((f" — {result.number}", None),) if result.number else ()
    return [*lines, Text(verdict_name(result.verdict, lang), style, parts), *(Say(f"  {text.get(lang)}") for text in result.details)]


def render_verify(result, lang: Lang, console) -> None:
    draw(verify_lines(result, lang), lang, console)

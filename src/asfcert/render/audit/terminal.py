"""The terminal views of `audit`, `certify` and `verify`: pure functions of their results."""

from __future__ import annotations

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


def _findings(findings, lang: Lang, console) -> None:
    print_findings(findings, lang, console, with_requirement=False)


def render_audit_run(run, lang: Lang, console) -> None:
    """`audit`: the result, then the reports written (--report)."""
    render_audit(run.result, lang, console)
    for path in run.reports:
        console.print(f"{word('reports_written', lang)}: {path}", style="dim", soft_wrap=True)  # a path whole, to copy


def render_audit(result, lang: Lang, console) -> None:
    from rich.table import Table
    from rich.text import Text

    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    head = Text(W("audit_title"), style="bold")
    head.append(f" — {result.company['name']} ({result.company['org_number']})")
    console.print(head)
    std = result.standard
    console.print(f"{W('standard')}: {std['title'][lang]} ({std['id']} {std['version']})", style="dim")
    imp = result.impartiality
    console.print(f"{W('auditor')}: {result.auditor} · {W('impartiality')}: {impartiality_text(imp, result.folder, lang)}")
    console.print(f"{W('record')}: audit/audit.yaml ({W('action_' + result.action)}) · {W('snapshot')}: {result.snapshot_taken}")
    if result.archived:
        console.print(f"  → {result.archived}", style="dim")

    from rich import box

    # one line per requirement, whatever the width: long titles end in "…". The raw result
    # column only where it fits; the grade (after caps and binding rules) is always shown.
    wide = console.width >= 110
    columns = ("requirement", "title", "severity", "machine") + (("result",) if wide else ()) + ("grade",)
    table = Table(title=W("per_clause"), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    rows = []
    for i in result.proposal.items:
        grade = Text(result_name(i.grade, lang) if i.grade else "–", style=_GRADE_STYLE.get(i.grade or "", ""))
        cells = [i.id, i.title.get(lang), vocab.name(Severity(i.severity), lang), vocab.name(Status(i.machine_status), lang)]
        cells += [result_name(i.result, lang)] if wide else []
        rows.append([*cells, grade])
    # Every column but the title as wide as its longest cell; the title gets what is left
    # and ends in "…", so the grade is never cut.
    widths = [max([len(W(name)), *(len(str(r[n])) for r in rows)]) for n, name in enumerate(columns)]
    rest = console.width - sum(w for n, w in enumerate(widths) if columns[n] != "title") - 3 * (len(columns) - 1) - 1
    for name, width in zip(columns, widths):
        if name == "title":
            table.add_column(W(name), no_wrap=True, overflow="ellipsis", min_width=10, max_width=max(10, min(40, rest)))
        else:
            table.add_column(W(name), no_wrap=True, min_width=width)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    figures = [i for i in result.proposal.items if i.summary]
    if figures:
        console.print(Text(W("figures"), style="bold"))
        for i in figures:
            console.print(f"  {i.id} {i.title.get(lang)}: {i.summary.get(lang)}")
    if result.since_certificate:
        _since(result.since_certificate, lang, console)
    if result.findings:
        _findings(result.findings, lang, console)
    _outcome(result, lang, console)


def _since(since, lang: Lang, console) -> None:
    from rich.text import Text

    console.print(Text(word("since_cert", lang, number=since.number, date=since.effective.isoformat()), style="bold"))
    f = since.files
    for what, paths in (("added", [x.path for x in f.added]), ("removed", [x.path for x in f.removed]), ("changed", [n.path for _, n in f.changed])):
        for path in paths:
            console.print(f"  {word(what, lang):<10} {path}", soft_wrap=True)
    for r in since.requirements:
        before = r["before"] or {}
        now = r["now"] or {}
        console.print(
            f"  {word(r['change'], lang):<10} {r['id']}: "
            f"{_state(before, lang)} → {_state(now, lang)}"
        )


def _state(state: dict, lang: Lang) -> str:
    if not state:
        return "–"
    status = vocab.name(Status(state["machine"]), lang) if state.get("machine") else "–"
    return f"{status} / {result_name(state.get('grade'), lang)}"


def _outcome(result, lang: Lang, console) -> None:
    from rich.text import Text

    from asfcert.assess.decision import certain_outcome

    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    p = result.proposal
    if result.decision is not None:
        d = result.decision
        line = Text(f"{W('decision')} {d.date}: ", style="bold")
        line.append(outcome_name(d.outcome, lang), style=_OUTCOME_STYLE[d.outcome])
        if d.certificate:
            line.append(f" · {W('certificate')} {d.certificate}")
        console.print(line)
        for r in d.remarks:
            console.print(f"  {vocab.name(Grade.REMARK, lang)} {r.requirement}: {W('deadline').lower()} {r.deadline}")
        return
    if p.outcome:
        line = Text(f"{W('proposed')}: ", style="bold")
        line.append(outcome_name(p.outcome, lang), style=_OUTCOME_STYLE[p.outcome])
        console.print(line)
        for i in p.with_grade("remark"):
            console.print(f"  {vocab.name(Grade.REMARK, lang)} {i.id}: {W('deadline').lower()} {p.deadline}")
        return
    missing = sum(1 for i in p.items if not i.result)
    line = Text(f"{W('pending')} ({W('missing_results', n=missing)})", style="bold")
    certain = certain_outcome(p)
    if certain:
        line.append(f" · {outcome_name(certain, lang)} ({W('already_certain')})", style=_OUTCOME_STYLE[certain])
    console.print(line)


def render_certify(result, lang: Lang, console) -> None:
    from rich.text import Text

    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    rec = result.record
    still_open = [r for r in rec.remarks if r.closed is None]
    outcome = rec.decision.outcome if still_open else "certified"  # the last remark closed: certified, as the list says
    line = Text(f"{W('certificate')} {rec.number}", style="bold green")
    line.append(f" — {rec.company.name} · {outcome_name(outcome, lang)}")
    console.print(line)
    console.print(f"{W('effective')} {rec.effective} · {W('valid_until')} {rec.valid_until} · {W('code')} {rec.code}")
    if rec.previous:
        console.print(W("replaces", number=rec.previous))
    for r in still_open:
        console.print(f"  {vocab.name(Grade.REMARK, lang)} {r.requirement}: {W('deadline').lower()} {r.deadline}")
    if result.since_certificate is not None:
        _since(result.since_certificate, lang, console)
    for path in result.written:
        console.print(f"  {path}", style="dim", soft_wrap=True)


def render_status(result, lang: Lang, console) -> None:
    rec = result.record
    console.print(f"{word('certificate', lang)} {rec.number}: {verdict_name(rec.status, lang)}")
    if result.reason:
        console.print(f"  {word('reason', lang)}: {result.reason}")
    if result.action == "close-remark":
        still_open = [r for r in rec.remarks if r.closed is None]
        console.print(f"  {word('remarks_still_open', lang)}: " + (", ".join(f"{r.requirement} ({r.deadline})" for r in still_open) or "–"))


def render_trust_saved(saved, lang: Lang, console) -> None:
    # a path and a fingerprint are never wrapped or cropped, whatever the terminal's width
    console.print(word("trust_saved", lang, path=str(saved.path)), soft_wrap=True, no_wrap=True, crop=False)
    console.print("  " + word("trust_fingerprint", lang, fingerprint=saved.fingerprint), soft_wrap=True, no_wrap=True, crop=False)


def render_verify(result, lang: Lang, console) -> None:
    from rich.text import Text

    if result.saved is not None:
        render_trust_saved(result.saved, lang, console)
    style = "bold green" if result.verdict == "valid" else "bold yellow" if result.verdict == "status-not-checked" else "bold red"
    line = Text(verdict_name(result.verdict, lang), style=style)
    if result.number:
        line.append(f" — {result.number}")
    console.print(line)
    for text in result.details:
        console.print(f"  {text.get(lang)}")

"""`cohort check|report --format markdown`: the one-screen summary as Markdown, to paste
into the coordinator's minutes or an e-mail to the funder. The same content as the
terminal summary; the full tables are in the files `cohort report --out` writes."""

from __future__ import annotations

from asfcert.base import vocab
from asfcert.base.i18n import Lang
from asfcert.base.vocab import Severity
from asfcert.render.cohort.labels import row_state, word
from asfcert.render.cohort.tables import (
    MAX_LISTED,
    dropout_lines,
    heading,
    key_figures,
    value,
    warnings_overflow,
    year_sections,
)
from asfcert.render.common.markdown import cell, table


def render_check(check, lang: Lang) -> str:
    return render(check.report, lang, title="check_title")


def render_report(run, lang: Lang) -> str:
    return render(run.report, lang, title="report_title")


def render(report, lang: Lang, *, title: str) -> str:
    W = lambda key: word(key, lang)  # noqa: E731
    out = [f"# {cell(heading(report, lang, title))}", "", f"- **{W('as_of')}:** {report.as_of}", ""]
    if not report.usable:  # a cohort file that cannot be used: its errors, and no empty tables
        return "\n".join(out[:-1] + _findings(W("input_errors"), report.findings(), lang)) + "\n"
    if report.scope == "cohort":
        rows = [
            [r.name or r.folder, row_state(r, lang),
             "–" if not r.has_folder else (f"{r.percent_ready} %" if r.usable else W("errors")),
             r.blockers, r.remarks, r.supervisor or "–", r.auditor or "–"]
            for r in report.companies
        ]
        out += table([W(k) for k in ("company", "state", "ready", "blockers", "remarks", "supervisor", "auditor")], rows, right=(2, 3, 4))
    else:
        rows = []
        for c in report.cohorts:
            ind = c.indicators.to_dict()
            rows.append([c.term or c.folder, value(ind["companies"], lang), value(ind["started"], lang), value(ind["certified_total"], lang),
                         value(ind["percent_certified_of_target"], lang, "percent"), value(ind["open_remarks"], lang), len(c.findings)])
        out += table([W(k) for k in ("cohort", "companies", "started", "certified_short", "target_short", "remarks", "warnings")], rows,
                     right=(1, 2, 3, 4, 5, 6))
    out += ["", f"## {W('indicators')}", ""]
    out += [f"- **{cell(label)}:** {shown}" for label, shown in key_figures(report, lang)]
    dropouts = dropout_lines(report, lang)
    if dropouts:
        out += ["", f"## {W('dropouts')}", ""] + [f"- {cell(text)}" for text in dropouts]
    for section, lines, commands in year_sections(report, lang):
        out += ["", f"## {cell(section)}", ""] + [f"- {cell(text)}" for text in lines]
        if commands:
            out += ["", "```sh", *commands, "```"]
    out += _findings(W("warnings"), report.findings(), lang)
    return "\n".join(out) + "\n"


def _findings(title: str, findings: list, lang: Lang) -> list[str]:
    if not findings:
        return []
    out = ["", f"## {cell(title)}", ""]
    for f in findings[:MAX_LISTED]:
        hint = f" {cell(f.hint.get(lang))}" if f.hint else ""
        out.append(f"- {vocab.name(Severity(f.severity), lang)} `{cell(str(f.location))}` `{f.code}`: {cell(f.message.get(lang))}{hint}")
    overflow = warnings_overflow(findings, lang)
    if overflow:
        out.append(f"- {cell(overflow)}")
    return out

"""`--format markdown` for intake: a review to paste into an e-mail to the applicant, or a
batch summary for the review group's minutes."""

from __future__ import annotations

from pathlib import Path

from asfcert.base.i18n import Lang
from asfcert.render.common.labels import severity_name
from asfcert.render.common.markdown import cell, findings_table
from asfcert.render.intake.labels import (
    current_cell,
    decision_name,
    documents_done,
    org_number_cell,
    principles_done,
    status_name,
    word,
    yes_no,
)


def _findings_table(findings, lang: Lang) -> list[str]:
    return (findings_table(findings, lang) if findings else [word("none", lang)]) + [""]


def _body(result, lang: Lang, level: str) -> list[str]:
    W = lambda name: word(name, lang)  # noqa: E731
    out = []
    if result.company:
        out += [f"- **{W('company')}:** {result.company['name']}", f"- **{W('org_number')}:** {result.company['org_number']}"]
    std = result.standard
    out += [f"- **{W('standard')}:** {std['title'][lang]} (`{std['id']}` {std['version']})", f"- **{W('as_of')}:** {result.as_of}", ""]
    out += [f"**{W('decision')}: {decision_name(result.decision, lang)}**", ""]
    if result.principles:
        out += [f"{level} {W('principles')}", "", f"| {W('principle')} | {W('requirement')} | {W('title_col')} | {W('severity')} | {W('status')} | {W('figures')} |",
                "|---|---|---|---|---|---|"]
        for p in result.principles:
            for r in p.requirements:
                summary = r.summary.get(lang) if r.summary else ""
                out.append(f"| {p.id} | {r.id} | {cell(r.title.get(lang))} | {severity_name(r.severity, lang)} | {status_name(r.status, lang)} | {cell(summary)} |")
        out += ["", W("decided_by_auditor"), ""]
    if result.documents:
        out += [f"{level} {W('documents')}", "", f"| {W('document')} | {W('file')} | {W('readable')} | {W('current')} | {W('org_number')} |", "|---|---|---|---|---|"]
        for d in result.documents:
            shown = f"`{cell(d.file or ', '.join(d.files))}`" if d.files else W("missing")
            out.append(f"| {d.name.get(lang)} | {shown} | {yes_no(d.readable, lang)} | {current_cell(d, lang)} | {org_number_cell(d, lang)} |")
        out.append("")
    out += [f"{level} {W('reasons')}", "", *_findings_table(result.reasons, lang)]
    if result.notes:
        out += [f"{level} {W('notes')}", "", *_findings_table(result.notes, lang)]
    return out


def render(result, lang: Lang) -> str:
    return "\n".join([f"# {word('title', lang)}", "", *_body(result, lang, "##")]) + "\n"


def render_batch(batch, lang: Lang) -> str:
    W = lambda name: word(name, lang)  # noqa: E731
    out = [f"# {W('batch_title')}", "", f"- **{W('folder')}:** {batch.folder}", f"- **{W('as_of')}:** {batch.as_of}", ""]
    out += [f"## {W('summary')}", "", f"| {W('application')} | {W('company')} | {W('decision')} | {W('principles_short')} | {W('documents_short')} | {W('reasons_short')} |",
            "|---|---|---|---:|---:|---:|"]
    for r in batch.applications:
        out.append(
            f"| {cell(Path(r.folder).name)} | {cell((r.company or {}).get('name', '–'))} | {decision_name(r.decision, lang, short=True)} "
            f"| {principles_done(r)} | {documents_done(r) if r.usable else '–'} | {len(r.reasons)} |"
        )
    out.append("")
    if batch.skipped:
        out += [f"{W('skipped')}: {', '.join(batch.skipped)}", ""]
    for r in batch.applications:
        out += [f"## {Path(r.folder).name}", "", *_body(r, lang, "###")]
    return "\n".join(out) + "\n"

"""The self-contained HTML dashboard of a cohort report: inline CSS and SVG, no network."""

from __future__ import annotations

import asfcert
from asfcert.base.i18n import Lang, number
from asfcert.render.cohort.labels import INDICATORS, WORDS, indicator_labels, word
from asfcert.render.cohort.tables import (
    company_table,
    complaints_table,
    due_soon_table,
    effects_table,
    funder_rows,
    funnel,
    heatmap_rows,
    indicator_table,
    overdue_table,
    remarks_table,
    renewals_table,
)
from asfcert.render.common import svg

_CARDS = ("companies", "started", "certified_total", "percent_certified_of_target", "ready_for_audit", "open_remarks", "remarks_past_due", "withdrawn")


def _fmt(value, lang: Lang, key: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, (int, float)):
        return number(value, lang) + (" %" if "percent" in key else "")
    return str(value)


def render(report, lang: Lang) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from asfcert.base.resources import data_dir
    from asfcert.base.safetext import visible

    env = Environment(loader=FileSystemLoader(data_dir("templates") / "cohort"), autoescape=select_autoescape(["html", "j2"]),
                      finalize=lambda value: visible(value) if type(value) is str else value)
    return env.get_template("dashboard.html.j2").render(**dashboard(report, lang))


def dashboard(report, lang: Lang) -> dict:
    """The dashboard's data in one language: what this file renders, and what the
    coordinator's view in the workspace (`asfcert serve` on a cohort) shows."""
    totals = report.totals.to_dict()
    labels = indicator_labels(report.scope)
    headers, rows = company_table(report, lang)
    if report.scope == "cohort":  # one cohort: its name is in the title already
        headers, rows = headers[1:], [row[1:] for row in rows]
    columns, grid, by_cohort = heatmap_rows(report)
    ind_headers, ind_rows = indicator_table(report, lang)
    title = word("registry_title" if report.scope == "registry" else "report_title", lang)
    subtitle = report.label
    cohort_columns = [(k, labels[k].get(lang)) for k in ("companies", "started", "certified_total", "percent_certified_of_target", "open_remarks")]
    return dict(
        lang=lang,
        title=title,
        subtitle=subtitle,
        report=report,
        w={k: v.get(lang) for k, v in WORDS.items()},
        cards=[(k, labels[k].get(lang), _fmt(totals.get(k), lang, k)) for k in _CARDS],
        cohort_columns=cohort_columns,
        cohort_rows=[
            {"name": f"{c.name or c.folder} ({c.term or '?'})", "cells": [_fmt(c.indicators.to_dict().get(k), lang, k) for k, _ in cohort_columns]}
            for c in report.cohorts
        ],
        funnel=svg.bars(funnel(report, lang)),
        heatmap=svg.heatmap(grid, columns),
        heatmap_title=word("heatmap_by_cohort" if by_cohort else "heatmap", lang),
        load=svg.bars(sorted(totals["supervisor_load"].items()), colour="#5b7fa6"),
        remarks=remarks_table(report),
        renewals_title=word("renewals", lang).format(months=report.year.renewal_window_months),
        renewals=renewals_table(report, lang),
        overdue=overdue_table(report, lang),
        due_soon=due_soon_table(report, lang),
        complaints=complaints_table(report, lang),
        funders=[(labels[key].get(lang), _fmt(v, lang, key), _fmt(target, lang, key) if target is not None else "")
                 for key, v, target in funder_rows(report)],
        effects=effects_table(report, lang),
        dropouts=[
            {"company": d["company"], "reason": d["reason"] or "–", "when": word("during" if d["started"] else "before_start", lang)}
            for d in totals["dropouts"]
        ],
        company_columns=headers,
        company_rows=[[_fmt(v, lang) for v in row] for row in rows],
        indicator_headers=ind_headers,
        indicator_rows=[[row[0]] + [_fmt(v, lang, key) for v in row[1:]] for row, (key, _) in zip(ind_rows, INDICATORS)],
        warnings=[{"location": str(f.location), "code": f.code, "message": f.message.get(lang)} for f in report.findings()],
        version=asfcert.__version__,
    )

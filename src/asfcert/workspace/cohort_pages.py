"""The data of the coordinator's overview: the cohort dashboard of `cohort report` (the
same data, from the same render code), regrouped for the browser: the companies by
lifecycle state, each linked to its own workspace, and to the audit view for the auditor
the session acts as."""

from __future__ import annotations

from asfcert.assess.impartiality import same_name
from asfcert.base.i18n import Lang
from asfcert.base.vocab import Lifecycle
from asfcert.render.cohort.html import dashboard as dashboard_data
from asfcert.render.cohort.labels import state_name, word
from asfcert.render.cohort.tables import COMPANY_COLUMNS, heatmap_rows
from asfcert.workspace.cohorts import Cohorts

# The columns of the overview's company table: what fits 1280 px; every column of the
# report stays one click away (`all_columns`).
SHORT = ("company", "state", "percent_ready", "blockers", "remarks", "supervisor", "auditor", "valid_until")


def dashboard(cohorts: Cohorts, lang: Lang, auditor: str | None) -> dict:
    """The overview's data: the report's part is kept per language for as long as the
    folder's signature holds (cohorts.kept); only what depends on the auditor the session
    acts as (the links to the audit view) is made per request."""
    data = cohorts.kept(("dashboard", lang), lambda: _report_data(cohorts, lang))
    companies = [{**c, "audit": _audit_link(c, auditor)} for c in data["companies"]]
    by_state = [{**group, "companies": [c for c in companies if c["state"] == group["state"]]} for group in data["by_state"]]
    return {**data, "companies": companies, "by_state": by_state, "auditor": auditor, "auditor_error": None,
            "mine": [c for c in companies if c["audit"]]}


def _audit_link(company: dict, auditor: str | None) -> str | None:
    url, appointed = company["url"], company["auditor_name"]
    return f"{url}/audit" if url and auditor and appointed and same_name(appointed, auditor) else None


def _report_data(cohorts: Cohorts, lang: Lang) -> dict:
    report = cohorts.report()
    data = dashboard_data(report, lang)
    keys = [attr for _, attr in COMPANY_COLUMNS] + ["reason"]
    if report.scope == "cohort":
        keys = keys[1:]
    picked = [keys.index(k) for k in SHORT]
    companies = []
    for row, cells in zip(report.companies, data["company_rows"]):
        url = f"/c/{row.cohort}/{row.folder}" if row.has_folder else None
        companies.append({
            "name": row.name or row.folder, "cohort": row.cohort, "folder": row.folder, "state": row.state,
            "url": url, "cells": [cells[i] for i in picked], "all": cells, "auditor_name": row.auditor,
        })
    by_state = []
    for state in Lifecycle:
        if any(c["state"] == state.value for c in companies):
            by_state.append({"state": state.value, "name": state_name(state.value, lang)})
    load = sorted(report.totals.supervisor_load.items())
    heat_columns, heat, _ = heatmap_rows(report)
    return {
        **data,
        "here": "/",
        "folder": cohorts.shown,
        "as_of": report.as_of,
        "by_state": by_state,
        "companies": companies,
        "short_columns": [data["company_columns"][i] for i in picked],
        "load_rows": load,
        "heat_columns": heat_columns,
        "heat_rows": [(name, [values.get(c) for c in heat_columns]) for name, values in heat],
        "load_max": max((n for _, n in load), default=0),
        "expiring": report.totals.expiring_within_90_days,
        "auditors": cohorts.auditors(),
        "w_state": word("state", lang),
    }

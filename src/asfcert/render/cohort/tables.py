"""The cohort report as plain tables (headers and rows) in one language; the HTML
dashboard, the CSV files and the XLSX workbook are all made from these."""

from __future__ import annotations

from asfcert.base.i18n import Lang
from asfcert.render.cohort.labels import INDICATORS, state_name, word

COMPANY_COLUMNS = [
    ("cohort", "cohort"), ("company", "company"), ("state", "state"), ("ready", "percent_ready"),
    ("blockers", "blockers"), ("remarks", "remarks"), ("errors", "errors"), ("supervisor", "supervisor"),
    ("auditor", "auditor"), ("hours", "hours_spent"), ("fee", "fee_sek"), ("paid", "paid"),
    ("certificate", "certificate"), ("valid_until", "valid_until"),
]


def company_table(report, lang: Lang) -> tuple[list[str], list[list]]:
    headers = [word(label, lang) for label, _ in COMPANY_COLUMNS] + [word("reason", lang)]
    rows = []
    for r in report.companies:
        values = []
        for _, attr in COMPANY_COLUMNS:
            if attr == "company":
                values.append(r.name or r.folder)
            elif attr == "state":
                values.append(state_name(r.state, lang))
            elif attr == "paid":
                values.append(word("yes" if r.paid else "no", lang))
            elif attr == "percent_ready":
                values.append(r.percent_ready if r.has_folder and r.usable else None)
            else:
                values.append(getattr(r, attr))
        values.append(r.reason)
        rows.append(values)
    return headers, rows


def indicator_table(report, lang: Lang) -> tuple[list[str], list[list]]:
    """One row per indicator; a column per cohort, and a total column for a registry."""
    columns = [(c.name or c.folder, c.indicators.to_dict()) for c in report.cohorts if c.usable]
    if report.scope == "registry":
        columns.append((word("total", lang), report.totals.to_dict()))
    headers = [word("indicators", lang)] + [name for name, _ in columns]
    rows = [[label.get(lang)] + [values.get(key) for _, values in columns] for key, label in INDICATORS]
    return headers, rows


def remarks_table(report) -> list[dict]:
    rows = [
        {"company": r.name or r.folder, "cohort": r.cohort, **m}
        for r in report.companies for m in r.open_remarks
    ]
    return sorted(rows, key=lambda m: m["deadline"])


MAX_HEATMAP_ROWS = 300  # above this the registry heatmap shows one row per cohort


def heatmap_rows(report, aggregate: bool = True) -> tuple[list[str], list[tuple[str, dict[str, int]]], bool]:
    """(columns, rows, by_cohort): a row per company, or, when `aggregate` and the
    registry is large, a row per cohort with the average per clause."""
    columns = [c["id"] for c in report.clauses]
    rows = [(r.name or r.folder, r.clauses) for r in report.companies if r.has_folder and r.clauses]
    if not aggregate or len(rows) <= MAX_HEATMAP_ROWS:
        return columns, rows, False
    grouped: dict[str, list[dict[str, int]]] = {}
    for r in report.companies:
        if r.has_folder and r.clauses:
            grouped.setdefault(r.cohort, []).append(r.clauses)
    averaged = []
    for cohort, values in grouped.items():
        means = {c: round(sum(v[c] for v in values if c in v) / len([v for v in values if c in v])) for c in columns if any(c in v for v in values)}
        averaged.append((f"{cohort} ({len(values)})", means))
    return columns, averaged, True


def funnel(report, lang: Lang) -> list[tuple[str, int]]:
    from asfcert.assess.lifecycle import STATES

    counts = {s: 0 for s in STATES}
    for r in report.companies:
        counts[r.state] += 1
    return [(state_name(s, lang), n) for s, n in counts.items()]

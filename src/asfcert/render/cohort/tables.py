"""The cohort report as plain tables (headers and rows) in one language; the HTML
dashboard, the CSV files and the XLSX workbook are all made from these. Also the pieces of
the one-screen summary that the terminal and Markdown show alike."""

from __future__ import annotations

from collections import Counter

from asfcert.base import vocab
from asfcert.base.i18n import Lang, number
from asfcert.base.vocab import ComplaintOutcome, ComplaintStatus, Lifecycle
from asfcert.render.cohort.labels import (
    INDICATORS,
    indicator_labels,
    row_state,
    row_valid_until,
    state_name,
    word,
)

COMPANY_COLUMNS = [
    ("cohort", "cohort"), ("company", "company"), ("state", "state"), ("ready", "percent_ready"),
    ("blockers", "blockers"), ("remarks", "remarks"), ("errors", "errors"), ("supervisor", "supervisor"),
    ("auditor", "auditor"), ("hours", "hours_spent"), ("group_hours", "group_supervision_hours"),
    ("individual_hours", "individual_supervision_hours"), ("fee", "fee_sek"), ("paid", "paid"),
    ("certificate", "certificate"), ("valid_until", "valid_until"), ("renews", "renews"),
]
COMPANY_KEYS = [attr for _, attr in COMPANY_COLUMNS] + ["reason"]  # what each column of company_table holds


def company_table(report, lang: Lang) -> tuple[list[str], list[list]]:
    headers = [word(label, lang) for label, _ in COMPANY_COLUMNS] + [word("reason", lang)]
    rows = []
    for r in report.companies:
        values = []
        for _, attr in COMPANY_COLUMNS:
            if attr == "company":
                values.append(r.name or r.folder)
            elif attr == "state":
                values.append(row_state(r, lang))
            elif attr == "valid_until":
                values.append(row_valid_until(r, lang))
            elif attr == "paid":
                values.append(word("yes" if r.paid else "no", lang))
            elif attr == "percent_ready":
                values.append(r.percent_ready if r.has_folder and r.usable else None)
            elif attr == "fee_sek":
                values.append(kronor(r.fee_sek))
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
    labels = indicator_labels(report.scope)
    rows = [[labels[key].get(lang)] + [_indicator(values.get(key), key) for _, values in columns] for key, _ in INDICATORS]
    return headers, rows


def _indicator(value, key: str):
    return kronor(value) if key.endswith("_sek") else value


def kronor(amount: float | None) -> int | None:
    """Whole kronor: a fee is never shown with öre."""
    return None if amount is None else int(round(amount))


def renewals_table(report, lang: Lang) -> tuple[list[str], list[list]]:
    headers = [word(k, lang) for k in ("cohort", "company", "certificate", "valid_until", "renewing_in")]
    rows = [[e["cohort"], e["company"], e["certificate"], e["valid_until"], e["renewing_in"] or word("not_started", lang)]
            for e in report.year.renewals_due]
    return headers, rows


def overdue_table(report, lang: Lang) -> tuple[list[str], list[list]]:
    """Remarks past their deadline, each with the command that suspends the certificate."""
    headers = [word(k, lang) for k in ("cohort", "company", "certificate", "requirement", "deadline", "proposal")]
    rows = [[m["cohort"], m["company"], m["certificate"], m["requirement"], m["deadline"],
             m["command"][lang] if m["command"] else word("already_suspended", lang)] for m in report.year.remarks_overdue]
    return headers, rows


def due_soon_table(report, lang: Lang) -> tuple[list[str], list[list]]:
    headers = [word(k, lang) for k in ("cohort", "company", "certificate", "requirement", "remarks", "deadline")]
    rows = [[m["cohort"], m["company"], m["certificate"], m["requirement"], m["text"], m["deadline"]] for m in report.year.remarks_due_soon]
    return headers, rows


def complaints_table(report, lang: Lang) -> tuple[list[str], list[list]]:
    headers = [word(k, lang) for k in ("received", "company", "certificate", "summary", "status", "outcome")]
    rows = [[c["received"], c["company"], c["certificate"], c["summary"], vocab.name(ComplaintStatus(c["status"]), lang),
             vocab.name(ComplaintOutcome(c["outcome"]), lang)] for c in report.year.complaints]
    return headers, rows


def dropouts_table(report, lang: Lang) -> tuple[list[str], list[list]]:
    headers = [word(k, lang) for k in ("cohort", "company", "when", "reason")]
    rows = [[d["cohort"], d["company"], word("during" if d["started"] else "before_start", lang), d["reason"] or "–"]
            for d in report.totals.dropouts]
    return headers, rows


def effects_table(report, lang: Lang) -> tuple[list[str], list[list]]:
    return [word("effect", lang), word("answers", lang)], [[name, n] for name, n in report.totals.survey_effects.items()]


FUNDER_INDICATORS = (  # (indicator, its target), the funders' indicators beyond the lifecycle counts
    ("average_hours", None), ("hours_min", "target_hours_min"), ("hours_max", "target_hours_max"),
    ("hours_within_target", None), ("average_group_supervision_hours", "target_group_supervision_hours"),
    ("group_supervision_hours", None), ("average_individual_supervision_hours", "target_individual_supervision_hours"),
    ("individual_supervision_hours", None), ("survey_asked", None), ("survey_answered", None),
    ("percent_survey_response", "target_percent_survey_response"), ("percent_would_recommend", None),
    ("withdrawn", None),
)


def funder_rows(report) -> list[tuple[str, object, object]]:
    """(key, value, target) of the funders' indicators the totals have."""
    totals = report.totals.to_dict()
    return [(key, totals.get(key), totals.get(target) if target else None) for key, target in FUNDER_INDICATORS
            if totals.get(key) is not None]


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
    rows = [(r.name or r.folder, r.clauses) for r in report.companies if r.has_folder and r.clauses]  # by name, as the report
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
    counts = {str(s): 0 for s in Lifecycle}
    for r in report.companies:
        counts[r.state] += 1
    return [(state_name(s, lang), n) for s, n in counts.items()]


# The summaries (terminal and Markdown): what fits one screen.
MAX_LISTED = 8  # longer lists are counted
KEY_INDICATORS = (
    "companies", "started", "percent_started_of_target", "ready_for_audit", "certified_total",
    "percent_certified_of_target", "withdrawn", "open_remarks", "remarks_past_due",
    "fees_outstanding_sek", "average_hours", "hours_within_target", "percent_survey_response", "percent_would_recommend",
)


def value(v, lang: Lang, key: str = "") -> str:
    if v is None:
        return "–"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return number(v, lang) + (" %" if "percent" in key else "")
    return str(v)


def heading(report, lang: Lang, title: str) -> str:
    """`Omgångskontroll — Certifiering hösten 2026 (HT2026)`, or `Registerrapport — SKOOPI`
    (the registry's certifier, else its folder's name)."""
    head = word("registry_title" if report.scope == "registry" and title == "report_title" else title, lang)
    return f"{head} — {report.label}" if report.label else head


def key_figures(report, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) of the key indicators the totals have."""
    totals = report.totals.to_dict()
    labels = indicator_labels(report.scope)
    return [(labels[key].get(lang), value(totals[key], lang, key)) for key in KEY_INDICATORS if totals.get(key) is not None]


def dropout_lines(report, lang: Lang) -> list[str]:
    """Who dropped out and why; for a registry, the reasons counted."""
    dropouts = report.totals.to_dict()["dropouts"]
    if len(dropouts) <= MAX_LISTED:
        return [f"{d['company']} ({word('during' if d['started'] else 'before_start', lang)}): {d['reason'] or '–'}" for d in dropouts]
    return [f"{n} × {reason}" for reason, n in Counter(d["reason"] or "–" for d in dropouts).most_common(MAX_LISTED)]


def warnings_overflow(findings, lang: Lang) -> str | None:
    """`… alla varningar (…): 12 × code` when there are more than fit."""
    if len(findings) <= MAX_LISTED:
        return None
    counts = ", ".join(f"{n} × {code}" for code, n in Counter(f.code for f in findings).most_common())
    return f"… {word('all_warnings', lang)}: {counts}"


def year_sections(report, lang: Lang) -> list[tuple[str, list[str], list[str]]]:
    """(heading, lines, commands) of the year's follow-ups for the summaries: remarks past
    their deadline with the command that suspends, remarks due soon, renewals, complaints."""
    year = report.year
    out = []
    if year.remarks_overdue:
        lines = [f"{m['company']} ({m['certificate']}) {m['requirement']}: {m['deadline']}" for m in year.remarks_overdue[:MAX_LISTED]]
        commands = [m["command"][lang] for m in year.remarks_overdue[:MAX_LISTED] if m["command"]]
        out.append((word("remarks_overdue", lang), lines, commands))
    if year.remarks_due_soon:
        out.append((word("remarks_due_soon", lang),
                    [f"{m['company']} ({m['certificate']}) {m['requirement']}: {m['deadline']}" for m in year.remarks_due_soon[:MAX_LISTED]], []))
    if year.renewals_due:
        heading = word("renewals", lang).format(months=year.renewal_window_months)
        lines = [f"{e['company']} ({e['certificate']}): {e['valid_until']}, {word('renewing_in', lang).lower()} {e['renewing_in']}"
                 if e["renewing_in"] else f"{e['company']} ({e['certificate']}): {e['valid_until']}" for e in year.renewals_due[:MAX_LISTED]]
        out.append((heading, lines, []))
    if year.complaints:
        out.append((word("complaints", lang), [
            f"{c['id']} {c['company']} ({c['certificate']}), {c['received']}: {vocab.name(ComplaintStatus(c['status']), lang)}"
            + (f", {vocab.name(ComplaintOutcome(c['outcome']), lang)}" if c["outcome"] != "none" else "")
            for c in year.complaints[:MAX_LISTED]], []))
    return out

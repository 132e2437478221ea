"""The three documents of an application, the approved annual report, board minutes and
the statutes or articles of association, as three requirements for the engine.

Intake checks no document itself. Each document is a requirement that expects its
evidence kind and runs the document's rule from rules/ with intake's parameters; the
engine (assess/engine.py) evaluates them exactly as `asfcert check` evaluates the
standard's requirements:

- present and readable: the engine's evidence review, as in `check`
  (`evidence-kind-missing`; `pdf-encrypted`, `pdf-damaged`, … for a file that cannot be
  read; `document-needs-review` for a scan, a file that is not a PDF, or an annual report
  whose fiscal year the text does not show);
- the annual report: `annual-report`, with the standard's own `max_age_months` (the
  first enabled `annual-report` check, 18 months in the shipped standard);
- the minutes: `minutes-dated` with `board_only`, `max_age_months`
  (`--minutes-max-age-months`, 12 by default) and `org_number`;
- the statutes: `statutes-org-number` (statutes have no age: they hold until changed).

Every document requirement is a blocker: a document that is missing, unreadable, out of
date or another company's sends the application back. `document_check` turns an
evaluation into the row of the documents table."""

from __future__ import annotations

from asfcert.base.findings import OUTDATED, Effect
from asfcert.intake.result import DocumentCheck

ANNUAL_REPORT, MINUTES, STATUTES = "annual-report", "minutes", "statutes"
APPLICATION_DOCUMENTS = (ANNUAL_REPORT, MINUTES, STATUTES)
MINUTES_MAX_AGE_MONTHS = 12
ID_PREFIX = "INTAKE-"  # the requirements' ids: INTAKE-1 (annual report), INTAKE-2, INTAKE-3


def annual_report_limit(standard) -> int:
    """The standard's age limit for an annual report: the `annual-report` check's
    `max_age_months` (the first enabled requirement that has one)."""
    from asfcert.rules.annual_report import Options

    for req in standard.enabled:
        for spec in req.checks:
            if spec.rule == "annual-report":
                return spec.max_age_months
    return Options(rule="annual-report").max_age_months


def requirements(standard, minutes_max_age_months: int = MINUTES_MAX_AGE_MONTHS) -> list:
    """One requirement per application document the standard has an evidence kind for."""
    from asfcert.standard.model import Requirement

    checks = {
        ANNUAL_REPORT: {"rule": "annual-report", "max_age_months": annual_report_limit(standard)},
        MINUTES: {"rule": "minutes-dated", "board_only": True, "max_age_months": minutes_max_age_months, "org_number": True},
        STATUTES: {"rule": "statutes-org-number"},
    }
    kinds = {k.id: k for k in standard.evidence_kinds}
    return [
        Requirement.model_validate({
            "id": f"{ID_PREFIX}{n}", "clause": "intake", "title": kinds[kind].name, "text": kinds[kind].name,
            "easy": kinds[kind].name, "evidence": [kind], "severity": "blocker", "decided_by": "machine",
            "checks": [checks[kind]],
        })
        for n, kind in enumerate(APPLICATION_DOCUMENTS, 1) if kind in kinds
    ]


def document_check(ev, standard, documents, about_files: list) -> DocumentCheck:
    """The documents table's row for one evaluated document requirement. `about_files`:
    the evidence review's findings, for the files this row lists."""
    kind = next(k for k in standard.evidence_kinds if k.id == ev.requirement.evidence[0])
    docs = sorted(documents.of_kind(kind.id), key=lambda d: d.rel)
    fig = ev.figures
    row = DocumentCheck(kind.id, kind.name.l10n, kind.folder, files=[d.rel for d in docs], file=fig.get("file"))
    if not docs:
        row.findings = _deciding(ev.findings + about_files)
        return row
    row.readable = any(d.has_text for d in docs)
    row.max_age_months = getattr(ev.requirement.checks[0], "max_age_months", None)
    row.date = fig.get("fiscal_year_end") or fig.get("meeting_date")
    row.age_months = fig.get("months_since_end", fig.get("months_since_meeting"))
    if row.readable and row.max_age_months is not None:
        row.current = row.date is not None and not any(OUTDATED in f.tags for f in ev.findings)
    if "org_number_page" in fig:
        row.org_number = fig["org_number_page"] is not None
        row.org_number_page = fig["org_number_page"]
    row.findings = _deciding(ev.findings + about_files)
    return row


def _deciding(findings: list) -> list[str]:
    """The codes of the findings that keep the document from being in order."""
    return list(dict.fromkeys(f.code for f in findings if f.effect is not Effect.INFORMS))

"""The coordinator's view of one cohort or the whole registry: a row per company with its
lifecycle state and readiness, and the indicators funders ask for."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from asfcert.assess.lifecycle import (
    CERTIFIED_STATES,
    STARTED_STATES,
    Records,
    derive_state,
)
from asfcert.base.dates import add_days
from asfcert.base.findings import Finding, Location
from asfcert.base.orgnr import normalise
from asfcert.base.text import sort_key
from asfcert.cohort.checked import CompanyCheck
from asfcert.cohort.funders import (
    add_survey,
    count_funders,
    set_funder_targets,
    sum_funders,
)
from asfcert.cohort.year import Year
from asfcert.cohort.year import build as build_year
from asfcert.records.cohort_file import LoadedCohort, warnings
from asfcert.records.survey import read as read_survey


@dataclass
class CompanyRow:
    cohort: str
    folder: str
    has_folder: bool = False
    name: str | None = None
    org_number: str | None = None
    state: str = "admitted"
    state_source: str = "files"  # files | cohort.yaml
    reason: str | None = None
    supervisor: str | None = None
    auditor: str | None = None
    usable: bool = True
    ready: bool = False
    percent_ready: int = 0
    clauses: dict[str, int] = field(default_factory=dict)  # clause id -> percent ready
    errors: int = 0
    blockers: int = 0
    remarks: int = 0
    warnings: int = 0
    hours_spent: int | None = None
    group_supervision_hours: float | None = None  # held with the company's group
    individual_supervision_hours: float | None = None
    renews: str | None = None  # re-certification: the certificate it renews
    fee_sek: float | None = None
    invoiced: bool = False
    paid: bool = False
    submitted: str | None = None
    decision: str | None = None
    decision_date: str | None = None
    certificate: str | None = None
    certificate_status: str | None = None
    valid_until: str | None = None
    open_remarks: list[dict] = field(default_factory=list)  # requirement, text, deadline, past_due


@dataclass
class Indicators:
    companies: int = 0
    started: int = 0
    did_not_start: int = 0
    in_progress: int = 0
    submitted: int = 0
    ready_for_audit: int = 0
    audited: int = 0
    certified: int = 0  # without remarks
    certified_with_remarks: int = 0
    not_certified: int = 0
    withdrawn: int = 0
    dropouts: list[dict] = field(default_factory=list)  # cohort, company, reason, started
    target_started: int | None = None
    target_certified: int | None = None
    open_remarks: int = 0
    remarks_past_due: int = 0
    supervisor_load: dict[str, int] = field(default_factory=dict)
    fees_invoiced_sek: float = 0
    fees_paid_sek: float = 0
    hours_recorded: int = 0
    average_hours: float | None = None
    hours_min: int | None = None
    hours_max: int | None = None
    target_hours_min: int | None = None
    target_hours_max: int | None = None
    hours_within_target: int | None = None
    groups_reporting_supervision: int = 0
    group_supervision_hours: float = 0
    average_group_supervision_hours: float | None = None  # per group
    target_group_supervision_hours: float | None = None  # per group
    individual_supervision_recorded: int = 0
    individual_supervision_hours: float = 0
    average_individual_supervision_hours: float | None = None  # per company
    target_individual_supervision_hours: float | None = None  # per company
    survey_asked: int | None = None
    survey_answered: int | None = None
    survey_recommend_yes: int = 0
    survey_recommend_no: int = 0
    survey_effects: dict[str, int] = field(default_factory=dict)
    target_percent_survey_response: float | None = None
    expiring_within_90_days: list[dict] = field(default_factory=list)

    @property
    def certified_total(self) -> int:
        return self.certified + self.certified_with_remarks

    @property
    def percent_started_of_target(self) -> float | None:
        return round(100 * self.started / self.target_started, 1) if self.target_started else None

    @property
    def percent_certified_of_target(self) -> float | None:
        return round(100 * self.certified_total / self.target_certified, 1) if self.target_certified else None

    @property
    def fees_outstanding_sek(self) -> float:
        return self.fees_invoiced_sek - self.fees_paid_sek

    @property
    def percent_survey_response(self) -> float | None:
        return round(100 * self.survey_answered / self.survey_asked, 1) if self.survey_asked else None

    @property
    def percent_would_recommend(self) -> float | None:
        said = self.survey_recommend_yes + self.survey_recommend_no
        return round(100 * self.survey_recommend_yes / said, 1) if said else None

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(
            certified_total=self.certified_total,
            percent_started_of_target=self.percent_started_of_target,
            percent_certified_of_target=self.percent_certified_of_target,
            fees_outstanding_sek=self.fees_outstanding_sek,
            percent_survey_response=self.percent_survey_response,
            percent_would_recommend=self.percent_would_recommend,
        )
        return d


@dataclass
class CohortSummary:
    folder: str
    name: str | None
    term: str | None
    usable: bool
    dates: dict = field(default_factory=dict)
    indicators: Indicators = field(default_factory=Indicators)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Report:
    root: str
    as_of: str
    scope: str  # cohort | registry
    cohorts: list[CohortSummary]
    companies: list[CompanyRow]
    totals: Indicators
    clauses: list[dict]  # id, title {sv, en}: the heatmap's columns
    year: Year = field(default_factory=Year)  # renewals, remark deadlines, complaints
    label: str = ""  # what the report is about: the cohorts' names, or the registry's certifier or folder

    @property
    def usable(self) -> bool:
        return all(c.usable for c in self.cohorts)

    @property
    def exit_code(self) -> int:
        """For `cohort report`: 2 when a cohort file is unusable, else 0."""
        return 2 if not self.usable else 0

    @property
    def check_exit_code(self) -> int:
        """For `cohort check`: 1 while a company is not ready or the cohort has warnings."""
        if not self.usable:
            return 2
        if self.findings():
            return 1
        active = [r for r in self.companies if r.state != "withdrawn"]
        return 0 if all(r.has_folder and r.ready for r in active) else 1

    def findings(self) -> list[Finding]:
        return [f for c in self.cohorts for f in c.findings]

    def to_dict(self) -> dict:
        return {
            "format": "asfcert-cohort-report/1",
            "root": self.root,
            "as_of": self.as_of,
            "scope": self.scope,
            "usable": self.usable,
            "exit_code": self.exit_code,
            "totals": self.totals.to_dict(),
            "cohorts": [
                {
                    "folder": c.folder, "name": c.name, "term": c.term, "usable": c.usable, "dates": c.dates,
                    "indicators": c.indicators.to_dict(), "findings": [f.to_dict() for f in c.findings],
                }
                for c in self.cohorts
            ],
            "companies": [asdict(r) for r in self.companies],
            "clauses": self.clauses,
            "label": self.label,
            "year": self.year.to_dict(),
        }


@dataclass
class Context:
    """What the report needs besides the cohorts: the standard's renewal window, the
    certifier's registry above the folder (for the suspend command), its certifier and its
    complaints."""

    renewal_window_months: int = 6
    registry: Path | None = None
    certifier: str | None = None
    complaints: list = field(default_factory=list)


def build(
    root: Path,
    loaded: list[LoadedCohort],
    results: dict[Path, CompanyCheck],
    records: dict[Path, Records],
    today: dt.date,
    context: Context | None = None,
) -> Report:
    context = context or Context()
    rows: list[CompanyRow] = []
    summaries: list[CohortSummary] = []
    clauses: dict[str, dict] = {}
    for cohort_loaded in loaded:
        cohort = cohort_loaded.cohort
        summary = CohortSummary(cohort_loaded.path.name, getattr(cohort, "name", None), getattr(cohort, "term", None), cohort_loaded.usable)
        summary.findings = list(cohort_loaded.findings)
        if cohort is None:
            summaries.append(summary)
            continue
        summary.dates = {
            "start": cohort.dates.start.isoformat(),
            "submission_deadline": cohort.dates.submission_deadline.isoformat(),
            "audit_period": [cohort.dates.audit_period.start.isoformat(), cohort.dates.audit_period.end.isoformat()] if cohort.dates.audit_period else None,
        }
        cohort_rows = []
        for ref in cohort_loaded.companies:
            result = results.get(ref.path)
            row = _row(cohort_loaded, ref, result, records.get(ref.path, Records()), today)
            cohort_rows.append(row)
            for clause, title in (result.columns if result else ()):
                if clause not in clauses:
                    clauses[clause] = dict(title)
        cohort_rows.sort(key=lambda r: sort_key(r.name or r.folder))  # shown by name, so sorted by name
        org_numbers = {r.folder: normalise(r.org_number) for r in cohort_rows if r.org_number}
        summary.findings += warnings(cohort_loaded, today, org_numbers, {r.folder: r.state for r in cohort_rows})
        for ref in cohort_loaded.companies:
            summary.findings += company_problems(cohort_loaded.path.name, ref.folder, results.get(ref.path), records.get(ref.path))
        summary.indicators = indicators(cohort_rows, cohort, today)
        if cohort.survey is not None:
            survey = read_survey(cohort_loaded.path, cohort.survey.file, cohort.survey.asked, f"{cohort_loaded.path.name}/{cohort.survey.file}")
            add_survey(summary.indicators, survey)
            summary.findings += survey.findings
        summaries.append(summary)
        rows += cohort_rows
    totals = _sum([s.indicators for s in summaries], rows, today)
    scope = "cohort" if len(loaded) == 1 and loaded[0].path == root else "registry"
    year = build_year(rows, today, window_months=context.renewal_window_months, registry=context.registry, complaints=context.complaints)
    if scope == "cohort":
        label = ", ".join(f"{c.name} ({c.term})" for c in summaries if c.name)
    else:
        label = context.certifier or Path(os.path.abspath(root)).name
    return Report(str(root), today.isoformat(), scope, summaries, rows, totals, [{"id": k, "title": v} for k, v in clauses.items()], year, label)


def company_problems(cohort: str, company: str, result: CompanyCheck | None, records: Records | None) -> list[Finding]:
    """A warning naming the file when a company's files cannot be used (its first input
    error), and one per audit record or certificate copy that cannot be read."""
    from asfcert.base.i18n import L10n
    from asfcert.records.cohort_file import (
        COMPANY_INPUT_ERROR,
        COMPANY_RECORD_UNREADABLE,
    )

    def where(loc: Location) -> Location:
        return Location(f"{cohort}/{company}/{loc.file}" if loc.file else f"{cohort}/{company}", loc.line, loc.column)

    out = []
    errors = result.errors if result else []
    if errors:
        first, more = errors[0], len(errors) - 1
        out.append(COMPANY_INPUT_ERROR(
            location=where(first.location), company=company, file=first.location.file or company, code=first.code,
            problem=first.message, more=L10n(f" och {more} fel till", f" and {more} more") if more else "",
        ))
    for problem in (records.problems if records else []):
        f = Finding.from_dict(problem)
        out.append(COMPANY_RECORD_UNREADABLE(location=where(f.location), company=company, file=f.location.file, problem=f.message))
    return out


def _row(loaded: LoadedCohort, ref, result: CompanyCheck | None, records: Records, today: dt.date) -> CompanyRow:
    cohort = loaded.cohort
    entry = ref.entry
    row = CompanyRow(cohort=loaded.path.name, folder=ref.folder, has_folder=ref.exists)
    row.supervisor = cohort.supervisor_of(ref.folder)
    group = next((g for g in cohort.groups if ref.folder in g.companies), None)
    if group is not None and group.supervision_hours is not None:
        row.group_supervision_hours = float(group.supervision_hours)
    if entry is not None:
        row.name = entry.name  # the company folder's profile wins when there is one
        row.renews = entry.renews
        row.individual_supervision_hours = float(entry.supervision_hours) if entry.supervision_hours is not None else None
        row.auditor = entry.auditor
        row.reason = entry.reason
        row.hours_spent = entry.hours_spent
        amount = entry.fee.amount_sek if entry.fee.amount_sek is not None else cohort.fee_sek
        row.fee_sek = float(amount) if amount is not None else None
        row.invoiced, row.paid = entry.fee.invoiced, entry.fee.paid
        row.submitted = entry.submitted.isoformat() if entry.submitted else None
    elif cohort.fee_sek is not None:
        row.fee_sek = float(cohort.fee_sek)
    if result is not None:
        if result.company:
            row.name, row.org_number = result.company["name"], result.company["org_number"]
        row.usable, row.ready = result.usable, result.ready
        counts = result.counts
        row.errors, row.blockers, row.remarks, row.warnings = counts["error"], counts["blocker"], counts["remark"], counts["warning"]
        row.clauses = dict(result.clauses)
        row.percent_ready = result.percent_ready
    row.decision = records.decision
    row.decision_date = records.decision_date
    if records.certificate:
        row.certificate = records.certificate
        row.certificate_status = records.certificate_status
        row.valid_until = records.valid_until
    if records.certificate_status in ("valid", "suspended"):  # remarks on an ended certificate are moot
        row.open_remarks = [
            {**remark, "past_due": remark["deadline"] < today.isoformat()} for remark in records.open_remarks
        ]
    # the remarks that count: none once the certificate ended
    counted = replace(records, open_remarks=[m for m in row.open_remarks]) if records.open_remarks else records
    row.state, row.state_source = derive_state(entry, ref.exists, counted)
    return row


def indicators(rows: list[CompanyRow], cohort, today: dt.date) -> Indicators:
    ind = _count(rows, today)
    targets = cohort.targets
    ind.target_started = targets.started
    ind.target_certified = targets.certified
    for group in cohort.groups:
        ind.supervisor_load[group.supervisor] = ind.supervisor_load.get(group.supervisor, 0) + len(group.companies)
    set_funder_targets(ind, cohort, [r.hours_spent for r in rows if r.hours_spent is not None])
    return ind


def _count(rows: list[CompanyRow], today: dt.date) -> Indicators:
    ind = Indicators(companies=len(rows))
    soon = add_days(today, 90).isoformat()
    hours = []
    for r in rows:
        started = r.state in STARTED_STATES or (r.state == "withdrawn" and r.has_folder)
        ind.started += started
        if r.state == "withdrawn":
            ind.withdrawn += 1
            ind.dropouts.append({"cohort": r.cohort, "company": r.name or r.folder, "reason": r.reason, "started": started})
            ind.did_not_start += not started
        ind.in_progress += r.state == "in-progress"
        ind.submitted += r.state == "submitted"
        ind.audited += r.state == "audited"
        ind.certified += r.state == "certified"
        ind.certified_with_remarks += r.state == "certified-with-remarks"
        ind.not_certified += r.state == "not-certified"
        ind.ready_for_audit += r.ready and r.state not in CERTIFIED_STATES and r.state != "withdrawn"
        ind.open_remarks += len(r.open_remarks)
        ind.remarks_past_due += sum(1 for m in r.open_remarks if m["past_due"])
        if r.invoiced and r.fee_sek:
            ind.fees_invoiced_sek += r.fee_sek
        if r.paid and r.fee_sek:
            ind.fees_paid_sek += r.fee_sek
        if r.hours_spent is not None:
            hours.append(r.hours_spent)
        if r.valid_until and r.certificate_status == "valid" and r.valid_until <= soon:
            ind.expiring_within_90_days.append({"cohort": r.cohort, "company": r.name or r.folder, "certificate": r.certificate, "valid_until": r.valid_until})
    ind.hours_recorded = len(hours)
    ind.average_hours = round(sum(hours) / len(hours), 1) if hours else None
    count_funders(ind, rows)
    return ind


def _sum(parts: list[Indicators], rows: list[CompanyRow], today: dt.date) -> Indicators:
    total = _count(rows, today)
    targets_started = [p.target_started for p in parts if p.target_started is not None]
    targets_certified = [p.target_certified for p in parts if p.target_certified is not None]
    total.target_started = sum(targets_started) if targets_started else None
    total.target_certified = sum(targets_certified) if targets_certified else None
    for p in parts:
        for name, n in p.supervisor_load.items():
            total.supervisor_load[name] = total.supervisor_load.get(name, 0) + n
    sum_funders(total, parts)
    return total

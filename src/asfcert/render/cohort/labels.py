"""Words for the cohort outputs, in both languages. The lifecycle states' names are the
vocabulary's (base/vocab.py)."""

from __future__ import annotations

from asfcert.base import vocab
from asfcert.base.i18n import L10n, Lang
from asfcert.base.vocab import Lifecycle

INDICATORS = [  # key in Indicators.to_dict(), label
    ("companies", L10n("Företag i omgången", "Companies in the cohort")),
    ("started", L10n("Påbörjade", "Started")),
    ("target_started", L10n("Mål påbörjade", "Target started")),
    ("percent_started_of_target", L10n("Påbörjade, % av mål", "Started, % of target")),
    ("did_not_start", L10n("Kunde inte starta", "Could not start")),
    ("in_progress", L10n("Pågår", "In progress")),
    ("ready_for_audit", L10n("Redo för revision", "Ready for audit")),
    ("submitted", L10n("Inlämnade", "Submitted")),
    ("audited", L10n("Reviderade, beslut väntar", "Audited, awaiting certificate")),
    ("certified", L10n("Certifierade utan anmärkning", "Certified without remarks")),
    ("certified_with_remarks", L10n("Certifierade med anmärkningar", "Certified with remarks")),
    ("certified_total", L10n("Certifierade totalt", "Certified in total")),
    ("target_certified", L10n("Mål certifierade", "Target certified")),
    ("percent_certified_of_target", L10n("Certifierade, % av mål", "Certified, % of target")),
    ("not_certified", L10n("Ej certifierade", "Not certified")),
    ("withdrawn", L10n("Avhopp", "Dropouts")),
    ("open_remarks", L10n("Öppna anmärkningar", "Open remarks")),
    ("remarks_past_due", L10n("Anmärkningar efter tidsgränsen", "Remarks past due")),
    ("fees_invoiced_sek", L10n("Avgifter fakturerade (kr)", "Fees invoiced (SEK)")),
    ("fees_paid_sek", L10n("Avgifter betalda (kr)", "Fees paid (SEK)")),
    ("fees_outstanding_sek", L10n("Avgifter obetalda (kr)", "Fees outstanding (SEK)")),
    ("hours_recorded", L10n("Företag som rapporterat timmar", "Companies reporting hours")),
    ("average_hours", L10n("Genomsnittlig tid (timmar)", "Average time (hours)")),
    ("hours_min", L10n("Minst tid (timmar)", "Least time (hours)")),
    ("hours_max", L10n("Mest tid (timmar)", "Most time (hours)")),
    ("target_hours_min", L10n("Förväntad tid, minst (timmar)", "Expected time, least (hours)")),
    ("target_hours_max", L10n("Förväntad tid, högst (timmar)", "Expected time, most (hours)")),
    ("hours_within_target", L10n("Företag inom förväntad tid", "Companies within the expected time")),
    ("group_supervision_hours", L10n("Grupphandledning, timmar totalt", "Group supervision, hours in total")),
    ("average_group_supervision_hours", L10n("Grupphandledning, timmar per grupp", "Group supervision, hours per group")),
    ("target_group_supervision_hours", L10n("Mål grupphandledning, timmar per grupp", "Target group supervision, hours per group")),
    ("individual_supervision_hours", L10n("Individuell handledning, timmar totalt", "Individual supervision, hours in total")),
    ("average_individual_supervision_hours", L10n("Individuell handledning, timmar per företag", "Individual supervision, hours per company")),
    ("target_individual_supervision_hours", L10n("Mål individuell handledning, timmar per företag", "Target individual supervision, hours per company")),
    ("survey_asked", L10n("Enkät: tillfrågade", "Survey: asked")),
    ("survey_answered", L10n("Enkät: svarade", "Survey: answered")),
    ("percent_survey_response", L10n("Enkät: svarsfrekvens", "Survey: response rate")),
    ("target_percent_survey_response", L10n("Mål svarsfrekvens", "Target response rate")),
    ("percent_would_recommend", L10n("Enkät: skulle rekommendera", "Survey: would recommend")),
]
# The first indicator names what is counted: a cohort's companies, or the whole registry's.
REGISTRY_COMPANIES = L10n("Företag i registret", "Companies in the registry")


def indicator_labels(scope: str) -> dict:
    labels = dict(INDICATORS)
    if scope == "registry":
        labels["companies"] = REGISTRY_COMPANIES
    return labels


WORDS = {
    "report_title": L10n("Omgångsrapport", "Cohort report"),
    "registry_title": L10n("Registerrapport", "Registry report"),
    "check_title": L10n("Omgångskontroll", "Cohort check"),
    "as_of": L10n("Per", "As of"),
    "indicators": L10n("Indikatorer", "Indicators"),
    "companies": L10n("Företag", "Companies"),
    "company": L10n("Företag", "Company"),
    "cohort": L10n("Omgång", "Cohort"),
    "folder": L10n("Mapp", "Folder"),
    "state": L10n("Läge", "State"),
    "ready": L10n("Klart", "Done"),
    "blockers": L10n("Hinder", "Blockers"),
    "remarks": L10n("Anm.", "Remarks"),
    "errors": L10n("Fel", "Errors"),
    "supervisor": L10n("Handledare", "Supervisor"),
    "auditor": L10n("Revisor", "Auditor"),
    "hours": L10n("Timmar", "Hours"),
    "fee": L10n("Avgift", "Fee"),
    "paid": L10n("Betald", "Paid"),
    "certificate": L10n("Certifikat", "Certificate"),
    "valid_until": L10n("Giltigt till", "Valid until"),
    "warnings": L10n("Varningar", "Warnings"),
    "input_errors": L10n("Fel i indata", "Input errors"),
    "no_warnings": L10n("Inga varningar.", "No warnings."),
    "dropouts": L10n("Avhopp och orsaker", "Dropouts and reasons"),
    "reason": L10n("Orsak", "Reason"),
    "before_start": L10n("före start", "before starting"),
    "during": L10n("under omgången", "during the cohort"),
    "funnel": L10n("Företagen per läge", "Companies by state"),
    "heatmap": L10n("Beredskap per företag och klausul (% klart)", "Readiness per company and clause (% done)"),
    "heatmap_by_cohort": L10n(
        "Beredskap per omgång och klausul (medel av företagens % klart; antal företag inom parentes)",
        "Readiness per cohort and clause (average of the companies' % done; companies in brackets)",
    ),
    "open_remarks": L10n("Öppna anmärkningar och tidsgränser", "Open remarks and deadlines"),
    "requirement": L10n("Krav", "Requirement"),
    "deadline": L10n("Tidsgräns", "Deadline"),
    "past_due": L10n("försenad", "past due"),
    "renewals": L10n("Certifikat att förnya (löper ut inom {months} månader)", "Certificates due for renewal (expiring within {months} months)"),
    "renewing_in": L10n("Omcertifiering i", "Re-certification in"),
    "not_started": L10n("inte påbörjad", "not started"),
    "remarks_overdue": L10n("Anmärkningar efter tidsgränsen: föreslagen avstängning", "Remarks past their deadline: suspension proposed"),
    "remarks_due_soon": L10n("Anmärkningar med tidsgräns inom 30 dagar", "Remarks due within 30 days"),
    "proposal": L10n("Förslag", "Proposal"),
    "already_suspended": L10n("redan avstängt", "already suspended"),
    "complaints": L10n("Klagomål", "Complaints"),
    "received": L10n("Mottaget", "Received"),
    "summary": L10n("Sammanfattning", "Summary"),
    "status": L10n("Status", "Status"),
    "outcome": L10n("Utfall", "Outcome"),
    "funders": L10n("Indikatorer för finansiärer", "Indicators for funders"),
    "indicator": L10n("Indikator", "Indicator"),
    "value": L10n("Värde", "Value"),
    "target": L10n("Mål", "Target"),
    "effects": L10n("Enkät: effekter per kategori (antal svar)", "Survey: effects by category (answers)"),
    "effect": L10n("Effekt", "Effect"),
    "answers": L10n("Svar", "Answers"),
    "group_hours": L10n("Grupphandl. (h)", "Group supervision (h)"),
    "individual_hours": L10n("Indiv. handl. (h)", "Individual supervision (h)"),
    "renews": L10n("Förnyar", "Renews"),
    "dropouts_sheet": L10n("Avhopp", "Dropouts"),
    "renewals_sheet": L10n("Förnyelser", "Renewals"),
    "overdue_sheet": L10n("Försenade anmärkningar", "Overdue remarks"),
    "due_soon_sheet": L10n("Anmärkningar snart", "Remarks due soon"),
    "effects_sheet": L10n("Enkätens effekter", "Survey effects"),
    "when": L10n("När", "When"),
    "supervisor_load": L10n("Handledarnas belastning (företag)", "Supervisor load (companies)"),
    "none": L10n("Inga.", "None."),
    "yes": L10n("ja", "yes"),
    "no": L10n("nej", "no"),
    "files_hint": L10n(
        "Skriv HTML-översikten, CSV och XLSX med --out MAPP.",
        "Write the HTML dashboard, CSV and XLSX with --out FOLDER.",
    ),
    "written": L10n("Skrev", "Wrote"),
    "not_written": L10n(
        "Inga filer skrevs: en omgångsfil går inte att använda (se ovan). Rätta den och kör igen.",
        "No files were written: a cohort file cannot be used (see above). Correct it and run again.",
    ),
    "total": L10n("Totalt", "Total"),
    "remarks_sheet": L10n("Anmärkningar", "Remarks"),
    "readiness_sheet": L10n("Beredskap", "Readiness"),
    "started": L10n("Påbörjade", "Started"),
    "certified_short": L10n("Certif.", "Certified"),
    "target_short": L10n("% av mål", "% of target"),
    "all_warnings": L10n("alla varningar (se --format json eller --out)", "all warnings (see --format json or --out)"),
}


def word(name: str, lang: Lang) -> str:
    return WORDS[name].get(lang)


def state_name(state: str, lang: Lang) -> str:
    return vocab.name(Lifecycle(state), lang)


# The cohort's outcome stays "certified" (it is what the cohort achieved); where a company
# stands today is the certificate's status, so a row never reads as certified when it is not.
_ENDED = {
    "suspended": L10n("certifikat indraget", "certificate suspended"),
    "withdrawn": L10n("certifikat återkallat", "certificate withdrawn"),
    "expired": L10n("certifikat utgånget", "certificate expired"),
}


def row_state(row, lang: Lang) -> str:
    """A company row's state as shown: its certificate's status where that is not valid."""
    ended = _ENDED.get(row.certificate_status or "") if row.certificate else None
    return ended.get(lang) if ended else state_name(row.state, lang)


def row_valid_until(row, lang: Lang) -> str | None:
    """The end date of a certificate that is valid or merely expired; a suspended or
    withdrawn one has no date it is valid until."""
    if row.certificate_status in ("suspended", "withdrawn"):
        return _ENDED[row.certificate_status].get(lang)
    return row.valid_until

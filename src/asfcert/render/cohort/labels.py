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
]

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
    "expiring": L10n("Certifikat som löper ut inom 90 dagar", "Certificates expiring within 90 days"),
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

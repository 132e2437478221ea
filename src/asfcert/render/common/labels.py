"""Words used by the renderers, in both languages."""

from __future__ import annotations

from asfcert.base.findings import SEVERITY_NAMES, Severity
from asfcert.base.i18n import L10n, Lang

_LABELS = {
    "check_title": L10n("Självkontroll inför certifiering", "Readiness check for certification"),
    "company": L10n("Företag", "Company"),
    "org_number": L10n("Organisationsnummer", "Organisation number"),
    "standard": L10n("Standard", "Standard"),
    "as_of": L10n("Per", "As of"),
    "folder": L10n("Mapp", "Folder"),
    "clauses": L10n("Beredskap per klausul", "Readiness per clause"),
    "clause": L10n("Klausul", "Clause"),
    "title": L10n("Rubrik", "Title"),
    "requirements": L10n("Krav", "Requirements"),
    "ready": L10n("Klara", "Ready"),
    "open": L10n("Öppna", "Open"),
    "failing": L10n("Brister", "Failing"),
    "not_applicable": L10n("Ej tillämpl.", "N/A"),
    "percent": L10n("Klart", "Done"),
    "figures": L10n("Beräkningar", "Figures"),
    "findings": L10n("Fynd", "Findings"),
    "severity": L10n("Allvar", "Severity"),
    "code": L10n("Kod", "Code"),
    "requirement": L10n("Krav", "Req."),
    "location": L10n("Plats", "Location"),
    "message": L10n("Meddelande", "Message"),
    "hint": L10n("Tips", "Hint"),
    "no_findings": L10n("Inga fynd.", "No findings."),
    "verdict_ready": L10n("Redo för revision", "Ready for audit"),
    "verdict_not_ready": L10n("Inte redo för revision", "Not ready for audit"),
    "verdict_unusable": L10n("Mappen kan inte kontrolleras förrän felen i indata är rättade", "The folder cannot be checked until the input errors are fixed"),
    "status_ready": L10n("klar", "ready"),
    "status_open": L10n("öppen", "open"),
    "status_failing": L10n("brist", "failing"),
    "status_not-applicable": L10n("ej tillämplig", "not applicable"),
}


def label(name: str, lang: Lang) -> str:
    return _LABELS[name].get(lang)


def severity_name(severity: str, lang: Lang) -> str:
    return SEVERITY_NAMES[Severity(severity)].get(lang)


_PLURALS = {
    "error": L10n("fel i indata", "input errors"),
    "blocker": L10n("hinder", "blockers"),
    "remark": L10n("anmärkningar", "remarks"),
    "warning": L10n("varningar", "warnings"),
    "observation": L10n("observationer", "observations"),
}


def counts_line(counts: dict[str, int], lang: Lang) -> str:
    parts = [f"{n} {severity_name(s, lang) if n == 1 else _PLURALS[s].get(lang)}" for s, n in counts.items() if n]
    return ", ".join(parts) if parts else label("no_findings", lang)


def verdict(result, lang: Lang) -> str:
    if not result.usable:
        return label("verdict_unusable", lang)
    return label("verdict_ready" if result.ready else "verdict_not_ready", lang)

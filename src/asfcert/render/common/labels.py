"""Words used by the check renderers, in both languages. The names of severities,
statuses and the rest of the vocabulary are in base/vocab.py, never here."""

from __future__ import annotations

from asfcert.base import vocab
from asfcert.base.i18n import L10n, Lang
from asfcert.base.vocab import Severity

_LABELS = {
    "check_title": L10n("Självkontroll inför certifiering", "Readiness check for certification"),
    "company": L10n("Företag", "Company"),
    "org_number": L10n("Organisationsnummer", "Organisation number"),
    "standard": L10n("Standard", "Standard"),
    "as_of": L10n("Per", "As of"),
    "folder": L10n("Mapp", "Folder"),
    "clauses": L10n("Läget per avsnitt", "Status per clause"),
    "clause": L10n("Avsnitt", "Clause"),
    "title": L10n("Rubrik", "Title"),
    "requirements": L10n("Krav", "Requirements"),
    "ready": L10n("Klara", "Ready"),
    "open": L10n("Öppna", "Open"),
    "failing": L10n("Brister", "Failing"),
    "not_applicable": L10n("Ej aktuella", "N/A"),  # "ej tillämpliga" is too wide at 80 columns
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
}


def label(name: str, lang: Lang) -> str:
    return _LABELS[name].get(lang)


def severity_name(severity: str, lang: Lang) -> str:
    return vocab.name(Severity(severity), lang)


def counts_line(counts: dict[str, int], lang: Lang) -> str:
    """`1 hinder, 3 anmärkningar`: findings counted by severity."""
    parts = [vocab.plural(Severity(s), n, lang) for s, n in counts.items() if n]
    return ", ".join(parts) if parts else label("no_findings", lang)


def verdict(result, lang: Lang) -> str:
    if not result.usable:
        return label("verdict_unusable", lang)
    return label("verdict_ready" if result.ready else "verdict_not_ready", lang)

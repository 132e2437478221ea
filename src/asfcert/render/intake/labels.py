"""Words for the intake outputs (terminal, Markdown), in both languages. The requirement
statuses' names are the vocabulary's (base/vocab.py)."""

from __future__ import annotations

from asfcert.base import vocab
from asfcert.base.i18n import L10n, Lang
from asfcert.base.vocab import Status

WORDS = {
    "title": L10n("Granskning av ansökan", "Application review"),
    "batch_title": L10n("Granskning av ansökningar", "Application review"),
    "as_of": L10n("Per", "As of"),
    "standard": L10n("Standard", "Standard"),
    "folder": L10n("Mapp", "Folder"),
    "application": L10n("Ansökan", "Application"),
    "applications": L10n("ansökningar", "applications"),
    "company": L10n("Företag", "Company"),
    "org_number": L10n("Organisationsnummer", "Organisation number"),
    "org_number_short": L10n("Org.nr", "Org. no."),
    "decision": L10n("Beslut", "Decision"),
    "principles": L10n("ASF-definitionens fyra principer", "The ASF definition's four principles"),
    "principle": L10n("Princip", "Principle"),
    "requirement": L10n("Krav", "Req."),
    "title_col": L10n("Rubrik", "Title"),
    "severity": L10n("Allvar", "Severity"),
    "status": L10n("Status", "Status"),
    "figures": L10n("Beräkningar", "Figures"),
    "documents": L10n("Ansökans dokument", "The application's documents"),
    "document": L10n("Dokument", "Document"),
    "file": L10n("Fil", "File"),
    "readable": L10n("Läsbar", "Readable"),
    "current": L10n("Aktuell", "Current"),
    "reasons": L10n("Skäl att återkomma senare", "Reasons to come back later"),
    "notes": L10n("Bra att veta (avgör inte)", "Worth knowing (does not decide)"),
    "summary": L10n("Sammanfattning", "Summary"),
    "principles_short": L10n("Principer", "Principles"),
    "documents_short": L10n("Dokument", "Documents"),
    "reasons_short": L10n("Skäl", "Reasons"),
    "skipped": L10n("Hoppades över (ingen ansökan)", "Skipped (not an application)"),
    "yes": L10n("ja", "yes"),
    "no": L10n("nej", "no"),
    "missing": L10n("saknas", "missing"),
    "page": L10n("s.", "p."),
    "no_age_limit": L10n("gäller tills de ändras", "valid until changed"),
    "months": L10n("mån.", "months"),
    "month": L10n("mån.", "month"),
    "at_most": L10n("högst", "at most"),
    "more": L10n("till", "more"),
    "none": L10n("Inga.", "None."),
    "decided_by_auditor": L10n(
        "Kraven som revisorn bedömer prövas vid revisionen, inte vid antagningen.",
        "The requirements the auditor judges are assessed in the audit, not at admission.",
    ),
}

DECISIONS = {
    "admit": L10n("Antas", "Admit"),
    "come-back-later": L10n("Får återkomma senare", "Come back later"),
    "unusable": L10n("Kan inte granskas förrän felen i indata är rättade", "Cannot be reviewed until the input errors are fixed"),
}
DECISIONS_SHORT = {
    "admit": DECISIONS["admit"],
    "come-back-later": DECISIONS["come-back-later"],  # reads in a count too: "2 får återkomma senare"
    "unusable": L10n("Fel i indata", "Input errors"),
}
DECISION_STYLE = {"admit": "bold green", "come-back-later": "bold red", "unusable": "bold red"}
STATUS_STYLE = {"ready": "green", "failing": "red", "open": "yellow", "auditor": "dim"}


def word(name: str, lang: Lang) -> str:
    return WORDS[name].get(lang)


def decision_name(decision: str, lang: Lang, short: bool = False) -> str:
    return (DECISIONS_SHORT if short else DECISIONS)[decision].get(lang)


def status_name(status: str, lang: Lang) -> str:
    return vocab.name(Status(status), lang)


def principles_done(result) -> str:
    """`3/4`: the principles whose machine-decided blocker requirements are met."""
    if not result.principles:
        return "–"
    return f"{sum(1 for p in result.principles if p.status == 'ready')}/{len(result.principles)}"


def documents_done(result) -> str:
    return f"{sum(1 for d in result.documents if d.ok)}/{len(result.documents)}"


def yes_no(value: bool | None, lang: Lang) -> str:
    return "–" if value is None else word("yes" if value else "no", lang)


def current_cell(d, lang: Lang) -> str:
    """`2025-12-31 (11 mån., högst 18)`, `gäller tills de ändras`, or `–`."""
    if not d.present or not d.readable:
        return "–"
    if d.max_age_months is None:
        return word("no_age_limit", lang)
    if d.date is None:
        return word("no", lang)
    months = word("month" if d.age_months == 1 else "months", lang)
    return f"{d.date} ({d.age_months} {months}, {word('at_most', lang)} {d.max_age_months})"


def org_number_cell(d, lang: Lang) -> str:
    if d.org_number is None:
        return "–"
    if not d.org_number:
        return word("no", lang)
    return f"{word('yes', lang)}, {word('page', lang)} {d.org_number_page}"

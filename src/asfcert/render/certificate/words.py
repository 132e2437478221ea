"""The words of the framed certificate that the audit workflow's labels do not have."""

from __future__ import annotations

from asfcert.base.i18n import L10n, Lang

_WORDS = {
    "location": L10n("Ort", "Location"),
    "scope": L10n("Certifieringens omfattning", "Scope of certification"),
    "scope_activities": L10n("Verksamheten som arbetsintegrerande socialt företag: {activities}.",
                             "The business as a work-integration social enterprise: {activities}."),
    "scope_whole": L10n("Hela organisationens verksamhet som arbetsintegrerande socialt företag.",
                        "The organisation's whole business as a work-integration social enterprise."),
    "original_date": L10n("Ursprungligen certifierad", "Originally certified"),
    "replaces": L10n("Ersätter certifikat", "Replaces certificate"),
    "verify_ask": L10n("skanna QR-koden eller fråga {certifier}", "scan the QR code or ask {certifier}"),
    "verify_open": L10n("skanna QR-koden eller öppna", "scan the QR code or open"),
    "issued_line": L10n("Utfärdat {date} av {certifier}", "Issued {date} by {certifier}"),
}


def cert_word(name: str, lang: Lang, **params) -> str:
    return _WORDS[name].text(lang, **params)

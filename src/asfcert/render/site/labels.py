"""Words for the public ASF list (the static site and its CSV), in both languages."""

from __future__ import annotations

from asfcert.base import vocab
from asfcert.base.i18n import L10n, Lang
from asfcert.base.vocab import CertificateStatus

FORMAT = "asfcert-asf-list/1"  # asf-companies.json (render/site/data.py); `registry build` knows an earlier site by it

WORDS = {
    "title": L10n("ASF-listan", "The ASF list"),
    "subtitle": L10n("Certifierade arbetsintegrerande sociala företag", "Certified work-integration social enterprises"),
    "intro": L10n(
        "Företagen här är certifierade som arbetsintegrerande sociala företag (ASF) av {certifier} enligt SIS PAS 10:2018 och SKOOPI:s ASF-definition.",
        "The companies here are certified as work-integration social enterprises (ASF) by {certifier} under SIS PAS 10:2018 and SKOOPI's ASF definition.",
    ),
    "as_of": L10n("Giltiga certifikat per {date}", "Valid certificates as of {date}"),
    "companies_count": L10n("{n} företag", "{n} companies"),
    "showing": L10n("Visar {shown} av {total} företag", "Showing {shown} of {total} companies"),
    "search": L10n("Sök", "Search"),
    "search_placeholder": L10n("Namn, ort, bransch, org.nr …", "Name, place, industry, org. no. …"),
    "county": L10n("Län", "County"),
    "municipality": L10n("Kommun", "Municipality"),
    "industry": L10n("Bransch", "Industry"),
    "industries": L10n("Branscher", "Industries"),
    "social_value": L10n("Social nytta", "Social value"),
    "all_counties": L10n("Alla län", "All counties"),
    "all_municipalities": L10n("Alla kommuner", "All municipalities"),
    "all_industries": L10n("Alla branscher", "All industries"),
    "reset": L10n("Visa alla", "Show all"),
    "company": L10n("Företag", "Company"),
    "org_number": L10n("Organisationsnummer", "Organisation number"),
    "website": L10n("Webbplats", "Website"),
    "certificate": L10n("Certifikat", "Certificate"),
    "outcome": L10n("Beslut", "Outcome"),
    "valid_from": L10n("Giltigt från", "Valid from"),
    "valid_until": L10n("Giltigt till", "Valid until"),
    "validity": L10n("Giltighet", "Validity"),
    "status": L10n("Status", "Status"),
    "status_valid": L10n("Giltigt per {date}", "Valid as of {date}"),
    "certifier": L10n("Certifierare", "Certifier"),
    "standard": L10n("Standard", "Standard"),
    "page": L10n("Sida", "Page"),
    "stamp": L10n("Certifieringsstämpel", "Certification stamp"),
    "verify": L10n("Kontrollera certifikatet", "Verify the certificate"),
    "verify_ask": L10n("Vill du kontrollera certifikatet? Fråga {certifier} och ange numret {number}.",
                       "To verify the certificate, ask {certifier} and give the number {number}."),
    "none_found": L10n("Inga företag matchar urvalet.", "No company matches the selection."),
    "noscript": L10n("Sök och filter behöver JavaScript; hela listan visas nedan.", "Search and filters need JavaScript; the whole list is shown below."),
    "left_out": L10n(
        "Listan visar bara certifikat som är giltiga per {date}. Utgångna, tillfälligt indragna, återkallade och ersatta certifikat visas inte.",
        "The list shows only certificates that are valid as of {date}. Expired, suspended, withdrawn and replaced certificates are not shown.",
    ),
    "downloads": L10n("Hela listan som data", "The whole list as data"),
    "verify_any": L10n("Kontrollera ett certifikat", "Verify a certificate"),
    "signed_list": L10n("Alla certifikat med status, signerade av certifieraren, och rotcertifikatet",
                        "Every certificate with its status, signed by the certifier, and the root certificate"),
    "back": L10n("Till ASF-listan", "To the ASF list"),
    "made_by": L10n("Skapad med asfcert {version}", "Made with asfcert {version}"),
    "no_org_number": L10n("(enskild firma, visas inte)", "(sole trader, not shown)"),
    "language": L10n("Språk", "Language"),
    "yes": L10n("ja", "yes"),
    "no": L10n("nej", "no"),
    "investigation": L10n("Ett klagomål mot certifikatet utreds av certifieraren. Certifikatet gäller under utredningen.",
                          "A complaint against the certificate is being investigated by the certifier. The certificate is valid during the investigation."),
    "investigation_short": L10n("Under utredning", "Under investigation"),
}

# Why a certificate is left out, besides its status (expired, suspended, withdrawn: the
# vocabulary's names): (one, several).
_LEFT_OUT = {
    "superseded": (L10n("ersatt av nyare", "replaced by newer"), L10n("ersatta av nyare", "replaced by newer")),
    "not-yet-valid": (L10n("inte giltigt än", "not valid yet"), L10n("inte giltiga än", "not valid yet")),
}


def left_out(reason: str, count: int, lang: Lang) -> str:
    """`1 utgånget`, `3 ersatta av nyare`."""
    if reason in _LEFT_OUT:
        return f"{count} {_LEFT_OUT[reason][count != 1].get(lang)}"
    return vocab.plural(CertificateStatus(reason), count, lang)

# Where each language lives in the site: Swedish at the root, English under en/.
LANG_DIRS = {"sv": "", "en": "en/"}
PAGE_DIRS = {"sv": "foretag", "en": "companies"}

CSV_COLUMNS = ("company", "org_number", "county", "municipality", "industries", "website", "certificate", "outcome",
               "valid_from", "valid_until", "page")


def word(name: str, lang: Lang, **params) -> str:
    text = WORDS[name].get(lang)
    return text.format(**params) if params else text


def words(lang: Lang) -> dict[str, str]:
    return {k: v.get(lang) for k, v in WORDS.items()}

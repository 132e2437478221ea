"""The signed status list and the offline verification page, as `registry build` will
publish them (the format is in records/status_list.py):

    SITE/asf-list.json     every certificate ever issued, with its status, as a JWS
    SITE/verify.html       a page where anyone drops a certificate PDF or types number
    SITE/verify.js         and code; it checks the list's signature with WebCrypto
                           against the root certificate built into the page, offline
    SITE/verify/NUMBER.html  one page per certificate (the QR code's address): the
                           same page, holding that certificate's own signed entry

The page holds the signed list and the root itself (a browser may not read other files
next to a page opened from disk), shows the root's SHA-256 fingerprint for comparison with
the one the certifier publishes, and runs no inline script (its CSP forbids it)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from functools import lru_cache

from asfcert.base.i18n import L10n, Lang
from asfcert.records import status_list
from asfcert.records.trust import Signer, der, fingerprint, sign_json

STATUS_FILE = "asf-list.json"
PAGE = "verify.html"
PAGES_DIR = "verify"
SCRIPT = "verify.js"


def entry(rec, as_of: dt.date, code_hash=status_list.code_hash) -> dict:
    """One certificate as the list shows it on `as_of` (`rec` as it stood then:
    `certificates.as_on`)."""
    from asfcert.records.certificates import outcome_on
    from asfcert.rules.org_number import masked
    from asfcert.site.listing import why_left_out

    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {
        "number": rec.number,
        "status": why_left_out(rec, as_of) or "valid",
        "company": {"name": rec.company.name, "org_number": masked(rec.company.org_number)},
        "standard": {"id": rec.standard.id, "version": rec.standard.version},
        "outcome": outcome_on(rec),
        "effective": iso(rec.effective),
        "valid_until": iso(rec.valid_until),
        "issued": iso(rec.issued),
        "previous": rec.previous,
        "superseded_by": rec.superseded_by,
        "superseded_on": iso(rec.superseded_on),
        "events": [{"date": iso(e.date), "action": e.action} for e in rec.events if e.date <= as_of],
        "remarks": [{"requirement": r.requirement, "title": {"sv": r.title_sv, "en": r.title_en}, "deadline": iso(r.deadline),
                     "closed": iso(r.closed)} for r in rec.remarks],
        "documents": {lang: doc.sha256 for lang, doc in sorted(rec.documents.items())},
        "code_hash": code_hash(rec.number, rec.code),
    }


def payload(records, *, certifier: str, org_number: str | None, root, signing_certificates, as_of: dt.date,
            now: dt.datetime | None = None) -> dict:
    """The list of every certificate issued by `as_of`, newest number last."""
    from asfcert.records.certificates import as_on

    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    dated = [r for r in (as_on(r, as_of) for r in records) if r is not None]
    code_hash = _cached_code_hash()
    return {
        "format": status_list.FORMAT,
        "as_of": as_of.isoformat(),
        "issued_at": now.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "certifier": {"name": certifier, "org_number": org_number, "root_sha256": fingerprint(root)},
        "signing_certificates": [base64.b64encode(der(c)).decode("ascii") for c in signing_certificates],
        "certificates": [entry(r, as_of, code_hash) for r in sorted(dated, key=lambda r: r.number)],
    }


def _cached_code_hash():
    """`status_list.code_hash` through the user cache: the hash is slow on purpose (it
    guards the codes against guessing) and the same for a certificate at every build."""
    from asfcert.io.cache import Cache, key

    cache = Cache()

    def code_hash(number: str, code: str) -> str:
        digest = key("code-hash", status_list.CODE_ROUNDS, number, status_list.normalise_code(code))
        hit = cache.get("code-hash", digest)
        if isinstance(hit, str):
            return hit
        value = status_list.code_hash(number, code)
        cache.put("code-hash", digest, value)
        return value

    return code_hash


def sign(data: dict, signer: Signer) -> dict:
    """The list as a JWS (flattened JSON serialization), ready to write as asf-list.json."""
    return sign_json(data, signer, status_list.JWS_TYPE)


def to_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=True, sort_keys=True, indent=1) + "\n").encode("ascii")


_WORDS = {
    "title": L10n("Kontrollera ett ASF-certifikat", "Verify an ASF certificate"),
    "title_number": L10n("Kontrollera certifikat {number}", "Verify certificate {number}"),
    "intro": L10n(
        "Sidan kontrollerar certifikat mot listan som {certifier} har signerat, här i webbläsaren: inget skickas någonstans.",
        "This page checks certificates against the list {certifier} has signed, here in the browser: nothing is sent anywhere.",
    ),
    "root": L10n("Certifierarens rotcertifikat, SHA-256:", "The certifier's root certificate, SHA-256:"),
    "root_hint": L10n("Jämför med fingeravtrycket som {certifier} publicerar.", "Compare it with the fingerprint {certifier} publishes."),
    "checking": L10n("Kontrollerar listans signatur …", "Checking the list's signature …"),
    "list_ok": L10n("Listan är signerad av {signer} och oförändrad. Den gäller {as_of}.", "The list is signed by {signer} and unchanged. It is as of {as_of}."),
    "list_bad": L10n("Listan går inte att lita på: {why}. Inget certifikat kan kontrolleras med den.",
                     "The list cannot be trusted: {why}. No certificate can be checked with it."),
    "why_signature": L10n("signaturen stämmer inte med innehållet", "the signature does not match the content"),
    "why_issuer": L10n("den är inte signerad med certifierarens nyckel", "it is not signed with the certifier's key"),
    "why_expired": L10n("signeringscertifikatet gällde inte när listan skapades", "the signing certificate was not valid when the list was made"),
    "why_malformed": L10n("den kan inte läsas", "it cannot be read"),
    "why_crypto": L10n("webbläsaren saknar WebCrypto", "the browser lacks WebCrypto"),
    "number": L10n("Certifikatnummer", "Certificate number"),
    "code": L10n("Kontrollkod", "Verification code"),
    "check": L10n("Kontrollera", "Verify"),
    "drop": L10n("Släpp certifikatets PDF här, eller välj filen:", "Drop the certificate's PDF here, or choose the file:"),
    "or": L10n("eller skriv numret och koden från certifikatet:", "or type the number and code from the certificate:"),
    "v_valid": L10n("Giltigt", "Valid"),
    "v_expired": L10n("Utgånget", "Expired"),
    "v_suspended": L10n("Tillfälligt indraget", "Suspended"),
    "v_withdrawn": L10n("Återkallat", "Withdrawn"),
    "v_superseded": L10n("Ersatt av ett nyare certifikat", "Replaced by a newer certificate"),
    "v_not-yet-valid": L10n("Gäller inte ännu", "Not yet valid"),
    "v_unknown": L10n("Okänt: numret finns inte i listan", "Unknown: the number is not in the list"),
    "v_code": L10n("Kontrollkoden stämmer inte med certifikatet", "The verification code does not match the certificate"),
    "v_altered": L10n("Filen är inte den som utfärdades", "The file is not the one issued"),
    "v_nonumber": L10n("PDF:en innehåller inget certifikatnummer", "The PDF holds no certificate number"),
    "file_same": L10n("Filen är exakt den som utfärdades.", "The file is exactly the one issued."),
    "file_unknown": L10n("Listan har inget fingeravtryck för certifikatets fil; bara numret är kontrollerat.",
                         "The list has no fingerprint of the certificate's file; only the number is checked."),
    "company": L10n("Företag", "Company"),
    "org_number": L10n("Organisationsnummer", "Organisation number"),
    "standard": L10n("Standard", "Standard"),
    "period": L10n("Certifikatperiod", "Certificate period"),
    "outcome": L10n("Beslut", "Decision"),
    "o_certified": L10n("Certifierad", "Certified"),
    "o_certified-with-remarks": L10n("Certifierad med anmärkningar", "Certified with remarks"),
    "remarks": L10n("Öppna anmärkningar", "Open remarks"),
    "deadline": L10n("åtgärdas senast", "to be fixed by"),
    "previous": L10n("Ersätter", "Replaces"),
    "superseded_by": L10n("Ersatt av", "Replaced by"),
    "events": L10n("Händelser", "Events"),
    "e_issued": L10n("utfärdat", "issued"),
    "e_suspended": L10n("tillfälligt indraget", "suspended"),
    "e_reinstated": L10n("återinfört", "reinstated"),
    "e_withdrawn": L10n("återkallat", "withdrawn"),
    "e_superseded": L10n("ersatt", "replaced"),
    "e_remark-closed": L10n("anmärkning åtgärdad", "remark closed"),
    "today": L10n("Status i dag, {today}.", "Status today, {today}."),
}


def verify_page(document: dict, root, *, certifier: str, lang: Lang = "sv", number: str | None = None,
                public_url: str | None = None) -> dict[str, bytes]:
    """verify.html (with the signed list and the root inside) and verify.js; with `number`,
    that certificate's page `verify/NUMBER.html` instead (its own signed list of one
    certificate, checked at once; it loads ../verify.js). Swedish at the site's root,
    English under en/ (with its own copy of verify.js); each links to the other language."""
    import asfcert
    from asfcert.render.common.pdfdoc import templates_dir
    from asfcert.render.site.html import languages
    from asfcert.render.site.labels import LANG_DIRS

    pages = {k: d + (certificate_page(number) if number else PAGE) for k, d in LANG_DIRS.items()}

    words = {k: v.get(lang) for k, v in _WORDS.items()}
    script = (templates_dir() / "site" / SCRIPT).read_bytes()
    data = {
        "list": document,
        "root": base64.b64encode(der(root)).decode("ascii"),
        "words": words,
        "rounds": status_list.CODE_ROUNDS,
        "format": status_list.FORMAT,
        "typ": status_list.JWS_TYPE,
        "number": number,
    }
    html = _template().render(
        lang=lang,
        w=words,
        certifier=certifier,
        intro=_WORDS["intro"].format(certifier=certifier).get(lang),
        root_hint=_WORDS["root_hint"].format(certifier=certifier).get(lang),
        fingerprint=fingerprint(root),
        data_json=_script_json(data),
        number=number,
        heading=_WORDS["title_number"].format(number=number).get(lang) if number else words["title"],
        script=f"../{SCRIPT}" if number else SCRIPT,  # no `integrity`: a page opened from disk cannot check it (no CORS) and would block it
        version=asfcert.__version__,
        languages=languages(pages, lang, public_url),
    )
    if number:
        return {pages[lang]: html.encode("utf-8")}
    return {pages[lang]: html.encode("utf-8"), LANG_DIRS[lang] + SCRIPT: script}


def certificate_page(number: str) -> str:
    """Where a certificate's own verification page is, relative to the site."""
    return f"{PAGES_DIR}/{number}.html"


@lru_cache(maxsize=1)
def _template():
    from asfcert.render.common.pdfdoc import environment

    return environment().get_template("site/verify.html.j2")


def _script_json(data: dict) -> str:
    """JSON safe inside <script type="application/json">: no `<`, `>` or `&` as such."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=True, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))

"""Which certificates the public ASF list shows, and what it shows about each company.

Every certificate is taken as it stood on the list's date (`certificates.as_on`: an event
dated later is not applied, a certificate issued later does not exist yet). A
certificate is listed when it is valid on that date: issued (its decision date is
not after the date), not past its last day, not suspended, not withdrawn and not replaced
by a re-certification. A company with several such certificates is listed once, by the
newest. Everything else is left out and only counted.

The registry's record is authoritative for the name, the number and the dates. The
county, municipality, industries and website come from the company folder's company.yaml
(`company.folder` in the record) when it is reachable and valid; otherwise the company is
listed without them and a warning says why. A sole trader's personal identity number is
never shown: such a company is listed without an organisation number, and any personal
number in the company's texts is masked.

Complaints are published only where the standard's
`policy.publish_complaints_under_investigation` says so: then each entry says whether a
complaint against its certificate is received or being investigated on the list's date
(never what it is about); otherwise the listing holds nothing about complaints."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from asfcert.base.findings import Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.text import ascii_fold as fold  # noqa: F401 - re-exported
from asfcert.base.text import slugify, sort_key
from asfcert.render.site.labels import LANG_DIRS, PAGE_DIRS

LEFT_OUT = ("expired", "suspended", "withdrawn", "superseded", "not-yet-valid")

SITE_COMPANY_DETAILS_MISSING = Kind(
    "site-company-details-missing",
    L10n("Företagets uppgifter kunde inte läsas", "The company's details could not be read"),
    L10n(
        "{number} ({company}): {why}; företaget visas utan län, kommun, branscher och webbplats",
        "{number} ({company}): {why}; the company is listed without county, municipality, industries and website",
    ),
    L10n(
        "Kontrollera att företagsmappen finns kvar i registret med en giltig company.yaml (`asfcert check MAPP`).",
        "Check that the company folder is still in the registry with a valid company.yaml (`asfcert check DIR`).",
    ),
    Severity.WARNING,
)
SITE_WEBSITE_REFUSED = Kind(
    "site-website-refused",
    L10n("Webbplatsen visas inte", "Website not shown"),
    L10n("{number} ({company}): `{website}` är ingen webbadress (http:// eller https://) och visas inte", "{number} ({company}): `{website}` is not a web address (http:// or https://) and is not shown"),
    L10n("Skriv webbplatsen som https://exempel.se i company.yaml.", "Write the website as https://example.se in company.yaml."),
    Severity.WARNING,
)


@dataclass
class Entry:
    record: object  # model.certificate.CertificateRecord
    name: str
    org_number: str | None  # None for a sole trader's personal identity number
    county: str | None = None
    municipality: str | None = None
    industries: list[str] = field(default_factory=list)
    website: str | None = None
    social_value: str | None = None  # in the company's own words, from company.yaml
    slug: str = ""
    under_investigation: bool | None = None  # None: the standard does not publish complaints

    @property
    def page(self) -> str:
        return self.page_in("sv")

    def page_in(self, lang: str) -> str:
        """The company's page in `lang`, relative to the site."""
        return f"{LANG_DIRS[lang]}{PAGE_DIRS[lang]}/{self.slug}.html"


@dataclass
class Listing:
    root: str
    as_of: dt.date
    certifier: str
    certifier_org_number: str | None
    verify_url: str | None
    entries: list[Entry] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEFT_OUT, 0))
    findings: list[Finding] = field(default_factory=list)
    verify_pages: bool = False  # the site has verify/NUMBER.html (a signed build)
    fingerprint: str | None = None  # of the root certificate, on a signed build
    public_url: str | None = None  # where the site is published (registry.yaml): absolute hreflang links
    complaints_published: bool = False  # the standard's policy.publish_complaints_under_investigation


def why_left_out(rec, today: dt.date) -> str | None:
    """The reason a certificate is not listed on `today`, or None when it is valid."""
    if rec.status in ("withdrawn", "suspended"):
        return rec.status
    if rec.superseded_on is not None and rec.superseded_on <= today:
        return "superseded"
    if rec.effective > today:
        return "not-yet-valid"
    if today > rec.valid_until:
        return "expired"
    return None


def _details(reg, rec, today: dt.date, cache=None) -> tuple[dict, list[Finding]]:
    """county, municipality, industries and website from the company folder."""
    from asfcert.formats.company import Company
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import YamlProblem, load

    common = {"number": rec.number, "company": rec.company.name}
    folder = rec.company.folder
    root = Path(os.path.realpath(reg.root))
    path = Path(os.path.realpath(root / folder / "company.yaml")) if folder else None
    if path is None or root not in path.parents or not path.is_file():
        why = L10n(f"företagsmappen {folder} nås inte", f"the company folder {folder} cannot be reached") if folder else L10n(
            "posten anger ingen företagsmapp", "the record names no company folder")
        return {}, [SITE_COMPANY_DETAILS_MISSING(location=Location(f"certificates/{rec.number}.yaml"), why=why, **common)]
    shown = f"{Path(folder).as_posix()}/company.yaml"
    try:
        company, problems = validate(Company, load(path, shown, cache=cache))
    except YamlProblem as p:
        company, problems = None, [p.finding]
    if company is None:
        first = problems[0]
        why = L10n(f"{first.location}: {first.message.sv}", f"{first.location}: {first.message.en}")
        return {}, [SITE_COMPANY_DETAILS_MISSING(location=first.location, why=why, **common)]
    details = {"county": company.county, "municipality": company.municipality, "industries": list(company.industries),
               "social_value": company.social_value}
    found = []
    if company.website:
        parts = urlsplit(company.website.strip())
        if parts.scheme in ("http", "https") and parts.netloc and not any(c.isspace() or c in "\"'<>" for c in company.website.strip()):
            details["website"] = company.website.strip()
        else:
            found.append(SITE_WEBSITE_REFUSED(location=Location(shown), website=company.website, **common))
    return details, found


def _clean(text: str | None, today: dt.date) -> str | None:
    """Trimmed, with any personal identity number masked."""
    from asfcert.evidence import privacy

    if text is None or not str(text).strip():
        return None
    text = " ".join(str(text).split())
    return privacy.mask(text, privacy.find(text, today))


def build_listing(reg, today: dt.date, records: list | None = None, investigated: set[str] | None = None,
                  cache=None) -> Listing:
    """The entries of the public list as of `today`, sorted by name, with unique slugs.
    `records`: the registry's, when the caller has read them already. `investigated`: the
    certificates under investigation on `today` when the standard publishes that, else
    None (nothing about complaints is listed). `cache` (io.cache.Cache): parses of the
    companies' company.yaml are reused."""
    from asfcert.records import registry
    from asfcert.records.certificates import as_on
    from asfcert.rules.org_number import is_personal, normalise

    model = reg.model
    listing = Listing(str(reg.root), today, model.certifier, model.certifier_org_number, model.verify_url,
                      public_url=model.public_url, complaints_published=investigated is not None)
    newest: dict[str, object] = {}
    for rec in registry.records(reg, cache) if records is None else records:
        rec = as_on(rec, today)
        if rec is None:  # not issued yet on the list's date
            continue
        reason = why_left_out(rec, today)
        if reason:
            listing.left_out[reason] += 1
            continue
        key = normalise(rec.company.org_number)
        other = newest.get(key)
        if other is not None:  # one company, two valid certificates: the newer one counts
            listing.left_out["superseded"] += 1
            if (other.effective, other.number) > (rec.effective, rec.number):
                continue
        newest[key] = rec
    for key, rec in newest.items():
        details, found = _details(reg, rec, today, cache)
        listing.findings.extend(found)
        listing.entries.append(Entry(
            record=rec,
            name=_clean(rec.company.name, today) or rec.number,
            org_number=None if is_personal(key) else rec.company.org_number,
            county=_clean(details.get("county"), today),
            municipality=_clean(details.get("municipality"), today),
            industries=[t for t in (_clean(i, today) for i in details.get("industries", [])) if t],
            website=details.get("website"),
            social_value=_clean(details.get("social_value"), today),
            under_investigation=None if investigated is None else rec.number in investigated,
        ))
    listing.entries.sort(key=lambda e: (sort_key(e.name), e.record.number))
    taken: set[str] = set()
    for entry in listing.entries:
        slug = slugify(entry.name) or entry.record.number.lower()
        if slug in taken:
            slug = f"{slug}-{entry.record.number.lower()}"
        taken.add(slug)
        entry.slug = slug
    return listing


KINDS = made_by("site", SITE_COMPANY_DETAILS_MISSING, SITE_WEBSITE_REFUSED)

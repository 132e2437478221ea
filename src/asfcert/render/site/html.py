"""The pages of the public ASF list: `index.html` and one page per company. Pure functions
of a `registry_site.listing.Listing`, rendered from templates/site/ with autoescaping.

The pages need no network: CSS is inline, the stamp is inline SVG, and the filter script
(templates/site/filter.js) is inline and allowed by its SHA-256 in each page's
Content-Security-Policy, which forbids loading anything else."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

import asfcert
from asfcert.base.i18n import Lang
from asfcert.base.text import ascii_fold as fold
from asfcert.base.text import sort_key
from asfcert.records.certificates import outcome_on
from asfcert.render.site.labels import LANG_DIRS, word, words

LANG_NAMES = {"sv": "Svenska", "en": "English"}


@lru_cache(maxsize=1)
def script() -> tuple[str, str]:
    """The index's script (filters, then sorting) and its CSP source (`sha256-…`)."""
    from asfcert.render.common.pdfdoc import templates_dir

    text = "\n".join((templates_dir() / "site" / name).read_text(encoding="utf-8") for name in ("filter.js", "sort.js"))
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return text, f"sha256-{digest}"


def languages(pages: dict[str, str], lang: Lang, public_url: str | None) -> dict:
    """The links between a page and its twin in the other language. `pages`: each
    language's page, relative to the site. The visible link is relative (it works from
    disk); the hreflang alternates are absolute under `public_url` when it is a web
    address, as search engines want them."""
    up = "../" * pages[lang].count("/")
    base = public_url.rstrip("/") + "/" if public_url and public_url.startswith(("https://", "http://")) else None
    other = next(k for k in pages if k != lang)
    return {
        "alternates": [{"lang": k, "href": (base or up) + v} for k, v in pages.items()],
        "other": {"lang": other, "href": up + pages[other], "name": LANG_NAMES[other]},
        "label": word("language", lang),
    }


def _root(page: str) -> str:
    """From a page to the site's root folder: `""`, `"../"`, `"../../"`."""
    return "../" * page.count("/")


def industry_key(text: str) -> str:
    """Industries written differently (`Café`, `café`, `second-hand`) filter as one."""
    return " ".join(fold(text).replace("-", " ").replace("|", " ").split())


def _common(listing, lang: Lang) -> dict:
    date = listing.as_of.isoformat()
    return {
        "lang": lang,
        "w": words(lang),
        "certifier": listing.certifier,
        "version": asfcert.__version__,
        "left_out": word("left_out", lang, date=date),
        "made_by": word("made_by", lang, version=asfcert.__version__),
    }


# The sortable columns of the index, in order, and the text each sorts by.
SORT_COLUMNS = {
    "name": lambda e: e.name,
    "municipality": lambda e: e.municipality or "",
    "county": lambda e: e.county or "",
    "industries": lambda e: ", ".join(e.industries),
    "valid_until": lambda e: e.record.valid_until.isoformat(),
    "number": lambda e: e.record.number,
}


def sort_ranks(entries: list) -> list[dict[str, int]]:
    """Each entry's place in every column's ascending order (Swedish order, empty cells
    last, ties in name order): the index's script sorts by these, so it agrees with the
    build's own order and needs no collation of its own."""
    ranks: list[dict[str, int]] = [{} for _ in entries]
    for column, text in SORT_COLUMNS.items():
        order = sorted(range(len(entries)), key=lambda i: (text(entries[i]) == "", sort_key(text(entries[i])), i))
        for place, i in enumerate(order):
            ranks[i][column] = place
    return ranks


def _index_pages() -> dict[str, str]:
    return {k: f"{v}index.html" for k, v in LANG_DIRS.items()}


def index_view(listing, lang: Lang) -> dict:
    counties = sorted({e.county for e in listing.entries if e.county}, key=sort_key)
    municipalities = sorted({(e.municipality, e.county or "") for e in listing.entries if e.municipality}, key=lambda m: (sort_key(m[0]), sort_key(m[1])))
    industries: dict[str, str] = {}
    for e in listing.entries:
        for i in e.industries:
            industries.setdefault(industry_key(i), i)
    pages = _index_pages()
    here = pages[lang][: -len("index.html")]  # the index's folder: the company links are relative to it
    rows = []
    for e, rank in zip(listing.entries, sort_ranks(listing.entries)):
        rec = e.record
        text = " ".join([e.name, e.org_number or "", e.county or "", e.municipality or "", *e.industries, rec.number])
        rows.append({
            "name": e.name, "page": e.page_in(lang)[len(here):], "county": e.county or "", "municipality": e.municipality or "",
            "industries": e.industries, "industry_keys": "|".join(industry_key(i) for i in e.industries),
            "text": fold(text), "valid_until": rec.valid_until.isoformat(), "number": rec.number, "rank": rank,
        })
    text, source = script()
    n = len(rows)
    return {
        **_common(listing, lang),
        "as_of_line": word("as_of", lang, date=listing.as_of.isoformat()),
        "intro": word("intro", lang, certifier=listing.certifier),
        "counties": counties,
        "municipalities": [{"name": m, "county": c} for m, c in municipalities],
        "industries": sorted(industries.items(), key=lambda kv: sort_key(kv[1])),
        "rows": rows,
        "root": _root(pages[lang]),
        "languages": languages(pages, lang, listing.public_url),
        "signed": listing.verify_pages,
        "fingerprint": listing.fingerprint,
        "count_line": word("showing", lang).replace("{shown}", str(n)).replace("{total}", str(n)),
        "script": text,
        "script_hash": source,
    }


def company_view(entry, listing, lang: Lang) -> dict:
    from asfcert.render.audit.labels import outcome_name
    from asfcert.render.certificate import stamp
    from asfcert.render.certificate.view import stamp_view
    from asfcert.render.site.data import verify_link

    rec = entry.record
    title = rec.standard.title_en if lang == "en" else rec.standard.title_sv
    link = verify_link(listing, rec)
    pages = {k: entry.page_in(k) for k in LANG_DIRS}
    root = _root(pages[lang])
    return {
        **_common(listing, lang),
        "name": entry.name,
        "org_number": entry.org_number or word("no_org_number", lang),
        "county": entry.county,
        "municipality": entry.municipality,
        "industries": entry.industries,
        "website": entry.website,
        "social_value": entry.social_value,
        "status": word("status_valid", lang, date=listing.as_of.isoformat()),
        "number": rec.number,
        "outcome": outcome_name(outcome_on(rec), lang),
        "valid_from": rec.effective.isoformat(),
        "valid_until": rec.valid_until.isoformat(),
        "certifier_org_number": rec.certifier_org_number,
        "standard_title": title if title and title != rec.standard.id else None,
        "standard_id": rec.standard.id,
        "standard_version": rec.standard.version,
        "root": root,
        "index": root + _index_pages()[lang],
        "languages": languages(pages, lang, listing.public_url),
        "investigation": word("investigation", lang) if entry.under_investigation else None,
        "verify_url": f"{root}{LANG_DIRS[lang]}verify/{rec.number}.html" if listing.verify_pages
        else link if link and link.startswith(("https://", "http://")) else None,
        "verify_text": word("verify_ask", lang, number=rec.number, certifier=listing.certifier),
        # the stamp names the company too: with the listed (masked) name
        "stamp": stamp.svg(stamp_view(rec.model_copy(update={"company": rec.company.model_copy(update={"name": entry.name})}), lang)),
    }


@lru_cache(maxsize=4)
def _template(name: str):
    from asfcert.render.common.pdfdoc import environment

    return environment().get_template(f"site/{name}")


def index(listing, lang: Lang) -> str:
    return _template("index.html.j2").render(**index_view(listing, lang))


def company(entry, listing, lang: Lang) -> str:
    return _template("company.html.j2").render(**company_view(entry, listing, lang))

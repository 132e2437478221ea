"""`asf-companies.json` and `asf-list.csv`: the listed companies as data. Pure functions of a
`site.listing.Listing`, one pair per language. The JSON keys are stable English names
(format `asfcert-asf-list/1`, documented in docs/registry-site.md); the texts in it and
the CSV are in its language. Only when the standard publishes complaints do they say
which certificates are under investigation. Swedish CSV uses `;` and a byte-order mark, as Excel in
Sweden expects; English CSV uses `,`."""

from __future__ import annotations

import csv
import io
import json

import asfcert
from asfcert.base.i18n import Lang
from asfcert.records.certificates import outcome_on
from asfcert.render.site.labels import CSV_COLUMNS, FORMAT, word


def _standard(rec, lang: Lang) -> dict:
    title = rec.standard.title_en if lang == "en" else rec.standard.title_sv
    return {"id": rec.standard.id, "version": rec.standard.version, "title": title or rec.standard.id}


def verify_link(listing, rec) -> str | None:
    url = listing.verify_url
    return url.replace("{number}", rec.number).replace("{code}", rec.code) if url else None


def company(entry, listing, lang: Lang) -> dict:
    from asfcert.render.audit.labels import outcome_name

    rec = entry.record
    data = {
        "name": entry.name,
        "org_number": entry.org_number,
        "county": entry.county,
        "municipality": entry.municipality,
        "industries": entry.industries,
        "website": entry.website,
        "social_value": entry.social_value,
        "page": entry.page_in(lang),
        "certificate": {
            "number": rec.number,
            "status": "valid",
            "outcome": outcome_on(rec),
            "outcome_text": outcome_name(outcome_on(rec), lang),
            "valid_from": rec.effective.isoformat(),
            "valid_until": rec.valid_until.isoformat(),
            "certifier": rec.certifier,
            "standard": _standard(rec, lang),
            "verify_url": verify_link(listing, rec),
        },
    }
    if listing.complaints_published:  # otherwise nothing about complaints is published, not even `false`
        data["certificate"]["under_investigation"] = bool(entry.under_investigation)
    return data


def to_json(listing, lang: Lang) -> str:
    data = {
        "format": FORMAT,
        "lang": lang,
        "as_of": listing.as_of.isoformat(),
        "certifier": listing.certifier,
        "certifier_org_number": listing.certifier_org_number,
        "generator": f"asfcert {asfcert.__version__}",
        "count": len(listing.entries),
        "companies": [company(e, listing, lang) for e in listing.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(listing, lang: Lang) -> bytes:
    from asfcert.base.safetext import cell
    from asfcert.render.audit.labels import outcome_name

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "sv" else ",", lineterminator="\r\n")
    published = listing.complaints_published
    writer.writerow([word(name, lang) for name in CSV_COLUMNS + (("investigation_short",) if published else ())])
    yes_no = {True: word("yes", lang), False: word("no", lang)}
    for e in listing.entries:
        rec = e.record
        writer.writerow([cell(v) for v in (  # people's texts: never a live formula in a spreadsheet
            e.name, e.org_number or "", e.county or "", e.municipality or "", ", ".join(e.industries), e.website or "",
            rec.number, outcome_name(outcome_on(rec), lang), rec.effective.isoformat(), rec.valid_until.isoformat(), e.page_in(lang),
        )] + ([yes_no[bool(e.under_investigation)]] if published else []))
    return buf.getvalue().encode("utf-8-sig" if lang == "sv" else "utf-8")

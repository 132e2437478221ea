"""Write the public ASF list into an output folder.

    SITE/index.html            the list with search and filters (offline, from file://)
    SITE/foretag/<slug>.html   one page per listed company, with its stamp
    SITE/asf-list.json         the list as data (asfcert-asf-list/1)
    SITE/asf-list.csv          the list as a spreadsheet

Only SITE is written, every file atomically. SITE must be new, empty, or an earlier ASF
list (it holds an `asf-list.json` of this format); it may not be inside the registry's
certificates/ or any evidence/ folder. A rebuild removes the pages of companies that are
no longer listed (expired, suspended, withdrawn), so no stale page stays public."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n, Lang
from asfcert.io import atomic

PAGES_DIR = "foretag"
LIST_JSON = "asf-list.json"

_E = Severity.ERROR
SITE_REGISTRY_MISSING = Kind(
    "site-registry-folder-missing",
    L10n("Registrets mapp finns inte", "The registry folder does not exist"),
    L10n("Mappen finns inte", "The folder does not exist"),
    L10n("Ange registrets mapp, den som innehåller registry.yaml.", "Give the registry folder, the one holding registry.yaml."),
    _E,
    effect=Effect.ABORTS,
)
SITE_OUT_REFUSED = Kind(
    "site-out-refused",
    L10n("Utmappen kan inte användas", "The output folder cannot be used"),
    L10n("{why}", "{why}"),
    L10n(
        "Välj en ny eller tom mapp utanför registrets certificates/ och utanför företagens evidence/, till exempel --out asf-listan.",
        "Choose a new or empty folder outside the registry's certificates/ and outside the companies' evidence/, for example --out asf-list.",
    ),
    _E,
    effect=Effect.ABORTS,
)


@dataclass
class BuildResult:
    out: Path
    listing: object  # registry_site.listing.Listing
    lang: str
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    exit_code = 0

    def to_dict(self) -> dict:
        listing = self.listing
        return {
            "format": "asfcert-registry-build/1",
            "out": str(self.out),
            "as_of": listing.as_of.isoformat(),
            "lang": self.lang,
            "listed": len(listing.entries),
            "left_out": listing.left_out,
            "pages_written": sum(1 for p in self.written if p.parent.name == PAGES_DIR),
            "pages_removed": [p.name for p in self.removed],
            "findings": [f.to_dict() for f in listing.findings],
        }


def _refuse(out: Path, sv: str, en: str) -> Abort:
    return Abort(SITE_OUT_REFUSED, location=Location(str(out)), why=L10n(sv, en))


def check_out(out: Path, reg) -> None:
    """Refuse an output folder that could destroy or mix with anything else."""
    real = Path(os.path.realpath(out))
    certificates = Path(os.path.realpath(reg.folder))
    if real == certificates or certificates in real.parents:
        raise _refuse(out, "Mappen ligger i registrets certificates/; dit skriver asfcert aldrig webbplatsen",
                      "The folder is inside the registry's certificates/; asfcert never writes the site there")
    if "evidence" in real.parts:
        raise _refuse(out, "Mappen ligger i en evidence/-mapp; asfcert skriver aldrig där", "The folder is inside an evidence/ folder; asfcert never writes there")
    if real == Path(os.path.realpath(reg.root)):
        raise _refuse(out, "Mappen är själva registret", "The folder is the registry itself")
    if out.exists() and not out.is_dir():
        raise _refuse(out, "Det är en fil, inte en mapp", "It is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not _is_site(out):
        raise _refuse(out, "Mappen är inte tom och innehåller ingen tidigare ASF-lista", "The folder is not empty and holds no earlier ASF list")


def _is_site(out: Path) -> bool:
    from asfcert.render.site.data import FORMAT

    try:
        return json.loads((out / LIST_JSON).read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def build(registry_dir: Path, out: Path, today: dt.date | None = None, lang: Lang = "sv") -> BuildResult:
    from asfcert.records import registry
    from asfcert.render.site import data as site_data
    from asfcert.render.site import html as site_html
    from asfcert.site.listing import build_listing

    if not registry_dir.is_dir():
        raise Abort(SITE_REGISTRY_MISSING, location=Location(str(registry_dir)))
    reg = registry.find(None, registry_dir)
    check_out(out, reg)
    listing = build_listing(reg, today or dt.date.today())
    result = BuildResult(out, listing, lang)
    pages = {out / e.page: site_html.company(e, listing, lang) for e in listing.entries}
    files = {
        **{path: html.encode("utf-8") for path, html in pages.items()},
        out / LIST_JSON: site_data.to_json(listing, lang).encode("utf-8"),
        out / "asf-list.csv": site_data.to_csv(listing, lang),
        out / "index.html": site_html.index(listing, lang).encode("utf-8"),  # last: it links to the rest
    }
    for path, data in files.items():
        atomic.write_bytes(path, data)
        result.written.append(path)
    folder = out / PAGES_DIR
    for old in sorted(folder.glob("*.html")) if folder.is_dir() else ():
        if old not in pages:  # a company no longer listed: its page must not stay public
            atomic.remove(old)
            result.removed.append(old)
    return result


KINDS = made_by("site", SITE_REGISTRY_MISSING, SITE_OUT_REFUSED)

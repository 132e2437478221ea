"""Write the public ASF list into an output folder, in Swedish and in English:

    SITE/index.html            the list with search, filters and sorting (offline, from file://)
    SITE/foretag/<slug>.html   one page per listed company, with its stamp
    SITE/asf-companies.json    the listed companies as data (asfcert-asf-list/1)
    SITE/asf-list.csv          the listed companies as a spreadsheet
    SITE/en/index.html, en/companies/<slug>.html, en/asf-companies.json, en/asf-list.csv
                               the same in English; every page links to the other language

and, signed with the registry's signing key (site/signed_list.py):

    SITE/asf-list.json         every certificate ever issued, with its status (a JWS)
    SITE/root.pem              the certifier's root certificate, and its SHA-256
    SITE/root-fingerprint.txt  fingerprint, to compare with the one published elsewhere
    SITE/verify.html, verify.js, verify/<NUMBER>.html   the verification pages

A registry without keys gets the human list only, with a warning. With keys, the
passphrase ($ASFCERT_KEY_PASSPHRASE, or asked in a terminal) unlocks the signing key
before anything is written: a wrong one writes nothing.

Only SITE is written: the whole folder is built beside it and swapped in with one rename
(io/folder_swap.py), so readers see the old list or the new one, never a mix. SITE must be new, empty, or an earlier ASF
list; it may not be inside the registry's certificates/ or any evidence/ folder. A
rebuild removes the pages of companies that are no longer listed (expired, suspended,
withdrawn), and the verification pages of certificates not issued on the list's date, so
no stale page stays public."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n, Lang
from asfcert.io import folder_swap
from asfcert.render.site.labels import LANG_DIRS, PAGE_DIRS
from asfcert.site.signed_list import PAGES_DIR as VERIFY_DIR
from asfcert.site.signed_list import STATUS_FILE

PAGES_DIR = PAGE_DIRS["sv"]
LANGS = ("sv", "en")
COMPANIES_JSON = "asf-companies.json"
ROOT_FILE = "root.pem"
FINGERPRINT_FILE = "root-fingerprint.txt"

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
SITE_UNSIGNED = Kind(
    "site-unsigned",
    L10n("Listan är inte signerad", "The list is not signed"),
    L10n("Registret har inga nycklar: asf-list.json, root.pem och kontrollsidorna publiceras inte",
         "The registry has no keys: asf-list.json, root.pem and the verification pages are not published"),
    L10n("Skapa nycklarna med `asfcert registry keys DIR --create` och bygg listan igen.",
         "Create the keys with `asfcert registry keys DIR --create` and build the list again."),
    Severity.WARNING,
)


@dataclass
class BuildResult:
    out: Path
    listing: object  # registry_site.listing.Listing
    lang: str
    signed: int = 0  # certificates in the signed list (0: not signed)
    fingerprint: str | None = None
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
            # counted in one language (Swedish); the English twins are written and removed with them
            "pages_written": sum(1 for p in self.written if p.parent == self.out / PAGES_DIR),
            "pages_removed": [p.name for p in self.removed if p.parent == self.out / PAGES_DIR],
            "signed_list": {"certificates": self.signed, "root_sha256": self.fingerprint} if self.fingerprint else None,
            "verify_pages_written": sum(1 for p in self.written if p.parent == self.out / VERIFY_DIR),
            "verify_pages_removed": [p.name for p in self.removed if p.parent == self.out / VERIFY_DIR],
            # null when the standard does not publish complaints
            "under_investigation": [e.record.number for e in listing.entries if e.under_investigation]
            if listing.complaints_published else None,
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
    """An earlier ASF list: its companies' data, or a signed list (older lists kept the
    companies' data in asf-list.json)."""
    from asfcert.render.site.data import FORMAT

    for name in (COMPANIES_JSON, STATUS_FILE):
        try:
            data = json.loads((out / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and (data.get("format") == FORMAT or _is_signed_list(data)):
            return True
    return False


def _is_signed_list(document: dict) -> bool:
    import base64

    from asfcert.records.status_list import JWS_TYPE

    try:
        text = document["protected"]
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))).get("typ") == JWS_TYPE
    except (KeyError, TypeError, ValueError, AttributeError):
        return False


def _signer(reg, lang: Lang, secret: bytes | None):
    """The registry's signing key, unlocked; None when the registry has no keys."""
    from asfcert.records import keys

    if not (Path(reg.root) / keys.KEYS_DIR / f"{keys.ROOT}.pem").is_file():
        return None, None
    store = keys.open_store(Path(reg.root))
    return store, store.signer(secret if secret is not None else keys.passphrase(new=False, lang=lang))


def _signed_files(reg, store, signer, records, today: dt.date) -> tuple[dict[Path, bytes], int]:
    """asf-list.json, the root and its fingerprint, and the verification pages in both
    languages (relative)."""
    from asfcert.site import signed_list as sl

    model = reg.model
    root = store.root()
    common = {"certifier": model.certifier, "org_number": model.certifier_org_number, "root": root,
              "signing_certificates": store.signing_certificates(), "as_of": today}
    data = sl.payload(records, **common)
    everything = sl.sign(data, signer)
    pem, fp = store.export()
    files = {Path(STATUS_FILE): sl.to_bytes(everything), Path(ROOT_FILE): pem.encode("ascii"),
             Path(FINGERPRINT_FILE): f"SHA-256 {fp}\n".encode("ascii")}
    pages = [{"certifier": model.certifier, "lang": lang, "public_url": model.public_url} for lang in LANGS]
    for entry in data["certificates"]:  # each page holds its own certificate's signed entry, not the whole list
        one = sl.sign({**data, "certificates": [entry]}, signer)  # one signature for both languages' pages
        for page in pages:
            files.update({Path(k): v for k, v in sl.verify_page(one, root, number=entry["number"], **page).items()})
    for page in reversed(pages):  # last: they are the way in
        files.update({Path(k): v for k, v in sl.verify_page(everything, root, **page).items()})
    return files, len(data["certificates"])


def _investigated(reg, today: dt.date, standard: Path | None) -> set[str] | None:
    """The certificates under investigation after a complaint on `today`, when the standard
    publishes that (`policy.publish_complaints_under_investigation`); None when it does not,
    and then complaints.yaml is not even read."""
    from asfcert.base.resources import default_standard
    from asfcert.records import complaints
    from asfcert.standard.load import load_standard

    policy = load_standard(standard or default_standard())[0].policy
    if not policy.publish_complaints_under_investigation:
        return None
    return complaints.under_investigation(complaints.load(Path(reg.root)), today)


def _human_files(listing, out: Path) -> dict[Path, bytes]:
    """The pages and data of both languages; each language's index last: it links to the rest."""
    from asfcert.render.site import data as site_data
    from asfcert.render.site import html as site_html

    files: dict[Path, bytes] = {}
    for lang in LANGS:
        base = out / LANG_DIRS[lang]
        files.update({out / e.page_in(lang): site_html.company(e, listing, lang).encode("utf-8") for e in listing.entries})
        files[base / COMPANIES_JSON] = site_data.to_json(listing, lang).encode("utf-8")
        files[base / "asf-list.csv"] = site_data.to_csv(listing, lang)
    for lang in reversed(LANGS):  # the Swedish index, the way in, last of all
        files[out / LANG_DIRS[lang] / "index.html"] = site_html.index(listing, lang).encode("utf-8")
    return files


def build(registry_dir: Path, out: Path, today: dt.date | None = None, lang: Lang = "sv", secret: bytes | None = None,
          standard: Path | None = None) -> BuildResult:
    """The site for the registry as it stood at the end of `today`, in both languages
    (`lang` is only the language of the summary and of a passphrase prompt). `secret`
    unlocks the signing key (default: $ASFCERT_KEY_PASSPHRASE, or asked in a terminal).
    `standard`: the standard file whose policy says whether complaints are published
    (default: the shipped one)."""
    from asfcert.records import registry
    from asfcert.site.listing import build_listing

    if not registry_dir.is_dir():
        raise Abort(SITE_REGISTRY_MISSING, location=Location(str(registry_dir)))
    reg = registry.find(None, registry_dir)
    check_out(out, reg)
    today = today or dt.date.today()
    investigated = _investigated(reg, today, standard)  # a broken complaints.yaml stops the build before anything is written
    store, signer = _signer(reg, lang, secret)  # before anything is written: a wrong passphrase writes nothing
    records = registry.records(reg)
    listing = build_listing(reg, today, records, investigated)
    listing.verify_pages = signer is not None
    result = BuildResult(out, listing, lang)
    signed: dict[Path, bytes] = {}
    if signer is None:
        listing.findings.append(SITE_UNSIGNED(location=Location(str(reg.root))))
    else:
        relative, result.signed = _signed_files(reg, store, signer, records, today)
        signed = {out / path: data for path, data in relative.items()}
        result.fingerprint = listing.fingerprint = store.export()[1]
    files = {**signed, **_human_files(listing, out)}
    stale = {PurePosixPath(LANG_DIRS[k]) / d for k in LANGS for d in (PAGE_DIRS[k], VERIFY_DIR)}
    unsigned_names = {PurePosixPath(n) for n in [STATUS_FILE, ROOT_FILE, FINGERPRINT_FILE]
                      + [LANG_DIRS[k] + n for k in LANGS for n in ("verify.html", "verify.js")]}

    def keep(rel: PurePosixPath) -> bool:
        """The publisher's own files stay; a company no longer listed, a certificate not
        issued on the date, and (without keys) any signed status go."""
        if rel.suffix == ".html" and rel.parent in stale:
            return False
        return not (signer is None and rel in unsigned_names)

    relative = {PurePosixPath(path.relative_to(out).as_posix()): data for path, data in files.items()}
    dropped = folder_swap.replace_folder(out, relative, keep)
    result.written = list(files)
    result.removed = [out / rel for rel in dropped]
    return result


KINDS = made_by("site", SITE_REGISTRY_MISSING, SITE_OUT_REFUSED, SITE_UNSIGNED)

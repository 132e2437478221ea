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
no stale page stays public. With the cache, a rebuild makes only the pages that change and
one that would change nothing writes nothing (site/rebuild.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n, Lang
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
    """What a build made: its summary, and (when this run built the listing) the listing.
    A rebuild that found the site as it would write it (site/rebuild.py) has only the
    summary kept with the site: `listing` is None then."""

    out: Path
    lang: str
    as_of: dt.date
    listed: int
    left_out: dict[str, int]
    under_investigation: list[str] | None  # None when the standard does not publish complaints
    findings: list = field(default_factory=list)
    signed: int = 0  # certificates in the signed list (0: not signed)
    fingerprint: str | None = None
    # the pages the site holds, counted in one language (Swedish); the English twins are
    # written and removed with them
    pages_written: int = 0
    verify_pages_written: int = 0
    removed: list[Path] = field(default_factory=list)
    listing: object = None  # site.listing.Listing
    exit_code = 0

    @classmethod
    def of(cls, out: Path, listing, lang: str) -> BuildResult:
        investigated = [e.record.number for e in listing.entries if e.under_investigation] if listing.complaints_published else None
        return cls(out, lang, listing.as_of, len(listing.entries), dict(listing.left_out), investigated, listing.findings,
                   listing=listing)

    def to_dict(self) -> dict:
        return {
            "format": "asfcert-registry-build/1",
            "out": str(self.out),
            "as_of": self.as_of.isoformat(),
            "lang": self.lang,
            "listed": self.listed,
            "left_out": self.left_out,
            "pages_written": self.pages_written,
            "pages_removed": [p.name for p in self.removed if p.parent == self.out / PAGES_DIR],
            "signed_list": {"certificates": self.signed, "root_sha256": self.fingerprint} if self.fingerprint else None,
            "verify_pages_written": self.verify_pages_written,
            "verify_pages_removed": [p.name for p in self.removed if p.parent == self.out / VERIFY_DIR],
            "under_investigation": self.under_investigation,
            "findings": [f.to_dict() for f in self.findings],
        }

    def view_data(self) -> dict:
        """Everything the terminal summary shows (cli/replay.py keeps a summary shown
        through a pipe under it): the JSON summary, and every file removed."""
        return {**self.to_dict(), "removed": [p.relative_to(self.out).as_posix() for p in self.removed]}


def _refuse(out: Path, sv: str, en: str) -> Abort:
    return Abort(SITE_OUT_REFUSED, location=Location(str(out)), why=L10n(sv, en))


def check_out(out: Path, registry_dir: Path) -> None:
    """Refuse an output folder that could destroy or mix with anything else."""
    from asfcert.base.layout import REGISTRY_CERT_DIR

    real = Path(os.path.realpath(out))
    certificates = Path(os.path.realpath(registry_dir / REGISTRY_CERT_DIR))
    if real == certificates or certificates in real.parents:
        raise _refuse(out, "Mappen ligger i registrets certificates/; dit skriver asfcert aldrig webbplatsen",
                      "The folder is inside the registry's certificates/; asfcert never writes the site there")
    if "evidence" in real.parts:
        raise _refuse(out, "Mappen ligger i en evidence/-mapp; asfcert skriver aldrig där", "The folder is inside an evidence/ folder; asfcert never writes there")
    if real == Path(os.path.realpath(registry_dir)):
        raise _refuse(out, "Mappen är själva registret", "The folder is the registry itself")
    if out.exists() and not out.is_dir():
        raise _refuse(out, "Det är en fil, inte en mapp", "It is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not _is_site(out):
        raise _refuse(out, "Mappen är inte tom och innehåller ingen tidigare ASF-lista", "The folder is not empty and holds no earlier ASF list")


def _is_site(out: Path) -> bool:
    """An earlier ASF list: its companies' data, or a signed list (older lists kept the
    companies' data in asf-list.json)."""
    from asfcert.render.site.labels import FORMAT

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


def _signer(registry_dir: Path, lang: Lang, secret: bytes | None):
    """The registry's signing key, unlocked; None when the registry has no keys."""
    from asfcert.records import keys

    if not (registry_dir / keys.KEYS_DIR / f"{keys.ROOT}.pem").is_file():
        return None, None
    store = keys.open_store(registry_dir)
    return store, store.signer(secret if secret is not None else keys.passphrase(new=False, lang=lang))


def _signed_files(reg, store, signer, records, today: dt.date, reuse) -> tuple[dict[Path, bytes], int]:
    """asf-list.json, the root and its fingerprint, and the verification pages in both
    languages (relative). A certificate's pages that state what they stated in the site as
    it stands (`reuse`: the same entry, list data bar the time of signing, root, signer
    and page words) are kept as signed then."""
    import base64

    from asfcert.records.trust import der
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
    unsigned = {k: v for k, v in data.items() if k not in ("issued_at", "certificates")}
    signing = [base64.b64encode(der(c)).decode("ascii") for c in signer.chain]
    for entry in data["certificates"]:  # each page holds its own certificate's signed entry, not the whole list
        rels = [LANG_DIRS[k] + sl.certificate_page(entry["number"]) for k in LANGS]
        made_from = reuse.key("verify-page", unsigned, entry, signing, pages)
        if reuse.take(rels, made_from):
            continue
        one = sl.sign({**data, "certificates": [entry]}, signer)  # one signature for both languages' pages
        for page in pages:
            files.update({Path(k): v for k, v in sl.verify_page(one, root, number=entry["number"], **page).items()})
        reuse.make(rels, made_from)
    for page in reversed(pages):  # last: they are the way in
        files.update({Path(k): v for k, v in sl.verify_page(everything, root, **page).items()})
    return files, len(data["certificates"])


def _investigated(registry_dir: Path, today: dt.date, standard: Path, cache) -> set[str] | None:
    """The certificates under investigation after a complaint on `today`, when the standard
    publishes that (`policy.publish_complaints_under_investigation`); None when it does not,
    and then complaints.yaml is not even read."""
    from asfcert.records import complaints
    from asfcert.standard.load import load_standard

    policy = load_standard(standard, cache)[0].policy
    if not policy.publish_complaints_under_investigation:
        return None
    return complaints.under_investigation(complaints.load(registry_dir), today)


def _human_files(listing, out: Path, reuse) -> dict[Path, bytes]:
    """The pages and data of both languages; each language's index last: it links to the
    rest. A company's pages made from the same entry and list data as in the site as it
    stands are kept (`reuse`)."""
    from asfcert.render.site import data as site_data
    from asfcert.render.site import html as site_html

    files: dict[Path, bytes] = {}
    about = _listing_data(listing)
    for e in listing.entries:
        rels = [e.page_in(k) for k in LANGS]
        made_from = reuse.key("company-page", _entry_data(e), about)
        if not reuse.take(rels, made_from):
            files.update({out / e.page_in(lang): site_html.company(e, listing, lang).encode("utf-8") for lang in LANGS})
            reuse.make(rels, made_from)
    for lang in LANGS:
        base = out / LANG_DIRS[lang]
        files[base / COMPANIES_JSON] = site_data.to_json(listing, lang).encode("utf-8")
        files[base / "asf-list.csv"] = site_data.to_csv(listing, lang)
    for lang in reversed(LANGS):  # the Swedish index, the way in, last of all
        files[out / LANG_DIRS[lang] / "index.html"] = site_html.index(listing, lang).encode("utf-8")
    return files


def _entry_data(entry) -> dict:
    """Everything a company's page shows, as data."""
    from dataclasses import fields

    return {**{f.name: getattr(entry, f.name) for f in fields(entry) if f.name != "record"},
            "record": entry.record.model_dump(mode="json")}


def _listing_data(listing) -> dict:
    """What of the list a company's page shows."""
    return {"as_of": listing.as_of, "certifier": listing.certifier, "certifier_org_number": listing.certifier_org_number,
            "verify_url": listing.verify_url, "verify_pages": listing.verify_pages, "fingerprint": listing.fingerprint,
            "public_url": listing.public_url, "complaints_published": listing.complaints_published}


def build(registry_dir: Path, out: Path, today: dt.date | None = None, lang: Lang = "sv", secret: bytes | None = None,
          standard: Path | None = None, cache=None) -> BuildResult:
    """The site for the registry as it stood at the end of `today`, in both languages
    (`lang` is only the language of the summary and of a passphrase prompt). `secret`
    unlocks the signing key (default: $ASFCERT_KEY_PASSPHRASE, or asked in a terminal).
    `standard`: the standard file whose policy says whether complaints are published
    (default: the shipped one). `cache` (io.cache.Cache): parses are reused, and a site
    already as this build would write it is left as it is (site/rebuild.py)."""
    from asfcert.base.resources import default_standard
    from asfcert.io.cache import Cache
    from asfcert.site import rebuild

    if not registry_dir.is_dir():
        raise Abort(SITE_REGISTRY_MISSING, location=Location(str(registry_dir)))
    today = today or dt.date.today()
    cache = cache or Cache(enabled=False)
    standard_file = standard or default_standard()
    started = time.time_ns()
    recalled = rebuild.recall(cache, registry_dir, out, today, standard_file)
    kept = recalled.kept  # registry.yaml and complaints.yaml as when a build last read them: usable
    reg = _registry(registry_dir) if kept is None else None
    check_out(out, registry_dir)
    investigated = _investigated(registry_dir, today, standard_file, cache) if kept is None else None  # a broken complaints.yaml stops the build before anything is written
    store, signer = _signer(registry_dir, lang, secret)  # before anything is written: a wrong passphrase writes nothing
    if kept is not None:
        replayed = _replayed(kept, out, lang, today) if rebuild.site_unchanged(kept, out, _keeper(signer is not None)) else None
        if replayed is not None:
            rebuild.keep_checked(cache, kept)
            return replayed
        reg = _registry(registry_dir)
        investigated = _investigated(registry_dir, today, standard_file, cache)
    reuse = rebuild.Reuse(recalled.previous, out, cache)
    result, files = _build(reg, out, today, lang, investigated, store, signer, cache, reuse)
    companies = [e.record.company.folder for e in result.listing.entries if e.record.company.folder]
    rebuild.remember(cache, registry_dir, out, today, standard_file, started, companies, files, reuse, _summary(result))
    return result


def _registry(registry_dir: Path):
    """registry.yaml, validated (imported here: a rebuild that changes nothing needs neither)."""
    from asfcert.records import registry

    return registry.find(None, registry_dir)


def _build(reg, out: Path, today: dt.date, lang: Lang, investigated, store, signer, cache, reuse) -> tuple[BuildResult, dict]:
    """Build the whole site and swap it in, with the pages `reuse` keeps carried over;
    the result and the files written (relative)."""
    from asfcert.io import folder_swap
    from asfcert.records import registry
    from asfcert.site.listing import build_listing

    records = registry.records(reg, cache)
    listing = build_listing(reg, today, records, investigated, cache)
    listing.verify_pages = signer is not None
    result = BuildResult.of(out, listing, lang)
    signed: dict[Path, bytes] = {}
    if signer is None:
        listing.findings.append(SITE_UNSIGNED(location=Location(str(reg.root))))
    else:
        relative, result.signed = _signed_files(reg, store, signer, records, today, reuse)
        signed = {out / path: data for path, data in relative.items()}
        result.fingerprint = listing.fingerprint = store.export()[1]
    files = {**signed, **_human_files(listing, out, reuse)}
    relative = {PurePosixPath(path.relative_to(out).as_posix()): data for path, data in files.items()}
    keep, carried = _keeper(signer is not None), reuse.carried
    dropped = folder_swap.replace_folder(out, relative, lambda rel: rel.as_posix() in carried or keep(rel))
    result.pages_written, result.verify_pages_written = _pages([*relative, *carried])
    result.removed = [out / rel for rel in dropped]
    return result, relative


def _pages(files) -> tuple[int, int]:
    """The company pages and the verification pages among `files` (relative paths), in
    Swedish."""
    parents = [str(rel).rpartition("/")[0] for rel in files]
    return parents.count(PAGES_DIR), parents.count(VERIFY_DIR)


_STALE = {PurePosixPath(LANG_DIRS[k]) / d for k in LANGS for d in (PAGE_DIRS[k], VERIFY_DIR)}
_SIGNED_NAMES = {PurePosixPath(n) for n in [STATUS_FILE, ROOT_FILE, FINGERPRINT_FILE]
                 + [LANG_DIRS[k] + n for k in LANGS for n in ("verify.html", "verify.js")]}


def _keeper(signed: bool):
    """Whether a file in the site that the build does not write stays."""

    def keep(rel: PurePosixPath) -> bool:
        """The publisher's own files stay; a company no longer listed, a certificate not
        issued on the date, and (without keys) any signed status go."""
        if rel.suffix == ".html" and rel.parent in _STALE:
            return False
        return signed or rel not in _SIGNED_NAMES

    return keep


def _summary(result: BuildResult) -> dict:
    """What `_replayed` needs, as plain data (a finding's parameters as JSON shows them)."""
    findings = [f.to_dict() for f in result.findings]
    return {"listed": result.listed, "left_out": result.left_out, "under_investigation": result.under_investigation,
            "findings": json.loads(json.dumps(findings, default=str)), "signed": result.signed, "fingerprint": result.fingerprint}


def _replayed(kept, out: Path, lang: Lang, today: dt.date) -> BuildResult | None:
    """The result of the build that made the site, which stands as it is; None when the
    kept summary cannot be read (then the site is built again)."""
    from asfcert.base.findings import Finding

    s = kept.summary
    try:
        investigated, fingerprint = s["under_investigation"], s["fingerprint"]
        if not (investigated is None or all(isinstance(n, str) for n in investigated)) or not isinstance(fingerprint, (str, type(None))):
            return None
        left_out = {str(k): int(n) for k, n in s["left_out"].items()}
        findings = [Finding.from_dict(f) for f in s["findings"]]
        return BuildResult(out, lang, today, int(s["listed"]), left_out, investigated, findings, int(s["signed"]), fingerprint,
                           *_pages(kept.files))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


KINDS = made_by("site", SITE_REGISTRY_MISSING, SITE_OUT_REFUSED, SITE_UNSIGNED)

"""`asfcert registry init DIR`: a new registry in one step, instead of a hand-written
registry.yaml.

    DIR/registry.yaml           the certifier, the number prefix, the public addresses
    DIR/certifier-logo.png      the certifier's mark, when one was given (PNG or JPEG)
    DIR/keys/                   the root and the first signing key (records/keys.py)

Everything is checked and made in memory first (`prepare`); `create` then writes the logo,
keys/ and, last, registry.yaml, which marks the folder as a registry. An existing registry
is never touched."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import REGISTRY_FILE
from asfcert.formats.certificate import Registry as RegistryModel
from asfcert.records import keys

LOGO_NAME = "certifier-logo"
MAX_LOGO = 2 * 2**20
MAX_LOGO_PIXELS = 4096 * 4096
VERIFY_PAGE = "verify.html"
_LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}


InitialRegistry = RegistryModel  # registry.yaml as `registry init` writes it: the one registry format


REGISTRY_EXISTS = Kind(
    "registry-exists",
    L10n("Registret finns redan", "The registry exists already"),
    L10n("Mappen har redan en registry.yaml; `asfcert registry init` skriver aldrig över ett register",
         "The folder already has a registry.yaml; registry init never writes over a registry"),
    L10n("Ett register utan nycklar får dem med `asfcert registry keys --create`.",
         "A registry without keys gets them with `asfcert registry keys --create`."),
    Severity.ERROR, Effect.ABORTS,
)
REGISTRY_FOLDER_UNUSABLE = Kind(
    "registry-folder-unusable",
    L10n("Mappen kan inte bli ett register", "The folder cannot become a registry"),
    L10n("{why}", "{why}"),
    L10n("Ange en ny eller befintlig mapp för registret, till exempel den som rymmer omgångarna.",
         "Give a new or existing folder for the registry, for example the one holding the cohorts."),
    Severity.ERROR, Effect.ABORTS,
)
CERTIFIER_VALUE_INVALID = Kind(
    "registry-init-value",
    L10n("Uppgiften om certifieraren kan inte användas", "The certifier detail cannot be used"),
    L10n("{option}: {why}", "{option}: {why}"),
    L10n("Rätta värdet och kör kommandot igen; inget har skrivits.", "Correct the value and run the command again; nothing was written."),
    Severity.ERROR, Effect.ABORTS,
)



@dataclass(frozen=True)
class Certifier:
    """The answers to `registry init`'s questions."""

    name: str
    org_number: str | None = None
    address: str | None = None
    logo: Path | None = None
    public_url: str | None = None
    prefix: str = "ASF"


@dataclass
class Plan:
    """What `create` will write, all of it checked."""

    folder: Path
    certifier: Certifier
    document: dict
    logo: tuple[str, bytes] | None = None  # file name in the registry, bytes
    written: list[Path] = field(default_factory=list)


def _bad(option: str, sv: str, en: str) -> Abort:
    return Abort(CERTIFIER_VALUE_INVALID, location=Location(option), option=option, why=L10n(sv, en))


def _plain(option: str, value: str | None, limit: int) -> str | None:
    """A one-line text for a certificate: trimmed, no control or format characters."""
    if value is None or not value.strip():
        return None
    text = " ".join(value.split())
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        raise _bad(option, "innehåller styrtecken", "holds control characters")
    if len(text) > limit:
        raise _bad(option, f"är längre än {limit} tecken", f"is longer than {limit} characters")
    return text


def public_base(option: str, url: str | None) -> str | None:
    """The public base URL without a trailing slash; https (or http) with a host and no
    query, fragment, space or quote, since it goes into QR codes and HTML."""
    if url is None or not url.strip():
        return None
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment or any(
        c.isspace() or c in "\"'<>{}\\^`|" for c in url
    ):
        raise _bad(option, f"`{url}` är ingen webbadress som https://exempel.se/asf", f"`{url}` is not a web address like https://example.se/asf")
    return url


def verify_url(base: str) -> str:
    """The published list's page where anyone checks a certificate, with a number and code
    filled in (in the fragment, never sent to the web server). The QR codes point to each
    certificate's own page instead (records.registry.verification_url)."""
    return f"{base}/{VERIFY_PAGE}#number={{number}}&code={{code}}"


def _logo(option: str, path: Path | None) -> tuple[str, bytes] | None:
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_LOGO + 1)
    except OSError as e:
        raise _bad(option, f"{path} kan inte läsas ({e.strerror})", f"{path} cannot be read ({e.strerror})") from None
    if len(data) > MAX_LOGO:
        raise _bad(option, f"{path} är större än {MAX_LOGO // 2**20} MB", f"{path} is larger than {MAX_LOGO // 2**20} MB")
    suffix = next((s for magic, s in _LOGO_TYPES.items() if data.startswith(magic)), None)
    if suffix is None:
        raise _bad(option, f"{path} är ingen PNG- eller JPEG-bild", f"{path} is not a PNG or JPEG image")
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise ValueError("too many pixels")
            image.verify()
    except Exception as e:  # noqa: BLE001 - Pillow raises many kinds for a broken image
        raise _bad(option, f"{path} är ingen läsbar bild ({type(e).__name__})", f"{path} is not a readable image ({type(e).__name__})") from None
    return LOGO_NAME + suffix, data


def prepare(folder: Path, certifier: Certifier) -> Plan:
    """Check the folder and every answer; raise before anything is written."""
    import re

    from asfcert.rules.org_number import invalid_reason, normalise

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise Abort(REGISTRY_FOLDER_UNUSABLE, location=Location(str(folder)), folder=str(folder),
                    why=L10n("är en fil, inte en mapp", "is a file, not a folder"))
    if (folder / REGISTRY_FILE).exists():
        raise Abort(REGISTRY_EXISTS, location=Location(str(folder / REGISTRY_FILE)), folder=str(folder))
    if os.path.lexists(folder / keys.KEYS_DIR):  # left by an interrupted init, or someone's keys: never touched
        raise Abort(REGISTRY_FOLDER_UNUSABLE, location=Location(str(folder / keys.KEYS_DIR)), folder=str(folder), why=L10n(
            "mappen har keys/ men ingen registry.yaml; flytta keys/ om den blev kvar efter en avbruten `asfcert registry init` och inget har signerats med den",
            "the folder has keys/ but no registry.yaml; move keys/ away if an interrupted registry init left it and nothing was signed with it"))
    keys.refuse_company_folder(folder)
    name = _plain("--name", certifier.name, 64)
    if name is None:
        raise _bad("--name", "certifierarens namn saknas", "the certifier's name is missing")
    org = _plain("--org-number", certifier.org_number, 20)
    if org is not None and (why := invalid_reason(normalise(org))) is not None:
        raise _bad("--org-number", f"`{org}` är inget giltigt organisationsnummer: {why.sv}", f"`{org}` is not a valid organisation number: {why.en}")
    prefix = (certifier.prefix or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{2,8}", prefix):
        raise _bad("--prefix", f"`{certifier.prefix}` är inte 2–8 bokstäver A–Z", f"`{certifier.prefix}` is not 2–8 letters A–Z")
    base = public_base("--public-url", certifier.public_url)
    logo = _logo("--logo", certifier.logo)
    document = {
        "format": "asfcert-registry/1",
        "certifier": name,
        "certifier_org_number": org,
        "certifier_address": _plain("--address", certifier.address, 300),
        "certifier_logo": logo[0] if logo else None,
        "prefix": prefix,
        "public_url": base,  # the QR codes point to {base}/verify/NUMBER.html (records.registry.verification_url)
    }
    document = {k: v for k, v in document.items() if v is not None}
    InitialRegistry.model_validate(document)  # every value is checked above: a failure here is a bug
    return Plan(folder, certifier, document, logo)


def render(plan: Plan) -> str:
    from asfcert.io import yamlwrite

    return yamlwrite.dump(
        yamlwrite.round_trip(), plan.document,
        "# The certifier's registry, made by `asfcert registry init` (see docs/verification.md).\n",
    )


def _file_mode(folder: Path) -> int:
    """Files take the folder's read and write bits: a 0750 registry gets 0640 files."""
    return (folder.stat().st_mode & 0o666) | 0o600


def create(plan: Plan, secret: bytes, now=None) -> keys.KeyStore:
    """Write the logo, keys/ and registry.yaml (last). `secret` encrypts the keys."""
    from asfcert.io import atomic

    new = keys.make(plan.document["certifier"], plan.document.get("certifier_org_number"), secret, now)
    plan.folder.mkdir(parents=True, exist_ok=True)
    mode = _file_mode(plan.folder)
    if plan.logo is not None:
        path = plan.folder / plan.logo[0]
        atomic.write_bytes(path, plan.logo[1], mode)
        plan.written.append(path)
    store = keys.write(plan.folder, new)
    plan.written += [store.folder / name for name in sorted(new.files)]
    path = plan.folder / REGISTRY_FILE
    if not atomic.create_exclusive(path, render(plan).encode("utf-8")):
        raise Abort(REGISTRY_EXISTS, location=Location(str(path)), folder=str(plan.folder))
    os.chmod(path, mode)
    plan.written.append(path)
    return store


KINDS = made_by("registry", REGISTRY_EXISTS, REGISTRY_FOLDER_UNUSABLE, CERTIFIER_VALUE_INVALID)

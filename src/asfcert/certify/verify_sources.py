"""Where `asfcert verify` finds what it trusts and what it asks:

    the root      --trust ROOT.pem, else the registry's keys/root.pem (the registry given
                  with --registry, or found by walking up), else, outside any registry,
                  the root the user saved with --save-trust. A registry whose root is not
                  the --trust root is not asked about anything: it is another certifier's.
    the status    --status asf-list.json (or a site folder holding one), checked against
                  the root; else the registry's record; else none ("status not checked")

The registry is the certifier's own folder: its records need no signature. A signed list
is trusted only once its JWS chains to the root."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n, number

LIST_FILE = "asf-list.json"
MAX_LIST_BYTES = 64 * 2**20  # trust.MAX_PAYLOAD: a national list is far smaller
MAX_ROOT_BYTES = 64 * 1024

_E = Severity.ERROR
TRUST_UNUSABLE = Kind(
    "verify-trust-unusable",
    L10n("Rotcertifikatet kan inte användas", "The root certificate cannot be used"),
    L10n("{file} är inget rotcertifikat: {why}", "{file} is not a root certificate: {why}"),
    L10n("Ange certifierarens publicerade rotcertifikat (root.pem) och jämför dess fingeravtryck med det som certifieraren publicerar.",
         "Give the certifier's published root certificate (root.pem), and compare its fingerprint with the one the certifier publishes."),
    _E,
    effect=Effect.ABORTS,
)
NO_TRUST = Kind(
    "verify-no-trust",
    L10n("Inget rotcertifikat att lita på", "No root certificate to trust"),
    L10n("Ingen --trust, inget register med nycklar och inget sparat rotcertifikat: signaturen kan inte kontrolleras",
         "No --trust, no registry with keys and no saved root certificate: the signature cannot be checked"),
    L10n("Hämta certifierarens root.pem och kör: asfcert verify CERT.pdf --trust root.pem (lägg till --save-trust för att spara den).",
         "Get the certifier's root.pem and run: asfcert verify CERT.pdf --trust root.pem (add --save-trust to keep it)."),
    _E,
    effect=Effect.ABORTS,
)
STATUS_UNUSABLE = Kind(
    "verify-status-unusable",
    L10n("Statuslistan kan inte läsas", "The status list cannot be read"),
    L10n("{file} kan inte läsas som certifierarens signerade lista: {why}", "{file} cannot be read as the certifier's signed list: {why}"),
    L10n("Ange asf-list.json från certifierarens webbplats, eller mappen som `asfcert registry build` skrev.",
         "Give asf-list.json from the certifier's website, or the folder `asfcert registry build` wrote."),
    _E,
    effect=Effect.ABORTS,
)
STATUS_REFUSED = Kind(
    "verify-status-untrusted",
    L10n("Statuslistan går inte att lita på", "The status list cannot be trusted"),
    L10n("{file} är inte signerad av certifieraren eller har ändrats ({reason}); inget certifikat kontrolleras mot den",
         "{file} is not signed by the certifier or has been changed ({reason}); no certificate is checked against it"),
    L10n("Hämta listan på nytt från certifierarens webbplats, och kontrollera att --trust är certifierarens rotcertifikat.",
         "Download the list again from the certifier's website, and check that --trust is the certifier's root certificate."),
    _E,
    effect=Effect.ABORTS,
)


@dataclass
class Sources:
    root: object | None = None  # cryptography Certificate
    root_from: str | None = None  # trust | registry | saved
    registry: object | None = None  # records.registry.Registry
    status: dict | None = None  # the signed list's payload
    status_file: Path | None = None
    signing_certificates: list = field(default_factory=list)  # for tokens


def _read_small(path: Path, limit: int, kind: Kind) -> bytes:
    where = Location(str(path))

    def refuse(why: L10n):
        return Abort(kind, location=where, file=str(path), why=why, reason=why.en)

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise refuse(L10n("det är ingen vanlig fil", "it is not a regular file"))
        if st.st_size > limit:
            raise refuse(L10n(f"för stor ({number(st.st_size, 'sv')} byte, högst {number(limit, 'sv')})", f"too large ({st.st_size} bytes, at most {limit})"))
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except OSError as e:
        from asfcert.base.oserror import reason

        raise refuse(reason(e)) from None


def load_trust(path: Path) -> tuple:
    """The root certificate in `path` (--trust), and the other certificates beside it."""
    from asfcert.records.trust import Untrusted, trust_bundle

    try:
        return trust_bundle(_read_small(path, MAX_ROOT_BYTES, TRUST_UNUSABLE))
    except Untrusted:
        why = L10n("filen är inget rotcertifikat (ett självsignerat certifikat som får utfärda andra certifikat)",
                   "the file is not a self-signed certificate for issuing others (a root certificate)")
        raise Abort(TRUST_UNUSABLE, location=Location(str(path)), file=str(path), why=why) from None


def find_registry(start: Path | None, explicit: Path | None):
    """The registry, or None when there is none to find (verify works without one). Its
    registry.yaml, validated from the same bytes before, is not validated again: verify
    asks nothing of it but that it is usable."""
    from asfcert.io.cache import Cache
    from asfcert.records import registry

    try:
        return registry.find(start, explicit, Cache())
    except Abort as err:
        if err.code != registry.REGISTRY_NOT_FOUND.code:
            raise
        return None


def _registry_keys(reg):
    """The registry's KeyStore, or None when it has no keys/."""
    from asfcert.records import keys

    if reg is None or not (Path(reg.root) / keys.KEYS_DIR / f"{keys.ROOT}.pem").is_file():
        return None
    return keys.open_store(Path(reg.root))


def gather(start: Path | None, *, registry_dir: Path | None, trust: Path | None, status: Path | None) -> Sources:
    from asfcert.records import trust as trust_mod
    from asfcert.records.trust import der

    found = Sources(registry=find_registry(start, registry_dir))
    store = _registry_keys(found.registry)
    beside: list = []
    if trust is not None:
        (found.root, beside), found.root_from = load_trust(trust), "trust"
    elif store is not None:
        found.root, found.root_from = store.root(), "registry"
    elif found.registry is None and trust_mod.saved_root_path().is_file():  # a registry without keys checks by digest
        (found.root, beside), found.root_from = load_trust(trust_mod.saved_root_path()), "saved"
    found.signing_certificates += beside
    if found.root_from == "trust" and (store is None or der(store.root()) != der(found.root)):
        found.registry = store = None  # another certifier's registry (or one without keys) says nothing of this root's certificates
    if store is not None:
        found.signing_certificates += store.signing_certificates()
    if status is not None:
        found.status_file, found.status = read_status(status, found.root)
        from asfcert.records import status_list

        found.signing_certificates += status_list.signing_certificates(found.status)
    return found


def read_status(path: Path, root) -> tuple[Path, dict]:
    """The signed list at `path` (a file, or a site folder holding asf-list.json), once
    its signature chains to `root`."""
    from asfcert.records import status_list
    from asfcert.records.trust import Untrusted

    if path.is_dir():
        path = path / LIST_FILE
    if root is None:
        raise Abort(NO_TRUST, location=Location(str(path)))
    data = _read_small(path, MAX_LIST_BYTES, STATUS_UNUSABLE)
    try:
        document = json.loads(data)
    except ValueError:
        why = L10n("filen är inte JSON", "the file is not JSON")
        raise Abort(STATUS_UNUSABLE, location=Location(str(path)), file=str(path), why=why) from None
    try:
        return path, status_list.read(document, root)
    except Untrusted as e:
        raise Abort(STATUS_REFUSED, location=Location(str(path)), file=str(path), reason=e.reason) from None


KINDS = made_by("verify", TRUST_UNUSABLE, NO_TRUST, STATUS_UNUSABLE, STATUS_REFUSED)

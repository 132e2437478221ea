"""The certifier's keys, in the registry's `keys/` folder (mode 0700):

    keys/root.pem         the root certificate: published, so anyone can check signatures
    keys/root.p12         the root's private key (PKCS#12, encrypted; mode 0600)
    keys/signing-01.pem   a signing certificate issued by the root
    keys/signing-01.p12   its private key (mode 0600); `registry keys --rotate` adds -02, …

ECDSA P-256 throughout. The root key only ever signs signing certificates; the newest
signing key signs certificate PDFs, the public list and QR tokens. Older signing
certificates stay, so everything signed before a rotation still verifies. Every private
key is encrypted with one passphrase, from $ASFCERT_KEY_PASSPHRASE or asked for; the
keys never live in a company folder. Nothing is written before the passphrase is known
to be right, and a key file is never overwritten."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.layout import COMPANY_FILE
from asfcert.records import key_unlock
from asfcert.records.trust import Signer, fingerprint

KEYS_DIR = "keys"
ROOT = "root"
PASSPHRASE_ENV = "ASFCERT_KEY_PASSPHRASE"
MIN_PASSPHRASE = 12
KDF_ROUNDS = 600_000  # PBKDF2-HMAC-SHA256 on the PKCS#12 key bags (OWASP's figure)
ROOT_YEARS = 30
SIGNING_YEARS = 12
# A signing certificate must outlive every certificate it signs (valid for at most a few
# years) with a margin, or the QR tokens it made stop verifying: rotate before then.
SIGNING_MARGIN_YEARS = 5
MAX_KEY_FILE = 64 * 1024
_SIGNING = re.compile(r"^signing-(\d{2,4})\.pem$")
_SIGNING_ANY = re.compile(r"^signing-(\d{2,4})\.(?:pem|p12)$")


KEYS_MISSING = Kind(
    "keys-missing", L10n("Registret har inga nycklar", "The registry has no keys"),
    L10n("{registry} har ingen mapp keys/ med certifierarens nycklar", "{registry} has no keys/ folder with the certifier's keys"),
    L10n("Skapa nycklarna med `asfcert registry keys --create` (ett nytt register får dem av `asfcert registry init`).",
         "Create the keys with `asfcert registry keys --create` (a new registry gets them from `asfcert registry init`)."),
    Severity.ERROR, Effect.ABORTS,
)

KEYS_EXIST = Kind(
    "keys-exist", L10n("Nycklarna finns redan", "The keys exist already"),
    L10n("Registret har redan nycklar; de ersätts aldrig", "The registry already has keys; they are never replaced"),
    L10n("Byt signeringsnyckel med `asfcert registry keys --rotate`; rotnyckeln behålls.",
         "Change the signing key with `asfcert registry keys --rotate`; the root key stays."),
    Severity.ERROR, Effect.ABORTS,
)

KEYS_BROKEN = Kind(
    "keys-broken", L10n("En nyckelfil kan inte användas", "A key file cannot be used"),
    L10n("{why}", "{why}"),
    L10n("Återställ keys/ från säkerhetskopian. Ta aldrig bort rotcertifikatet: utan det kan inget som signerats kontrolleras.",
         "Restore keys/ from the backup. Never remove the root certificate: without it nothing signed can be checked."),
    Severity.ERROR, Effect.ABORTS,
)

KEYS_IN_COMPANY_FOLDER = Kind(
    "keys-in-company-folder", L10n("Nycklar hör inte hemma i en företagsmapp", "Keys do not belong in a company folder"),
    L10n("Mappen ligger i företagsmappen {company}; certifierarens nycklar sparas aldrig där",
         "The folder is inside the company folder {company}; the certifier's keys are never kept there"),
    L10n("Ange registrets mapp, den som rymmer omgångarna, inte ett företags mapp.",
         "Give the registry folder, the one holding the cohorts, not a company's folder."),
    Severity.ERROR, Effect.ABORTS,
)

PASSPHRASE_MISSING = Kind(
    "key-passphrase-missing", L10n("Lösenfras saknas", "Passphrase missing"),
    L10n(f"Nycklarna kräver en lösenfras: sätt {PASSPHRASE_ENV} eller kör kommandot i en terminal",
         f"The keys need a passphrase: set {PASSPHRASE_ENV} or run the command in a terminal"),
    L10n(f"Till exempel: read -rs {PASSPHRASE_ENV}; export {PASSPHRASE_ENV}", f"For example: read -rs {PASSPHRASE_ENV}; export {PASSPHRASE_ENV}"),
    Severity.ERROR, Effect.ABORTS,
)

PASSPHRASE_WRONG = Kind(
    "key-passphrase-wrong", L10n("Fel lösenfras", "Wrong passphrase"),
    L10n("Lösenfrasen låser inte upp nyckeln (eller också är filen skadad); inget har skrivits",
         "The passphrase does not unlock the key (or the file is damaged); nothing was written"),
    L10n(f"Ange lösenfrasen som användes när registret skapades ({PASSPHRASE_ENV} eller frågan).",
         f"Give the passphrase used when the registry was created ({PASSPHRASE_ENV} or the prompt)."),
    Severity.ERROR, Effect.ABORTS,
)

PASSPHRASE_WEAK = Kind(
    "key-passphrase-weak", L10n("För kort lösenfras", "Passphrase too short"),
    L10n(f"Lösenfrasen har {{length}} tecken; nycklarna kräver minst {MIN_PASSPHRASE}",
         f"The passphrase has {{length}} characters; the keys need at least {MIN_PASSPHRASE}"),
    L10n("Välj en längre lösenfras, till exempel fyra ord, och spara den där den inte kommer bort.",
         "Choose a longer passphrase, for example four words, and keep it where it will not get lost."),
    Severity.ERROR, Effect.ABORTS,
)

PASSPHRASE_MISMATCH = Kind(
    "key-passphrase-mismatch", L10n("Lösenfraserna skiljer sig", "The passphrases differ"),
    L10n("De två lösenfraserna är inte lika; inget har skrivits", "The two passphrases are not the same; nothing was written"),
    L10n("Kör kommandot igen och skriv samma lösenfras två gånger.", "Run the command again and type the same passphrase twice."),
    Severity.ERROR, Effect.ABORTS,
)

SIGNING_EXPIRING = Kind(
    "key-signing-expiring", L10n("Signeringscertifikatet går snart ut", "The signing certificate expires soon"),
    L10n("Signeringscertifikatet gäller till {until}; certifikat som signeras nu måste kunna kontrolleras längre än så",
         "The signing certificate is valid until {until}; certificates signed now must be checkable for longer than that"),
    L10n("Ge registret en ny signeringsnyckel med `asfcert registry keys --rotate`.",
         "Give the registry a new signing key with `asfcert registry keys --rotate`."),
    Severity.ERROR, Effect.ABORTS,
)



def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)


def _years(moment: dt.datetime, years: int) -> dt.datetime:
    from dateutil.relativedelta import relativedelta

    return moment + relativedelta(years=years)


# --- the passphrase ----------------------------------------------------------------------

def passphrase(*, new: bool, lang: str = "sv", ask=None) -> bytes:
    """The passphrase from $ASFCERT_KEY_PASSPHRASE, else asked for (twice for a new one)
    when the command runs in a terminal. A new passphrase must be long enough."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given is None:
        if ask is None:
            if not sys.stdin.isatty():
                raise Abort(PASSPHRASE_MISSING)
            import getpass

            ask = getpass.getpass
        prompt = L10n("Lösenfras för nycklarna: ", "Passphrase for the keys: ").get(lang)
        given = ask(prompt)
        if new and ask(L10n("Samma lösenfras igen: ", "The same passphrase again: ").get(lang)) != given:
            raise Abort(PASSPHRASE_MISMATCH)
    if new and len(given) < MIN_PASSPHRASE:
        raise Abort(PASSPHRASE_WEAK, length=len(given))
    if not given:
        raise Abort(PASSPHRASE_MISSING)
    return given.encode("utf-8")


# --- making keys and certificates ---------------------------------------------------------

def _name(certifier: str, org_number: str | None, role: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, certifier[:64])]
    if org_number:  # ETSI EN 319 412-1: the Swedish register's number
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, "NTRSE-" + re.sub(r"\D", "", org_number)))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, f"{certifier[:40]} {role}"))
    return x509.Name(attrs)


def _usage(*, sign: bool):
    from cryptography import x509

    return x509.KeyUsage(digital_signature=sign, content_commitment=sign, key_encipherment=False, data_encipherment=False,
                         key_agreement=False, key_cert_sign=not sign, crl_sign=not sign, encipher_only=False, decipher_only=False)


def _root_certificate(key, subject, now: dt.datetime):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    return (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(_years(now, ROOT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(sign=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def _signing_certificate(key, subject, root, root_key, now: dt.datetime):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    until = min(_years(now, SIGNING_YEARS), root.not_valid_after_utc)
    return (
        x509.CertificateBuilder().subject_name(subject).issuer_name(root.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )


def _new_key():
    from cryptography.hazmat.primitives.asymmetric import ec

    return ec.generate_private_key(ec.SECP256R1())


def _pem(cert) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    return cert.public_bytes(Encoding.PEM)


def _p12(name: str, key, cert, secret: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12

    encryption = (
        PrivateFormat.PKCS12.encryption_builder().kdf_rounds(KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256()).build(secret)
    )
    return pkcs12.serialize_key_and_certificates(name.encode("utf-8"), key, cert, None, encryption)


# --- the store -----------------------------------------------------------------------------

@dataclass(frozen=True)
class KeyStore:
    registry: Path
    folder: Path

    def _read(self, name: str) -> bytes:
        path = self.folder / name
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_KEY_FILE:
                raise OSError(f"{name} is not a key file")
            return path.read_bytes()
        except OSError as e:
            raise Abort(KEYS_BROKEN, location=Location(f"{KEYS_DIR}/{name}"),
                        why=L10n(f"{KEYS_DIR}/{name} kan inte läsas ({e})", f"{KEYS_DIR}/{name} cannot be read ({e})")) from None

    def _certificate(self, name: str):
        from asfcert.records.trust import Untrusted, load_certificate

        try:
            return load_certificate(self._read(name))
        except Untrusted:
            raise Abort(KEYS_BROKEN, location=Location(f"{KEYS_DIR}/{name}"),
                        why=L10n(f"{KEYS_DIR}/{name} är inget certifikat", f"{KEYS_DIR}/{name} is not a certificate")) from None

    def root(self):
        return self._certificate(f"{ROOT}.pem")

    def signing_names(self) -> list[str]:
        """The signing certificates' stems, oldest first: signing-01, signing-02, …"""
        found = [(int(m.group(1)), p.stem) for p in self.folder.iterdir() if (m := _SIGNING.match(p.name))]
        return [stem for _, stem in sorted(found)]

    def signing_certificates(self) -> list:
        return [self._certificate(f"{stem}.pem") for stem in self.signing_names()]

    def _unlock(self, stem: str, secret: bytes, early: key_unlock.Unlocking | None = None):
        """The key and certificate `stem`: with one key derivation when the file is laid
        out as asfcert writes it and its key belongs to `stem`.pem (records/key_unlock.py),
        else through the full PKCS#12 loader, which words every refusal. `early`: the
        derivation started before (`unlocking`), used only for these very bytes."""
        data = self._read(f"{stem}.p12")
        bag = early.bag if early is not None and early.pfx == data else key_unlock.key_bag(data)
        if bag is not None:
            derived = early.key_for(data, secret) if early is not None else None
            try:
                cert = self._certificate(f"{stem}.pem")
            except Abort:  # refused below, in the order the full loader refuses
                cert = None
            key = key_unlock.decrypt(bag, derived or key_unlock.derive(bag, secret), cert) if cert is not None else None
            if key is not None:
                return key, cert
        from cryptography.hazmat.primitives.serialization import pkcs12

        try:
            key, cert, _ = pkcs12.load_key_and_certificates(data, secret)
        except ValueError:
            raise Abort(PASSPHRASE_WRONG, location=Location(f"{KEYS_DIR}/{stem}.p12")) from None
        if key is None or cert is None or _pem(cert) != _pem(self._certificate(f"{stem}.pem")):
            raise Abort(KEYS_BROKEN, location=Location(f"{KEYS_DIR}/{stem}.p12"), why=L10n(
                f"{KEYS_DIR}/{stem}.p12 hör inte ihop med {stem}.pem", f"{KEYS_DIR}/{stem}.p12 does not belong with {stem}.pem"))
        return key, cert

    def unlocking(self, secret: bytes) -> key_unlock.Unlocking | None:
        """The newest signing key's derivation, started now in a thread for `signer`; None
        when there is nothing to start it on (`signer` then refuses as it would)."""
        try:
            names = self.signing_names()
            return key_unlock.Unlocking(self._read(f"{names[-1]}.p12"), secret) if names else None
        except (Abort, OSError):
            return None

    def signer(self, secret: bytes, now: dt.datetime | None = None, early: key_unlock.Unlocking | None = None) -> Signer:
        """The newest signing key, unlocked, with its certificate and the root. Refused
        when the certificate will not outlive what it signs now (see SIGNING_MARGIN_YEARS)."""
        names = self.signing_names()
        if not names:
            raise Abort(KEYS_BROKEN, location=Location(KEYS_DIR), why=L10n(
                f"{KEYS_DIR}/ har inget signeringscertifikat", f"{KEYS_DIR}/ has no signing certificate"))
        key, cert = self._unlock(names[-1], secret, early)
        if cert.not_valid_after_utc < _years(_now(now), SIGNING_MARGIN_YEARS):
            raise Abort(SIGNING_EXPIRING, location=Location(f"{KEYS_DIR}/{names[-1]}.pem"),
                        until=cert.not_valid_after_utc.date().isoformat())
        return Signer(cert, key, self.root())

    def export(self) -> tuple[str, str]:
        """The root certificate as PEM and its SHA-256 fingerprint, to publish."""
        root = self.root()
        return _pem(root).decode("ascii"), fingerprint(root)


def _company_around(folder: Path) -> Path | None:
    real = Path(os.path.realpath(folder))
    return next((p for p in (real, *real.parents) if (p / COMPANY_FILE).is_file()), None)


def refuse_company_folder(folder: Path) -> None:
    company = _company_around(folder)
    if company is not None:
        raise Abort(KEYS_IN_COMPANY_FOLDER, location=Location(str(folder)), folder=str(folder), company=str(company))


def open_store(registry: Path) -> KeyStore:
    """The keys of the registry at `registry`; `keys-missing` when it has none."""
    folder = Path(registry) / KEYS_DIR
    refuse_company_folder(Path(registry))
    if not (folder / f"{ROOT}.pem").is_file():
        raise Abort(KEYS_MISSING, location=Location(str(registry)), registry=str(registry))
    return KeyStore(Path(registry), folder)


@dataclass(frozen=True)
class NewKeys:
    """Keys made in memory, written only by `write` (after every check passed)."""

    files: dict[str, bytes]  # name in keys/ -> bytes
    root: object
    signing: object


def make(certifier: str, org_number: str | None, secret: bytes, now: dt.datetime | None = None) -> NewKeys:
    now = _now(now)
    root_key, signing_key = _new_key(), _new_key()
    root = _root_certificate(root_key, _name(certifier, org_number, "root"), now)
    signing = _signing_certificate(signing_key, _name(certifier, org_number, "signing 1"), root, root_key, now)
    return NewKeys({
        f"{ROOT}.pem": _pem(root), f"{ROOT}.p12": _p12(f"{certifier} root", root_key, root, secret),
        "signing-01.pem": _pem(signing), "signing-01.p12": _p12(f"{certifier} signing 1", signing_key, signing, secret),
    }, root, signing)


def write(registry: Path, new: NewKeys) -> KeyStore:
    """Create keys/ (0700) with the new files: private keys 0600, certificates 0644. The
    folder is filled under a temporary name and then renamed, so a crash leaves no half
    keys/. Refused when keys/ exists: keys are never replaced."""
    import shutil
    import tempfile

    from asfcert.io import atomic

    refuse_company_folder(Path(registry))
    folder = Path(registry) / KEYS_DIR
    atomic.guard(folder)  # never under evidence/ (the rename below bypasses atomic's own writes)
    if os.path.lexists(folder):
        raise Abort(KEYS_EXIST, location=Location(str(folder)), registry=str(registry))
    tmp = Path(tempfile.mkdtemp(dir=registry, prefix=".keys-"))  # mode 0700
    try:
        _write_files(tmp, new.files)
        os.rename(tmp, folder)
    except OSError:
        if os.path.lexists(folder):
            raise Abort(KEYS_EXIST, location=Location(str(folder)), registry=str(registry)) from None
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return KeyStore(Path(registry), folder)


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    from asfcert.io import atomic

    for name, data in sorted(files.items(), key=lambda item: item[0].endswith(".pem")):  # keys first, then certificates
        if not atomic.create_exclusive(folder / name, data):
            raise Abort(KEYS_EXIST, location=Location(f"{KEYS_DIR}/{name}"), registry=str(folder.parent))
        os.chmod(folder / name, 0o644 if name.endswith(".pem") else 0o600)


def rotate(store: KeyStore, secret: bytes, now: dt.datetime | None = None):
    """A new signing certificate under the same root, written as the next signing-NN.
    The root key is unlocked first: a wrong passphrase writes nothing. The current signing
    key is not needed, so a lost or damaged one is replaced this way too."""
    now = _now(now)
    root_key, root = store._unlock(ROOT, secret)  # the new key gets the root's passphrase: one for all keys
    taken = [int(m.group(1)) for p in store.folder.iterdir() if (m := _SIGNING_ANY.match(p.name))]
    number = max(taken, default=0) + 1  # past a key left without its certificate by a crash
    subject = root.subject  # keep the certifier's name and number; only the role changes
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    attrs = [a for a in subject if a.oid != NameOID.COMMON_NAME]
    certifier = next((a.value for a in subject if a.oid == NameOID.ORGANIZATION_NAME), "asfcert")
    name = x509.Name([*attrs, x509.NameAttribute(NameOID.COMMON_NAME, f"{certifier[:40]} signing {number}")])
    key = _new_key()
    cert = _signing_certificate(key, name, root, root_key, now)
    stem = f"signing-{number:02d}"
    _write_files(store.folder, {f"{stem}.p12": _p12(f"{certifier} signing {number}", key, cert, secret), f"{stem}.pem": _pem(cert)})
    return cert


KINDS = made_by(
    "keys",
    KEYS_MISSING,
    KEYS_EXIST,
    KEYS_BROKEN,
    KEYS_IN_COMPANY_FOLDER,
    PASSPHRASE_MISSING,
    PASSPHRASE_WRONG,
    PASSPHRASE_WEAK,
    PASSPHRASE_MISMATCH,
    SIGNING_EXPIRING,
)

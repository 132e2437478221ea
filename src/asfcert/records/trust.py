"""What a stranger needs to trust something the certifier signed, given only the
certifier's public root certificate: the chain from a signing certificate to that root,
JWS documents (ES256) that carry their signing certificate in the header (`x5c`), and
compact signed tokens small enough for a QR code.

The certifier's PKI has two levels: one root (kept offline in spirit: its key only signs
signing certificates) and signing certificates issued directly by it (records/keys.py).
Nothing here trusts anything but the root it is given: no system store, no network."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

# A JWS this large is not ours; joserfc's own limits (512-byte header, 128 KB payload)
# are too small for a certificate chain and a national list.
MAX_HEADER = 16 * 1024
MAX_PAYLOAD = 64 * 2**20


class Untrusted(Exception):
    """The signature, the chain or the document is not what the root vouches for.
    `reason` is a stable word: `malformed`, `signature`, `unknown-issuer`, `expired`."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Signer:
    """A signing certificate, its private key and the root that issued it."""

    certificate: object  # cryptography.x509.Certificate
    key: object  # cryptography EllipticCurvePrivateKey
    root: object  # cryptography.x509.Certificate

    @property
    def chain(self) -> tuple:
        return (self.certificate, self.root)


def der(cert) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    return cert.public_bytes(Encoding.DER)


def fingerprint(cert) -> str:
    """SHA-256 of the certificate, as people compare it: `AB:CD:…` (32 pairs)."""
    digest = hashlib.sha256(der(cert)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def kid(cert) -> str:
    """A short, stable name for a signing certificate (the first 96 bits of its SHA-256)."""
    return b64url(hashlib.sha256(der(cert)).digest()[:12])


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def load_certificate(data: bytes):
    """A certificate from PEM or DER bytes; `Untrusted('malformed')` when it is neither."""
    from cryptography import x509

    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as e:
        raise Untrusted("malformed", f"not a certificate ({e})") from None


def _aware(moment: dt.datetime | None) -> dt.datetime:
    moment = moment or dt.datetime.now(dt.timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def check_chain(cert, root, at: dt.datetime | None = None) -> None:
    """`cert` is a signing certificate issued by `root` and valid at `at` (default now).
    Raises `Untrusted`."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    at = _aware(at)
    if der(cert) == der(root):
        raise Untrusted("unknown-issuer", "the root itself signs only certificates")
    try:
        cert.verify_directly_issued_by(root)
    except (ValueError, TypeError, InvalidSignature) as e:
        raise Untrusted("unknown-issuer", f"not issued by the trusted root ({e or type(e).__name__})") from None
    for c in (cert, root):
        if not c.not_valid_before_utc <= at <= c.not_valid_after_utc:
            raise Untrusted("expired", f"{c.subject.rfc4514_string()} is valid {c.not_valid_before_utc:%Y-%m-%d} – {c.not_valid_after_utc:%Y-%m-%d}")
    try:
        if cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            raise Untrusted("unknown-issuer", "a CA certificate cannot sign documents")
        if not cert.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature:
            raise Untrusted("unknown-issuer", "the certificate may not sign")
    except x509.ExtensionNotFound as e:
        raise Untrusted("unknown-issuer", str(e)) from None


def _registry():
    from joserfc.jws import JWSRegistry

    registry = JWSRegistry(algorithms=["ES256"])
    registry.max_header_length = MAX_HEADER
    registry.max_payload_length = MAX_PAYLOAD
    return registry


def _key(private_or_public):
    from joserfc.jwk import ECKey

    return ECKey.import_key(private_or_public)


def canonical(payload: dict) -> bytes:
    """The JSON bytes that are signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign_json(payload: dict, signer: Signer, typ: str) -> dict:
    """`payload` as a flattened JWS JSON serialization (RFC 7515 §7.2.2), ES256, with the
    signing certificate and the root in the protected header (`x5c`)."""
    from joserfc import jws

    header = {"alg": "ES256", "typ": typ, "kid": kid(signer.certificate),
              "x5c": [base64.b64encode(der(c)).decode("ascii") for c in signer.chain]}
    return dict(jws.serialize_json({"protected": header}, canonical(payload), _key(signer.key), registry=_registry()))


def _header(encoded: str) -> dict:
    try:
        header = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (ValueError, TypeError) as e:
        raise Untrusted("malformed", f"the JWS header cannot be read ({e})") from None
    if not isinstance(header, dict) or header.get("alg") != "ES256":
        raise Untrusted("malformed", "the JWS is not signed with ES256")
    return header


def verify_json(document: dict, root, typ: str, at: dt.datetime | None = None) -> tuple[dict, object]:
    """The payload of a JWS made by `sign_json`, and the certificate that signed it, once
    its signature is sound and that certificate chains to `root` at `at`. Raises
    `Untrusted`. Only the root given here is trusted: the `x5c` root is ignored."""
    from joserfc import jws
    from joserfc.errors import JoseError

    if not isinstance(document, dict) or not all(isinstance(document.get(k), str) for k in ("protected", "payload", "signature")):
        raise Untrusted("malformed", "not a JWS in flattened JSON serialization")
    header = _header(document["protected"])
    chain = header.get("x5c")
    if header.get("typ") != typ or not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise Untrusted("malformed", f"the JWS is not of type {typ} with a certificate chain")
    try:
        cert = load_certificate(base64.b64decode(chain[0], validate=True))
    except ValueError:
        raise Untrusted("malformed", "the x5c certificate is not base64") from None
    check_chain(cert, root, at)
    try:
        obj = jws.deserialize_json(
            {k: document[k] for k in ("protected", "payload", "signature")}, _key(cert.public_key()), registry=_registry()
        )
    except (JoseError, ValueError) as e:
        raise Untrusted("signature", f"the signature does not match the content ({type(e).__name__})") from None
    try:
        payload = json.loads(obj.payload)
    except ValueError:
        raise Untrusted("malformed", "the signed content is not JSON") from None
    if not isinstance(payload, dict):
        raise Untrusted("malformed", "the signed content is not a JSON object")
    return payload, cert


# --- compact tokens -------------------------------------------------------------------
# A certificate's QR code, when the certifier publishes no list on the web, holds a
# compact JWS: {"alg":"ES256","kid":…} . {"n": number, "c": code, "u": last day} . sig.
# It is too small to carry a certificate; the verifier finds the signing certificate by
# its kid among the ones it has (the registry's keys/, the signed list, the signed PDF).

TOKEN_TYPE = "asfcert-token"
MAX_TOKEN = 1024


@dataclass(frozen=True)
class TokenClaims:
    number: str
    code: str
    valid_until: dt.date
    signer: object  # the signing certificate that made the token


def make_token(number: str, code: str, valid_until: dt.date, signer: Signer) -> str:
    """A compact JWS (RFC 7515 §7.1), ES256, signed with cryptography directly: the bytes
    joserfc's `jws.serialize_compact` makes (its header JSON, base64url without padding,
    the signature as r || s), without importing joserfc (a tenth of `certify`'s own work).
    `check_token` reads it with joserfc, and tests/test_speed_sign_token.py compares the two."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    key = signer.key
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValueError("an asfcert token is signed with a P-256 key (ES256)")
    claims = {"n": number, "c": code, "u": valid_until.isoformat()}
    header = {"alg": "ES256", "typ": TOKEN_TYPE, "kid": kid(signer.certificate)}
    signing_input = _b64(json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode("ascii")) + b"." + _b64(canonical(claims))
    r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
    return (signing_input + b"." + _b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))).decode("ascii")


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def check_token(token: str, root, certificates: Iterable, at: dt.datetime | None = None) -> TokenClaims:
    """The claims of a token made by `make_token`, when one of `certificates` with the
    token's kid made it and chains to `root`. Raises `Untrusted`."""
    from joserfc import jws
    from joserfc.errors import JoseError

    token = token.strip()
    if len(token) > MAX_TOKEN or token.count(".") != 2:
        raise Untrusted("malformed", "not a compact signed token")
    header = _header(token.split(".")[0])
    if header.get("typ") != TOKEN_TYPE:
        raise Untrusted("malformed", "not an asfcert token")
    cert = next((c for c in certificates if kid(c) == header.get("kid")), None)
    if cert is None:
        raise Untrusted("unknown-issuer", "no known signing certificate made this token")
    check_chain(cert, root, at)
    try:
        claims = json.loads(jws.deserialize_compact(token, _key(cert.public_key()), registry=_registry()).payload)
        return TokenClaims(str(claims["n"]), str(claims["c"]), dt.date.fromisoformat(claims["u"]), cert)
    except JoseError:
        raise Untrusted("signature", "the token's signature does not match") from None
    except (ValueError, KeyError, TypeError) as e:
        raise Untrusted("malformed", f"the token's content cannot be read ({type(e).__name__})") from None


# --- the root a user has chosen to trust ----------------------------------------------
# `asfcert verify --trust ROOT.pem --save-trust` keeps the certifier's root in the user's
# configuration folder, so later checks need no --trust and no registry.

SAVED_ROOT = "trusted-root.pem"
MAX_ROOT_FILE = 64 * 1024


def saved_root_path():
    from pathlib import Path

    import platformdirs

    return Path(platformdirs.user_config_dir("asfcert", appauthor=False)) / SAVED_ROOT


def root_certificate(data: bytes):
    """A certifier's root from PEM or DER bytes: a self-signed CA certificate. Raises
    `Untrusted('malformed')` for anything else (a signing certificate, a key, text)."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    cert = load_certificate(data)
    try:
        ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        cert.verify_directly_issued_by(cert)
    except (x509.ExtensionNotFound, ValueError, TypeError, InvalidSignature):
        ca = False
    if not ca:
        raise Untrusted("malformed", "not a root certificate (a self-signed CA)")
    return cert


def trust_bundle(data: bytes) -> tuple:
    """The root and any other certificates in a PEM file (or one DER certificate): the
    root is the file's self-signed CA certificate; the others (the certifier's signing
    certificates, for checking QR tokens without a list) are trusted only once they chain
    to it (`check_chain`). Raises `Untrusted('malformed')`."""
    import re

    blocks = re.findall(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", data, re.S)
    if not blocks:
        return root_certificate(data), []
    roots, others = [], []
    for block in blocks:
        try:
            roots.append(root_certificate(block))
        except Untrusted:
            others.append(load_certificate(block))
    if len(roots) != 1:
        raise Untrusted("malformed", "the file must hold exactly one root certificate")
    return roots[0], others


def save_root(cert, others=()):
    """Keep `cert` (and `others`, its signing certificates) as the user's trusted root;
    returns where."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from asfcert.io import atomic

    path = saved_root_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(path, b"".join(c.public_bytes(Encoding.PEM) for c in (cert, *others)))
    return path

"""Unlocking a private key from its PKCS#12 file with one key derivation instead of two.

The .p12 files `records/keys.py` writes encrypt both the certificate bag and the shrouded
key bag with PBES2 (PBKDF2-HMAC-SHA256, KDF_ROUNDS rounds, AES-256-CBC), and
`pkcs12.load_key_and_certificates` derives both keys (plus the MAC key) while holding the
GIL. Here the file's DER is walked to its one shrouded key bag, ONE key is derived (with
`cryptography`'s PBKDF2, which releases the GIL: `Unlocking` runs it in a thread while the
command loads the case) and the key bag is decrypted. The certificate is taken from the
public keys/NAME.pem, as the full loader's result is compared with it anyway.

Why not checking the PKCS#12 MAC is safe here: the MAC proves that whoever wrote the file
knew the passphrase. What the fast path returns is a private key that decrypted with the
passphrase to a well-formed key whose public key IS the one in the signing certificate
(compared explicitly). Only the holder of that private key could produce such a bag, so
nothing an attacker can change in the file (the salt, the iteration count, the
ciphertext, a bag swapped in from another registry, the certificate bag, the MAC) makes
the fast path sign with a key other than the certificate's: such a file either fails
here and goes to the full loader, which words the refusal exactly as before
(`key-passphrase-wrong`, `keys-broken`), or still yields the certificate's own key. A file
not laid out as asfcert writes it (another algorithm, no PBES2, several key bags, an
indefinite length) goes to the full loader as well."""

from __future__ import annotations

import threading

from asfcert.base import der

MAX_ROUNDS = 10_000_000  # more than any file asfcert writes: such a file goes to the full loader

# DER contents of the object identifiers on the path to the key bag
_DATA = bytes.fromhex("2a864886f70d010701")  # 1.2.840.113549.1.7.1 pkcs7-data
_KEY_BAG = bytes.fromhex("2a864886f70d010c0a0102")  # 1.2.840.113549.1.12.10.1.2 pkcs8ShroudedKeyBag
_PBES2 = bytes.fromhex("2a864886f70d01050d")  # 1.2.840.113549.1.5.13
_PBKDF2 = bytes.fromhex("2a864886f70d01050c")  # 1.2.840.113549.1.5.12
_HMAC_SHA256 = bytes.fromhex("2a864886f70d0209")  # 1.2.840.113549.2.9
_AES256_CBC = bytes.fromhex("60864801650304012a")  # 2.16.840.1.101.3.4.1.42

_SEQ, _INT, _OCTETS, _OID, _NULL, _CTX0 = 0x30, 0x02, 0x04, 0x06, 0x05, 0xA0


class KeyBag:
    """The shrouded key bag's PBES2 parameters and ciphertext."""

    __slots__ = ("salt", "rounds", "iv", "ciphertext")

    def __init__(self, salt: bytes, rounds: int, iv: bytes, ciphertext: bytes):
        self.salt, self.rounds, self.iv, self.ciphertext = salt, rounds, iv, ciphertext


def key_bag(pfx: bytes) -> KeyBag | None:
    """The one shrouded key bag of a PFX laid out as asfcert writes it; None otherwise."""
    try:
        return _key_bag(pfx)
    except (ValueError, IndexError):  # ValueError: base/der.py's, a layout check's, a failed unpacking
        return None


def _inside(data: bytes, element: tuple, tag: int) -> list[tuple[int, int, int, int]]:
    """The elements inside `element` (base/der.children's tuple), which must have `tag`."""
    if element[0] != tag:
        raise ValueError("another element")
    return der.children(data, element[2], element[3])


def _value(data: bytes, element: tuple, tag: int) -> bytes:
    if element[0] != tag:
        raise ValueError("another element")
    return data[element[2]:element[3]]


def _uint(value: bytes) -> int:
    if not value or value[0] & 0x80 or (len(value) > 1 and value[0] == 0 and not value[1] & 0x80):
        raise ValueError("not a positive DER integer")
    return int.from_bytes(value, "big")


def _key_bag(pfx: bytes) -> KeyBag:
    (top,) = der.children(pfx, 0, len(pfx))
    version, auth_safe, *mac = _inside(pfx, top, _SEQ)
    if len(mac) > 1 or _uint(_value(pfx, version, _INT)) != 3:
        raise ValueError("not a PFX")
    (infos,) = _data_content(pfx, auth_safe)
    bags = []
    for info in _inside(pfx, infos, _SEQ):
        if _value(pfx, _inside(pfx, info, _SEQ)[0], _OID) != _DATA:
            continue  # encrypted data: the certificate bag, not needed (the certificate is keys/NAME.pem)
        (safe_contents,) = _data_content(pfx, info)
        for bag in _inside(pfx, safe_contents, _SEQ):
            fields = _inside(pfx, bag, _SEQ)
            if _value(pfx, fields[0], _OID) == _KEY_BAG:
                bags.append(fields[1])
    (bag,) = bags
    return _shrouded(pfx, bag)


def _data_content(data: bytes, info: tuple) -> list:
    """What the OCTET STRING of a ContentInfo of type data holds: SEQ { OID data, [0] { OCTET STRING } }."""
    oid, explicit = _inside(data, info, _SEQ)
    if _value(data, oid, _OID) != _DATA:
        raise ValueError("not data")
    (octets,) = _inside(data, explicit, _CTX0)
    return _inside(data, octets, _OCTETS)


def _shrouded(data: bytes, explicit: tuple) -> KeyBag:
    """EncryptedPrivateKeyInfo with PBES2(PBKDF2-HMAC-SHA256, AES-256-CBC), from inside [0]."""
    (epki,) = _inside(data, explicit, _CTX0)
    algorithm, ciphertext = _inside(data, epki, _SEQ)
    oid, params = _inside(data, algorithm, _SEQ)
    kdf, scheme = _inside(data, params, _SEQ)
    kdf_oid, kdf_params = _inside(data, kdf, _SEQ)
    if _value(data, oid, _OID) != _PBES2 or _value(data, kdf_oid, _OID) != _PBKDF2:
        raise ValueError("not PBES2 with PBKDF2")
    salt, rounds, *rest = _inside(data, kdf_params, _SEQ)
    salt, rounds = _value(data, salt, _OCTETS), _uint(_value(data, rounds, _INT))
    if rest and rest[0][0] == _INT:  # keyLength, optional: must be AES-256's
        if _uint(_value(data, rest[0], _INT)) != 32:
            raise ValueError("another key length")
        rest = rest[1:]
    (prf,) = rest  # only HMAC-SHA256 (the default, SHA-1, is not what asfcert writes)
    prf_oid, prf_null = _inside(data, prf, _SEQ)
    if _value(data, prf_oid, _OID) != _HMAC_SHA256 or _value(data, prf_null, _NULL) != b"":
        raise ValueError("another PRF")
    scheme_oid, iv = _inside(data, scheme, _SEQ)
    iv, body = _value(data, iv, _OCTETS), _value(data, ciphertext, _OCTETS)
    if _value(data, scheme_oid, _OID) != _AES256_CBC or len(iv) != 16 or not body or len(body) % 16:
        raise ValueError("not AES-256-CBC")
    if not 1 <= rounds <= MAX_ROUNDS or not salt:
        raise ValueError("rounds or salt")
    return KeyBag(salt, rounds, iv, body)


def derive(bag: KeyBag, secret: bytes) -> bytes:
    """The AES-256 key for `bag` (PBKDF2-HMAC-SHA256 of the passphrase's bytes, as PBES2 in
    PKCS#12 takes them); `cryptography` releases the GIL while it runs."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    return PBKDF2HMAC(hashes.SHA256(), 32, bag.salt, bag.rounds).derive(secret)


def decrypt(bag: KeyBag, key: bytes, certificate):
    """The private key in `bag`, when `key` opens it and it belongs to `certificate`; else
    None (the full loader then decides how to refuse)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        PublicFormat,
        load_der_private_key,
    )

    try:
        opened = Cipher(algorithms.AES(key), modes.CBC(bag.iv)).decryptor()
        padded = opened.update(bag.ciphertext) + opened.finalize()
        pad = padded[-1]
        if not 1 <= pad <= 16 or padded[-pad:] != bytes([pad]) * pad:  # PKCS#7, as PBES2 pads
            return None
        private = load_der_private_key(padded[:-pad], None)
    except (ValueError, TypeError):
        return None
    spki = (Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    try:
        if private.public_key().public_bytes(*spki) != certificate.public_key().public_bytes(*spki):
            return None
    except (ValueError, TypeError, AttributeError):
        return None
    return private


class Unlocking:
    """The key derivation for one .p12 file and passphrase, started in a thread as soon as
    both are known, so it overlaps the work before the key is needed. `key_for` gives the
    derived key only for exactly the bytes and the passphrase it was started with."""

    def __init__(self, pfx: bytes, secret: bytes):
        self.pfx, self._secret = pfx, secret
        self.bag = key_bag(pfx)
        self._key: bytes | None = None
        self._thread = None
        if self.bag is not None:
            # imported here, not in the thread: two threads importing the same package at
            # once can stop on each other's module locks
            import cryptography.hazmat.primitives.hashes  # noqa: F401
            import cryptography.hazmat.primitives.kdf.pbkdf2  # noqa: F401

            self._thread = threading.Thread(target=self._run, name="asfcert-key-unlock", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            self._key = derive(self.bag, self._secret)
        except Exception:  # noqa: BLE001 - the full loader words any failure
            self._key = None

    def key_for(self, pfx: bytes, secret: bytes) -> bytes | None:
        if self._thread is None or pfx != self.pfx or secret != self._secret:
            return None
        self._thread.join()
        return self._key

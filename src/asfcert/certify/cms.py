"""The CMS (SignedData, detached) in a certificate PDF's signature, written and read back
without pyHanko: the one profile asfcert signs with (PAdES baseline B-B, as pyHanko made
it before): SHA-256, ECDSA P-256, the signed attributes content-type, message-digest and
ESS signing-certificate-v2 (no signing-time: PAdES takes the time from the signature
dictionary's /M), and the signing certificate and the root, in canonical DER.

`signed_data` builds it; `parts` reads one back only as far as needed to build it again:
verify (signature_fast.py) accepts a CMS only when building it from its own parts gives
the very same bytes, so nothing unsigned in the envelope can differ unseen."""

from __future__ import annotations

import hashlib

from asfcert.base import der


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def _tlv(tag: int, *content: bytes) -> bytes:
    body = b"".join(content)
    return bytes([tag]) + _length(len(body)) + body


def _oid(dotted: str) -> bytes:
    first, second, *rest = (int(p) for p in dotted.split("."))
    body = bytearray([40 * first + second])
    for part in rest:
        chunk = [part & 0x7F]
        part >>= 7
        while part:
            chunk.append(0x80 | (part & 0x7F))
            part >>= 7
        body += bytes(reversed(chunk))
    return _tlv(0x06, bytes(body))


def _integer(n: int) -> bytes:
    return _tlv(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big", signed=True))


def _set_of(items: list[bytes]) -> bytes:
    return _tlv(0x31, *sorted(items))  # DER: a SET OF in the order of its elements' encodings


SIGNED_DATA = _oid("1.2.840.113549.1.7.2")
DATA = _oid("1.2.840.113549.1.7.1")
SHA256 = _tlv(0x30, _oid("2.16.840.1.101.3.4.2.1"), b"\x05\x00")  # parameters NULL, as pyHanko wrote them
ECDSA_SHA256 = _tlv(0x30, _oid("1.2.840.10045.4.3.2"))  # parameters absent (RFC 5758)
CONTENT_TYPE = _oid("1.2.840.113549.1.9.3")
MESSAGE_DIGEST = _oid("1.2.840.113549.1.9.4")
SIGNING_CERTIFICATE_V2 = _oid("1.2.840.113549.1.9.16.2.47")


def _issuer_serial(certificate) -> tuple[bytes, bytes]:
    return certificate.issuer.public_bytes(), _integer(certificate.serial_number)


def signed_attributes(digest: bytes, certificate, certificate_der: bytes) -> bytes:
    """The signed attributes as the SET the signature is computed over."""
    issuer, serial = _issuer_serial(certificate)
    ess = _tlv(0x30, _tlv(0x30, _tlv(0x30, _tlv(0x04, hashlib.sha256(certificate_der).digest()),
                                     _tlv(0x30, _tlv(0x30, _tlv(0xA4, issuer)), serial))))
    return _set_of([
        _tlv(0x30, CONTENT_TYPE, _set_of([DATA])),
        _tlv(0x30, MESSAGE_DIGEST, _set_of([_tlv(0x04, digest)])),
        _tlv(0x30, SIGNING_CERTIFICATE_V2, _set_of([ess])),
    ])


def assemble(attributes: bytes, signature: bytes, certificate, certificate_der: bytes, root_der: bytes) -> bytes:
    """The ContentInfo around the signed `attributes` and their `signature`."""
    issuer, serial = _issuer_serial(certificate)
    signer_info = _tlv(0x30, _integer(1), _tlv(0x30, issuer, serial), SHA256,
                       b"\xa0" + attributes[1:],  # [0] IMPLICIT: the SET with its tag replaced
                       ECDSA_SHA256, _tlv(0x04, signature))
    signed = _tlv(0x30, _integer(1), _set_of([SHA256]), _tlv(0x30, DATA),
                  _tlv(0xA0, *sorted([certificate_der, root_der])), _set_of([signer_info]))
    return _tlv(0x30, SIGNED_DATA, _tlv(0xA0, signed))


def signed_data(content: bytes, signer) -> bytes:
    """The detached CMS over `content` (the PDF's bytes outside its /Contents), signed by
    `signer` (records.trust.Signer)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from asfcert.records.trust import der

    certificate_der = der(signer.certificate)
    attributes = signed_attributes(hashlib.sha256(content).digest(), signer.certificate, certificate_der)
    signature = signer.key.sign(attributes, ec.ECDSA(hashes.SHA256()))
    return assemble(attributes, signature, signer.certificate, certificate_der, der(signer.root))


# reading -----------------------------------------------------------------------------


def length(blob: bytes) -> int:
    """How many bytes of `blob` its first DER element takes; ValueError when none."""
    return der.read(blob, 0, len(blob))[2]


def parts(blob: bytes) -> tuple[list[bytes], bytes, bytes]:
    """(the two certificates, the signed attributes as a SET, the signature) of a CMS in
    asfcert's layout; ValueError when it is not laid out so. Nothing here is trusted:
    the caller builds the CMS again from these parts and compares."""
    (tag, _, content, end), = der.children(blob, 0, len(blob))
    info = der.children(blob, content, end)
    if tag != 0x30 or len(info) != 2 or info[1][0] != 0xA0:
        raise ValueError("not a ContentInfo")
    (tag, _, content, end), = der.children(blob, info[1][2], info[1][3])
    signed = der.children(blob, content, end)
    if tag != 0x30 or [t for t, *_ in signed] != [0x02, 0x31, 0x30, 0xA0, 0x31]:
        raise ValueError("not asfcert's SignedData")
    certificates = [blob[s:e] for t, s, _, e in der.children(blob, signed[3][2], signed[3][3]) if t == 0x30]
    (tag, _, content, end), = der.children(blob, signed[4][2], signed[4][3])
    info = der.children(blob, content, end)
    if tag != 0x30 or len(certificates) != 2 or [t for t, *_ in info] != [0x02, 0x30, 0x30, 0xA0, 0x30, 0x04]:
        raise ValueError("not asfcert's SignerInfo")
    attributes = b"\x31" + blob[info[3][1] + 1 : info[3][3]]
    return certificates, attributes, blob[info[5][2] : info[5][3]]

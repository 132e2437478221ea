"""A certificate PDF exactly as asfcert signs it, judged `valid` in this process without
pyHanko; anything else is for pyHanko, in its bounded child (signature_cache.py).

`check` says `valid` or nothing (None). It says `valid` only for a file laid out byte for
byte as render/common/pdfwrite.py writes a signed one: one revision (its objects in order,
one xref table whose offsets are theirs, one trailer, nothing after %%EOF), one signature
dictionary, referenced by the one field of the form, whose /ByteRange covers the whole file
but its /Contents, and a CMS that certify/cms.py builds again from its parts to the very
same bytes (so the envelope holds nothing unsigned), over the file's SHA-256, with a
signature by a certificate the trusted root issued directly, in the profile
records/keys.py issues (ECDSA P-256; key usage and constraints as made there), valid, as
is the root, at the time the file states (/M: pyHanko judges at that time too). Every
failed step, of any kind, is None: pyHanko then gives the verdict, as before. The work is
linear in the file's size (at most verify.MAX_PDF_BYTES) and uses no recursion."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

_HEADER = re.compile(rb"%PDF-1\.7\n%\xe2\xe3\xcf\xd3\n")
_OBJECT = re.compile(rb"(\d{1,7}) 0 obj\n")
_STREAM_LENGTH = re.compile(rb"/Length (\d{1,9}) >>\Z")
_TRAILER = re.compile(rb"xref\n0 (\d{1,7})\n0000000000 65535 f \n")
_TRAILER_END = re.compile(
    rb"trailer\n<< /Size (\d{1,7}) /Root (\d{1,7}) 0 R /Info (\d{1,7}) 0 R /ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\] >>\n"
    rb"startxref\n(\d{1,10})\n%%EOF\n\Z"
)
# a text string as pdfwrite writes one: a literal (escaping only \\, ( and )) or UTF-16BE in hex;
# no character of a literal is also its end, so matching one never backtracks
_TEXT = rb"(?:\((?:[^\\()]|\\[\\()])*\)|<feff(?:[0-9a-f]{4})*>)"
_SIG = re.compile(
    rb"<< /Type /Sig /Filter /Adobe\.PPKLite /SubFilter /ETSI\.CAdES\.detached /ByteRange \[0 (\d{1,10}) (\d{1,10}) (\d{1,10})\] *"
    rb" /Contents <([0-9A-F]+)> /M \(D:(\d{14})Z\) /Name " + _TEXT + rb" /Reason " + _TEXT + rb" >>\Z"
)
_WIDGET = re.compile(
    rb"<< /Type /Annot /Subtype /Widget /FT /Sig /T \(CertifierSignature\) /V (\d{1,7}) 0 R /F 132 /Rect \[[0-9. -]+\] "
    rb"/P (\d{1,7}) 0 R /AP << /N (\d{1,7}) 0 R >> >>\Z"
)
_CATALOG = re.compile(rb"<< /Type /Catalog /Pages \d{1,7} 0 R /Lang \([a-zA-Z-]+\) /PageLayout /OneColumn /AcroForm << /Fields \[(\d{1,7}) 0 R\] /SigFlags 3 >> ")
_SUBJECT = re.compile(_TEXT + rb" ")
# the longest dictionary read here: the signature's (its /Contents is 16 KiB of hex), the
# catalog, the field and /Info are far shorter
_MAX_LINE = 64 * 1024
_SIG_TYPE = re.compile(rb"/Type\s*/Sig\b")
_BYTE_RANGE = re.compile(rb"/ByteRange")


def _objects(data: bytes) -> tuple[dict[int, tuple[int, bytes]], int] | None:
    """{number: (offset, dictionary line)} of the objects laid out one after the other as
    pdfwrite writes them, numbered 1, 2, …, and where the xref table starts."""
    if not _HEADER.match(data):
        return None
    pos, objects = _HEADER.match(data).end(), {}
    while True:
        found = _OBJECT.match(data, pos)
        if not found:
            return objects, pos
        number = int(found.group(1))
        if number != len(objects) + 1:
            return None
        line_end = data.find(b"\n", found.end())
        if line_end < 0:
            return None
        line = data[found.end() : line_end]
        if data.startswith(b"\nstream\n", line_end):
            size = _STREAM_LENGTH.search(line)
            if not size:
                return None
            end = line_end + len(b"\nstream\n") + int(size.group(1))
            if not data.startswith(b"\nendstream\nendobj\n", end):
                return None
            pos = end + len(b"\nendstream\nendobj\n")
        elif data.startswith(b"\nendobj\n", line_end):
            pos = line_end + len(b"\nendobj\n")
        else:
            return None
        objects[number] = (found.start(), line)


def _layout(data: bytes):
    """(the signature dictionary's number and line, the objects, the /Info number) when
    `data` is one revision as pdfwrite writes it; else None."""
    laid = _objects(data)
    if laid is None:
        return None
    objects, xref = laid
    table = _TRAILER.match(data, xref)
    if not table or int(table.group(1)) != len(objects) + 1:
        return None
    rows = table.end() + 20 * len(objects)
    expected = b"".join(b"%010d 00000 n \n" % objects[n][0] for n in range(1, len(objects) + 1))
    end = _TRAILER_END.match(data, rows)
    if data[table.end() : rows] != expected or not end or int(end.group(1)) != len(objects) + 1 or int(end.group(4)) != xref:
        return None
    root, info = int(end.group(2)), int(end.group(3))
    if root not in objects or info not in objects or len(objects[root][1]) > _MAX_LINE or len(objects[info][1]) > _MAX_LINE:
        return None
    catalog = _CATALOG.match(objects[root][1])
    if not catalog or int(catalog.group(1)) not in objects or len(objects[int(catalog.group(1))][1]) > _MAX_LINE:
        return None
    widget = _WIDGET.match(objects[int(catalog.group(1))][1])
    if not widget or not all(int(n) in objects for n in widget.groups()) or len(objects[int(widget.group(1))][1]) > _MAX_LINE:
        return None
    value = int(widget.group(1))
    # the one signature dictionary, and the one /ByteRange, in all the file's bytes
    if len(_SIG_TYPE.findall(data)) != 1 or len(_BYTE_RANGE.findall(data)) != 1 or b"/Type /Sig " not in objects[value][1]:
        return None
    return value, objects, info


def _subject(line: bytes) -> str | None:
    """/Subject of the /Info dictionary `line` (its first, as pdfwrite writes one)."""
    at = line.find(b" /Subject ")
    found = _SUBJECT.match(line, at + len(b" /Subject ")) if at >= 0 else None
    if not found:
        return None
    raw = found.group(0)[:-1]
    if raw.startswith(b"<"):
        text = bytes.fromhex(raw[5:-1].decode("ascii")).decode("utf-16-be", errors="strict")
    else:
        text = re.sub(rb"\\([\\()])", rb"\1", raw[1:-1]).decode("ascii")
    return text or None


def check(data: bytes, root_der: bytes):
    """`evidence.signature.SignatureCheck('valid', …)` when `data` is a certificate PDF as
    asfcert signs it, signed under `root_der` (the trusted root, DER); otherwise None."""
    try:
        return _check(data, root_der)
    except Exception:  # noqa: BLE001 - whatever fails here is for pyHanko to judge, never a verdict
        return None


def _check(data: bytes, root_der: bytes):
    laid = _layout(data)
    if laid is None:
        return None
    value, objects, info = laid
    offset, line = objects[value]
    sig = _SIG.match(line)
    if not sig:
        return None
    first, second, rest = (int(v) for v in sig.group(1, 2, 3))
    start = data.index(b"/Contents <", offset) + len(b"/Contents ")
    hex_digits = sig.group(4)
    if (first, second, second + rest) != (start, start + len(hex_digits) + 2, len(data)) or len(hex_digits) % 2:
        return None
    m = sig.group(5).decode("ascii")  # YYYYMMDDHHmmSS, UTC; _strptime alone costs a millisecond to import
    moment = dt.datetime(int(m[:4]), int(m[4:6]), int(m[6:8]), int(m[8:10]), int(m[10:12]), int(m[12:]), tzinfo=dt.timezone.utc)
    signer_der = _judge(bytes.fromhex(hex_digits.decode("ascii")), hashlib.sha256(data[:first] + data[second:]).digest(), root_der, moment)
    return _valid(signer_der, moment, _subject(objects[info][1])) if signer_der else None


def _judge(blob: bytes, digest: bytes, root_der: bytes, moment: dt.datetime) -> bytes | None:
    """The signing certificate (DER) when `blob` is asfcert's CMS over `digest`, signed as
    the docstring says; else None (or an exception)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from asfcert.certify import cms

    end = cms.length(blob)
    if any(blob[end:]):
        return None  # the padding after the CMS is zeros, as the signer writes it
    blob = blob[:end]
    certificates, attributes, value = cms.parts(blob)
    if certificates.count(root_der) != 1:
        return None
    signer_der = next(c for c in certificates if c != root_der)
    signer, root = x509.load_der_x509_certificate(signer_der), x509.load_der_x509_certificate(root_der)
    if cms.assemble(cms.signed_attributes(digest, signer, signer_der), value, signer, signer_der, root_der) != blob:
        return None
    if not (_issued_as_asfcert_does(signer, root) and _valid_at(signer, moment) and _valid_at(root, moment)):
        return None
    key = signer.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        return None
    key.verify(value, attributes, ec.ECDSA(hashes.SHA256()))  # InvalidSignature: for pyHanko to say
    return signer_der


def _valid_at(certificate, moment: dt.datetime) -> bool:
    return certificate.not_valid_before_utc <= moment <= certificate.not_valid_after_utc


def _issued_as_asfcert_does(signer, root) -> bool:
    """`signer` was issued by `root` directly, both as records/keys.py makes them: the root a
    CA for signing certificates only, the signing certificate an end entity for signatures,
    with no other extension that a validator might weigh differently."""
    from cryptography import x509
    from cryptography.x509.oid import ExtensionOID

    signer.verify_directly_issued_by(root)  # the issuer's name and signature; raises otherwise
    wanted = {ExtensionOID.BASIC_CONSTRAINTS, ExtensionOID.KEY_USAGE, ExtensionOID.SUBJECT_KEY_IDENTIFIER}
    if {e.oid for e in signer.extensions} != wanted | {ExtensionOID.AUTHORITY_KEY_IDENTIFIER}:
        return False
    if not {e.oid for e in root.extensions} <= wanted | {ExtensionOID.AUTHORITY_KEY_IDENTIFIER}:
        return False
    if signer.version != x509.Version.v3 or root.version != x509.Version.v3:
        return False
    constraints = signer.extensions.get_extension_for_class(x509.BasicConstraints)
    usage = signer.extensions.get_extension_for_class(x509.KeyUsage)
    root_constraints = root.extensions.get_extension_for_class(x509.BasicConstraints)
    root_usage = root.extensions.get_extension_for_class(x509.KeyUsage)
    return (constraints.critical and not constraints.value.ca and usage.critical
            and usage.value.digital_signature and usage.value.content_commitment
            and root_constraints.value.ca and root_usage.value.key_cert_sign)


def _valid(signer_der: bytes, moment: dt.datetime, subject: str | None):
    from cryptography import x509

    from asfcert.evidence.signature import SignatureCheck

    signer = x509.load_der_x509_certificate(signer_der)
    return SignatureCheck("valid", signer=human_friendly(signer.subject, signer_der), signer_certificate=signer_der,
                          signed_at=moment.isoformat(), timestamped=False, subject=subject, dated=True)


# asn1crypto's names for the attributes asfcert's certificates carry (and a few more)
_FIELDS = {"2.5.4.3": "Common Name", "2.5.4.10": "Organization", "2.5.4.6": "Country", "2.5.4.97": "Organization Identifier",
           "2.5.4.11": "Organizational Unit", "2.5.4.7": "Locality", "2.5.4.8": "State/Province"}


def human_friendly(name, certificate_der: bytes) -> str:
    """The subject as pyHanko reports it (asn1crypto's `Name.human_friendly`), without
    importing asn1crypto for the names asfcert makes: one attribute of a known type per
    RDN, each once, as UTF8String or PrintableString. Any other name is asn1crypto's to say."""
    try:
        from cryptography.x509.name import _ASN1Type

        data: dict[str, str] = {}
        last = None
        for rdn in name.rdns:
            (attribute,) = rdn
            field = _FIELDS[attribute.oid.dotted_string]
            if field in data or attribute._type not in (_ASN1Type.UTF8String, _ASN1Type.PrintableString):
                raise ValueError(field)
            data[field], last = attribute.value, field
        keys = list(data)[::-1] if last == "Country" else list(data)
        parts = [f"{k}: {data[k]}" for k in keys]
        return ("; " if any("," in p for p in parts) else ", ").join(parts[::-1])
    except (ValueError, KeyError, ImportError, AttributeError, TypeError):
        from asn1crypto import x509 as asn1_x509

        return asn1_x509.Certificate.load(certificate_der).subject.human_friendly

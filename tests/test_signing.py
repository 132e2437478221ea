"""Signing certificate PDFs (PAdES with pyHanko) and checking them against the certifier's
root only: Poppler's pdfsig agrees, one changed byte anywhere is `altered`, another root is
`unknown-issuer`, and the visible block is on the page in both languages."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from trust_helpers import certificate_pdf, make_registry, record, signer

PDFSIG = shutil.which("pdfsig")


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """A certificate drawn by asfcert's renderer, signed; its keys, and the unsigned PDF."""
    from asfcert.certify.signing import sign_pdf

    store = make_registry(tmp_path_factory.mktemp("keys") / "reg")
    who = signer(store)
    rec = record()
    plain = certificate_pdf(rec)
    return {"pdf": sign_pdf(plain, who, number=rec.number), "plain": plain, "store": store, "signer": who,
            "root": (store.folder / "root.pem").read_bytes(), "record": rec}


def byte_range(pdf: bytes) -> list[int]:
    return [int(x) for x in re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", pdf).groups()]


def test_a_certificate_from_the_renderer_is_signed_and_valid(signed):
    from asfcert.evidence.signature import check

    result = check(signed["pdf"], signed["root"])
    assert result.verdict == "valid", result
    assert "SKOOPI signing 1" in result.signer and not result.timestamped
    assert abs(dt.datetime.fromisoformat(result.signed_at) - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(hours=1)
    assert signed["pdf"].startswith(signed["plain"])  # an incremental update: the issued page is untouched
    start, first, second, length = byte_range(signed["pdf"])
    assert (start, second + length) == (0, len(signed["pdf"]))
    assert result.to_dict()["verdict"] == "valid"


@pytest.mark.skipif(PDFSIG is None, reason="Poppler's pdfsig is not installed (apt-get install poppler-utils)")
def test_poppler_reports_the_signature_valid_and_the_whole_file_signed(signed, tmp_path):
    path = tmp_path / "certifikat.pdf"
    path.write_bytes(signed["pdf"])
    out = subprocess.run([PDFSIG, "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature Validation: Signature is Valid." in out, out
    assert "Total document signed" in out and "ETSI.CAdES.detached" in out and "SHA-256" in out
    assert "SKOOPI signing 1" in out
    bad = bytearray(signed["pdf"])
    bad[len(signed["plain"]) // 2] ^= 0x01
    path.write_bytes(bytes(bad))
    out = subprocess.run([PDFSIG, "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature is Valid" not in out


def test_one_changed_byte_anywhere_is_altered(signed):
    """Bytes across the whole file, and densely in the one span the signature leaves out
    (its /Contents: the CMS with its certificates, which the signature does not cover) and
    in the signing update around it (form, field, signature dictionary: breaking one of them
    hides the signature from the reader, which must not make the file `unsigned`)."""
    from asfcert.evidence.signature import check

    pdf = signed["pdf"]
    start, first, second, _ = byte_range(pdf)
    positions = set(range(0, len(pdf), max(1, len(pdf) // 40))) | {len(pdf) - 1, first, second - 1}
    positions |= set(range(first, second, 37))
    positions |= set(range(len(signed["plain"]), first, 3)) | set(range(second, len(pdf), 3))
    for i, pos in enumerate(sorted(positions)):
        new = pdf[pos] ^ (0x01 if i % 2 else 0x20)  # a bit, or the case of a letter (of a hex digit)
        changed = pdf[:pos] + bytes([new]) + pdf[pos + 1 :]
        assert check(changed, signed["root"]).verdict == "altered", (pos, pdf[pos], new)


def test_anything_added_after_the_signature_is_altered(signed):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from asfcert.evidence.signature import check

    assert check(signed["pdf"] + b"\n%%EOF\n", signed["root"]).verdict == "altered"
    writer = IncrementalPdfFileWriter(io.BytesIO(signed["pdf"]))  # a proper later revision, as an editor saves one
    writer.root["/Lang"] = generic.TextStringObject("en-GB")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    result = check(out.getvalue(), signed["root"])
    assert (result.verdict, result.why) == ("altered", "coverage")


def test_another_root_is_an_unknown_issuer_and_no_signature_is_unsigned(signed, tmp_path):
    from asfcert.evidence.signature import check

    other = make_registry(tmp_path / "other", name="Någon annan")
    assert check(signed["pdf"], (other.folder / "root.pem").read_bytes()).verdict == "unknown-issuer"
    assert check(signed["plain"], signed["root"]).verdict == "unsigned"
    assert (check(b"%PDF-1.7\nnot really", signed["root"]).verdict) in ("unsigned", "altered")
    # a signing key of another certifier, whatever the name on it, does not pass
    from asfcert.certify.signing import sign_pdf

    forged = sign_pdf(signed["plain"], signer(other), number="ASF-2026-0001")
    assert check(forged, signed["root"]).verdict == "unknown-issuer"


def _box_pixels(pdf: bytes, tmp_path, box) -> list:
    """The RGB pixels of the signature box, rendered by Poppler at 40 dpi."""
    from PIL import Image

    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True, timeout=60)
    image = Image.open(tmp_path / "page.png").convert("RGB")
    scale = 40 / 25.4
    area = image.crop((int(box.x * scale), int(box.y * scale), int((box.x + box.w) * scale), int((box.y + box.h) * scale)))
    raw = area.tobytes()
    return [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="Poppler's pdftoppm is not installed")
def test_the_signature_block_is_visible_on_the_page(signed, tmp_path):
    from asfcert.certify.signing import DEFAULT_BOX

    green = lambda p: p[1] > p[0] + 30 and p[1] > p[2] + 20  # noqa: E731 - the block's green bar
    assert not any(green(p) for p in _box_pixels(signed["plain"], tmp_path, DEFAULT_BOX))  # the renderer leaves the place free
    assert sum(green(p) for p in _box_pixels(signed["pdf"], tmp_path, DEFAULT_BOX)) > 20


@pytest.mark.parametrize("lang, words", [("sv", ["Digitalt signerat", "Signerat", "Rotcertifikat SHA-256"]),
                                         ("en", ["Digitally signed", "Signed", "Root certificate SHA-256"])])
def test_the_block_says_who_signed_when_in_both_languages(signed, lang, words):
    from pypdf import PdfReader

    from asfcert.certify.signing import DEFAULT_BOX, appearance
    from asfcert.records.trust import fingerprint

    when = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.timezone.utc)
    text = PdfReader(io.BytesIO(appearance(signed["signer"], DEFAULT_BOX, lang, when))).pages[0].extract_text()
    for word in [*words, "SKOOPI", "2026-11-30", fingerprint(signed["signer"].root)[:23]]:
        assert word in text, (word, text)


def test_the_signature_names_the_certificate_and_the_field(signed):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(signed["pdf"]))
    (field,) = [f for f in reader.get_fields().values() if f.get("/FT") == "/Sig"]
    value = field["/V"]
    assert field["/T"] == "CertifierSignature" and value["/SubFilter"] == "/ETSI.CAdES.detached"
    assert value["/Reason"] == "Certifikat ASF-2026-0001 utfärdat av SKOOPI" and value["/Name"] == "SKOOPI"
    annotation = reader.pages[0]["/Annots"][0].get_object()
    assert annotation["/Subtype"] == "/Widget" and "/AP" in annotation
    x1, y1, x2, y2 = (float(v) for v in annotation["/Rect"])
    assert 0 < x1 < x2 < float(reader.pages[0].mediabox.width) and 0 < y1 < y2 < float(reader.pages[0].mediabox.height)


def test_a_timestamp_authority_can_be_added_later(signed, tmp_path):
    """--tsa URL is designed in, off by default: a timestamper given to the signer adds an
    RFC 3161 signature timestamp, which the check reports. Here a local stand-in TSA
    (pyHanko's DummyTimeStamper) with its own root; no network."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps import DummyTimeStamper, HTTPTimeStamper

    from asfcert.certify.signing import sign_pdf, timestamper_for
    from asfcert.evidence.signature import check

    now = dt.datetime.now(dt.timezone.utc)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's stand-in TSA signs with RSA only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    tsa = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())),
    )
    stamped = sign_pdf(signed["plain"], signed["signer"], number="ASF-2026-0001", timestamper=tsa)
    result = check(stamped, signed["root"], tsa_roots=(cert.public_bytes(Encoding.PEM),))
    assert (result.verdict, result.timestamped) == ("valid", True)
    assert check(stamped, signed["root"]).timestamped is False  # a TSA nobody trusts proves no time
    assert isinstance(timestamper_for("https://tsa.example/tsr"), HTTPTimeStamper)
    with pytest.raises(ValueError):
        timestamper_for("ftp://tsa.example")

"""Signing without pyHanko (certify/signing.signature, certify/cms.py, pdfwrite's one-pass
signature) and the fast verdict (certify/signature_fast.py): third-party validators
(pyHanko's, Poppler's pdfsig) find the signature valid and the whole file signed; the fast
path gives pyHanko's very verdict on asfcert's files and none at all (so pyHanko decides)
on anything else: bytes after %%EOF, a later revision, a changed byte anywhere, a /Contents
from another certificate, another key, a truncated file, junk."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from trust_helpers import make_registry, record, signer

PDFSIG = shutil.which("pdfsig")


def fast_signed(who, rec, lang: str = "sv", now: dt.datetime | None = None) -> bytes:
    from asfcert.certify.signing import signature
    from asfcert.render.certificate.view import render_pdf

    return render_pdf(rec, lang, "asfcert-test-token", None, None, signature(who, number=rec.number, lang=lang, now=now))


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    from asfcert.records.trust import der

    store = make_registry(tmp_path_factory.mktemp("keys") / "reg")
    other = make_registry(tmp_path_factory.mktemp("other") / "reg", name="Någon annan")
    who = signer(store)
    return {"signer": who, "root": (store.folder / "root.pem").read_bytes(), "root_der": der(who.root),
            "other": signer(other), "other_root": (other.folder / "root.pem").read_bytes()}


@pytest.fixture(scope="module")
def signed(keys):
    return fast_signed(keys["signer"], record())


def byte_range(pdf: bytes) -> list[int]:
    return [int(x) for x in re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", pdf).groups()]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_pyhanko_finds_it_valid_and_the_fast_path_says_exactly_the_same(keys, lang):
    from asfcert.certify import signature_fast
    from asfcert.evidence.signature import check

    pdf = signed_pdf = fast_signed(keys["signer"], record(), lang)
    judged = check(signed_pdf, keys["root"])
    assert (judged.verdict, judged.why, judged.dated, judged.subject) == ("valid", "", True, "ASF-2026-0001"), judged
    assert signature_fast.check(pdf, keys["root_der"]) == judged  # every field: signer, time, certificate, subject
    start, first, second, length = byte_range(pdf)
    assert (start, second + length) == (0, len(pdf)) and pdf.count(b"\nxref\n") == 1 and pdf.count(b"%%EOF") == 1


def test_the_signature_names_the_certificate_the_field_and_the_time(keys):
    from pypdf import PdfReader

    when = dt.datetime(2026, 11, 30, 10, 15, 30, 999, tzinfo=dt.timezone.utc)
    pdf = fast_signed(keys["signer"], record(), now=when)
    reader = PdfReader(io.BytesIO(pdf))
    (field,) = [f for f in reader.get_fields().values() if f.get("/FT") == "/Sig"]
    value = field["/V"]
    assert field["/T"] == "CertifierSignature" and value["/SubFilter"] == "/ETSI.CAdES.detached"
    assert value["/Reason"] == "Certifikat ASF-2026-0001 utfärdat av SKOOPI" and value["/Name"] == "SKOOPI"
    assert value["/M"] == "D:20261130101530Z"
    annotation = reader.pages[0]["/Annots"][0].get_object()
    assert annotation["/Subtype"] == "/Widget" and "/AP" in annotation
    assert "ASF-2026-0001" in reader.pages[0].extract_text()


def test_the_cms_is_the_profile_pyhanko_signed_with(keys):
    """The CMS of a pyHanko signature, built again by certify/cms.py from its parts, is the
    same bytes: the same attributes, algorithms, certificates and order."""
    from trust_helpers import certificate_pdf

    from asfcert.certify import cms
    from asfcert.certify.signing import sign_pdf
    from asfcert.records.trust import der

    who = keys["signer"]
    old = sign_pdf(certificate_pdf(record()), who, number="ASF-2026-0001")
    start, first, second, length = byte_range(old)
    blob = bytes.fromhex(old[first + 1 : second - 1].decode("ascii"))
    blob = blob[: cms.length(blob)]
    certificates, attributes, value = cms.parts(blob)
    assert sorted(certificates) == sorted([der(who.certificate), der(who.root)])
    import hashlib

    digest = hashlib.sha256(old[:first] + old[second:]).digest()
    assert cms.signed_attributes(digest, who.certificate, der(who.certificate)) == attributes
    assert cms.assemble(attributes, value, who.certificate, der(who.certificate), der(who.root)) == blob


@pytest.mark.skipif(PDFSIG is None, reason="Poppler's pdfsig is not installed (apt-get install poppler-utils)")
def test_poppler_reports_the_signature_valid_and_the_whole_file_signed(signed, tmp_path):
    path = tmp_path / "certifikat.pdf"
    path.write_bytes(signed)
    out = subprocess.run([PDFSIG, "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature Validation: Signature is Valid." in out, out
    assert "Total document signed" in out and "ETSI.CAdES.detached" in out and "SHA-256" in out
    assert "SKOOPI signing 1" in out
    start, first, second, length = byte_range(signed)
    for pos in (first // 2, second + length // 2):
        bad = bytearray(signed)
        bad[pos] ^= 0x01
        path.write_bytes(bytes(bad))
        out = subprocess.run([PDFSIG, "-no-ocsp", str(path)], capture_output=True, text=True, timeout=60).stdout
        assert "Signature is Valid" not in out


def _neither(data: bytes, keys, root=None) -> str:
    """The fast path gives no verdict, and pyHanko's is not `valid`: its verdict."""
    from asfcert.certify import signature_fast
    from asfcert.evidence.signature import check
    from asfcert.records.trust import der, load_certificate

    root = root or keys["root"]
    assert signature_fast.check(data, der(load_certificate(root))) is None
    verdict = check(data, root).verdict
    assert verdict != "valid"
    return verdict


def test_bytes_after_the_end_or_a_later_revision_are_not_valid(keys, signed):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    assert _neither(signed + b"\n", keys) == "altered"
    assert _neither(signed + b"\n%%EOF\n", keys) == "altered"
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))  # a proper later revision, as an editor saves one
    writer.root["/Lang"] = generic.TextStringObject("en-GB")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    assert _neither(out.getvalue(), keys) == "altered"


def test_a_changed_byte_anywhere_has_no_fast_verdict(keys, signed):
    """Densely in the signature dictionary and its /Contents, and across both signed ranges;
    pyHanko's verdict on a sample of them is never `valid` either."""
    from asfcert.certify import signature_fast

    start, first, second, length = byte_range(signed)
    sig_dict = signed.rfind(b"<< /Type /Sig", 0, first)
    positions = set(range(0, len(signed), 101)) | set(range(sig_dict, first + 3000, 7)) | set(range(second - 40, second + 40))
    positions |= {first, second - 1, len(signed) - 1}
    for i, pos in enumerate(sorted(positions)):
        new = signed[pos] ^ (0x01 if i % 2 else 0x20)  # a bit, or the case of a letter (of a hex digit)
        changed = signed[:pos] + bytes([new]) + signed[pos + 1 :]
        assert signature_fast.check(changed, keys["root_der"]) is None, (pos, signed[pos : pos + 1], new)
    for pos in (first // 3, first - 10, first + 200, second + 5, len(signed) - 20):  # each range, the CMS, the trailer
        _neither(signed[:pos] + bytes([signed[pos] ^ 0x01]) + signed[pos + 1 :], keys)


def test_a_contents_from_another_certificate_is_altered(keys, signed):
    other = fast_signed(keys["signer"], record("ASF-2026-0002"))
    _, first, second, _ = byte_range(signed)
    _, o_first, o_second, _ = byte_range(other)
    assert second - first == o_second - o_first
    swapped = signed[:first] + other[o_first:o_second] + signed[second:]
    assert _neither(swapped, keys) == "altered"


def test_another_key_or_another_root_is_not_valid(keys, signed):
    forged = fast_signed(keys["other"], record())  # another certifier's key, the same certificate
    assert _neither(forged, keys) == "unknown-issuer"
    assert _neither(signed, keys, root=keys["other_root"]) == "unknown-issuer"


def test_a_truncated_file_has_no_fast_verdict(keys, signed):
    from asfcert.certify import signature_fast

    for end in (len(signed) - 1, len(signed) - 7, len(signed) // 2, 100, 9, 0):
        assert signature_fast.check(signed[:end], keys["root_der"]) is None
    assert _neither(signed[: len(signed) - 7], keys) == "altered"


def test_junk_has_no_fast_verdict_and_never_raises(keys, signed):
    from asfcert.certify import signature_fast

    _, first, second, _ = byte_range(signed)
    huge_length = signed[:first + 1] + b"30" + b"8F" + b"F" * 30 + signed[first + 35 :]  # a DER length of 15 bytes
    cases = [b"", b"%PDF-1.7\n", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 999999999 >>\nstream\n",
             b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"1 0 obj\n" * 100_000, signed.replace(b"/SigFlags 3", b"/SigFlags 1"),
             huge_length, signed[:first + 1] + b"0" * (second - first - 2) + signed[second - 1 :]]
    for data in cases:
        assert signature_fast.check(data, keys["root_der"]) is None
        assert signature_fast.check(data, b"\x30\x03junk") is None


def test_checked_gives_the_fast_verdict_without_a_child_and_the_others_through_pyhanko(keys, signed, monkeypatch):
    """A certificate as asfcert signs it is judged without the bounded pyHanko child; one
    pyHanko signed (before this signer, or with a timestamp) still goes to the child."""
    from trust_helpers import certificate_pdf

    from asfcert.certify import signature_cache
    from asfcert.certify.signing import sign_pdf
    from asfcert.evidence import signature as evidence

    old = sign_pdf(certificate_pdf(record()), keys["signer"], number="ASF-2026-0001")
    assert signature_cache.checked(old, keys["root_der"]).verdict == "valid"  # through the child, as before

    def no_child(*args, **kwargs):
        raise AssertionError("the bounded pyHanko child was started")

    monkeypatch.setattr(evidence, "check_bounded", no_child)
    found = signature_cache.checked(signed, keys["root_der"])
    assert found == evidence.check(signed, keys["root"])


def test_a_signature_too_large_for_its_place_is_refused(keys):
    from dataclasses import replace

    from asfcert.certify.signing import signature
    from asfcert.render.certificate.view import render_pdf
    from asfcert.render.common.pdfwrite import CONTENTS_BYTES

    big = replace(signature(keys["signer"], number="ASF-2026-0001"), sign=lambda content: b"\x30" * (CONTENTS_BYTES + 1))
    with pytest.raises(ValueError):
        render_pdf(record(), "sv", "asfcert-test-token", None, None, big)


@pytest.mark.parametrize("attributes", [
    [("C", "SE"), ("O", "SKOOPI"), ("2.5.4.97", "NTRSE-8295024247"), ("CN", "SKOOPI signing 1")],
    [("CN", "Gröna, Händer"), ("O", "Åkern ek. för."), ("C", "SE")],
    [("O", "A, B"), ("CN", "x")],
    [("CN", "Ett namn")],
    [("C", "SE"), ("L", "Borås"), ("ST", "Västra Götaland"), ("OU", "Enhet"), ("CN", "y")],
    [("CN", "a"), ("CN", "b")],  # a field twice: asn1crypto's own answer
    [("C", "SE"), ("2.5.4.5", "123"), ("CN", "z")],  # a field not in the table: asn1crypto's own answer
])
def test_the_signer_is_named_as_pyhanko_names_it(keys, attributes):
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID, ObjectIdentifier

    from asfcert.certify.signature_fast import human_friendly
    from asfcert.records.trust import der

    oids = {"C": NameOID.COUNTRY_NAME, "O": NameOID.ORGANIZATION_NAME, "CN": NameOID.COMMON_NAME, "L": NameOID.LOCALITY_NAME,
            "ST": NameOID.STATE_OR_PROVINCE_NAME, "OU": NameOID.ORGANIZATIONAL_UNIT_NAME}
    name = x509.Name([x509.NameAttribute(oids.get(k) or ObjectIdentifier(k), v) for k, v in attributes])
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(7)
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    assert human_friendly(cert.subject, der(cert)) == asn1_x509.Certificate.load(der(cert)).subject.human_friendly


def test_long_texts_in_the_signature_dictionary(keys):
    """A /Name full of near-ends of itself (`) /Reason (`, escaped as pdfwrite escapes it) is
    read in one pass and judged as pyHanko judges it; a dictionary longer than any asfcert
    writes is left to pyHanko."""
    from dataclasses import replace

    from asfcert.certify import signature_fast
    from asfcert.certify.signing import signature
    from asfcert.evidence.signature import check
    from asfcert.render.certificate.view import render_pdf

    made = signature(keys["signer"], number="ASF-2026-0001")
    for count, fast in ((3_000, True), (6_000, False)):  # 14 bytes each, escaped
        long = replace(made, entries=(("Name", "x) /Reason (" * count), ("Reason", "r) >>")))
        pdf = render_pdf(record(), "sv", "asfcert-test-token", None, None, long)
        judged = check(pdf, keys["root"])
        assert judged.verdict == "valid"
        assert signature_fast.check(pdf, keys["root_der"]) == (judged if fast else None)

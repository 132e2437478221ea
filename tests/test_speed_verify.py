"""`verify CERT.pdf` of a validly signed certificate takes its number from the /Subject the
bounded signature check read: no second reader process, the same verdict and number."""

import datetime as dt

import pytest
from audit_helpers import issued

from asfcert.certify.verify import verify

DAY = dt.date(2027, 1, 1)


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    return issued(tmp_path_factory.mktemp("verify-speed"))


def test_a_signed_certificate_is_verified_without_the_page_reader(cert, monkeypatch):
    import asfcert.evidence.worker as worker

    pdf, rec = cert
    before = verify(str(pdf), today=DAY).to_dict()
    started = []
    monkeypatch.setattr(worker, "read_many", lambda *a, **k: started.append(a) or {})
    after = verify(str(pdf), today=DAY).to_dict()
    assert not started
    assert after == before and (after["verdict"], after["number"]) == ("valid", rec.number)


def test_the_subject_is_the_number_the_page_reader_finds(cert):
    from asfcert.certify.verify import _number
    from asfcert.evidence.signature import check_bounded

    pdf, rec = cert
    root = (pdf.parents[3] / "keys" / "root.pem").read_bytes()  # PEM or DER
    sig = check_bounded(pdf.read_bytes(), root)
    assert sig.verdict == "valid"
    assert rec.number in sig.subject
    assert _number(pdf) == rec.number


def test_an_altered_certificate_still_reads_its_number_from_the_page(cert, tmp_path, monkeypatch):
    """Not valid: the number comes from the bounded page reader, as before."""
    import asfcert.evidence.worker as worker

    pdf, rec = cert
    data = bytearray(pdf.read_bytes())
    at = data.index(b"/Producer") if b"/Producer" in data else len(data) // 2
    data[at + 2] ^= 0x01
    copy = pdf.parent / "altered.pdf"
    copy.write_bytes(bytes(data))
    read = []
    real = worker.read_many
    monkeypatch.setattr(worker, "read_many", lambda *a, **k: read.append(a) or real(*a, **k))
    result = verify(str(copy), today=DAY)
    copy.unlink()
    assert result.verdict == "altered" and read

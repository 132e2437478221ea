"""`verify CERT.pdf` takes the signature verdict on a file it judged before from the cache
(certify/signature_cache.py): the same result with no pyHanko process, never for a file
or a root that differs by one byte, never a verdict that depends on the day, and a damaged
entry judged again."""

import datetime as dt

import pytest
from audit_helpers import issued

import asfcert.evidence.signature as signature
from asfcert.base.errors import UserError
from asfcert.certify import signature_cache
from asfcert.certify.verify import verify
from asfcert.io.cache import Cache

DAY = dt.date(2027, 1, 1)


@pytest.fixture(scope="module")
def issued_pdf(tmp_path_factory):
    return issued(tmp_path_factory.mktemp("verify-cache"))


@pytest.fixture(scope="module")
def cert(issued_pdf):
    """The certificate signed again by pyHanko, as one signed with a timestamp (or before
    asfcert signed them itself) is: its verdict is the bounded child's, and is kept."""
    from trust_helpers import PASSPHRASE, certificate_pdf

    from asfcert.certify.signing import sign_pdf
    from asfcert.records import keys

    pdf, rec = issued_pdf
    copy = pdf.parent / "pyhanko" / pdf.name
    copy.parent.mkdir(exist_ok=True)
    registry = next(p for p in pdf.parents if (p / "registry.yaml").exists())
    who = keys.open_store(registry).signer(PASSPHRASE.encode())
    copy.write_bytes(sign_pdf(certificate_pdf(rec), who, number=rec.number))
    return copy, rec


def test_a_certificate_as_asfcert_signs_it_needs_no_child_and_no_entry(issued_pdf, cert, children):
    """Judged in this process (certify/signature_fast.py), the same as pyHanko's judgement."""
    from asfcert.records.trust import der, load_certificate

    pdf, rec = issued_pdf
    found = verify(str(pdf), today=DAY).to_dict()
    assert (found["verdict"], found["number"]) == ("valid", rec.number) and children == [] and entries() == []
    registry = next(p for p in pdf.parents if (p / "registry.yaml").exists())
    root = (registry / "keys" / "root.pem").read_bytes()
    assert signature.check(pdf.read_bytes(), root) == signature_cache.checked(pdf.read_bytes(), der(load_certificate(root)))
    assert verify(str(cert[0]), today=DAY).to_dict()["signature"] | {"signed_at": None} == found["signature"] | {"signed_at": None}


def entries() -> list:
    return sorted((Cache().root / signature_cache.NAMESPACE).rglob("*.json"))


@pytest.fixture
def children(monkeypatch):
    """The bounded checks started, each still run."""
    started = []
    real = signature.check_bounded
    monkeypatch.setattr(signature, "check_bounded", lambda *a, **k: started.append(a) or real(*a, **k))
    return started


def test_the_second_check_of_a_file_needs_no_child_and_says_the_same(cert, children):
    pdf, rec = cert
    first = verify(str(pdf), today=DAY).to_dict()
    later = verify(str(pdf), today=DAY + dt.timedelta(days=400)).to_dict()  # another day: the status is looked up again
    assert len(children) == 1 and len(entries()) == 1
    assert (first["verdict"], first["number"]) == ("valid", rec.number) and first["signature"] == later["signature"]
    assert verify(str(pdf), today=DAY).to_dict() == first and len(children) == 1
    expired = verify(str(pdf), today=rec.valid_until + dt.timedelta(days=1))
    assert expired.verdict == "expired" and len(children) == 1


def test_a_file_one_byte_different_is_judged_anew(cert, children, tmp_path):
    pdf, rec = cert
    assert verify(str(pdf), today=DAY).verdict == "valid"
    data = bytearray(pdf.read_bytes())
    data[data.index(b"/CreationDate") + 16] ^= 0x01
    copy = pdf.parent / "changed.pdf"
    copy.write_bytes(bytes(data))
    try:
        assert verify(str(copy), today=DAY).verdict == "altered"
    finally:
        copy.unlink()
    assert len(children) == 2


def test_another_root_is_another_entry(cert, children, tmp_path):
    from trust_helpers import make_registry

    pdf, _ = cert
    assert verify(str(pdf), today=DAY).verdict == "valid"
    other = make_registry(tmp_path / "other")
    found = verify(str(pdf), today=DAY, trust=other.folder / "root.pem")
    assert found.verdict == "unknown-issuer" and len(children) == 2


def test_a_damaged_entry_is_judged_again(cert, children):
    pdf, _ = cert
    first = verify(str(pdf), today=DAY).to_dict()
    for damage in (b"{not json", b'{"verdict": "valid"}', b'{"verdict": "trusted", "dated": true}'):
        entries()[0].write_bytes(damage)
        assert verify(str(pdf), today=DAY).to_dict() == first
    assert len(children) == 4 and len(entries()) == 1


def test_a_verdict_that_depends_on_the_day_is_never_kept(cert, monkeypatch):
    """A timestamp's certificate is judged today, and a file without a signing time is
    judged at today's clock: such a verdict is asked for every time."""
    pdf, _ = cert
    calls = []

    def undated(data, root, limits=None):
        calls.append(1)
        return signature.SignatureCheck("valid", signer="x", subject=None, dated=False)

    monkeypatch.setattr(signature, "check_bounded", undated)
    verify(str(pdf), today=DAY)
    verify(str(pdf), today=DAY)
    assert len(calls) == 2 and entries() == []


def test_a_problem_of_the_bounded_child_is_never_kept(cert, monkeypatch):
    pdf, _ = cert
    monkeypatch.setattr(signature, "check_bounded", lambda data, root, limits=None: "time")
    with pytest.raises(UserError) as raised:
        verify(str(pdf), today=DAY)
    assert raised.value.code == "verify-pdf-unreadable" and entries() == []


def test_another_pyhanko_judges_again(cert, children, monkeypatch):
    pdf, _ = cert
    assert "pyhanko-" in signature_cache._checker() and "pyhanko_certvalidator-" in signature_cache._checker()
    verify(str(pdf), today=DAY)
    monkeypatch.setattr(signature_cache, "_checker", lambda: "pyhanko-99.0.dist-info")  # an upgrade
    verify(str(pdf), today=DAY)
    assert len(children) == 2 and len(entries()) == 2

"""`verify`: valid, expired, suspended, withdrawn, unknown, altered; unusable input."""

import datetime as dt

import pytest
from audit_helpers import certify, decide, setup

from asfcert.base.errors import UserError
from asfcert.certify import status
from asfcert.certify.verify import verify


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    root = setup(tmp_path_factory.mktemp("verify"))
    decide(root)
    rec = certify(root).record
    return root, root.parents[1], rec


def _pdf(root, rec):
    return root / "certificate" / f"{rec.number}-sv.pdf"


def test_the_issued_pdf_and_its_number_are_valid(cert):
    root, reg, rec = cert
    by_pdf = verify(str(_pdf(root, rec)), today=dt.date(2027, 1, 1))  # the registry is found above the PDF
    by_number = verify(rec.number.lower(), registry_dir=reg, today=dt.date(2027, 1, 1), code=rec.code)
    assert (by_pdf.verdict, by_pdf.number, by_pdf.exit_code) == ("valid", rec.number, 0)
    assert by_number.verdict == "valid"


def test_after_the_last_day_it_is_expired(cert):
    _, reg, rec = cert
    assert verify(rec.number, registry_dir=reg, today=rec.valid_until).verdict == "valid"
    expired = verify(rec.number, registry_dir=reg, today=rec.valid_until + dt.timedelta(days=1))
    assert (expired.verdict, expired.exit_code) == ("expired", 1)


@pytest.mark.parametrize("change", ["appended", "edited"])
def test_an_altered_pdf_is_detected(cert, tmp_path, change):
    root, reg, rec = cert
    data = _pdf(root, rec).read_bytes()
    if change == "appended":
        data += b"\n%% a changed copy\n"
    else:  # the same length, one date changed in the metadata
        data = data.replace(b"D:20261201", b"D:20261202", 1)
        assert len(data) == len(_pdf(root, rec).read_bytes())
    copy = tmp_path / "certifikat.pdf"
    copy.write_bytes(data)
    result = verify(str(copy), registry_dir=reg, today=dt.date(2027, 1, 1))
    assert (result.verdict, result.number, result.exit_code) == ("altered", rec.number, 1)


def test_a_wrong_code_is_altered(cert):
    _, reg, rec = cert
    assert verify(rec.number, registry_dir=reg, code="AAAAA-BBBBB", today=dt.date(2027, 1, 1)).verdict == "altered"


def test_unknown_numbers_and_pdfs_without_a_number(cert, tmp_path):
    from helpers import pdf_bytes

    _, reg, _ = cert
    assert verify("ASF-2026-9999", registry_dir=reg).verdict == "unknown"
    other = tmp_path / "annat.pdf"
    other.write_bytes(pdf_bytes("Ett annat intyg", "Inget nummer här."))
    result = verify(str(other), registry_dir=reg)
    assert (result.verdict, result.number) == ("unknown-issuer", None)  # the registry has keys: not signed by the certifier


def test_suspended_and_withdrawn(tmp_path):
    root = setup(tmp_path)
    decide(root)
    rec = certify(root).record
    reg = root.parents[1]
    status.change(rec.number, "suspend", "Anmärkningen ej åtgärdad", registry_dir=reg, today=dt.date(2027, 6, 1))
    suspended = verify(str(_pdf(root, rec)), today=dt.date(2027, 6, 2))
    assert suspended.verdict == "suspended" and any("Anmärkningen ej åtgärdad" in d.sv for d in suspended.details)
    status.change(rec.number, "withdraw", "Företaget har upphört", registry_dir=reg, today=dt.date(2027, 7, 1))
    assert verify(rec.number, registry_dir=reg, today=dt.date(2027, 7, 2)).verdict == "withdrawn"


@pytest.mark.parametrize("target", ["finns-inte.pdf", "nonsense", "folder", "text.pdf"])
def test_unusable_input(cert, tmp_path, target):
    _, reg, _ = cert
    (tmp_path / "folder").mkdir()
    (tmp_path / "text.pdf").write_text("inte en pdf")
    path = tmp_path / target if target != "nonsense" else "nonsense"
    with pytest.raises(UserError) as err:
        verify(str(path), registry_dir=reg)
    assert err.value.exit_code == 2

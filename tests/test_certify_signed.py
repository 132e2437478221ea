"""`certify` signs every certificate: Poppler's pdfsig and asfcert's own check agree, the
key is unlocked before anything is written (a wrong or missing passphrase, a registry
without keys: exit 2 and the folders unchanged), a key rotation leaves old certificates
valid, a completed run reuses the signed bytes, the QR code points where the registry
says (or holds a signed token), re-certifications are labelled, the registry's files
keep its permissions, and a withdrawal is confirmed."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from audit_helpers import (
    AUDITOR,
    DECIDED,
    RECERTIFIED,
    certify,
    decide,
    redecide,
    setup,
)
from corpus.harness import snapshot
from trust_helpers import PASSPHRASE, cli

from asfcert.base.errors import UserError

PDFSIG = shutil.which("pdfsig")
PDFTOTEXT = shutil.which("pdftotext")
DAY = (DECIDED + dt.timedelta(days=1)).isoformat()


def _code(proc) -> str | None:
    found = re.findall(r"\[([a-z0-9-]+)\]", proc.stderr)
    return found[-1] if found else None


def _root_pem(root: Path) -> bytes:
    return (root.parents[1] / "keys" / "root.pem").read_bytes()


def _text(pdf: Path) -> str:
    if PDFTOTEXT:
        out = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
    else:  # pragma: no cover - Poppler is installed with `make test`
        from audit_helpers import pdf_text

        out = pdf_text(pdf)
    return re.sub(r"\s+", " ", out)


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    root = setup(tmp_path_factory.mktemp("signed"))
    decide(root, {"3.9.b": "remark"})
    return root, certify(root)


def test_the_issued_pdf_is_signed_and_both_copies_are_the_same_bytes(issued):
    from asfcert.evidence.signature import check

    root, result = issued
    rec = result.record
    company_copy = root / "certificate" / f"{rec.number}-sv.pdf"
    registry_copy = root.parents[1] / "certificates" / f"{rec.number}-sv.pdf"
    data = company_copy.read_bytes()
    assert registry_copy.read_bytes() == data
    assert hashlib.sha256(data).hexdigest() == rec.documents["sv"].sha256
    verdict = check(data, _root_pem(root))
    assert (verdict.verdict, verdict.timestamped) == ("valid", False)
    assert "SKOOPI signing 1" in verdict.signer


@pytest.mark.skipif(PDFSIG is None, reason="Poppler's pdfsig is not installed (apt-get install poppler-utils)")
def test_poppler_reports_the_issued_signature_valid(issued):
    root, result = issued
    out = subprocess.run([PDFSIG, "-no-ocsp", str(root / "certificate" / f"{result.record.number}-sv.pdf")],
                         capture_output=True, text=True, timeout=60).stdout
    assert "Signature Validation: Signature is Valid." in out, out
    assert "Total document signed" in out and "ETSI.CAdES.detached" in out


@pytest.mark.parametrize("case", ["wrong", "missing"])
def test_a_wrong_or_missing_passphrase_writes_nothing(tmp_path, case):
    root = setup(tmp_path)
    decide(root)
    registry = root.parents[1]  # the company folder is inside it
    before = snapshot(registry)
    proc = cli("certify", str(root), "--as-of", DAY, passphrase="ett helt annat lösenord" if case == "wrong" else None)
    assert proc.returncode == 2, proc.stderr
    assert _code(proc) == {"wrong": "key-passphrase-wrong", "missing": "key-passphrase-missing"}[case]
    assert snapshot(registry) == before  # no certificates/, no number claimed, no file touched
    assert cli("certify", str(root), "--as-of", DAY).returncode == 0  # the right one issues ASF-2026-0001
    assert (registry / "certificates" / "ASF-2026-0001.yaml").is_file()


def test_a_registry_without_keys_says_how_to_make_them(tmp_path):
    root = setup(tmp_path)
    decide(root)
    registry = root.parents[1]
    shutil.rmtree(registry / "keys")
    before = snapshot(registry)
    with pytest.raises(UserError) as err:
        certify(root)
    assert (err.value.code, err.value.exit_code) == ("keys-missing", 2)
    assert "asfcert registry keys --create" in err.value.hint.sv and "asfcert registry keys --create" in err.value.hint.en
    assert snapshot(registry) == before


def test_certificates_signed_before_a_key_rotation_still_verify(tmp_path):
    from asfcert.evidence.signature import check
    from asfcert.records import keys

    root = setup(tmp_path, examples=("vaxthuset",))
    other = root.parent / "vaxthuset"
    decide(root)
    decide(other)
    first = certify(root).record
    keys.rotate(keys.open_store(root.parents[1]), PASSPHRASE.encode())
    second = certify(other).record
    old = check((root / "certificate" / f"{first.number}-sv.pdf").read_bytes(), _root_pem(root))
    new = check((other / "certificate" / f"{second.number}-sv.pdf").read_bytes(), _root_pem(root))
    assert (old.verdict, new.verdict) == ("valid", "valid")
    assert "signing 1" in old.signer and "signing 2" in new.signer


def test_a_completed_run_reuses_the_signed_bytes_and_signs_only_what_was_never_written(tmp_path):
    from asfcert.evidence.signature import check
    from asfcert.records import registry

    root = setup(tmp_path)
    decide(root)
    rec = certify(root).record
    reg = registry.find(root)
    company_pdf = root / "certificate" / f"{rec.number}-sv.pdf"
    issued_bytes = company_pdf.read_bytes()
    record_text = reg.record_path(rec.number).read_text(encoding="utf-8")

    reg.pdf_path(rec.number, "sv").unlink()  # the company's copy is the signed bytes as issued
    again = certify(root)
    assert again.action == "completed" and reg.pdf_path(rec.number, "sv").read_bytes() == issued_bytes
    assert reg.record_path(rec.number).read_text(encoding="utf-8") == record_text

    reg.pdf_path(rec.number, "sv").unlink()
    company_pdf.unlink()  # written nowhere: signed again, and the record follows
    resigned = certify(root).record
    data = company_pdf.read_bytes()
    assert data != issued_bytes and reg.pdf_path(rec.number, "sv").read_bytes() == data
    assert resigned.documents["sv"].sha256 == hashlib.sha256(data).hexdigest() == registry.get(reg, rec.number).documents["sv"].sha256
    assert check(data, _root_pem(root)).verdict == "valid"


def _qr_texts(monkeypatch) -> list[str]:
    """What the renderer puts into QR codes, as they are drawn."""
    from asfcert.render.certificate import pdf as certificate_pdf

    texts, real = [], certificate_pdf.qr_png
    monkeypatch.setattr(certificate_pdf, "qr_png", lambda text: texts.append(text) or real(text))
    return texts


def _qr_image_on_the_page(pdf: Path):
    from pypdf import PdfReader

    (image,) = [i for i in PdfReader(str(pdf)).pages[0].images if i.image.width == i.image.height]
    return image.image.convert("L")


def _same_qr(pdf: Path, text: str) -> bool:
    from PIL import Image

    from asfcert.render.certificate.pdf import qr_png

    drawn = Image.open(io.BytesIO(qr_png(text))).convert("L")
    return _qr_image_on_the_page(pdf).tobytes() == drawn.tobytes()


@pytest.mark.parametrize("fields, expected", [
    ({"public_url": "https://skoopi.example/asf/"}, "https://skoopi.example/asf/verify/ASF-2026-0001.html"),
    ({"public_url": "https://skoopi.example/asf", "verify_url": "https://skoopi.example/k?n={number}&c={code}"},
     "https://skoopi.example/k?n=ASF-2026-0001&c={code}"),
])
def test_with_a_public_address_the_qr_code_and_the_printed_line_point_to_the_page(tmp_path, monkeypatch, fields, expected):
    from audit_helpers import registry as make_registry

    root = setup(tmp_path)
    make_registry(root.parents[1], keys=False, **fields)  # registry.yaml again, keys kept
    decide(root)
    texts = _qr_texts(monkeypatch)
    rec = certify(root).record
    url = expected.replace("{code}", rec.code)
    assert texts == [url]
    pdf = root / "certificate" / f"{rec.number}-sv.pdf"
    assert _same_qr(pdf, url)
    assert f"Kontrollera certifikatet: skanna QR-koden eller öppna {url}" in _text(pdf)
    assert rec.number in url and "asfcert" not in _text(pdf).replace(url, "")


def test_without_an_address_the_qr_code_holds_a_signed_token(issued, monkeypatch):
    from asfcert.records import keys
    from asfcert.records.trust import check_token, load_certificate

    root, result = issued
    rec = result.record
    pdf = root / "certificate" / f"{rec.number}-sv.pdf"
    store = keys.open_store(root.parents[1])
    # the token in the issued PDF is only known by its picture: make an English one and read what it holds
    texts = _qr_texts(monkeypatch)
    certify(root, lang="en")
    (token,) = texts
    claims = check_token(token, load_certificate(_root_pem(root)), store.signing_certificates())
    assert (claims.number, claims.code, claims.valid_until) == (rec.number, rec.code, rec.valid_until)
    assert _same_qr(root / "certificate" / f"{rec.number}-en.pdf", token)
    text = _text(pdf)
    assert "Kontrollera certifikatet: skanna QR-koden eller fråga SKOOPI" in text and "asfcert" not in text.replace("asfcert.", "")
    assert "Verify the certificate: scan the QR code or ask SKOOPI" in _text(root / "certificate" / f"{rec.number}-en.pdf")


@pytest.mark.skipif(PDFTOTEXT is None, reason="Poppler's pdftotext is not installed")
def test_the_verification_line_is_neither_stretched_nor_split(tmp_path):
    """The words are set with plain spaces (no justification), and a long address stands
    whole on a line of its own."""
    from trust_helpers import certificate_pdf, record

    url = "https://kommunforbundet-i-norra-dalarna.example/arbetsintegrerande-sociala-foretag/verify/ASF-2026-0001.html"
    for lang, first in (("sv", "skanna"), ("en", "scan")):
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(certificate_pdf(record(), lang, qr=url, url=url))
        boxes = subprocess.run([PDFTOTEXT, "-bbox", str(path), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
        words = [(float(x0), float(y0), float(x1), w) for x0, y0, x1, w in
                 re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', boxes)]
        assert url in [w for *_, w in words]  # one word: not broken across lines
        start = next(i for i, (*_, w) in enumerate(words) if w == first)
        line = [b for b in words[start:] if b[1] == words[start][1]]
        gaps = [b[0] - a[2] for a, b in zip(line, line[1:])]
        assert len(line) >= 4 and max(gaps) < 4, gaps  # a space at 9 pt is under 3 pt wide


def test_the_verification_address_is_one_function():
    from asfcert.formats.certificate import Registry
    from asfcert.records.registry import verification_url

    base = {"format": "asfcert-registry/1", "certifier": "SKOOPI"}
    assert verification_url(Registry.model_validate(base), "ASF-2026-0001", "AB") is None
    assert verification_url(Registry.model_validate({**base, "public_url": "https://s.example/asf//"}), "ASF-2026-0001", "AB") == \
        "https://s.example/asf/verify/ASF-2026-0001.html"
    with_template = {**base, "public_url": "https://s.example/asf", "verify_url": "https://v.example/{number}/{code}"}
    assert verification_url(Registry.model_validate(with_template), "ASF-2026-0001", "AB") == "https://v.example/ASF-2026-0001/AB"


def test_a_recertification_shows_the_original_date_and_the_replaced_certificate(tmp_path):
    root = setup(tmp_path)
    decide(root)
    first = certify(root).record
    later = RECERTIFIED
    redecide(root, later)
    second = certify(root, today=later).record
    assert (second.previous, second.original_date) == (first.number, first.effective)
    sv = _text(root / "certificate" / f"{second.number}-sv.pdf")
    assert f"Ursprungligen certifierad {first.effective.isoformat()}" in sv
    assert f"Ersätter certifikat {first.number}" in sv
    assert f"Gäller från {later.isoformat()}" in sv
    certify(root, today=later, lang="en")
    en = _text(root / "certificate" / f"{second.number}-en.pdf")
    assert f"Originally certified {first.effective.isoformat()}" in en and f"Replaces certificate {first.number}" in en


def test_the_original_date_is_the_first_certificate_of_the_chain():
    from trust_helpers import record

    from asfcert.render.certificate.view import certificate_view

    third = record("ASF-2030-0002", previous="ASF-2028-0001", original_date=dt.date(2026, 3, 1))
    rows = dict(certificate_view(third, "sv", "qr", None)["rows"])
    assert rows["Ursprungligen certifierad"] == "2026-03-01" and rows["Ersätter certifikat"] == "ASF-2028-0001"
    first = dict(certificate_view(record(), "en", "qr", None)["rows"])
    assert "Originally certified" not in first and "Replaces certificate" not in first


def test_the_certificate_shows_the_certifier_the_location_and_the_scope(tmp_path):
    from audit_helpers import registry as make_registry
    from PIL import Image

    root = setup(tmp_path, municipality="Malmö", county="Skåne län", industries=["café", "cykelverkstad"])
    registry = root.parents[1]
    logo = io.BytesIO()
    Image.new("RGB", (300, 100), (200, 30, 30)).save(logo, format="PNG")
    (registry / "certifier-logo.png").write_bytes(logo.getvalue())
    make_registry(registry, keys=False, certifier_address="Box 123, 111 22 Stockholm", certifier_logo="certifier-logo.png")
    decide(root)
    rec = certify(root).record
    assert (rec.company.location, rec.company.activities, rec.certifier_address) == ("Malmö, Skåne län", ["café", "cykelverkstad"],
                                                                                     "Box 123, 111 22 Stockholm")
    pdf = root / "certificate" / f"{rec.number}-sv.pdf"
    text = _text(pdf)
    for expected in ["Box 123, 111 22 Stockholm", "829502-4247", "Malmö, Skåne län", "Certifieringens omfattning",
                     "café, cykelverkstad", AUDITOR]:
        assert expected in text, expected
    from pypdf import PdfReader

    assert any(i.image.size == (300, 100) for i in PdfReader(str(pdf)).pages[0].images)  # the mark is drawn


@pytest.mark.parametrize("name", ["../outside.png", "/etc/hostname", "not-an-image.png"])
def test_a_mark_outside_the_registry_or_not_an_image_is_refused_before_anything_is_written(tmp_path, name):
    from audit_helpers import registry as make_registry

    root = setup(tmp_path)
    registry = root.parents[1]
    (registry.parent / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    (registry / "not-an-image.png").write_text("hello", encoding="utf-8")
    make_registry(registry, keys=False, certifier_logo=name)
    decide(root)
    with pytest.raises(UserError) as err:
        certify(root)
    assert (err.value.code, err.value.exit_code) == ("registry-logo-unusable", 2)
    assert not (registry / "certificates").exists()


def test_closing_the_last_remark_leaves_nothing_that_says_with_remarks(tmp_path):
    from asfcert.records.certificates import company_records

    root = setup(tmp_path)
    decide(root, {"3.9.b": "remark"})
    number = certify(root).record.number
    registry = root.parents[1]
    closed = cli("certify", "--close-remark", number, "--requirement", "3.9.b", "--reason", "Riskbedömningen är gjord",
                 "--registry", str(registry), "--as-of", "2027-02-01")
    assert closed.returncode == 0, closed.stderr
    again = cli("certify", str(root), "--as-of", DAY)
    assert again.returncode == 0, again.stderr
    assert "nmärkning" not in again.stdout and "3.9.b" not in again.stdout and "Certifierad" in again.stdout
    english = cli("certify", str(root), "--as-of", DAY, "--lang", "en")
    assert "emark" not in english.stdout and "Certified" in english.stdout
    assert company_records(root, dt.date(2027, 3, 1))["open_remarks"] == []
    for pdf in (root / "certificate").glob("*.pdf"):
        assert "nmärkning" not in _text(pdf) and "emark" not in _text(pdf)


def test_files_written_into_the_registry_take_its_permissions(tmp_path):
    root = setup(tmp_path)
    registry = root.parents[1]
    os.chmod(registry, 0o2770)  # group-shared, set-group-ID
    decide(root)
    number = certify(root).record.number
    folder = registry / "certificates"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o2770
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}
    assert modes == {f"{number}.yaml": 0o660, f"{number}-sv.pdf": 0o660}
    from asfcert.certify import status

    status.change(number, "suspend", "Granskas", registry_dir=registry)
    assert stat.S_IMODE((folder / f"{number}.yaml").stat().st_mode) == 0o660  # rewritten, still shared
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in (registry / "keys").glob("*.p12")} == {
        "root.p12": 0o600, "signing-01.p12": 0o600}


def test_an_unusable_tsa_address_is_refused_and_an_unreachable_one_issues_nothing(tmp_path):
    root = setup(tmp_path)
    decide(root)
    registry = root.parents[1]
    with pytest.raises(UserError) as err:
        certify(root, tsa="ftp://tsa.example")
    assert (err.value.code, err.value.exit_code) == ("certify-tsa-invalid", 2)
    with pytest.raises(UserError) as err:
        certify(root, tsa="http://127.0.0.1:9/tsr")  # the discard port on this machine: refused at once, no network
    assert (err.value.code, err.value.exit_code) == ("certify-tsa-failed", 2)
    certificates = registry / "certificates"
    assert not certificates.exists() or not [p for p in certificates.iterdir() if not p.name.endswith(".lock")]
    assert not (root / "certificate").exists()


def _withdraw(registry: Path, number: str, *extra, answer: str | None = None):
    """`certify --withdraw` with stdin a terminal that answers `answer`, or no terminal."""
    args = ["certify", "--withdraw", number, "--reason", "Verksamheten har upphört", "--registry", str(registry), *extra]
    if answer is None:
        return cli(*args)
    import pty

    from trust_helpers import ASFCERT

    master, slave = pty.openpty()
    try:
        os.write(master, answer.encode() + b"\n")
        env = {k: v for k, v in os.environ.items() if k not in ("ASFCERT_LANG", "ASFCERT_REGISTRY")}
        proc = subprocess.run([ASFCERT, *args], stdin=slave, capture_output=True, text=True, timeout=120, env=env)
    finally:
        os.close(slave)
        os.close(master)
    return proc


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_withdrawal_shows_the_company_and_asks(tmp_path):
    from asfcert.records import registry as records

    root = setup(tmp_path)
    decide(root)
    number = certify(root).record.number
    registry = root.parents[1]
    reg = records.find(None, registry)

    refused = _withdraw(registry, number)  # no terminal, no --yes
    assert (refused.returncode, _code(refused)) == (2, "certificate-withdraw-unconfirmed") and "--yes" in refused.stderr
    no = _withdraw(registry, number, answer="n")
    assert (no.returncode, _code(no)) == (1, "certificate-withdraw-cancelled")
    assert "Gröna Händer på Åkern ekonomisk förening" in no.stderr and "829502-4247" in no.stderr and number in no.stderr
    assert records.get(reg, number).status == "valid"
    yes = _withdraw(registry, number, answer="j")
    assert yes.returncode == 0, yes.stderr
    assert records.get(reg, number).status == "withdrawn"


def test_withdraw_with_yes_asks_nothing_and_a_sole_traders_number_is_masked(tmp_path):
    from trust_helpers import record

    from asfcert.certify.status import withdraw_summary
    from asfcert.records import registry as records

    root = setup(tmp_path)
    decide(root)
    number = certify(root).record.number
    registry = root.parents[1]
    done = _withdraw(registry, number, "--yes")
    assert done.returncode == 0, done.stderr
    assert records.get(records.find(None, registry), number).status == "withdrawn"
    sole = record(company={"name": "Anna Andersson Trädgård", "org_number": "811218-9876"})
    shown = "\n".join(withdraw_summary(sole, "sv"))
    assert "811218-****" in shown and "9876" not in shown

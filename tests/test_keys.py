"""The certifier's keys: `registry init`, `registry keys --create/--rotate/--export`, the
passphrase, file modes, and nothing written when anything is wrong."""

import datetime as dt
import stat

import pytest
from trust_helpers import (
    PASSPHRASE,
    certificate_pdf,
    cli,
    make_registry,
    record,
    signer,
)

INIT = ["--name", "SKOOPI", "--org-number", "829502-4247", "--address", "Box 12, 111 22 Stockholm",
        "--public-url", "https://skoopi.example/asf/"]


def snapshot(folder):
    """Every file below `folder` with its bytes and mode."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else None


def code(proc) -> str:
    """The catalogue code the error boundary prints after the first line's message."""
    import re

    found = re.search(r"\[([a-z][a-z0-9-]*)\]$", proc.stderr.split("\n", 1)[0])
    return found.group(1) if found else ""


def test_init_makes_the_registry_and_keys_unattended(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec

    from asfcert.io.yamlfile import load
    from asfcert.records import keys
    from asfcert.records.registry_init import InitialRegistry
    from asfcert.records.trust import check_chain

    reg = tmp_path / "reg"
    proc = cli("registry", "init", str(reg), *INIT)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((reg / "keys").stat().st_mode) == 0o700
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (reg / "keys").iterdir()}
    assert modes == {"root.pem": 0o644, "root.p12": 0o600, "signing-01.pem": 0o644, "signing-01.p12": 0o600}
    data = load(reg / "registry.yaml", "registry.yaml").data
    assert data == {
        "format": "asfcert-registry/1", "certifier": "SKOOPI", "certifier_org_number": "829502-4247",
        "certifier_address": "Box 12, 111 22 Stockholm", "prefix": "ASF", "public_url": "https://skoopi.example/asf",
    }
    InitialRegistry.model_validate(data)
    store = keys.open_store(reg)
    root, (first,) = store.root(), store.signing_certificates()
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert not first.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert all(isinstance(c.public_key(), ec.EllipticCurvePublicKey) and c.public_key().curve.name == "secp256r1" for c in (root, first))
    check_chain(first, root)
    assert "SKOOPI" in root.subject.rfc4514_string() and "NTRSE-8295024247" in root.subject.rfc4514_string()
    _, fingerprint = store.export()
    assert fingerprint in proc.stdout


def test_an_initialised_registry_is_read_by_the_registry_model(tmp_path):
    from asfcert.records import registry

    make_registry(tmp_path / "reg", address="Box 12, 111 22 Stockholm", public_url="https://skoopi.example/asf")
    assert registry.find(None, tmp_path / "reg").model.certifier == "SKOOPI"


def test_no_private_key_is_stored_in_the_clear(tmp_path):
    from cryptography.hazmat.primitives.serialization import pkcs12

    store = make_registry(tmp_path / "reg")
    for path in store.folder.iterdir():
        data = path.read_bytes()
        assert b"PRIVATE KEY" not in data
        if path.suffix == ".p12":
            with pytest.raises(ValueError):
                pkcs12.load_key_and_certificates(data, None)
            with pytest.raises(ValueError):
                pkcs12.load_key_and_certificates(data, b"not the passphrase")
            key, cert, _ = pkcs12.load_key_and_certificates(data, PASSPHRASE.encode())
            assert key is not None and cert is not None


def test_every_question_is_asked_in_a_terminal(tmp_path, monkeypatch):
    from PIL import Image
    from typer.testing import CliRunner

    from asfcert.cli import app, load_commands, registry_keys

    logo = tmp_path / "mark.png"
    Image.new("RGB", (40, 20), (47, 111, 79)).save(logo)
    load_commands(["registry"])
    monkeypatch.setattr(registry_keys, "_interactive", lambda: True)
    monkeypatch.setenv("ASFCERT_KEY_PASSPHRASE", PASSPHRASE)
    answers = "Stiftelsen Prövning\n\nStorgatan 1, 791 71 Falun\n" + f"{logo}\n" + "\n"
    result = CliRunner().invoke(app, ["registry", "init", str(tmp_path / "reg"), "--lang", "sv"], input=answers)
    assert result.exit_code == 0, result.output
    for question in ("Certifierarens namn", "Organisationsnummer", "Postadress", "Logotyp", "Webbadress"):
        assert question in result.output
    text = (tmp_path / "reg" / "registry.yaml").read_text(encoding="utf-8")
    assert "certifier: Stiftelsen Prövning" in text and "certifier_address: Storgatan 1, 791 71 Falun" in text
    assert "certifier_logo: certifier-logo.png" in text and "org_number" not in text and "public_url" not in text
    assert (tmp_path / "reg" / "certifier-logo.png").read_bytes() == logo.read_bytes()


def test_a_new_passphrase_is_asked_twice_and_must_be_long(monkeypatch):
    from asfcert.base.errors import Abort
    from asfcert.records import keys

    monkeypatch.delenv("ASFCERT_KEY_PASSPHRASE", raising=False)
    assert keys.passphrase(new=True, ask=lambda prompt: PASSPHRASE) == PASSPHRASE.encode()
    answers = iter([PASSPHRASE, PASSPHRASE + "!"])
    with pytest.raises(Abort) as err:
        keys.passphrase(new=True, ask=lambda prompt: next(answers))
    assert err.value.code == "key-passphrase-mismatch"
    with pytest.raises(Abort) as err:
        keys.passphrase(new=True, ask=lambda prompt: "kort")
    assert err.value.code == "key-passphrase-weak" and err.value.params == {"length": 4}
    assert keys.passphrase(new=False, ask=lambda prompt: "kort") == b"kort"  # an existing one is only tried


def test_without_a_passphrase_or_a_terminal_nothing_is_written(tmp_path):
    proc = cli("registry", "init", str(tmp_path / "reg"), *INIT, passphrase=None)
    assert proc.returncode == 2 and code(proc) == "key-passphrase-missing"
    assert not (tmp_path / "reg" / "registry.yaml").exists() and not (tmp_path / "reg" / "keys").exists()


def test_a_weak_passphrase_writes_nothing(tmp_path):
    proc = cli("registry", "init", str(tmp_path / "reg"), *INIT, passphrase="hemligt")
    assert proc.returncode == 2 and code(proc) == "key-passphrase-weak"
    assert snapshot(tmp_path / "reg") in (None, {})


@pytest.mark.parametrize("option, value", [
    ("--org-number", "829502-4248"),  # bad check digit
    ("--public-url", "javascript:alert(1)"),
    ("--public-url", "https://skoopi.example/asf?x=1"),
    ("--name", "SKOOPI\x1b[31m"),
    ("--prefix", "asf1"),
    ("--logo", "not-an-image.png"),
    ("--address", "x" * 301),
])
def test_an_unusable_answer_writes_nothing(tmp_path, option, value):
    if option == "--logo":
        (tmp_path / value).write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)  # a PNG signature, then nothing usable
        value = str(tmp_path / value)
    args = [a for a in INIT if a != option]
    if option in INIT:
        del args[INIT.index(option)]
    proc = cli("registry", "init", str(tmp_path / "reg"), *args, option, value)
    assert proc.returncode == 2 and code(proc) == "registry-init-value", proc.stderr
    assert proc.stderr.startswith(f"asfcert: {option}: ")
    assert not (tmp_path / "reg").exists()


def test_an_existing_registry_is_never_touched(tmp_path):
    from audit_helpers import registry as hand_written

    reg = hand_written(tmp_path / "reg")
    before = snapshot(reg)
    proc = cli("registry", "init", str(reg), *INIT)
    assert proc.returncode == 2 and code(proc) == "registry-exists"
    assert snapshot(reg) == before


def test_keys_left_by_an_interrupted_init_are_never_touched(tmp_path):
    reg = tmp_path / "reg"
    (reg / "keys").mkdir(parents=True)
    (reg / "keys" / "root.pem").write_text("kvar\n", encoding="utf-8")
    before = snapshot(reg)
    proc = cli("registry", "init", str(reg), *INIT)
    assert proc.returncode == 2 and code(proc) == "registry-folder-unusable"
    assert "keys/" in proc.stderr and snapshot(reg) == before


def test_keys_are_never_made_in_a_company_folder(tmp_path):
    company = tmp_path / "vaxthuset"
    company.mkdir()
    (company / "company.yaml").write_text("name: Växthuset\n", encoding="utf-8")
    proc = cli("registry", "init", str(company / "reg"), *INIT)
    assert proc.returncode == 2 and code(proc) == "keys-in-company-folder"
    assert not (company / "reg").exists()


def test_a_registry_made_by_hand_gets_its_keys_once(tmp_path):
    from audit_helpers import registry as hand_written

    reg = hand_written(tmp_path / "reg", keys=False)
    assert code(cli("registry", "keys", str(reg))) == "keys-missing"
    proc = cli("registry", "keys", str(reg), "--create")
    assert proc.returncode == 0, proc.stderr
    assert "signing-01" in proc.stdout and (reg / "keys" / "root.p12").is_file()
    before = snapshot(reg)
    proc = cli("registry", "keys", str(reg), "--create")
    assert proc.returncode == 2 and code(proc) == "keys-exist"
    assert snapshot(reg) == before


def test_export_prints_the_root_certificate_and_its_fingerprint(tmp_path):
    from cryptography.hazmat.primitives.serialization import Encoding

    from asfcert.records.trust import fingerprint, load_certificate

    store = make_registry(tmp_path / "reg")
    proc = cli("registry", "keys", str(tmp_path / "reg"), "--export", passphrase=None)  # public: no passphrase needed
    assert proc.returncode == 0, proc.stderr
    first, pem = proc.stdout.split("\n", 1)
    printed = load_certificate(pem.encode())
    assert printed.public_bytes(Encoding.PEM) == (store.folder / "root.pem").read_bytes()
    assert first == f"SHA-256: {fingerprint(printed)}" and len(fingerprint(printed)) == 95


def test_rotation_keeps_everything_signed_before_valid(tmp_path):
    from asfcert.certify.signing import sign_pdf
    from asfcert.evidence.signature import check
    from asfcert.records import keys
    from asfcert.records.trust import check_token, make_token

    store = make_registry(tmp_path / "reg")
    old = signer(store)
    rec = record()
    plain = certificate_pdf(rec)
    before = sign_pdf(plain, old, number=rec.number)
    token = make_token(rec.number, rec.code, rec.valid_until, old)
    proc = cli("registry", "keys", str(tmp_path / "reg"), "--rotate")
    assert proc.returncode == 0, proc.stderr
    assert "signing-02" in proc.stdout
    new = signer(keys.open_store(tmp_path / "reg"))
    assert new.certificate != old.certificate and new.root == old.root
    after = sign_pdf(plain, new, number=rec.number)
    root = (store.folder / "root.pem").read_bytes()
    assert check(before, root).verdict == "valid" and check(after, root).verdict == "valid"
    assert "signing 1" in check(before, root).signer and "signing 2" in check(after, root).signer
    assert check_token(token, store.root(), store.signing_certificates()).number == rec.number


def test_a_wrong_passphrase_exits_2_and_writes_nothing(tmp_path):
    reg = tmp_path / "reg"
    make_registry(reg)
    before = snapshot(reg)
    proc = cli("registry", "keys", str(reg), "--rotate", passphrase="fel lösenfras helt och hållet")
    assert proc.returncode == 2 and code(proc) == "key-passphrase-wrong"
    assert "keys/root.p12" in proc.stderr
    assert snapshot(reg) == before
    proc = cli("registry", "keys", str(reg), "--rotate", "--lang", "en", passphrase="fel lösenfras helt och hållet")
    assert "The passphrase does not unlock the key" in proc.stderr


def test_a_signing_key_must_outlive_what_it_signs(tmp_path):
    from asfcert.base.errors import Abort
    from asfcert.records import keys

    store = make_registry(tmp_path / "reg")
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=365 * (keys.SIGNING_YEARS - keys.SIGNING_MARGIN_YEARS) + 30)
    with pytest.raises(Abort) as err:
        signer(store, later)
    assert err.value.code == "key-signing-expiring"
    signer(store)  # today it signs


def test_rotation_replaces_a_damaged_signing_key_and_skips_a_half_written_one(tmp_path):
    from asfcert.base.errors import Abort
    from asfcert.records import keys

    store = make_registry(tmp_path / "reg")
    (store.folder / "signing-01.p12").write_bytes(b"damaged")
    with pytest.raises(Abort) as err:
        signer(store)
    assert err.value.code == "key-passphrase-wrong"  # PKCS#12 cannot tell a damaged file from a wrong passphrase
    (store.folder / "signing-02.p12").write_bytes(b"left by a crash before its certificate")
    keys.rotate(store, PASSPHRASE.encode())
    assert store.signing_names() == ["signing-01", "signing-03"]
    assert "signing 3" in signer(store).certificate.subject.rfc4514_string()

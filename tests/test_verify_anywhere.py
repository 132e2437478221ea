"""`asfcert verify` outside the registry, with nothing but the certifier's root: signed
certificate PDFs, the signed list `registry build` publishes, QR tokens and the verdicts
(each a code and an exit code). Every company and person is invented."""

import base64
import datetime as dt
import json
import shutil

import pytest
from trust_helpers import (
    PASSPHRASE,
    TODAY,
    certificate_pdf,
    cli,
    make_registry,
    record,
    signer,
)

DAY = dt.timedelta(days=1)
CODE = "QXR7M-2KD9P"


def _events(*pairs):
    return [{"date": day, "action": action, **({"reason": reason} if reason else {})} for day, action, reason in pairs]


def life() -> dict:
    """One certificate of each kind, by role."""
    return {
        "valid": record("ASF-2026-0001"),
        "suspended": record("ASF-2026-0002", status="suspended", events=_events(
            (TODAY - 60 * DAY, "issued", None), (TODAY - 5 * DAY, "suspended", "Skuld till Skatteverket"))),
        "reinstated": record("ASF-2026-0003", events=_events(
            (TODAY - 60 * DAY, "issued", None), (TODAY - 20 * DAY, "suspended", "SAM saknas"), (TODAY - 10 * DAY, "reinstated", "SAM på plats"))),
        "withdrawn": record("ASF-2026-0004", status="withdrawn", events=_events(
            (TODAY - 60 * DAY, "issued", None), (TODAY - 3 * DAY, "withdrawn", "Verksamheten har upphört"))),
        "superseded": record("ASF-2024-0005", decided=TODAY - 700 * DAY, superseded_by="ASF-2026-0006", superseded_on=TODAY - 30 * DAY,
                             events=_events((TODAY - 700 * DAY, "issued", None), (TODAY - 30 * DAY, "superseded", "ASF-2026-0006"))),
        "recertified": record("ASF-2026-0006", decided=TODAY - 30 * DAY, previous="ASF-2024-0005"),
        "expired": record("ASF-2024-0007", decided=TODAY - 900 * DAY),
    }


def issue(reg, who, rec):
    """The record with its signed PDF, written into the registry; returns the PDF."""
    from asfcert.certify.signing import sign_pdf
    from asfcert.formats.certificate import Document
    from asfcert.records import registry
    from asfcert.records.certificates import sha256

    pdf = sign_pdf(certificate_pdf(rec), who, number=rec.number)
    rec = rec.model_copy(update={"documents": {"sv": Document(file=f"{rec.number}-sv.pdf", sha256=sha256(pdf))}})
    (reg / "certificates").mkdir(exist_ok=True)
    (reg / "certificates" / f"{rec.number}.yaml").write_text(registry.dump(rec), encoding="utf-8")
    return pdf


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A registry with keys and signed certificates, the site `registry build` made from it,
    and a stranger's folder holding only the PDFs and the published root.pem."""
    from asfcert.site.build import build

    base = tmp_path_factory.mktemp("anywhere")
    reg = base / "reg"
    store = make_registry(reg)
    who = signer(store)
    recs = life()
    pdfs = {role: issue(reg, who, rec) for role, rec in recs.items()}
    site = base / "site"
    result = build(reg, site, TODAY, "sv", secret=PASSPHRASE.encode())
    stranger = base / "stranger"
    stranger.mkdir()
    shutil.copy(site / "root.pem", stranger / "root.pem")
    for role, pdf in pdfs.items():
        (stranger / f"{role}.pdf").write_bytes(pdf)
    return {"reg": reg, "store": store, "signer": who, "records": recs, "site": site, "stranger": stranger, "build": result,
            "config": base / "config"}


def run(world, *args, cwd=None, config=None):
    """`asfcert verify ...` as a stranger: in their folder, with their own (empty) configuration."""
    env = {"XDG_CONFIG_HOME": str(config or world["config"]), "ASFCERT_LANG": "en"}
    proc = cli("verify", *args, "-f", "json", env=env, passphrase=None, cwd=cwd or world["stranger"])
    data = json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else None
    return proc, data


@pytest.mark.parametrize("role, verdict, code", [
    ("valid", "valid", 0), ("recertified", "valid", 0), ("suspended", "suspended", 1), ("withdrawn", "withdrawn", 1),
    ("superseded", "superseded", 1), ("expired", "expired", 1), ("reinstated", "valid", 0),
])
def test_a_signed_pdf_with_only_the_root_and_the_list(world, role, verdict, code):
    proc, data = run(world, f"{role}.pdf", "--trust", "root.pem", "--status", str(world["site"] / "asf-list.json"))
    assert (data["verdict"], data["exit_code"], proc.returncode) == (verdict, code, code), proc.stderr
    assert data["number"] == world["records"][role].number and data["status_source"] == "list"
    assert data["signature"]["verdict"] == "valid" and "SKOOPI signing 1" in data["signature"]["signer"]


def test_a_site_folder_is_a_status_source_too(world):
    proc, data = run(world, "withdrawn.pdf", "--trust", "root.pem", "--status", str(world["site"]))
    assert (data["verdict"], proc.returncode) == ("withdrawn", 1)


def test_without_a_status_source_it_says_status_not_checked(world):
    proc, data = run(world, "valid.pdf", "--trust", "root.pem")
    assert (data["verdict"], proc.returncode, data["status_source"]) == ("status-not-checked", 3, None)
    assert any("status not checked" in d for d in data["details"])
    terminal = cli("verify", "valid.pdf", "--trust", "root.pem", "--lang", "en", env={"XDG_CONFIG_HOME": str(world["config"])},
                   passphrase=None, cwd=world["stranger"])
    assert terminal.returncode == 3 and "Signature valid; status not checked" in terminal.stdout


def test_one_changed_byte_is_altered(world, tmp_path):
    pdf = bytearray((world["stranger"] / "valid.pdf").read_bytes())
    pdf[len(pdf) // 3] ^= 0x01
    (tmp_path / "changed.pdf").write_bytes(bytes(pdf))
    shutil.copy(world["stranger"] / "root.pem", tmp_path / "root.pem")
    proc, data = run(world, "changed.pdf", "--trust", "root.pem", "--status", str(world["site"]), cwd=tmp_path)
    assert (data["verdict"], proc.returncode) == ("altered", 1)
    assert data["status_source"] is None  # an altered file's status is not looked up


def test_a_pdf_signed_under_another_root_is_unknown_issuer(world, tmp_path):
    from asfcert.certify.signing import sign_pdf

    other = make_registry(tmp_path / "other", name="Falska Certifierare AB")
    rec = world["records"]["valid"]
    (tmp_path / "forged.pdf").write_bytes(sign_pdf(certificate_pdf(rec), signer(other), number=rec.number))
    proc, data = run(world, str(tmp_path / "forged.pdf"), "--trust", "root.pem", "--status", str(world["site"]))
    assert (data["verdict"], proc.returncode) == ("unknown-issuer", 1)
    proc, data = run(world, "valid.pdf", "--trust", str(tmp_path / "other" / "keys" / "root.pem"))  # the real one, another root
    assert (data["verdict"], proc.returncode) == ("unknown-issuer", 1)


def test_a_tampered_list_is_refused(world, tmp_path):
    document = json.loads((world["site"] / "asf-list.json").read_text(encoding="utf-8"))
    payload = json.loads(base64.urlsafe_b64decode(document["payload"] + "=="))
    next(c for c in payload["certificates"] if c["number"] == "ASF-2026-0004").update(status="valid", events=[])
    raw = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    document["payload"] = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    (tmp_path / "asf-list.json").write_text(json.dumps(document), encoding="utf-8")
    proc, data = run(world, "withdrawn.pdf", "--trust", "root.pem", "--status", str(tmp_path / "asf-list.json"))
    assert proc.returncode == 2 and data["code"] == "verify-status-untrusted" and data["file"] == str(tmp_path / "asf-list.json")


def test_the_saved_root_is_used_when_no_other_is_given(world, tmp_path):
    config = tmp_path / "config"
    proc, data = run(world, "valid.pdf", "--status", str(world["site"]), config=config)
    assert proc.returncode == 2 and data["code"] == "verify-no-trust"  # neither --trust, a registry nor a saved root
    proc, data = run(world, "--trust", "root.pem", "--save-trust", config=config)
    assert proc.returncode == 0 and data["root_sha256"] == world["build"].fingerprint
    assert (config / "asfcert" / "trusted-root.pem").read_bytes() == (world["stranger"] / "root.pem").read_bytes()
    shown = cli("verify", "--trust", "root.pem", "--save-trust", env={"XDG_CONFIG_HOME": str(config)}, passphrase=None, cwd=world["stranger"])
    assert world["build"].fingerprint in shown.stdout
    proc, data = run(world, "valid.pdf", "--status", str(world["site"]), config=config)
    assert (data["verdict"], proc.returncode) == ("valid", 0)
    proc, data = run(world, "--trust", "valid.pdf", "--save-trust", config=tmp_path / "other")  # not a certificate
    assert proc.returncode == 2 and data["code"] == "verify-trust-unusable" and not (tmp_path / "other").exists()


def test_as_of_a_date_the_list_and_the_registry_replay_events(world):
    site = str(world["site"])
    during = (TODAY - 15 * DAY).isoformat()
    _, data = run(world, "reinstated.pdf", "--trust", "root.pem", "--status", site, "--as-of", during)
    assert data["verdict"] == "suspended"
    _, data = run(world, "ASF-2026-0003", "--as-of", during, cwd=world["reg"])
    assert (data["verdict"], data["status_source"]) == ("suspended", "registry")
    _, data = run(world, "withdrawn.pdf", "--trust", "root.pem", "--status", site, "--as-of", (TODAY - 4 * DAY).isoformat())
    assert data["verdict"] == "valid"
    _, data = run(world, "superseded.pdf", "--trust", "root.pem", "--status", site, "--as-of", (TODAY - 31 * DAY).isoformat())
    assert data["verdict"] == "valid"
    _, data = run(world, "recertified.pdf", "--trust", "root.pem", "--status", site, "--as-of", (TODAY - 31 * DAY).isoformat())
    assert data["verdict"] == "unknown"  # not issued yet on that day
    _, data = run(world, "valid.pdf", "--trust", "root.pem", "--status", site, "--as-of", (TODAY + 800 * DAY).isoformat())
    assert data["verdict"] == "expired"


def test_inside_the_registry_the_number_and_its_pdf_verify_without_trust(world):
    reg = world["reg"]
    (reg / "copy.pdf").write_bytes((world["stranger"] / "valid.pdf").read_bytes())
    proc, data = run(world, "copy.pdf", cwd=reg)  # the registry's own root, and its records
    assert (data["verdict"], data["status_source"], proc.returncode) == ("valid", "registry", 0)
    proc, data = run(world, "ASF-2026-0004", "--code", CODE, cwd=reg)
    assert (data["verdict"], proc.returncode) == ("withdrawn", 1)


@pytest.mark.parametrize("where", ["registry", "list"])
def test_a_wrong_code_never_reveals_the_right_one(world, where):
    args = ["ASF-2026-0001", "--code", "AAAAA-BBBBB"]
    if where == "list":
        args += ["--trust", "root.pem", "--status", str(world["site"])]
    cwd = world["reg"] if where == "registry" else world["stranger"]
    proc, data = run(world, *args, cwd=cwd)
    assert (data["verdict"], proc.returncode) == ("altered", 1)
    terminal = cli("verify", *args, env={"XDG_CONFIG_HOME": str(world["config"])}, passphrase=None, cwd=cwd)
    for text in (proc.stdout, proc.stderr, terminal.stdout, terminal.stderr):
        assert CODE not in text and "QXR7M" not in text
    proc, data = run(world, "ASF-2026-0001", "--code", CODE.lower().replace("-", " "), *args[3:], cwd=cwd)
    assert data["verdict"] == "valid"


def test_a_number_needs_a_registry_or_a_list(world):
    proc, data = run(world, "ASF-2026-0001", "--code", CODE)
    assert proc.returncode == 2 and data["code"] == "verify-no-status-source"


def test_the_qr_token_verifies_with_the_root(world):
    from asfcert.records.trust import make_token

    rec = world["records"]["valid"]
    token = make_token(rec.number, rec.code, rec.valid_until, world["signer"])
    proc, data = run(world, token, "--trust", "root.pem", "--status", str(world["site"]))
    assert (data["verdict"], data["number"], proc.returncode) == ("valid", rec.number, 0)
    proc, data = run(world, token, cwd=world["reg"])  # the registry's keys know the signing certificate
    assert (data["verdict"], data["status_source"]) == ("valid", "registry")
    proc, data = run(world, token, "--trust", "root.pem")  # no list: the signing certificate is not at hand
    assert proc.returncode == 2 and data["code"] == "verify-token-signer-unknown"
    bundle = world["stranger"] / "bundle.pem"  # what a certifier with no list on the web hands out: root and signing certificates
    bundle.write_bytes((world["stranger"] / "root.pem").read_bytes() + (world["reg"] / "keys" / "signing-01.pem").read_bytes())
    proc, data = run(world, token, "--trust", "bundle.pem")
    assert (data["verdict"], data["number"], proc.returncode) == ("status-not-checked", rec.number, 3)
    proc, data = run(world, token, "--trust", "bundle.pem", "--as-of", (rec.valid_until + DAY).isoformat())
    assert (data["verdict"], proc.returncode) == ("expired", 1)  # the token carries the last day
    head, body, sig = token.split(".")
    forged_body = base64.urlsafe_b64encode(json.dumps({"n": rec.number, "c": rec.code, "u": "2099-01-01"}).encode()).rstrip(b"=").decode()
    proc, data = run(world, f"{head}.{forged_body}.{sig}", "--trust", "root.pem", "--status", str(world["site"]))
    assert (data["verdict"], proc.returncode) == ("altered", 1)
    withdrawn = world["records"]["withdrawn"]
    proc, data = run(world, make_token(withdrawn.number, withdrawn.code, withdrawn.valid_until, world["signer"]),
                     "--trust", "root.pem", "--status", str(world["site"]))
    assert (data["verdict"], proc.returncode) == ("withdrawn", 1)


def test_after_a_key_rotation_old_certificates_still_verify(world, tmp_path):
    from asfcert.records import keys
    from asfcert.records.trust import der
    from asfcert.site.build import build

    reg = tmp_path / "reg"
    shutil.copytree(world["reg"], reg)
    store = keys.open_store(reg)
    keys.rotate(store, PASSPHRASE.encode())
    newer = record("ASF-2026-0010")
    (tmp_path / "newer.pdf").write_bytes(issue(reg, signer(store), newer))
    build(reg, tmp_path / "site", TODAY, "sv", secret=PASSPHRASE.encode())
    header = json.loads(base64.urlsafe_b64decode(json.loads((tmp_path / "site" / "asf-list.json").read_text())["protected"] + "=="))
    assert len(header["x5c"]) == 2 and header["x5c"][0] != base64.b64encode(der(world["signer"].certificate)).decode()  # the new key
    for name in ("valid.pdf", str(tmp_path / "newer.pdf")):  # signed before and after the rotation
        proc, data = run(world, name, "--trust", "root.pem", "--status", str(tmp_path / "site"))
        assert (data["verdict"], proc.returncode) == ("valid", 0), name
    assert "signing 2" in data["signature"]["signer"]


@pytest.mark.parametrize("content", [b"%PDF-1.7\n" + b"0" * 5000, b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"])
def test_a_hostile_pdf_gives_a_verdict_or_exit_2_never_a_traceback(world, tmp_path, content):
    (tmp_path / "hostile.pdf").write_bytes(content)
    proc, data = run(world, str(tmp_path / "hostile.pdf"), "--trust", "root.pem")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 2 or data["verdict"] in ("altered", "unknown-issuer"), (proc.returncode, proc.stdout, proc.stderr)


def test_the_signature_check_runs_within_the_readers_limits(world):
    from asfcert.evidence.signature import check_bounded
    from asfcert.evidence.worker import Limits
    from asfcert.records.trust import der

    pdf = (world["stranger"] / "valid.pdf").read_bytes()
    root = der(world["store"].root())
    assert check_bounded(pdf, root).verdict == "valid"
    assert check_bounded(pdf, root, Limits(wall_seconds=0.05)) == "time"  # the child is stopped, not waited for
    assert check_bounded(pdf, root, Limits(memory_mb=40)) in ("memory", "crashed")  # it cannot even start pyHanko


def test_another_certifiers_registry_is_not_asked(world, tmp_path):
    """A certifier checking someone else's certificate from inside its own registry: the
    status comes from the other certifier's list, never from this registry's records
    (which may hold a certificate with the same number)."""
    other = tmp_path / "other"
    make_registry(other, name="Annan Certifierare AB")
    (other / "certifikat.pdf").write_bytes((world["stranger"] / "valid.pdf").read_bytes())
    shutil.copy(world["stranger"] / "root.pem", other / "skoopi-root.pem")
    proc, data = run(world, "certifikat.pdf", "--trust", "skoopi-root.pem", cwd=other)
    assert (data["verdict"], data["status_source"], proc.returncode) == ("status-not-checked", None, 3)
    proc, data = run(world, "certifikat.pdf", "--trust", "skoopi-root.pem", "--status", str(world["site"]), cwd=other)
    assert (data["verdict"], data["status_source"]) == ("valid", "list")
    proc, data = run(world, "certifikat.pdf", cwd=other)  # this registry's own root: not the signer's
    assert (data["verdict"], proc.returncode) == ("unknown-issuer", 1)

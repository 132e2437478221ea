"""The signed status list (JWS, ES256, the chain in x5c), the compact QR token, and the
offline verification page in a real headless Chromium: a valid certificate, a tampered
list, a withdrawn certificate, a dropped PDF, no console errors and no network."""

import base64
import datetime as dt
import json
import time

import pytest
from test_registry_site import chromium  # noqa: F401 - the module's headless Chromium
from trust_helpers import TODAY, certificate_pdf, make_registry, record, signer

CODE = "QXR7M-2KD9P"


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    store = make_registry(tmp_path_factory.mktemp("keys") / "reg")
    return store, signer(store)


def records():
    """One of each: valid, suspended then reinstated, suspended, withdrawn, expired, replaced
    by a re-certification, and one decided after the list's date."""
    day = dt.timedelta(days=1)
    old = TODAY - 900 * day
    return [
        record("ASF-2026-0001"),
        record("ASF-2026-0002", events=[{"date": TODAY - 60 * day, "action": "issued"}, {"date": TODAY - 20 * day, "action": "suspended", "reason": "SAM saknas"},
                                        {"date": TODAY - 10 * day, "action": "reinstated", "reason": "SAM på plats"}]),
        record("ASF-2026-0003", status="suspended", events=[{"date": TODAY - 5 * day, "action": "suspended", "reason": "Skuld till Skatteverket"}]),
        record("ASF-2026-0004", status="withdrawn", events=[{"date": TODAY - 3 * day, "action": "withdrawn", "reason": "Verksamheten har upphört"}]),
        record("ASF-2024-0005", decided=old),
        record("ASF-2024-0006", decided=TODAY - 700 * day, superseded_by="ASF-2026-0007", superseded_on=TODAY - 30 * day),
        record("ASF-2026-0007", decided=TODAY - 30 * day, previous="ASF-2024-0006"),
        record("ASF-2026-0008", decided=TODAY + 3 * day),
    ]


def signed_list(keys, recs=None, as_of=TODAY):
    from asfcert.site import signed_list as sl

    store, who = keys
    data = sl.payload(recs if recs is not None else records(), certifier="SKOOPI", org_number="829502-4247", root=store.root(),
                      signing_certificates=store.signing_certificates(), as_of=as_of)
    return sl.sign(data, who)


def tampered(document: dict, number: str, **fields) -> dict:
    """The list with one certificate's entry changed, and the signature left as it was."""
    payload = json.loads(base64.urlsafe_b64decode(document["payload"] + "=="))
    next(c for c in payload["certificates"] if c["number"] == number).update(fields)
    raw = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return {**document, "payload": base64.urlsafe_b64encode(raw).rstrip(b"=").decode()}


def test_the_list_is_a_jws_with_its_chain_and_verifies_against_the_root(keys):
    from asfcert.records import status_list
    from asfcert.records.trust import der

    store, who = keys
    document = signed_list(keys)
    header = json.loads(base64.urlsafe_b64decode(document["protected"] + "=="))
    assert header["alg"] == "ES256" and header["typ"] == status_list.JWS_TYPE
    assert [base64.b64decode(c) for c in header["x5c"]] == [der(who.certificate), der(store.root())]
    payload = status_list.read(document, store.root())
    assert payload["format"] == status_list.FORMAT and payload["as_of"] == TODAY.isoformat()
    assert payload["certifier"]["root_sha256"] == store.export()[1]
    statuses = {c["number"]: c["status"] for c in payload["certificates"]}
    assert statuses == {"ASF-2026-0001": "valid", "ASF-2026-0002": "valid", "ASF-2026-0003": "suspended", "ASF-2026-0004": "withdrawn",
                        "ASF-2024-0005": "expired", "ASF-2024-0006": "superseded", "ASF-2026-0007": "valid"}  # 0008: not issued yet
    reinstated = status_list.find(payload, "asf-2026-0002")
    assert [e["action"] for e in reinstated["events"]] == ["issued", "suspended", "reinstated"]
    assert "reason" not in json.dumps(payload) and "Skatteverket" not in json.dumps(payload)  # reasons stay in the registry


def test_the_code_is_checked_but_never_published(keys):
    from asfcert.records import status_list

    document = signed_list(keys)
    payload = status_list.read(document, keys[0].root())
    entry = status_list.find(payload, "ASF-2026-0001")
    assert CODE not in json.dumps(document) and CODE.replace("-", "") not in json.dumps(payload)
    for typed in (CODE, "qxr7m 2kd9p", " QXR7M2KD9P "):
        assert status_list.code_matches(entry, typed)
    for wrong in ("QXR7M-2KD9Q", "", "QXR7M"):
        assert not status_list.code_matches(entry, wrong)
    assert not status_list.code_matches(status_list.find(payload, "ASF-2026-0007"), CODE.lower() + "x")


def test_status_on_a_later_day(keys):
    from asfcert.records import status_list

    payload = status_list.read(signed_list(keys), keys[0].root())
    entry = status_list.find(payload, "ASF-2026-0001")
    assert status_list.status_on(entry, TODAY) == "valid"
    assert status_list.status_on(entry, dt.date.fromisoformat(entry["valid_until"]) + dt.timedelta(days=1)) == "expired"
    assert status_list.status_on(status_list.find(payload, "ASF-2026-0004"), TODAY) == "withdrawn"


@pytest.mark.parametrize("how, reason", [
    ("status", "signature"),
    ("signature", "signature"),
    ("other-signer", "unknown-issuer"),
    ("not-a-jws", "malformed"),
    ("other-type", "malformed"),
])
def test_a_tampered_list_is_refused(keys, tmp_path, how, reason):
    from asfcert.records import status_list
    from asfcert.records.trust import Untrusted, sign_json

    document = signed_list(keys)
    if how == "status":
        document = tampered(document, "ASF-2026-0004", status="valid")
    elif how == "signature":
        sig = bytearray(base64.urlsafe_b64decode(document["signature"] + "=="))
        sig[5] ^= 1
        document = {**document, "signature": base64.urlsafe_b64encode(bytes(sig)).rstrip(b"=").decode()}
    elif how == "other-signer":  # another certifier's key, claiming to be this list
        other = make_registry(tmp_path / "other")
        document = signed_list((other, signer(other)))
    elif how == "not-a-jws":
        document = {"format": "asfcert-asf-list/1", "companies": []}
    else:
        document = sign_json({"format": status_list.FORMAT, "certificates": []}, keys[1], "asfcert-token")
    with pytest.raises(Untrusted) as err:
        status_list.read(document, keys[0].root())
    assert err.value.reason == reason


def test_a_list_signed_with_an_expired_signing_certificate_is_refused(keys):
    from asfcert.records import status_list
    from asfcert.records.trust import Untrusted

    late = keys[1].certificate.not_valid_after_utc + dt.timedelta(days=1)
    with pytest.raises(Untrusted) as err:
        status_list.read(signed_list(keys), keys[0].root(), at=late)
    assert err.value.reason == "expired"


def test_the_qr_token_is_small_signed_and_checked_against_the_root(keys, tmp_path):
    import segno

    from asfcert.records import status_list
    from asfcert.records.trust import Untrusted, check_token, make_token

    store, who = keys
    token = make_token("ASF-2026-0001", CODE, TODAY + dt.timedelta(days=600), who)
    assert len(token) < 260 and segno.make(token, error="m").version <= 12  # fits the certificate's QR code
    claims = check_token(token, store.root(), store.signing_certificates())
    assert (claims.number, claims.code, claims.valid_until) == ("ASF-2026-0001", CODE, TODAY + dt.timedelta(days=600))
    # the signing certificates can come from the signed list instead of the registry
    payload = status_list.read(signed_list(keys), store.root())
    assert check_token(token, store.root(), status_list.signing_certificates(payload)).number == "ASF-2026-0001"
    head, body, sig = token.split(".")
    forged_body = base64.urlsafe_b64encode(json.dumps({"n": "ASF-2026-0001", "c": CODE, "u": "2099-12-31"}).encode()).rstrip(b"=").decode()
    other = make_registry(tmp_path / "other")
    cases = {
        "signature": f"{head}.{forged_body}.{sig}",
        "unknown-issuer": make_token("ASF-2026-0001", CODE, TODAY, signer(other)),
        "malformed": "ASF-2026-0001 " + CODE,
    }
    for reason, bad in cases.items():
        with pytest.raises(Untrusted) as err:
            check_token(bad, store.root(), [*store.signing_certificates(), *other.signing_certificates()])
        assert err.value.reason == reason, bad


# --- the verification page in Chromium -------------------------------------------------------------

def page_files(keys, tmp_path, document=None, lang="sv", name="site"):
    from asfcert.site.signed_list import verify_page

    out = tmp_path / name
    out.mkdir()
    files = verify_page(document if document is not None else signed_list(keys), keys[0].root(), certifier="SKOOPI", lang=lang)
    for file, data in files.items():  # an English page lives in en/
        (out / file).parent.mkdir(parents=True, exist_ok=True)
        (out / file).write_bytes(data)
    return out / next(f for f in files if f.endswith("verify.html"))


def ready(page, timeout=20):
    deadline = time.monotonic() + timeout
    while page.evaluate("document.documentElement.dataset.ready") != "yes":
        assert time.monotonic() < deadline, "the page never finished checking the list"
        time.sleep(0.05)


def answer(page, timeout=20):
    """The verdict shown, once the (asynchronous) check has shown one."""
    deadline = time.monotonic() + timeout
    while not page.evaluate("document.getElementById('verdict').dataset.verdict || ''"):
        assert time.monotonic() < deadline, "no verdict shown"
        time.sleep(0.05)
    return page.evaluate("document.getElementById('verdict').dataset.verdict")


def submit(page, number, code):
    page.evaluate("document.getElementById('verdict').dataset.verdict = ''")
    page.evaluate(f"document.getElementById('number').value = {json.dumps(number)}")
    page.evaluate(f"document.getElementById('code').value = {json.dumps(code)}")
    page.evaluate("document.getElementById('check').click()")
    return answer(page)


def drop_file(page, path):
    """Choose a file in the page's file field, as a person would (DevTools' file chooser)."""
    page.evaluate("document.getElementById('verdict').dataset.verdict = ''")
    browser, session = page.browser, page.session
    root = browser.call("DOM.getDocument", {"depth": 0}, session)["root"]["nodeId"]
    node = browser.call("DOM.querySelector", {"nodeId": root, "selector": "#pdf"}, session)["nodeId"]
    browser.call("DOM.setFileInputFiles", {"files": [str(path)], "nodeId": node}, session)
    return answer(page)


def test_the_page_verifies_the_list_and_a_typed_number_and_code_offline(chromium, keys, tmp_path):  # noqa: F811
    html = page_files(keys, tmp_path)
    source = html.read_text(encoding="utf-8")
    assert "<script>" not in source and "script-src 'self'" in source and "'unsafe-inline'" not in source.split("script-src")[1].split(";")[0]
    page = chromium.open(html.as_uri())
    ready(page)
    assert page.evaluate("document.getElementById('list-status').dataset.state") == "ok"
    assert "signerad av SKOOPI" in page.evaluate("document.getElementById('list-status').textContent")
    assert submit(page, "ASF-2026-0001", CODE.lower()) == "valid"
    shown = page.evaluate("document.getElementById('result').innerText")
    assert "Gröna Händer på Åkern ekonomisk förening" in shown and "Giltigt" in shown
    assert submit(page, "ASF-2026-0001", "QXR7M-2KD9Q") == "code"
    assert CODE not in page.evaluate("document.body.innerText") and "QXR7M" not in page.evaluate("document.getElementById('result').innerText")
    assert submit(page, "ASF-2026-0004", CODE) == "withdrawn"
    assert "återkallat" in page.evaluate("document.getElementById('result').innerText")
    assert submit(page, "ASF-2026-0003", CODE) == "suspended"
    assert submit(page, "ASF-2024-0006", CODE) == "superseded"
    assert submit(page, "ASF-2024-0005", CODE) == "expired"
    assert submit(page, "ASF-2026-9999", CODE) == "unknown"
    assert page.errors == []
    assert all(url.startswith(html.parent.as_uri()) for url in page.requests), page.requests


def test_the_qr_link_prefills_and_checks(chromium, keys, tmp_path):  # noqa: F811
    html = page_files(keys, tmp_path, lang="en")
    page = chromium.open(html.as_uri() + f"#number=ASF-2026-0007&code={CODE}")
    ready(page)
    assert answer(page) == "valid"
    shown = page.evaluate("document.getElementById('result').innerText")
    assert "Valid" in shown and "Replaces" in shown and "ASF-2024-0006" in shown
    assert page.evaluate("document.documentElement.lang") == "en" and page.errors == []


def test_a_tampered_list_shows_no_status(chromium, keys, tmp_path):  # noqa: F811
    document = tampered(signed_list(keys), "ASF-2026-0004", status="valid")  # withdrawn -> valid
    page = chromium.open(page_files(keys, tmp_path, document).as_uri() + f"#number=ASF-2026-0004&code={CODE}")
    ready(page)
    assert page.evaluate("document.getElementById('list-status').dataset.state") == "signature"
    assert "går inte att lita på" in page.evaluate("document.getElementById('list-status').textContent")
    assert page.evaluate("document.getElementById('inputs').hidden") and page.evaluate("document.getElementById('result').hidden")
    assert page.errors == []


def test_a_list_from_another_certifier_is_refused(chromium, keys, tmp_path):  # noqa: F811
    other = make_registry(tmp_path / "other")
    page = chromium.open(page_files(keys, tmp_path, signed_list((other, signer(other)))).as_uri())
    ready(page)
    assert page.evaluate("document.getElementById('list-status').dataset.state") == "issuer"
    assert page.errors == []


def test_a_dropped_certificate_pdf_is_found_and_compared(chromium, keys, tmp_path):  # noqa: F811
    from asfcert.certify.signing import sign_pdf
    from asfcert.formats.certificate import Document
    from asfcert.records.certificates import sha256

    rec = record("ASF-2026-0001")
    pdf = sign_pdf(certificate_pdf(rec), keys[1], number=rec.number)
    issued = rec.model_copy(update={"documents": {"sv": Document(file="ASF-2026-0001-sv.pdf", sha256=sha256(pdf))}})
    withdrawn = record("ASF-2026-0004", status="withdrawn")
    withdrawn_pdf = sign_pdf(certificate_pdf(withdrawn), keys[1], number=withdrawn.number)
    withdrawn = withdrawn.model_copy(update={"documents": {"sv": Document(file="x.pdf", sha256=sha256(withdrawn_pdf))}})
    html = page_files(keys, tmp_path, signed_list(keys, [issued, withdrawn]))
    (tmp_path / "cert.pdf").write_bytes(pdf)
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    (tmp_path / "changed.pdf").write_bytes(bytes(changed))
    (tmp_path / "withdrawn.pdf").write_bytes(withdrawn_pdf)
    (tmp_path / "other.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Subject (Kvitto) >> endobj\n%%EOF\n")
    page = chromium.open(html.as_uri())
    ready(page)
    assert drop_file(page, tmp_path / "cert.pdf") == "valid"
    assert "exakt den som utfärdades" in page.evaluate("document.getElementById('file').textContent")
    assert page.evaluate("document.getElementById('number').value") == "ASF-2026-0001"
    assert drop_file(page, tmp_path / "changed.pdf") == "altered"
    assert drop_file(page, tmp_path / "withdrawn.pdf") == "withdrawn"
    assert drop_file(page, tmp_path / "other.pdf") == "nonumber"
    assert page.errors == []

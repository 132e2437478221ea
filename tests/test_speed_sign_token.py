"""The QR token is signed with cryptography directly (records/trust.make_token), without
importing joserfc: the same header and payload bytes as joserfc's compact serialization,
a signature joserfc and `check_token` accept, and nothing else accepted."""

import base64
import datetime as dt

import pytest
from trust_helpers import TODAY, make_registry, signer

from asfcert.records.trust import (
    TOKEN_TYPE,
    Untrusted,
    _key,
    _registry,
    canonical,
    check_token,
    kid,
    make_token,
)


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    store = make_registry(tmp_path_factory.mktemp("token") / "reg")
    return store, signer(store)


def _joserfc(number, code, until, who) -> str:
    from joserfc import jws

    header = {"alg": "ES256", "typ": TOKEN_TYPE, "kid": kid(who.certificate)}
    return jws.serialize_compact(header, canonical({"n": number, "c": code, "u": until.isoformat()}), _key(who.key), registry=_registry())


@pytest.mark.parametrize("number, code, until", [
    ("ASF-2026-0001", "ABCDE-FGH23", TODAY + dt.timedelta(days=600)),
    ("SKOOPI-2027-123456", "22222-33333", dt.date(2029, 1, 14)),
])
def test_the_token_is_joserfcs_and_checked_as_before(keys, number, code, until):
    from joserfc import jws

    store, who = keys
    ours, theirs = make_token(number, code, until, who), _joserfc(number, code, until, who)
    assert ours.split(".")[:2] == theirs.split(".")[:2]  # the same header and payload, byte for byte
    signature = base64.urlsafe_b64decode(ours.split(".")[2] + "==")
    assert len(signature) == 64 and "=" not in ours  # r || s, base64url without padding
    assert jws.deserialize_compact(ours, _key(who.certificate.public_key()), registry=_registry()).payload == \
        canonical({"n": number, "c": code, "u": until.isoformat()})
    for token in (ours, theirs):
        claims = check_token(token, store.root(), store.signing_certificates())
        assert (claims.number, claims.code, claims.valid_until) == (number, code, until)


def test_a_changed_token_is_refused(keys):
    store, who = keys
    head, body, sig = make_token("ASF-2026-0001", "ABCDE-FGH23", TODAY, who).split(".")
    other = make_token("ASF-2026-0002", "ABCDE-FGH23", TODAY, who).split(".")[1]
    raw = bytearray(base64.urlsafe_b64decode(sig + "=="))
    raw[-1] ^= 1
    flipped = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    for bad in (f"{head}.{other}.{sig}", f"{head}.{body}.{flipped}"):
        with pytest.raises(Untrusted) as err:
            check_token(bad, store.root(), store.signing_certificates())
        assert err.value.reason == "signature"


def test_only_a_p256_key_signs_a_token(keys):
    from cryptography.hazmat.primitives.asymmetric import ec

    _, who = keys
    other = type(who)(who.certificate, ec.generate_private_key(ec.SECP384R1()), who.root)
    with pytest.raises(ValueError):
        make_token("ASF-2026-0001", "ABCDE-FGH23", TODAY, other)



def test_making_a_token_imports_no_joserfc(keys):
    import json
    import os
    import subprocess
    import sys

    from trust_helpers import PASSPHRASE

    store, _ = keys
    code = ("import sys, datetime, pathlib, json\n"
            "from asfcert.records import keys\n"
            "from asfcert.records.trust import make_token\n"
            f"who = keys.open_store(pathlib.Path({str(store.registry)!r})).signer({PASSPHRASE!r}.encode())\n"
            "token = make_token('ASF-2026-0001', 'ABCDE-FGH23', datetime.date(2029, 1, 14), who)\n"
            "print(json.dumps([token, sorted(m for m in sys.modules if m.startswith('joserfc'))]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True).stdout
    token, imported = json.loads(out)
    assert imported == []
    assert check_token(token, store.root(), store.signing_certificates()).number == "ASF-2026-0001"

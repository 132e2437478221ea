"""The key unlock with one key derivation (records/key_unlock.py): a key file as asfcert
writes it is opened without the full PKCS#12 loader, every damaged or tampered file is
refused with the code the full loader gives, and a file laid out otherwise still opens."""

import pytest
from trust_helpers import PASSPHRASE, copy_keys, make_registry

from asfcert.base.errors import Abort
from asfcert.records import key_unlock, keys

SECRET = PASSPHRASE.encode()  # not ASCII: the passphrase's UTF-8 bytes, as PBES2 takes them


@pytest.fixture
def store(tmp_path):
    copy_keys(tmp_path / "reg")
    return keys.KeyStore(tmp_path / "reg", tmp_path / "reg" / keys.KEYS_DIR)


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    """Another registry's keys, with the same passphrase."""
    return make_registry(tmp_path_factory.mktemp("other") / "reg")


def no_full_loader(monkeypatch):
    from cryptography.hazmat.primitives.serialization import pkcs12

    def refuse(*args, **kwargs):
        raise AssertionError("the full PKCS#12 loader was used")

    monkeypatch.setattr(pkcs12, "load_key_and_certificates", refuse)


def count_derivations(monkeypatch) -> list:
    calls = []
    derive = key_unlock.derive

    def counted(bag, secret):
        calls.append(secret)
        return derive(bag, secret)

    monkeypatch.setattr(key_unlock, "derive", counted)
    return calls


def refusal(store, secret=SECRET, **kwargs) -> str:
    with pytest.raises(Abort) as err:
        store.signer(secret, **kwargs)
    return err.value.code


def full_loader_refusal(store, monkeypatch, secret=SECRET) -> str:
    """What the full loader alone says of the same files."""
    with monkeypatch.context() as m:
        m.setattr(key_unlock, "key_bag", lambda data: None)
        return refusal(store, secret)


def test_a_key_file_as_asfcert_writes_it_opens_with_one_derivation(store, monkeypatch):
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12

    data = (store.folder / "signing-01.p12").read_bytes()
    expected, cert, _ = pkcs12.load_key_and_certificates(data, SECRET)
    no_full_loader(monkeypatch)
    calls = count_derivations(monkeypatch)
    signer = store.signer(SECRET)
    assert calls == [SECRET]
    assert signer.key.private_numbers() == expected.private_numbers()
    assert signer.certificate == cert == store.signing_certificates()[0]
    root_key, root = store._unlock(keys.ROOT, SECRET)  # `registry keys --rotate` unlocks the root the same way
    assert root == store.root() and root_key.public_key().public_numbers() == root.public_key().public_numbers()
    bag = key_unlock.key_bag(data)
    assert bag.rounds == keys.KDF_ROUNDS and len(bag.iv) == 16  # the strength is the file's, unchanged
    signature = signer.key.sign(b"certificate", ec.ECDSA(signer.certificate.signature_hash_algorithm))
    signer.certificate.public_key().verify(signature, b"certificate", ec.ECDSA(signer.certificate.signature_hash_algorithm))


def test_a_wrong_passphrase_is_refused_as_before(store, monkeypatch):
    assert refusal(store, "fel lösenfras helt och hållet".encode()) == "key-passphrase-wrong"
    assert full_loader_refusal(store, monkeypatch, "fel lösenfras helt och hållet".encode()) == "key-passphrase-wrong"


def _locate(data: bytes):
    bag = key_unlock.key_bag(data)
    salt = data.index(bag.salt)
    rounds = data.index(b"\x02\x03" + keys.KDF_ROUNDS.to_bytes(3, "big"), salt)  # the key bag's, after its salt
    return bag, salt, rounds, data.index(bag.ciphertext), data.index(bag.iv)


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


@pytest.mark.parametrize("where", ["ciphertext", "ciphertext-last-block", "salt", "rounds", "iv", "truncated", "empty"])
def test_a_tampered_key_bag_is_refused_with_the_full_loaders_code(store, monkeypatch, where):
    path = store.folder / "signing-01.p12"
    data = path.read_bytes()
    bag, salt, rounds, body, iv = _locate(data)
    damaged = {
        "ciphertext": _flip(data, body + 40),
        "ciphertext-last-block": _flip(data, body + len(bag.ciphertext) - 1),  # the padding
        "salt": _flip(data, salt + 3),
        "rounds": data[:rounds + 4] + bytes([data[rounds + 4] ^ 0x01]) + data[rounds + 5:],  # 600,001: cheap to derive wrongly
        "iv": _flip(data, iv),
        "truncated": data[: len(data) // 2],
        "empty": b"",
    }[where]
    path.write_bytes(damaged)
    assert refusal(store) == full_loader_refusal(store, monkeypatch) == "key-passphrase-wrong"


def test_a_key_bag_swapped_in_from_another_registry_is_refused(store, other, monkeypatch):
    """The same passphrase opens the other key: only its match with signing-01.pem refuses it."""
    path = store.folder / "signing-01.p12"
    data = path.read_bytes()
    mine, theirs = key_unlock.key_bag(data), key_unlock.key_bag((other.folder / "signing-01.p12").read_bytes())
    for old, new in ((mine.salt, theirs.salt), (mine.iv, theirs.iv), (mine.ciphertext, theirs.ciphertext)):
        assert len(old) == len(new) and data.count(old) == 1
        data = data.replace(old, new)
    path.write_bytes(data)
    assert key_unlock.key_bag(data) is not None  # laid out as asfcert writes it: the fast path opens the bag
    assert refusal(store) == full_loader_refusal(store, monkeypatch) == "key-passphrase-wrong"  # the MAC, in the full loader


def test_another_registrys_whole_key_file_does_not_belong_with_the_certificate(store, other, monkeypatch):
    (store.folder / "signing-01.p12").write_bytes((other.folder / "signing-01.p12").read_bytes())
    assert refusal(store) == full_loader_refusal(store, monkeypatch) == "keys-broken"


def test_a_key_file_laid_out_otherwise_opens_through_the_full_loader(store, monkeypatch):
    from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12

    key, cert = store._unlock("signing-01", SECRET)
    legacy = (PrivateFormat.PKCS12.encryption_builder().kdf_rounds(1000)
              .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC).build(SECRET))
    data = pkcs12.serialize_key_and_certificates(b"signing", key, cert, None, legacy)
    assert key_unlock.key_bag(data) is None  # no PBES2: not walked
    (store.folder / "signing-01.p12").write_bytes(data)
    assert store.signer(SECRET).key.private_numbers() == key.private_numbers()
    assert refusal(store, b"not the passphrase at all") == "key-passphrase-wrong"


@pytest.mark.parametrize("garbage", [b"\x30\x80\x02\x01\x03", b"\x30\x84\xff\xff\xff\xff", b"\x30\x03\x02\x01\x03", b"\x04\x00"])
def test_a_layout_walk_never_raises(garbage):
    assert key_unlock.key_bag(garbage) is None


def test_the_early_derivation_serves_only_its_own_bytes_and_passphrase(store, monkeypatch):
    calls = count_derivations(monkeypatch)
    early = store.unlocking(SECRET)
    no_full_loader(monkeypatch)
    assert store.signer(SECRET, early=early).certificate == store.signing_certificates()[0]
    assert calls == [SECRET]  # the thread's, and none after it
    wrong = store.unlocking(b"not the passphrase at all")
    assert store.signer(SECRET, early=wrong) is not None and calls[-1] == SECRET  # derived again, with the right one
    early = store.unlocking(SECRET)
    other_bytes = key_unlock.Unlocking(b"not the file", SECRET)
    assert other_bytes.key_for((store.folder / "signing-01.p12").read_bytes(), SECRET) is None
    assert early.key_for(b"another file", SECRET) is None and early.key_for(early.pfx, b"another passphrase") is None


def test_the_early_derivation_for_a_replaced_file_is_not_used(store, other, monkeypatch):
    early = store.unlocking(SECRET)
    (store.folder / "signing-01.p12").write_bytes((other.folder / "signing-01.p12").read_bytes())
    assert refusal(store, early=early) == "keys-broken"


def test_no_early_derivation_without_keys(tmp_path):
    assert keys.KeyStore(tmp_path, tmp_path / "keys").unlocking(SECRET) is None

"""The validated standard kept as a pickle (standard/kept.py): the same model as a fresh
validation, never the one of another file, and a cache entry can never run code."""

import pickle
from decimal import Decimal

import pytest
from helpers import edited_standard, same_size_edit

from asfcert.io.cache import Cache
from asfcert.standard import kept
from asfcert.standard.load import _MEMO, load_standard


def fresh(path=None, cache=None):
    _MEMO.clear()  # the per-process memo would hide the cache
    return load_standard(path, cache)


def entries(cache: Cache) -> list:
    return sorted((cache.root / kept.NAMESPACE).rglob("*.pickle"))


def test_the_kept_standard_is_the_validated_one(tmp_path):
    cache = Cache(root=tmp_path / "cache")
    validated, digest = fresh(None, Cache(enabled=False))
    first, _ = fresh(None, cache)
    assert len(entries(cache)) == 1
    loaded, again = fresh(None, cache)
    assert again == digest
    assert loaded == first == validated
    assert loaded.model_dump() == validated.model_dump()
    assert loaded.model_fields_set == validated.model_fields_set
    decimals = [v for r in loaded.requirements for spec in r.checks for v in spec.__dict__.values() if isinstance(v, Decimal)]
    assert decimals, "parameters keep their types (Decimal), unlike a JSON round trip"


def test_an_edited_standard_is_validated_again(tmp_path):
    cache = Cache(root=tmp_path / "cache")
    base, _ = fresh(None, cache)
    path = edited_standard(tmp_path, "certificate_validity_years: 2", "certificate_validity_years: 3")
    edited, _ = fresh(path, cache)
    assert (base.policy.certificate_validity_years, edited.policy.certificate_validity_years) == (2, 3)
    assert len(entries(cache)) == 2


@pytest.mark.parametrize("damage", [b"", b"not a pickle", "truncated"])
def test_a_damaged_entry_is_dropped_and_the_file_validated(tmp_path, damage):
    cache = Cache(root=tmp_path / "cache")
    validated, _ = fresh(None, cache)
    entry = entries(cache)[0]
    entry.write_bytes(entry.read_bytes()[:100] if damage == "truncated" else damage)
    loaded, _ = fresh(None, cache)
    assert loaded == validated
    assert entry.read_bytes() == pickle.dumps(validated, protocol=pickle.HIGHEST_PROTOCOL)  # written again


RAN: list = []


def record(what):
    RAN.append(what)


class Trap:
    """Unpickled, it would call `record`: a stand-in for any callable a pickle can name."""

    def __reduce__(self):
        return (record, ("ran",))


def test_an_entry_that_names_anything_else_is_refused(tmp_path):
    cache = Cache(root=tmp_path / "cache")
    validated, _ = fresh(None, cache)
    entry = entries(cache)[0]
    entry.write_bytes(pickle.dumps(Trap()))
    pickle.loads(pickle.dumps(Trap()))
    assert RAN == ["ran"]  # the trap works
    loaded, _ = fresh(None, cache)
    assert RAN == ["ran"]
    assert loaded == validated


def test_no_cache_keeps_nothing(tmp_path):
    cache = Cache(enabled=False, root=tmp_path / "cache")
    fresh(None, cache)
    assert not (tmp_path / "cache").exists()


def test_an_unchanged_standard_file_is_not_read_again_in_the_process(tmp_path, monkeypatch):
    from asfcert.company import signatures
    from asfcert.standard import load

    path = tmp_path / "standard.yaml"
    path.write_bytes(load.default_standard().read_bytes())
    monkeypatch.setattr(signatures, "RACY_NS", 0)  # trust a file written just now
    reads = []
    real = load.read_bytes
    monkeypatch.setattr(load, "read_bytes", lambda *a: reads.append(a) or real(*a))
    first, digest = load_standard(path)
    again, digest_again = load_standard(path)
    assert (again, digest_again) == (first, digest)
    assert len(reads) == 1


def test_a_standard_file_edited_in_the_process_is_read_again(tmp_path, monkeypatch):
    from asfcert.company import signatures
    from asfcert.standard import load

    path = tmp_path / "standard.yaml"
    text = load.default_standard().read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(signatures, "RACY_NS", 0)
    first, digest = load_standard(path)
    title = first.requirements[0].title.sv
    assert title.startswith("A")
    same_size_edit(path, title, "X" + title[1:])  # same size, same mtime: only ctime differs
    edited, edited_digest = load_standard(path)
    assert edited_digest != digest
    assert edited.requirements[0].title.sv == "X" + title[1:]

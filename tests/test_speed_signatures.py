"""Change detection by signature (company/signatures.py): a file is read again whenever its
size, mtime, ctime, inode or device changed, never served from an old hash, and an
unchanged file is not read at all."""

import hashlib
import os
import time

import pytest
from helpers import make_company, run

from asfcert.company import signatures
from asfcert.company.folder import CompanyFolder
from asfcert.io.cache import Cache


@pytest.fixture(autouse=True)
def fresh_signatures(monkeypatch):
    monkeypatch.setattr(signatures, "_STORES", {})


@pytest.fixture
def trusted(monkeypatch):
    """Trust a hash at once (the tests' files were all written a moment ago)."""
    monkeypatch.setattr(signatures, "RACY_NS", 0)


def no_reading(monkeypatch):
    import asfcert.company.folder as folder

    def refuse(*args, **kwargs):
        raise AssertionError("a file was read")

    monkeypatch.setattr(folder, "_content_digest", refuse)


def same_size_edit(path, old: bytes, new: bytes) -> None:
    """Replace `old` by `new` (as long) in place, then set the modification time back."""
    st = os.stat(path)
    data = path.read_bytes()
    assert len(old) == len(new) and data.count(old) == 1
    time.sleep(0.05)  # past a tick of the file system's clock, within the same second
    with open(path, "r+b") as fh:  # in place: same inode
        fh.write(data.replace(old, new))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (st.st_size, st.st_mtime_ns, st.st_ino)
    assert after.st_ctime_ns != st.st_ctime_ns


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch, trusted):
    root = make_company(tmp_path / "c")
    cache = Cache(root=tmp_path / "cache")
    first = CompanyFolder(root).digest(cache)
    monkeypatch.setattr(signatures, "_STORES", {})  # a new run: only the cache remains
    no_reading(monkeypatch)
    assert CompanyFolder(root).digest(cache) == first


def test_a_same_size_edit_in_the_same_second_is_seen(tmp_path, trusted):
    root = make_company(tmp_path / "c")
    cache = Cache(root=tmp_path / "cache")
    profile = root / "company.yaml"
    first = CompanyFolder(root).digest(cache)
    text = profile.read_bytes()
    old = text[text.index(b"name: ") : text.index(b"\n", text.index(b"name: "))]
    same_size_edit(profile, old, old[:-1] + (b"X" if old[-1:] != b"X" else b"Y"))
    signatures._STORES.clear()
    edited = CompanyFolder(root).digest(cache)
    assert edited != first
    assert CompanyFolder(root).content_hash("company.yaml") == hashlib.sha256(profile.read_bytes()).hexdigest()


def test_a_same_size_edit_changes_the_verdict(tmp_path, trusted):
    """The whole check, cache on: the edited profile is read, the cached result not used."""
    root = make_company(tmp_path / "c")
    assert run(root, use_cache=True).ready
    signatures._STORES.clear()
    profile = root / "company.yaml"
    text = profile.read_bytes()
    assert text.count(b"share_percent: 100") == 1, text
    same_size_edit(profile, b"share_percent: 100", b"share_percent: 900")
    signatures._STORES.clear()
    after = run(root, use_cache=True)
    assert not after.ready
    assert after.to_dict() == run(root, use_cache=False).to_dict()


def test_a_file_replaced_by_another_with_the_same_size_and_times_is_read(tmp_path, trusted):
    root = make_company(tmp_path / "c")
    cache = Cache(root=tmp_path / "cache")
    first = CompanyFolder(root).digest(cache)
    profile = root / "company.yaml"
    st = os.stat(profile)
    text = profile.read_bytes()
    swapped = root / "swap.tmp"
    swapped.write_bytes(text.replace(b"name: ", b"namn: ", 1))
    os.utime(swapped, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(swapped, profile)  # a new inode, as an editor's save
    signatures._STORES.clear()
    assert CompanyFolder(root).digest(cache) != first


def test_a_file_changed_just_now_is_always_read(tmp_path, monkeypatch):
    """Within RACY_NS of its last change a file's hash is not kept: a second change within
    the same tick of the clock would keep its signature."""
    root = make_company(tmp_path / "c")
    folder = CompanyFolder(root)
    folder.digest(Cache(root=tmp_path / "cache"))
    assert signatures.of(str(folder.root)).known == {}
    no_reading(monkeypatch)
    with pytest.raises(AssertionError, match="a file was read"):
        CompanyFolder(root).digest(Cache(root=tmp_path / "cache"))


def test_old_files_are_trusted_and_kept(tmp_path):
    root = make_company(tmp_path / "c")
    old = time.time_ns() - 3 * signatures.RACY_NS
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(old, old))
    time.sleep(signatures.RACY_NS / 1e9 + 0.05)  # ctime, which no tool can set, must age too
    cache = Cache(root=tmp_path / "cache")
    CompanyFolder(root).digest(cache)
    assert len(signatures.of(str(CompanyFolder(root).root)).known) == len(CompanyFolder(root).files)
    assert list((tmp_path / "cache" / signatures.NAMESPACE).rglob("*.json"))


def test_without_the_cache_nothing_is_kept(tmp_path, trusted):
    root = make_company(tmp_path / "c")
    CompanyFolder(root).digest(Cache(enabled=False, root=tmp_path / "cache"))
    assert not (tmp_path / "cache").exists()


def test_same_verdicts_with_and_without_signatures(tmp_path, trusted):
    root = make_company(tmp_path / "c", owners=[{"name": "Kommunen", "kind": "kommun", "share_percent": 1}])
    cold = run(root, use_cache=False).to_dict()
    run(root, use_cache=True)
    signatures._STORES.clear()
    warm = run(root, use_cache=True).to_dict()
    assert warm == cold

"""Which files changed, without reading them: a file's content hash is reused while its
signature (size, mtime_ns, ctime_ns, inode, device) is the one it had when it was hashed.

An edit changes the signature even when it keeps the size and the modification time: the
kernel sets ctime on every write and on `touch -d`, and no user tool can set it back. One
case remains, as for git's index: a file changed twice within one tick of the file system's
clock (a few milliseconds) right after it was hashed could keep its signature. So a hash
is trusted only for a file last changed more than RACY_NS before it was hashed; a file
edited just now (the profile a supervisor is editing) is hashed again on every run, which
costs little for a YAML file.

The signatures live in memory per company folder for the run (a check hashes each file
once, not once per step) and, with the cache on, in the cache between runs."""

from __future__ import annotations

import os
import time

from asfcert.io.cache import Cache, key

RACY_NS = 2_000_000_000
NAMESPACE = "signatures"
_VERSION = 1


def signature(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


class Signatures:
    """The known hashes of one folder's files: path -> (signature, hash)."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[tuple, str]] = {}
        self.changed = False
        self.loaded = False

    def get(self, path: str, st: os.stat_result) -> str | None:
        """The hash of the file at `path` if `st` is the signature it was hashed with."""
        hit = self.known.get(path)
        return hit[1] if hit is not None and hit[0] == signature(st) else None

    def put(self, path: str, st: os.stat_result, digest: str) -> None:
        """Note the hash of a file read while its status was `st` (taken before reading:
        a write during the read changes the signature, and the next run reads it again)."""
        if max(st.st_mtime_ns, st.st_ctime_ns) > time.time_ns() - RACY_NS:
            if self.known.pop(path, None) is not None:
                self.changed = True
            return
        entry = (signature(st), digest)
        if self.known.get(path) != entry:
            self.known[path] = entry
            self.changed = True


_STORES: dict[str, Signatures] = {}


def of(root: str) -> Signatures:
    """The signatures of the folder at `root` (a real path) in this process."""
    found = _STORES.get(root)
    if found is None:
        found = _STORES[root] = Signatures()
    return found


def _key(root: str) -> str:
    return key(NAMESPACE, _VERSION, root)


def load(root: str, cache: Cache) -> Signatures:
    """The folder's signatures, with those kept in the cache by an earlier run."""
    store = of(root)
    if store.loaded or not cache.enabled:
        return store
    store.loaded = True
    kept = cache.get(NAMESPACE, _key(root))
    files = kept.get("files") if isinstance(kept, dict) else None
    if not isinstance(files, dict):
        return store
    for path, entry in files.items():
        try:
            sig, digest = tuple(int(n) for n in entry[:5]), entry[5]
        except (TypeError, ValueError, IndexError):
            continue
        if isinstance(digest, str) and len(sig) == 5:
            store.known.setdefault(path, (sig, digest))  # what this run hashed itself wins
    return store


def save(root: str, cache: Cache) -> None:
    """Keep the folder's signatures for the next run, when any changed."""
    store = of(root)
    if not store.changed or not cache.enabled:
        return
    files = {path: [*sig, digest] for path, (sig, digest) in store.known.items()}
    cache.put(NAMESPACE, _key(root), {"files": files})
    store.changed = False

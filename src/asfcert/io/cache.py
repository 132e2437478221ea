"""A content-addressed cache of derived facts in the user cache directory (platformdirs).

Keys are SHA-256 digests of everything a value depends on, file contents included, so an
edited file can never be served stale. Entries are JSON written atomically; an entry that
cannot be read is ignored and removed. Deleting the whole cache is always safe.
Set ASFCERT_CACHE_DIR to move it, or pass --no-cache to bypass it.

While a `Bundle` is active (`using`), every JSON entry is read from and written to it: one
file per company folder holding all of that folder's entries (its check result, summary,
document facts, parses and file signatures), read once and written once per run, instead
of a dozen small files (a cohort run checks a thousand folders)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import asfcert


def cache_root() -> Path:
    override = os.environ.get("ASFCERT_CACHE_DIR")
    if override:
        return _root(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("asfcert", appauthor=False))


@lru_cache(maxsize=8)
def _root(override: str) -> Path:
    """The Path of $ASFCERT_CACHE_DIR, made once per value: a check makes a `Cache` for
    each thing it derives (a cohort run a dozen per company)."""
    return Path(override)


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """The version plus the signature of every source file, so that a changed asfcert
    (in development, or an upgrade) never reuses results of the old one."""
    return source_fingerprint(os.path.dirname(asfcert.__file__), asfcert.__version__)


def source_fingerprint(base: str, version: str) -> str:
    """The digest of `version` and every .py file's path and signature below `base`: size,
    mtime, ctime and inode. ctime is set by the system on every write and cannot be set back
    by user tools, so an edit that keeps the size and the mtime changes it too; the inode
    tells a file replaced by a rename. Stat calls only, except for a file changed in the
    last two seconds, whose content counts too: a second edit within one tick of the file
    system's clock could keep its signature (as in company/signatures.py)."""
    h = hashlib.sha256(version.encode())
    recent = time.time_ns() - _RACY_NS
    for rel, path, st in sorted(_sources(base, "")):
        h.update(f"{rel}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}\n".encode())
        if max(st.st_mtime_ns, st.st_ctime_ns) > recent:
            try:
                with open(path, "rb") as fh:
                    h.update(hashlib.file_digest(fh, "sha256").digest())
            except OSError:
                h.update(b"unreadable")
    return h.hexdigest()


_RACY_NS = 2_000_000_000


def _sources(folder: str, prefix: str):
    """(relative path, stat) of every .py file below `folder`: os.scandir, whose entries
    carry their stat, at a fraction of the cost of pathlib's rglob on every run. The
    bytecode folders hold no source and as many entries again: they are not listed."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py") and entry.is_file(follow_symlinks=False):
                yield f"{prefix}{entry.name}", entry.path, entry.stat()
            elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                yield from _sources(entry.path, f"{prefix}{entry.name}/")


def key(*parts) -> str:
    h = hashlib.sha256(tool_fingerprint().encode())
    for part in parts:
        h.update(b"\x00")
        h.update(part if isinstance(part, bytes) else str(part).encode())
    return h.hexdigest()


class Cache:
    def __init__(self, enabled: bool = True, root: Path | None = None):
        self.enabled = enabled
        self.root = root or (cache_root() if enabled else Path())

    def _path(self, namespace: str, digest: str, suffix: str = ".json") -> Path:
        return Path(self._file(namespace, digest, suffix))

    def _file(self, namespace: str, digest: str, suffix: str = ".json") -> str:
        """The entry's file as a string: a cold cohort run looks for a dozen entries per
        company that are not there, and joining Paths cost more than the failed open. The
        bundles lie side by side (`FLAT`); other entries in folders by their first two hex
        digits."""
        if namespace in FLAT:
            return os.path.join(self.root, namespace, digest + suffix)
        return os.path.join(self.root, namespace, digest[:2], digest + suffix)

    def get(self, namespace: str, digest: str):
        bundle = self._bundle(namespace)
        if bundle is None:
            return self._get(namespace, digest)
        found = bundle.get(namespace, digest)
        if found is None and self.enabled and not bundle.new:
            found = self._get(namespace, digest)  # an entry written outside any bundle
            if found is not None:
                bundle.put(namespace, digest, found)
        return found

    def _bundle(self, namespace: str) -> Bundle | None:
        bundle = _ACTIVE.get()
        if bundle is None or bundle.root != self.root or namespace in SHARED:
            return None
        return bundle

    def _get(self, namespace: str, digest: str):
        raw = self.get_bytes(namespace, digest)
        if raw is None:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            self.drop(namespace, digest)
            return None

    def put(self, namespace: str, digest: str, value) -> None:
        bundle = self._bundle(namespace)
        if bundle is not None:
            bundle.put(namespace, digest, value)
            return
        if not self.enabled:
            return
        raw = _encoded(value)
        if raw is not None:
            self.put_bytes(namespace, digest, raw)

    def keep(self, namespace: str, digest: str, value) -> None:
        """Remember a value for this run only, in the active bundle (if any): never written."""
        bundle = self._bundle(namespace)
        if bundle is not None:
            bundle.keep(namespace, digest, value)

    def get_bytes(self, namespace: str, digest: str, suffix: str = ".json") -> bytes | None:
        """The bytes of an entry (None when there is none or it cannot be read)."""
        if not self.enabled:
            return None
        try:
            with open(self._file(namespace, digest, suffix), "rb") as fh:
                return fh.read()
        except FileNotFoundError:
            return None
        except OSError:
            self.drop(namespace, digest, suffix)
            return None

    def put_bytes(self, namespace: str, digest: str, raw: bytes, suffix: str = ".json") -> None:
        if not self.enabled:
            return
        path = self._path(namespace, digest, suffix)
        try:
            try:  # the folder is made only when missing: a cold cohort run writes a thousand entries
                fd, tmp = _temporary(path.parent)
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = _temporary(path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(raw)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a cache that cannot be written only costs speed

    def get_kept(self, namespace: str, digest: str, allowed: Callable[[str, str], bool]):
        """An object kept with `put_kept`, or None. The cache is the user's, yet a pickle can
        name any callable: only what `allowed(module, name)` accepts is looked up, and an
        entry that is refused or damaged is removed."""
        raw = self.get_bytes(namespace, digest, _KEPT)
        if raw is None:
            return None
        import io
        import pickle

        class Reader(pickle.Unpickler):
            def find_class(self, module: str, name: str):
                if allowed(module, name):
                    return super().find_class(module, name)
                raise pickle.UnpicklingError(f"{module}.{name} is not kept here")

        try:
            return Reader(io.BytesIO(raw)).load()
        except Exception:  # noqa: BLE001 - damaged, truncated or refused: made again
            self.drop(namespace, digest, _KEPT)
            return None

    def put_kept(self, namespace: str, digest: str, value) -> None:
        """Keep `value` as a pickle: it comes back without being built again (validated)."""
        if not self.enabled:
            return
        import pickle

        try:
            raw = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self.put_bytes(namespace, digest, raw, _KEPT)

    def drop(self, namespace: str, digest: str, suffix: str = ".json") -> None:
        """Remove an entry that cannot be used (damaged, or from an incompatible version)."""
        try:
            os.unlink(self._file(namespace, digest, suffix))
        except OSError:
            pass


def _temporary(folder: Path) -> tuple[int, str]:
    """A new file of its own in `folder`, as `tempfile.mkstemp` makes one (whose import,
    shutil's archivers with it, cost a check after an edit more than writing its entries)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    while True:
        tmp = os.path.join(folder, f".tmp-{os.urandom(8).hex()}")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue


_KEPT = ".pickle"
# The plain values a kept model may hold besides its models (dates and times, amounts).
PLAIN = frozenset({
    ("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone"), ("datetime", "timedelta"),
    ("decimal", "Decimal"),
})


def models_of(modules: tuple[str, ...], also: frozenset = PLAIN) -> Callable[[str, str], bool]:
    """What `Cache.get_kept` may build for a kept model: the pydantic models defined in
    `modules`, and the classes `also` names as (module, name)."""

    seen: dict[tuple[str, str], bool] = {}  # asked once per class, not once per entry

    def allowed(module: str, name: str) -> bool:
        found = seen.get((module, name))
        if found is None:
            found = seen[module, name] = (module, name) in also or module in modules and _model(module, name)
        return found

    return allowed


def _model(module: str, name: str) -> bool:
    import importlib

    from pydantic import BaseModel

    found = getattr(importlib.import_module(module), name, None)
    return isinstance(found, type) and issubclass(found, BaseModel) and found.__module__ == module


BUNDLES = "company"  # the namespace of the bundles
# One file per company folder, in one folder: a registry's thousand bundles are few for any
# file system, and a cold run made a folder for each first two hex digits (256 mkdir calls,
# the slowest file operation of its writes).
FLAT = frozenset({BUNDLES})
# What every company folder shares (the list of public bodies the rules read) stays in its
# own files, read by all: not copied into each folder's bundle.
SHARED = frozenset({"public-bodies"})
_BUNDLE_FORMAT = 1
# A bundle is a line of its format, then a line per entry: its name, a tab and its JSON text
# (compact JSON has no line break), so that reading one decodes only the entries a run uses.
_BUNDLE_SUFFIX = ".bundle"
_ACTIVE: ContextVar[Bundle | None] = ContextVar("asfcert_cache_bundle", default=None)


class Bundle:
    """The cache entries of one company folder, kept together in one file.

    Read on first use; `flush` writes it once (atomically, only when something changed).
    What it writes: the entries this run used, and those it did not use but read, unless
    `complete` says that this run evaluated the whole folder (then every entry the folder's
    current content needs was used, and the rest belongs to content that is gone). `keep`
    holds values for this run only (never written): a document read in this run whose
    outcome is not final (time, budget) is not read twice in one run, nor, with the cache
    off, one read before the folder is evaluated (cohort/run.py)."""

    def __init__(self, cache: Cache, name: str):
        self.name = name
        self.root = cache.root
        self.enabled = cache.enabled
        self.digest = key(BUNDLES, _BUNDLE_FORMAT, name)
        self._cache = cache
        self._loaded: dict[str, bytes] | None = None
        self.used: dict[str, bytes] = {}  # entry name -> its JSON text in UTF-8, as written
        self.kept: dict[str, bytes] = {}
        self.changed = False
        self.complete = False
        self._absent = False  # no bundle file when it was read

    @property
    def new(self) -> bool:
        """Whether the folder had no bundle yet (never checked): then a miss is not looked
        for in an entry's file of its own either. Such files are written only outside any
        bundle; missing one costs only making the entry again, where a cold cohort run
        looked in vain for four of them per company."""
        self._on_disk()
        return self._absent

    def _on_disk(self) -> dict[str, bytes]:
        if self._loaded is None:
            self._loaded = {}
            raw = self._cache.get_bytes(BUNDLES, self.digest, _BUNDLE_SUFFIX) if self.enabled else None
            self._absent = raw is None
            if raw is not None:
                try:
                    self._loaded = _entries(raw)
                except ValueError:
                    self._cache.drop(BUNDLES, self.digest, _BUNDLE_SUFFIX)
        return self._loaded

    def empty(self) -> bool:
        """Whether nothing is kept for the folder yet (a first run): nothing to look up."""
        return not self.used and not self.kept and not self._on_disk()

    def get(self, namespace: str, digest: str):
        """A fresh copy of the entry (each is kept as its JSON text), or None."""
        name = f"{namespace}/{digest}"
        text = self.kept.get(name) or self.used.get(name)
        if text is None:
            text = self._on_disk().get(name)
            if not isinstance(text, bytes):
                return None
            self.used[name] = text
        try:
            return json.loads(text)
        except ValueError:
            self.used.pop(name, None)
            self.changed = True
            return None

    def put(self, namespace: str, digest: str, value) -> None:
        if not self.enabled:  # --no-cache: for this run only
            self.keep(namespace, digest, value)
            return
        text = _encoded(value)
        name = f"{namespace}/{digest}"
        if text is not None and self.used.get(name) != text:
            self.used[name] = text
            self.changed = True

    def forget(self, namespace: str, digest: str) -> None:
        """Not write the entry this run put (what it was made from changed meanwhile)."""
        name = f"{namespace}/{digest}"
        self.kept.pop(name, None)
        if self.used.pop(name, None) is not None:
            self.changed = True

    def keep(self, namespace: str, digest: str, value) -> None:
        text = _encoded(value)
        if text is not None:
            self.kept[f"{namespace}/{digest}"] = text

    def flush(self) -> None:
        if not self.enabled or not self.changed:
            return
        entries = dict(self.used) if self.complete else {**self._on_disk(), **self.used}
        # each entry is kept as the bytes it is written as: the whole is not encoded again
        lines = [b"%d\n" % _BUNDLE_FORMAT] + [b"%s\t%s\n" % (name.encode("ascii"), text) for name, text in entries.items()]
        self._cache.put_bytes(BUNDLES, self.digest, b"".join(lines), _BUNDLE_SUFFIX)
        self._loaded, self.changed = entries, False


@contextmanager
def using(bundle: Bundle | None) -> Iterator[Bundle | None]:
    """Every JSON entry of `bundle`'s cache goes through it inside (None: none does)."""
    token = _ACTIVE.set(bundle)
    try:
        yield bundle
    finally:
        _ACTIVE.reset(token)


def active() -> Bundle | None:
    return _ACTIVE.get()


def _entries(raw: bytes) -> dict[str, bytes]:
    """The entries of a bundle's bytes (ValueError: not a bundle of this format). Split as
    bytes: UTF-8 has no line break or tab inside another character, and an entry whose
    text is not UTF-8 fails when it is read (Bundle.get), as a damaged entry does."""
    first, _, rest = raw.partition(b"\n")
    if first != b"%d" % _BUNDLE_FORMAT:
        raise ValueError("not a bundle")
    entries = {}
    for line in rest.split(b"\n")[:-1]:
        name, tab, text = line.partition(b"\t")
        if not tab:
            raise ValueError("not a bundle")
        entries[name.decode("utf-8")] = text
    return entries


# Entries are built from plain data and hold no cycles: not looking for one (check_circular)
# spares a sixth of the encoding; a value that had one would end in RecursionError, not cached.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def _encoded(value) -> bytes | None:
    """The value as compact JSON text in UTF-8, or None (then it is not cached)."""
    try:
        return _ENCODE(value).encode("utf-8")  # UnicodeEncodeError: a lone surrogate (a file name that is not UTF-8)
    except (TypeError, ValueError, RecursionError):
        return None


# Parsed YAML is cached as JSON: dates, odd floats and bytes need a tag to survive the round trip.
def encode(value):
    kind = type(value)  # most of a parse is text and whole numbers: returned at once
    if kind is str or kind is int or kind is bool or value is None:
        return value
    # ... and not even passed to a call of its own inside a mapping or a list
    if kind is dict:
        return {"$map": [[k if type(k) in _AS_IS else encode(k), v if type(v) in _AS_IS else encode(v)] for k, v in value.items()]}
    if kind is list:
        return [v if type(v) in _AS_IS else encode(v) for v in value]
    import datetime as dt

    if isinstance(value, dict):
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, float) and value != value:
        return {"$float": "nan"}
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return {"$float": repr(value)}
    if isinstance(value, bytes):
        return {"$bytes": value.hex()}
    return value


_AS_IS = frozenset({str, int, bool, type(None)})  # what `encode` returns unchanged


def decode(value):
    import datetime as dt

    kind = type(value)  # JSON gives exact types: scalars, the most of a parse, return at once
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is list:
        return [decode(v) for v in value]
    if kind is dict:
        if "$map" in value:
            return {decode(k): decode(v) for k, v in value["$map"]}
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
        if "$datetime" in value:
            return dt.datetime.fromisoformat(value["$datetime"])
        if "$float" in value:
            return float(value["$float"])
        if "$bytes" in value:
            return bytes.fromhex(value["$bytes"])
    return value

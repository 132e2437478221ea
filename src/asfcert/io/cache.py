"""A content-addressed cache of derived facts in the user cache directory (platformdirs).

Keys are SHA-256 digests of everything a value depends on, file contents included, so an
edited file can never be served stale. Entries are JSON written atomically; an entry that
cannot be read is ignored and removed. Deleting the whole cache is always safe.
Set ASFCERT_CACHE_DIR to move it, or pass --no-cache to bypass it."""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

import asfcert


def cache_root() -> Path:
    override = os.environ.get("ASFCERT_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("asfcert", appauthor=False))


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """The version plus the size and mtime of every source file, so that a changed
    asfcert (in development, or an upgrade) never reuses results of the old one."""
    h = hashlib.sha256(asfcert.__version__.encode())
    base = os.path.dirname(asfcert.__file__)
    for rel, st in sorted(_sources(base, "")):
        h.update(f"{rel}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _sources(folder: str, prefix: str):
    """(relative path, stat) of every .py file below `folder`: os.scandir, whose entries
    carry their stat, at a fraction of the cost of pathlib's rglob on every run."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _sources(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".py"):
                yield f"{prefix}{entry.name}", entry.stat()


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
        return self.root / namespace / digest[:2] / f"{digest}{suffix}"

    def get(self, namespace: str, digest: str):
        raw = self.get_bytes(namespace, digest)
        if raw is None:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            self.drop(namespace, digest)
            return None

    def put(self, namespace: str, digest: str, value) -> None:
        if not self.enabled:
            return
        try:
            raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError):
            return
        self.put_bytes(namespace, digest, raw)

    def get_bytes(self, namespace: str, digest: str, suffix: str = ".json") -> bytes | None:
        """The bytes of an entry (None when there is none or it cannot be read)."""
        if not self.enabled:
            return None
        try:
            with open(self._path(namespace, digest, suffix), "rb") as fh:
                return fh.read()
        except FileNotFoundError:
            return None
        except OSError:
            self.drop(namespace, digest, suffix)
            return None

    def put_bytes(self, namespace: str, digest: str, raw: bytes, suffix: str = ".json") -> None:
        if not self.enabled:
            return
        import tempfile

        path = self._path(namespace, digest, suffix)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(raw)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a cache that cannot be written only costs speed

    def drop(self, namespace: str, digest: str, suffix: str = ".json") -> None:
        """Remove an entry that cannot be used (damaged, or from an incompatible version)."""
        try:
            self._path(namespace, digest, suffix).unlink()
        except OSError:
            pass


# Parsed YAML is cached as JSON: dates, odd floats and bytes need a tag to survive the round trip.
def encode(value):
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


def decode(value):
    import datetime as dt

    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
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

"""A record file's validated model kept in the cache by the SHA-256 of its bytes (and the
tool's: io.cache.key), as the model's JSON: the same bytes are not parsed and validated
again, an edited file is another key, and an entry that does not validate is dropped.
Used by records/registry.py for certificate records and registry.yaml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from asfcert.base.findings import Kind


def raw(path: Path, shown: str) -> bytes:
    """A record file's bytes, read as the loader reads them (in its own folder, not a link
    out); io.yamlfile.YamlProblem when it cannot be."""
    from asfcert.io.yamlfile import read_bytes

    return read_bytes(path, shown, within=path.parent)


def kept(raw: bytes, cache, namespace: str) -> tuple[str, bytes | None]:
    """The key of these bytes in `namespace`, and the model's JSON kept under it (None when
    there is none, or it is not a JSON object: that entry is dropped)."""
    import hashlib
    import json

    from asfcert.io.cache import key

    digest = key(namespace, hashlib.sha256(raw).hexdigest())
    kept = cache.get_bytes(namespace, digest)
    if kept is not None:
        try:
            whole = isinstance(json.loads(kept), dict)
        except ValueError:
            whole = False
        if not whole:
            cache.drop(namespace, digest)
            kept = None
    return digest, kept


def from_kept(kept: bytes, cache, namespace: str, digest: str, model, otherwise: Callable[[], object]):
    """The model from its kept JSON; `otherwise()` when the entry does not validate (it is dropped)."""
    try:
        return model.model_validate_json(kept)
    except ValueError:  # pydantic's ValidationError, a damaged entry
        cache.drop(namespace, digest)
        return otherwise()


def valid_and_kept(raw: bytes, shown: str, cache, namespace: str, digest: str, model, kind: Kind, otherwise: Callable[[], object]):
    """The model validated from these bytes (not a second read), kept as its JSON when that
    validates back to the same; `otherwise()` (the loader, which says where and why) when
    the bytes are not UTF-8."""
    from asfcert.records.files import checked_text

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return otherwise()
    instance = checked_text(text, shown, model, kind)[0]
    dumped = instance.model_dump_json().encode("utf-8")
    if model.model_validate_json(dumped) == instance:
        cache.put_bytes(namespace, digest, dumped)
    return instance

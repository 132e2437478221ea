"""The validated standard, kept in the cache as a pickle of the model: a run after the
first loads it without validating the file again, and without building the validators of
the standard's models (pydantic builds them on first validation: most of the load).

Keyed by the standard file's SHA-256 and asfcert itself (io.cache.key), so an edited file
or another asfcert never reads an old entry. The cache is the user's, yet a pickle can
name any callable: the reader accepts only the standard's own models and Decimal, and an
entry it refuses is removed and the file validated again."""

from __future__ import annotations

import io
import pickle
from decimal import Decimal

from asfcert.io.cache import Cache, key
from asfcert.standard import plain

NAMESPACE = "standard"
_SUFFIX = ".pickle"
VERSION = 1  # bump when the models' shape changes in a way the tool fingerprint cannot see


class _Reader(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) == ("decimal", "Decimal"):
            return Decimal
        if module == "asfcert.standard.model" or module.startswith("asfcert.rules."):
            from pydantic import BaseModel

            found = super().find_class(module, name)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a standard")


def _key(digest: str) -> str:
    return key(NAMESPACE, VERSION, digest)


def get(cache: Cache, digest: str, Standard=None):
    """The kept `Standard` of the file with this SHA-256, or None. Without `Standard` (the
    model), in plain objects (standard/plain.py): no model is built."""
    raw = cache.get_bytes(NAMESPACE, _key(digest), _SUFFIX)
    if raw is None:
        return None
    try:
        found = _Reader(io.BytesIO(raw)).load() if Standard is not None else plain.read(raw)
    except Exception:  # noqa: BLE001 - damaged, truncated or refused: validate the file again
        found = None
    if found is None or (Standard is not None and type(found) is not Standard):
        cache.drop(NAMESPACE, _key(digest), _SUFFIX)
        return None
    return found


def put(cache: Cache, digest: str, standard) -> None:
    cache.put_bytes(NAMESPACE, _key(digest), _pickled(standard), _SUFFIX)


def as_plain(standard):
    """The validated `standard` in plain objects, as `get` reads it kept."""
    return plain.read(_pickled(standard))


def _pickled(standard) -> bytes:
    return pickle.dumps(standard, protocol=pickle.HIGHEST_PROTOCOL)

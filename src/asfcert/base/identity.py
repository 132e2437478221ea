"""Values made once per object and process, for objects that never change: a standard's
requirements and texts (frozen models, or standard/plain.py's read-only objects, each
standard kept per process by standard/load.py). A cohort run evaluates the same standard
for a thousand companies; what depends on the standard alone is made once, not once per
company."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class ByIdentity(Generic[T]):
    """`get(obj, make)`: `make(obj)`, made on the first call for `obj`. Keyed by the object's
    identity (not by its value: hashing a model's values would cost what is saved), so the
    object is held with its value, and its id cannot be reused by another while the entry
    lives. At most `kept` entries: then all are dropped and made again when asked."""

    def __init__(self, kept: int = 10_000):
        self.made: dict[int, tuple[object, T]] = {}
        self.kept = kept

    def get(self, obj, make: Callable[[object], T]) -> T:
        found = self.made.get(id(obj))
        if found is None or found[0] is not obj:
            found = (obj, make(obj))
            if len(self.made) >= self.kept:
                self.made.clear()
            self.made[id(obj)] = found
        return found[1]

"""Cache entries are encoded by one encoder that does not look for cycles (issue 17 item 4):
the same text as `json.dumps` for any value it can hold, and nothing cached for a value it
cannot (a cycle, a lone surrogate, an object JSON does not know)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from asfcert.io import cache
from asfcert.io.cache import Bundle, Cache, _encoded

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5) | st.integers() | st.booleans(), inner, max_size=4),
    max_leaves=20,
)


def _plain(value) -> bytes | None:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError):
        return None


@given(VALUES)
def test_the_text_is_that_of_json_dumps(value):
    assert _encoded(value) == _plain(value)


def test_what_cannot_be_held_is_not_cached(tmp_path):
    looped: list = []
    looped.append(looped)
    nested: dict = {}
    nested["self"] = {"again": nested}
    for value in (looped, nested, {"name": "\udc80"}, {"n": 1j}, {(1, 2): 3}, object()):
        assert _encoded(value) is None
    bundle = Bundle(Cache(True, tmp_path), "folder")
    bundle.put("check", "k", looped)
    assert bundle.get("check", "k") is None and not bundle.changed
    assert cache._encoded([1, "å", {"a": None}]) == '[1,"å",{"a":null}]'.encode()

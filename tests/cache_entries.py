"""What the cache holds, whatever file an entry is in: alone (`namespace/xx/digest.json`) or
in a company folder's bundle (io/cache.Bundle, one file per folder)."""

from __future__ import annotations

import json
from pathlib import Path

from asfcert.io.cache import BUNDLES, cache_root


def bundles() -> list[Path]:
    root = cache_root() / BUNDLES
    return sorted(root.rglob("*.json")) if root.exists() else []


def entries(namespace: str) -> dict[str, str]:
    """`digest -> JSON text` of every entry of `namespace`."""
    found: dict[str, str] = {}
    alone = cache_root() / namespace
    for path in sorted(alone.rglob("*.json")) if alone.exists() else []:
        found[path.stem] = path.read_text()
    for path in bundles():
        for name, text in json.loads(path.read_text())["entries"].items():
            space, _, digest = name.partition("/")
            if space == namespace:
                found[digest] = text
    return found


def replace(namespace: str, text: str) -> int:
    """Overwrite every entry of `namespace` with `text` (damage it); how many there were."""
    count = 0
    alone = cache_root() / namespace
    for path in sorted(alone.rglob("*.json")) if alone.exists() else []:
        path.write_text(text)
        count += 1
    for path in bundles():
        data = json.loads(path.read_text())
        for name in data["entries"]:
            if name.startswith(namespace + "/"):
                data["entries"][name] = text
                count += 1
        path.write_text(json.dumps(data))
    return count

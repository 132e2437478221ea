"""What the cache holds, whatever file an entry is in: alone (`namespace/xx/digest.json`) or
in a company folder's bundle (io/cache.Bundle, one file per folder)."""

from __future__ import annotations

from pathlib import Path

from asfcert.io.cache import BUNDLES, cache_root


def bundles() -> list[Path]:
    root = cache_root() / BUNDLES
    return sorted(root.rglob("*.bundle")) if root.exists() else []


def _read(path: Path) -> tuple[str, dict[str, str]]:
    head, *lines = path.read_text(encoding="utf-8").split("\n")[:-1]
    return head, dict(line.split("\t", 1) for line in lines)


def _write(path: Path, head: str, found: dict[str, str]) -> None:
    path.write_text("".join([head + "\n"] + [f"{name}\t{text}\n" for name, text in found.items()]), encoding="utf-8")


def entries(namespace: str) -> dict[str, str]:
    """`digest -> JSON text` of every entry of `namespace`."""
    found: dict[str, str] = {}
    alone = cache_root() / namespace
    for path in sorted(alone.rglob("*.json")) if alone.exists() else []:
        found[path.stem] = path.read_text()
    for path in bundles():
        for name, text in _read(path)[1].items():
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
        head, found = _read(path)
        for name in found:
            if name.startswith(namespace + "/"):
                found[name] = text
                count += 1
        _write(path, head, found)
    return count

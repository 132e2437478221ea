"""A YAML file as a tree that structural mutations change, written back as text.

The file is loaded with ruamel.yaml's round-trip mode (comments and key order survive) and
dumped the same way. What ruamel would never write (deep block nesting, anchors, tags, raw
control characters, a key twice) goes into the tree as a placeholder token and is put into
the text after dumping: a *raw* fragment replaces its token verbatim, inline or, for a
block fragment, on the following lines, indented under the key or item that held it."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML

# Placeholders are plain lowercase words that no template file contains.
_TOKEN = "fuzzraw{:05d}x"


def _yaml() -> YAML:
    y = YAML(typ="rt", pure=True)
    y.width = 2**30  # never fold a long line: a token must stay on one line
    y.allow_unicode = True
    return y


@dataclass(frozen=True)
class Slot:
    """One place in the tree: the root (parent None), a mapping value or a list item."""

    parent: Any
    key: Any
    path: tuple

    def get(self, doc: Doc) -> Any:
        return doc.root if self.parent is None else self.parent[self.key]

    def set(self, doc: Doc, value: Any) -> None:
        if self.parent is None:
            doc.root = value
        else:
            self.parent[self.key] = value

    @property
    def name(self) -> str:
        """The nearest mapping key on the path ('' at the root or under lists only)."""
        return next((str(p) for p in reversed(self.path) if isinstance(p, str)), "")


class Doc:
    def __init__(self, text: str):
        self.root = _yaml().load(text)
        self._raw: dict[str, tuple[str, bool, str]] = {}

    # ---- placeholders ---------------------------------------------------------------------

    def raw(self, text: str, *, block: bool = False, head: str = "") -> str:
        """A token standing for `text`: inline (after `key: ` or `- `), or block lines
        (without their indentation) written under the key or item that holds the token,
        after `head` on the key's line (`|` for a literal block scalar)."""
        token = _TOKEN.format(len(self._raw))
        self._raw[token] = (text, block, head)
        return token

    # ---- the tree --------------------------------------------------------------------------

    def slots(self) -> list[Slot]:
        """Every place in the tree, in document order, the root first."""
        out = [Slot(None, None, ())]

        def walk(node: Any, path: tuple) -> None:
            if isinstance(node, dict):
                items = [(k, node[k]) for k in list(node)]
            elif isinstance(node, list):
                items = list(enumerate(node))
            else:
                return
            for key, value in items:
                out.append(Slot(node, key, path + (key,)))
                walk(value, path + (key,))

        walk(self.root, ())
        return out

    def mappings(self) -> list[Slot]:
        return [s for s in self.slots() if isinstance(s.get(self), dict) and s.get(self)]

    def lists(self) -> list[Slot]:
        return [s for s in self.slots() if isinstance(s.get(self), list) and s.get(self)]

    def keys(self) -> list[str]:
        """Every mapping key in the document, each once, in document order."""
        seen: dict[str, None] = {}
        for slot in self.slots():
            if isinstance(slot.key, str):
                seen.setdefault(slot.key, None)
        return list(seen)

    # ---- back to text ----------------------------------------------------------------------

    def text(self) -> str:
        if isinstance(self.root, str) and self.root in self._raw:
            return self._raw[self.root][0] + "\n"
        buf = io.StringIO()
        _yaml().dump(self.root, buf)
        out = buf.getvalue()
        # Fragments may hold other tokens (a raw key inside a raw block): latest first.
        for token in reversed(list(self._raw)):
            out = _substitute(out, token, *self._raw[token])
        return out


def _substitute(out: str, token: str, raw: str, block: bool, head: str) -> str:
    at = out.find(token)
    if at < 0:  # a later mutation removed the place that held it
        return out
    end = at + len(token)
    if not block:
        return out[:at] + raw + out[end:]
    start = out.rfind("\n", 0, at) + 1
    line = out[start:at]
    column = len(line) - len(line.lstrip(" -"))  # where the key (or the item) starts
    indent = " " * (column + 2)
    eol = out.find("\n", end)
    eol = len(out) if eol < 0 else eol
    lines = "\n".join(indent + part if part else part for part in raw.split("\n"))
    before = out[:at] + head if head else out[:at].rstrip(" ")
    return before + out[end:eol] + "\n" + lines + out[eol:]


def is_date(value: Any) -> bool:
    return isinstance(value, dt.date)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)

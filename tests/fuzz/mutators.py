"""Structural mutations: changes to a YAML file's tree (see yamltext.py), each written back
as text a person or a broken tool could have written.

A mutator is a name, a family and a tuple of *variants*. A case's plan chooses the mutator
and its variant (so a plan shows what a case will do before any file is read); applying it
chooses, with the case's own random.Random, where in the file it happens. `apply` returns
what it did, or None when the file has no place for it (then the case says so)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from fuzz.yamltext import Doc, Slot, is_date, is_number


@dataclass(frozen=True)
class Mutator:
    name: str
    family: str  # structure | text | bytes | names
    variants: tuple
    apply: Callable  # structure: (rng, doc, variant) -> str | None; see textual.py for the others

    def label(self, variant: Any) -> str:
        shown = variant if isinstance(variant, str) else "/".join(map(str, variant)) if isinstance(variant, tuple) else str(variant)
        return f"{self.name}({ascii(shown)[1:-1]})"


# ---- values ---------------------------------------------------------------------------------

# Dates at the edge of the calendar (and just past it), written unquoted as a person would;
# the last and first days of the calendar more often than the others.
DATES = (
    "9999-12-31", "9999-12-31", "9999-12-31", "0001-01-01", "0001-01-01", "0000-01-01", "10000-01-01", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00-23:59",
    "2024-02-29", "2023-02-29", "2026-13-01", "2026-11-31", "1900-01-01", "1970-01-01", "2026-12-02", "2099-12-31",
)
HUGE_NUMBERS = (
    "1e308", "1e309", "-1e999", ".inf", "-.inf", ".nan", "1" + "0" * 30, "9" * 400, "9" * 5000,
    str(2**63), str(2**64 + 1), "0x7fffffffffffffff", "0o777", "1_000_000", "1.7976931348623157e308", "5e-324",
)
NEGATIVE_NUMBERS = ("-1", "-0", "-0.0", "-2147483648", str(-(2**63) - 1), "-1e-300", "-40000", "-100", "-0.5", "-1e308")
TAGS = (
    "!!timestamp x", "!!timestamp 2026-13-45", "!!timestamp 9999-12-31T23:59:59Z", "!!timestamp ''",
    "!!python/object:os.system x", "!!python/object/apply:os.system ['touch PWNED']", "!!python/name:os.system ''",
    "!!binary aGVq", "!!set {a, b}", "!!omap [a: 1, b: 2]", "!!pairs [a: 1]", "!!int x", "!!float abc", "!!str 5",
    "!!null x", "!!bool ja", "!!map []", "!!seq {}", "!lokal x", "!<tag:yaml.org,2002:str> x", "!<!> x", "!!merge x",
)
# One-character troublemakers: C0 and C1 controls, DEL, the Unicode line and paragraph
# separators, bidi overrides, zero-width and non-characters, a lone surrogate.
CONTROLS = (
    "\x00", "\x01", "\x07", "\x08", "\x1b", "\x1b[2J", "\x7f", "\x80", "\x85", "\x9b", "\u200b", "\u202e", "\u2066",
    "\ufeff", "\ufffe", "\U0010ffff", "\ud800",
)
SEPARATORS = ("\t", "\x85", "\u2028", "\u2029", "\r", "\x0b", "\x0c", "\t\x85")
TEXT_KEYS = ("comment", "description", "summary", "name", "reason", "about", "figures", "title", "sv", "en", "role")
STRINGS = (
    "", " ", "x", "null", "~", "ja", "NO", "=HYPERLINK(\"http://x\")", "<script>alert(1)</script>", "{{ 7*7 }}",
    "../../../etc/passwd", "/etc/passwd", "C:\\Windows\\x.pdf", "evidence/../../x.pdf", "😀" * 3, "e\u0301", "Å" * 300,
)
WORDS = ("ja", "nej", "Ja", "NEJ", "yes", "no", "on", "off", "y", "n", "~", "Null", "sant", "34 000 kr", "12,5 %", "1 000", "2,5")


def _plain(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_.\-åäöÅÄÖ]+", key) else json.dumps(key, ensure_ascii=False)


def _scalar_text(value: Any) -> str:
    if is_date(value):
        return value.isoformat()
    return json.dumps(value if isinstance(value, (str, int, float, bool)) or value is None else str(value), ensure_ascii=False)


def _pick(rng: random.Random, slots: list[Slot], prefer: Callable[[Slot], bool] | None = None, weight: float = 0.8) -> Slot | None:
    """A slot, one that `prefer` likes with probability `weight` when there is one."""
    if not slots:
        return None
    if prefer is not None:
        liked = [s for s in slots if prefer(s)]
        if liked and rng.random() < weight:
            return rng.choice(liked)
    return rng.choice(slots)


def _inner(doc: Doc) -> list[Slot]:
    return doc.slots()[1:]


def _scalar(doc: Doc) -> Callable[[Slot], bool]:
    return lambda s: not isinstance(s.get(doc), (dict, list))


def _where(slot: Slot) -> str:
    return "/" + "/".join(map(str, slot.path))


# ---- keys and items: delete, duplicate, swap, rename ------------------------------------------


def _members(node: dict | list) -> list:
    """The keys of a mapping or the indices of a list."""
    return list(node) if isinstance(node, dict) else list(range(len(node)))


def _containers(doc: Doc, variant: str) -> list[Slot]:
    return doc.mappings() if "key" in variant or "values" in variant else doc.lists()


def delete(rng: random.Random, doc: Doc, variant: str) -> str | None:
    """A key or an item (`one-key`, `one-item`), or all of a mapping's or list's (`all-...`)."""
    slot = _pick(rng, _containers(doc, variant))
    if slot is None:
        return None
    node = slot.get(doc)
    if variant.startswith("all"):
        node.clear()
        return f"emptied {_where(slot)}"
    member = rng.choice(_members(node))
    del node[member]
    return f"deleted {_where(slot)}/{member}"


def duplicate(rng: random.Random, doc: Doc, variant: str) -> str | None:
    """A key once more, with the same or another value (`key-...`), or an item once or
    fifty times more (`item-...`)."""
    slot = _pick(rng, _containers(doc, variant))
    if slot is None:
        return None
    node = slot.get(doc)
    member = rng.choice(_members(node))
    if isinstance(node, dict):
        value = copy.deepcopy(node[member]) if variant == "key-same" else _other_type(rng, rng.choice(_TYPES))
        node.insert(rng.randrange(len(node) + 1), doc.raw(_plain(str(member))), value)
        return f"{_where(slot)}/{member} twice"
    for _ in range(1 if variant == "item-once" else 50):
        node.insert(rng.randrange(len(node) + 1), copy.deepcopy(node[member]))
    return f"{_where(slot)}/{member} copied ({variant})"


def swap(rng: random.Random, doc: Doc, variant: str) -> str | None:
    if variant != "anywhere":  # two values of one mapping, or two items of one list
        slot = _pick(rng, [s for s in _containers(doc, variant) if len(s.get(doc)) > 1])
        if slot is None:
            return None
        node = slot.get(doc)
        a, b = rng.sample(_members(node), 2)
        node[a], node[b] = node[b], node[a]
        return f"swapped {_where(slot)}/{a} and {b}"
    slots = _inner(doc)
    for _ in range(20):  # two places, neither inside the other
        a, b = rng.sample(slots, 2) if len(slots) > 1 else (None, None)
        if a is None:
            return None
        if a.path[: len(b.path)] != b.path and b.path[: len(a.path)] != a.path:
            va, vb = a.get(doc), b.get(doc)
            a.set(doc, vb)
            b.set(doc, va)
            return f"swapped {_where(a)} and {_where(b)}"
    return None


_CONFUSABLE = str.maketrans("aeopcx", "аеорсх")  # Cyrillic letters that look Latin


def rename_key(rng: random.Random, doc: Doc, variant: str) -> str | None:
    slot = _pick(rng, doc.mappings())
    if slot is None:
        return None
    mapping = slot.get(doc)
    key = rng.choice(list(mapping))
    text = str(key)
    new = {
        "upper": lambda: _plain(text.upper()),
        "typo": lambda: _plain(text[:-1] or "x"),
        "trailing-space": lambda: json.dumps(text + " ", ensure_ascii=False),
        "confusable": lambda: json.dumps(text.translate(_CONFUSABLE), ensure_ascii=False),
        "empty": lambda: '""',
        "null": lambda: "~",
        "number": lambda: str(rng.choice([0, 1, 3.1, -1])),
        "flow-list": lambda: "[a, b]",
        "flow-map": lambda: "{a: 1}",
        "other": lambda: _plain(rng.choice(doc.keys())),
    }[variant]()
    position = list(mapping).index(key)
    value = mapping.pop(key)
    mapping.insert(position, doc.raw(new), value)
    return f"{_where(slot)}/{key} renamed {new}"


# ---- values: types, nesting, size ----------------------------------------------------------------

_TYPES = ("int", "negative", "float", "bool", "null", "empty-string", "string", "list", "map", "date", "empty-list", "empty-map")


def _other_type(rng: random.Random, kind: str) -> Any:
    return {
        "int": lambda: rng.choice([0, 1, 7, 100, 2026, 10**6]),
        "negative": lambda: -rng.choice([1, 100, 10**6]),
        "float": lambda: rng.choice([0.5, 2.5, 1e-9, 3.14159]),
        "bool": lambda: rng.choice([True, False]),
        "null": lambda: None,
        "empty-string": lambda: "",
        "string": lambda: rng.choice(STRINGS),
        "list": lambda: CommentedSeq([rng.choice(STRINGS), 1]),
        "map": lambda: CommentedMap([("a", 1), ("b", rng.choice(STRINGS))]),
        "date": lambda: rng.choice([dt.date(2026, 1, 1), dt.date(1, 1, 1), dt.date(9999, 12, 31)]),
        "empty-list": lambda: CommentedSeq(),
        "empty-map": lambda: CommentedMap(),
    }[kind]()


def change_type(rng: random.Random, doc: Doc, variant: str) -> str | None:
    slot = _pick(rng, _inner(doc), _scalar(doc), 0.7)
    if slot is None:
        return None
    if variant == "swedish-words":
        slot.set(doc, doc.raw(rng.choice(WORDS)))
        return f"{_where(slot)} became {variant}"
    before, value = slot.get(doc), _other_type(rng, variant)
    for _ in range(5):  # another value than the one there
        if not (type(value) is type(before) and value == before):
            break
        value = _other_type(rng, variant)
    slot.set(doc, (not value) if isinstance(value, bool) and value == before else value)
    return f"{_where(slot)} became {variant}"


def _nesting(shape: str, depth: int) -> tuple[str, bool]:
    """(text, whether it is a block) nested `depth` levels deep."""
    return {
        "block-seq": lambda: ("- " * depth + "x", True),
        "block-key": lambda: ("? " * depth + "x", True),
        "block-map": lambda: ("\n".join(" " * i + "a:" for i in range(depth)) + "\n" + " " * depth + "x", True),
        "block-then-flow": lambda: ("- " * depth + "[" * 100 + "]" * 100, True),
        "flow-seq": lambda: ("[" * depth + "]" * depth, False),
        "flow-map": lambda: ("{a: " * depth + "x" + "}" * depth, False),
    }[shape]()


def deep_nesting(rng: random.Random, doc: Doc, variant: tuple[str, int]) -> str | None:
    slot = _pick(rng, _inner(doc))
    if slot is None:
        return None
    text, block = _nesting(*variant)
    slot.set(doc, doc.raw(text, block=block))
    return f"{_where(slot)} nested {variant[1]} deep ({variant[0]})"


def long_string(rng: random.Random, doc: Doc, variant: tuple[str, int]) -> str | None:
    style, length = variant
    slot = _pick(rng, _inner(doc), lambda s: isinstance(s.get(doc), str) or s.name in TEXT_KEYS)
    if slot is None:
        return None
    words = "Gröna händer på åkern arbetar vidare "
    text = (words * (length // len(words) + 1))[:length]
    if style == "literal":
        token = doc.raw("\n".join(text[i:i + 80] for i in range(0, length, 80)), block=True, head=" |")
    else:
        token = doc.raw({"plain": text.strip(), "double": f'"{text}"', "single": f"'{text}'"}[style])
    slot.set(doc, token)
    return f"{_where(slot)} is {length} characters ({style})"


_ITEMS = {"number": "1", "path": "evidence/stadgar/stadgar.pdf", "map": "{}"}


def huge_list(rng: random.Random, doc: Doc, variant: tuple[str, int, str]) -> str | None:
    style, count, item = variant
    slot = _pick(rng, _inner(doc), lambda s: isinstance(s.get(doc), list))
    if slot is None:
        return None
    text = _ITEMS[item]
    if style == "flow":
        token = doc.raw("[" + ", ".join([text] * count) + "]")
    else:
        token = doc.raw("\n".join(["- " + text] * count), block=True)
    slot.set(doc, token)
    return f"{_where(slot)} is a list of {count} ({style})"


def many_keys(rng: random.Random, doc: Doc, variant: tuple[str, int]) -> str | None:
    style, count = variant
    slot = _pick(rng, _inner(doc), lambda s: isinstance(s.get(doc), dict))
    if slot is None:
        return None
    if style == "flow":
        token = doc.raw("{" + ", ".join(f"k{i}: {i}" for i in range(count)) + "}")
    elif style == "block-same-key":
        token = doc.raw("\n".join(f"k: {i}" for i in range(count)), block=True)
    else:
        token = doc.raw("\n".join(f"k{i}: {i}" for i in range(count)), block=True)
    slot.set(doc, token)
    return f"{_where(slot)} has {count} keys ({style})"


# ---- YAML features asfcert refuses: anchors, aliases, tags ------------------------------------------


def _laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines)


def alias(rng: random.Random, doc: Doc, variant: str) -> str | None:
    slots = _inner(doc)
    if not slots:
        return None
    if variant == "anchor-and-alias":
        scalars = [s for s in slots if _scalar(doc)(s)]
        if len(scalars) < 2:
            return None
        first, second = sorted(rng.sample(range(len(scalars)), 2))
        a, b = scalars[first], scalars[second]
        a.set(doc, doc.raw("&ankare " + _scalar_text(a.get(doc))))
        b.set(doc, doc.raw("*ankare"))
        return f"{_where(b)} is an alias of {_where(a)}"
    slot = rng.choice(slots)
    slot.set(doc, {
        "undefined": lambda: doc.raw("*finns_inte"),
        "anchor-only": lambda: doc.raw("&ankare " + _scalar_text(slot.get(doc) if _scalar(doc)(slot) else "x")),
        "billion-laughs": lambda: doc.raw(_laughs(), block=True),
        "recursive": lambda: doc.raw("&r [*r]"),
        "merge": lambda: CommentedMap([(doc.raw("<<"), doc.raw("{extra: 1}")), ("a", 1)]),
    }[variant]())
    return f"{_where(slot)}: {variant}"


# ---- characters in text ------------------------------------------------------------------------


def _text_slot(rng: random.Random, doc: Doc, keys: tuple[str, ...]) -> Slot | None:
    """A text value, preferably under one of `keys` (an empty `comment:` counts)."""
    slots = _inner(doc)
    by_key = [s for s in slots if s.key in keys and _scalar(doc)(s)]
    if by_key and rng.random() < 0.9:
        return rng.choice(by_key)
    return _pick(rng, slots, lambda s: isinstance(s.get(doc), str), 0.9)


def _with(rng: random.Random, doc: Doc, slot: Slot, chars: str, mode: str, at: str) -> None:
    """The value with `chars` put in `at` its start, its end or anywhere."""
    before = slot.get(doc) if isinstance(slot.get(doc), str) and len(slot.get(doc)) < 200 else "Bra jobbat"
    cut = {"start": 0, "end": len(before)}.get(at, rng.randrange(len(before) + 1))
    text = before[:cut] + chars + before[cut:]
    if mode == "raw":  # the characters themselves in the file, in a plain or quoted scalar
        text = text.replace("'", "").replace('"', "").replace("\\", "")
        style = rng.choice(["plain", "single", "double"])
        if style == "plain" and (": " in text or " #" in text or not text[:1].isalnum()):
            style = "single"
        slot.set(doc, doc.raw({"plain": "{}", "single": "'{}'", "double": '"{}"'}[style].format(text)))
    else:  # ruamel writes them as escapes (\t, \N, \L, ...): the data holds them all the same
        slot.set(doc, text)


def characters(rng: random.Random, doc: Doc, variant: tuple[str, str, str]) -> str | None:
    """(where: an auditor's `comment`, at its start or end, or any text; raw or escaped;
    the characters). A raw lone surrogate is written as its (invalid) UTF-8 bytes."""
    where, mode, chars = variant
    slot = _text_slot(rng, doc, ("comment",) if where.startswith("comment") else TEXT_KEYS)
    if slot is None:
        return None
    _with(rng, doc, slot, chars, mode, where.rpartition("-")[2])
    return f"{_where(slot)} holds {chars!a} ({mode})"


# ---- dates and numbers ------------------------------------------------------------------------------


def _replacing(likes: Callable[[Any, str], bool], weight: float) -> Callable:
    """A mutator that writes its variant, verbatim, in place of a value; one it `likes`
    (value, variant) with probability `weight`."""

    def apply(rng: random.Random, doc: Doc, variant: str) -> str | None:
        slot = _pick(rng, _inner(doc), lambda s: likes(s.get(doc), variant), weight)
        if slot is None:
            return None
        slot.set(doc, doc.raw(variant))
        return f"{_where(slot)} = {variant[:40]}"

    return apply


def _scalar_or_date(value: Any, variant: str) -> bool:
    return is_date(value) if "timestamp" in variant else not isinstance(value, (dict, list))


def _product(*parts: tuple) -> tuple:
    out: list[tuple] = [()]
    for part in parts:
        out = [o + (p,) for o in out for p in part]
    return tuple(out)


STRUCTURE = (
    Mutator("delete", "structure", ("one-key", "one-key", "all-key", "one-item", "one-item", "all-item"), delete),
    Mutator("duplicate", "structure", ("key-same", "key-other", "item-once", "item-fifty"), duplicate),
    Mutator("swap", "structure", ("sibling-values", "sibling-items", "anywhere"), swap),
    Mutator("rename-key", "structure",
            ("upper", "typo", "trailing-space", "confusable", "empty", "null", "number", "flow-list", "flow-map", "other"), rename_key),
    Mutator("change-type", "structure", (*_TYPES, "swedish-words"), change_type),
    Mutator("deep-nesting", "structure", (
        ("block-seq", 41), ("block-seq", 1000), ("block-seq", 40_000), ("block-seq", 100_000), ("block-key", 41),
        ("block-key", 50_000), ("block-map", 41), ("block-map", 1000), ("block-then-flow", 30_000), ("flow-seq", 41),
        ("flow-seq", 201), ("flow-seq", 100_000), ("flow-map", 41), ("flow-map", 1000),
    ), deep_nesting),
    Mutator("long-string", "structure", _product(("plain", "double", "single", "literal"), (1_000, 100_000, 1_900_000, 2_200_000)), long_string),
    Mutator("huge-list", "structure", _product(("flow", "block"), (1_000, 140_000, 400_000), tuple(_ITEMS)), huge_list),
    Mutator("many-keys", "structure", _product(("block", "flow", "block-same-key"), (1_000, 100_000)), many_keys),
    Mutator("alias", "structure", ("anchor-and-alias", "undefined", "anchor-only", "billion-laughs", "recursive", "merge"), alias),
    Mutator("tag", "structure", TAGS, _replacing(_scalar_or_date, 0.6)),
    Mutator("control-chars", "structure", _product(("text",), ("raw", "escaped"), CONTROLS), characters),
    Mutator("separators", "structure", _product(("comment", "comment-start", "comment-end", "text"), ("raw", "escaped"), SEPARATORS),
            characters),
    Mutator("edge-date", "structure", DATES, _replacing(lambda value, _: is_date(value), 0.9)),
    Mutator("huge-number", "structure", HUGE_NUMBERS, _replacing(lambda value, _: is_number(value), 0.85)),
    Mutator("negative-number", "structure", NEGATIVE_NUMBERS, _replacing(lambda value, _: is_number(value), 0.85)),
)

"""`audit --decide` on a record whose other fields the update leaves as they are changes only
the decision, the record's last block. That block is written alone, through the same
round-trip dumper (a few lines: milliseconds, where parsing the whole record for the
round trip and dumping it takes about a third of a second), after the record's text up
to it. Only a record that ends with its decision exactly as `decision_block` writes it is
spliced; the caller (audit/session.py) knows from the cache that the update leaves the
text before the decision as it is."""

from __future__ import annotations

from asfcert.records.audit_record import Record, decision_map, dump

_DECISION_FIELDS = ("id", "outcome", "date", "auditor", "standard", "remarks", "nonconformities", "observations")


def decision_block(decision: dict | None) -> str | None:
    """`decision:` and its value as the round trip writes them as the record's last key;
    None for a value `set_decision` does not write (other fields, another shape)."""
    if decision is not None and not _decision_shaped(decision):
        return None
    return _top_level("decision", decision_map(decision) if decision is not None else None)


def _decision_shaped(d) -> bool:
    return (
        isinstance(d, dict) and tuple(d) in (_DECISION_FIELDS, (*_DECISION_FIELDS, "certificate"))
        and isinstance(d["standard"], dict) and all(isinstance(k, str) for k in d["standard"])
        and isinstance(d["remarks"], list) and all(isinstance(r, dict) and all(isinstance(k, str) for k in r) for r in d["remarks"])
        and isinstance(d["nonconformities"], list) and isinstance(d["observations"], list)
    )


def before_decision(record: Record) -> str | None:
    """The record's text before its `decision` key, when the record ends with its decision
    (or an empty `decision:`) exactly as `decision_block` writes it; else None. Only plain
    line breaks: libyaml's line numbers and `str` lines then agree."""
    if record.model is None or record.doc is None or not isinstance(record.doc.data, dict):
        return None
    data = record.doc.data
    if not data or list(data)[-1] != "decision" or record.raw.startswith(b"\xef\xbb\xbf"):
        return None
    text = record.raw.decode("utf-8")
    if any(ch in text for ch in "\r\x85\u2028\u2029"):
        return None
    block = decision_block(data["decision"])
    if block is None or not text.endswith(block):
        return None
    prefix = text[: len(text) - len(block)]
    if not prefix.endswith("\n") or record.doc.keys.get(("decision",)) != (prefix.count("\n") + 1, 1):
        return None  # the block's text is not the record's top-level `decision` key
    return prefix


def with_decision(prefix: str, decision: dict) -> str:
    """The record `before_decision` gave `prefix` for, with this decision instead."""
    return prefix + decision_block(decision)


def edited_where_kept(before: str, after: str, doc) -> bool:
    """Whether `after` (whose located document is `doc`) is the text `before` with only
    values the update keeps as they are changed, each alone on its key's line and written
    as the round trip writes it: a requirement's `comment`, its `result` (not emptied: the
    update fills an empty one) and the `summary`. Then an update that left `before` as it
    was leaves `after` as it is too: the auditor's typing between two runs."""
    old, new = before.split("\n"), after.split("\n")
    if len(old) != len(new):
        return False
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    if not changed:
        return True
    on_line: dict[int, list] = {}  # 0-based line -> the keys that start on it
    for path, (line, column) in doc.keys.items():
        on_line.setdefault(line - 1, []).append((path, column - 1))
    for i in changed:
        if len(on_line.get(i, ())) != 1:
            return False
        (path, column), = on_line[i]
        own = path == ("summary",) or (len(path) == 3 and path[0] == "requirements" and path[2] in ("result", "comment"))
        if not own or doc.values.get(path, (0, 0))[0] != i + 1:
            return False
        name, value = path[-1], _at(doc.data, path)
        head = old[i][:column] + name + ":"
        if not (old[i].startswith(head) and new[i].startswith(head)) or (name == "result" and value in (None, "")):
            return False  # another key, or a result the update would fill in
        if value is not None and not isinstance(value, str) or new[i][column:] + "\n" != _top_level(name, value):
            return False
    return True


def _at(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def _top_level(name: str, value) -> str:
    """`name: value` as the round trip writes it as a top-level key."""
    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap()
    data[name] = value
    return dump(data)

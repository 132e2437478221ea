"""Reading a YAML file with the digest of its bytes, and saving it so that nothing is lost.

A page carries the SHA-256 of the file as it was when the page was made. A save compares it
with the file on disk now: when they differ (an editor, `git pull`, a second tab), the save
is refused with `Conflict` and nothing is written. Otherwise the file is edited through the
round-trip writer, which keeps comments, key order, quotes and the keys no form knows, and
is written atomically. What is written must read back through `yamlfile` as the very data
that was meant, or it is not written."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from asfcert.base.findings import Finding
from asfcert.io.yamlfile import MAX_BYTES, YamlDoc, YamlProblem, parse, read_bytes

ABSENT = "absent"  # the digest of a file that does not exist (yet)
_LOCK = threading.Lock()  # one save at a time: read, compare and write are one step


def digest(raw: bytes | None) -> str:
    return ABSENT if raw is None else hashlib.sha256(raw).hexdigest()


@dataclass
class Loaded:
    rel: str  # relative to the company folder, with `/`
    raw: bytes | None  # None: the file does not exist
    doc: YamlDoc | None = None  # None: absent, or it cannot be read (then `problem`)
    problem: Finding | None = None

    @property
    def digest(self) -> str:
        return digest(self.raw)

    @property
    def data(self) -> Any:
        return self.doc.data if self.doc else None

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", errors="replace") if self.raw else ""


class Conflict(Exception):
    """The file changed on disk since the page was loaded; `current` is how it is now."""

    def __init__(self, current: Loaded):
        super().__init__(current.rel)
        self.current = current


class Unreadable(Exception):
    """The file cannot be edited safely as it is: a YAML syntax error (`finding` says where
    and why), or YAML that the writer would not write back as `check` reads it (a `%YAML
    1.1` header, say; `finding` is None). The user fixes it in an editor first."""

    def __init__(self, finding: Finding | None):
        super().__init__(finding.code if finding else "unfaithful")
        self.finding = finding


def read(root: Path, rel: str) -> Loaded:
    path = root / rel
    if not path.exists() and not path.is_symlink():
        return Loaded(rel, None)
    try:
        raw = read_bytes(path, rel, MAX_BYTES, within=root)
    except YamlProblem as p:
        return Loaded(rel, b"", problem=p.finding)
    try:
        doc = parse(raw, rel)
    except YamlProblem as p:
        return Loaded(rel, raw, problem=p.finding)
    if doc.data is not None and not isinstance(doc.data, dict):
        return Loaded(rel, raw, problem=_not_a_mapping(doc))
    return Loaded(rel, raw, doc)


def _not_a_mapping(doc: YamlDoc) -> Finding:
    """The finding `check` reports for a file that is a list or a single value: the same
    code, place and hint."""
    from pydantic import BaseModel, ConfigDict

    from asfcert.io.schema_errors import validate

    class Mapping(BaseModel):
        model_config = ConfigDict(extra="allow")

    return validate(Mapping, doc)[1][0]


def save(root: Path, rel: str, expected: str, edit: Callable[[Any, Any], None]) -> bool:
    """Apply `edit(round_trip_data, plain_data)` to the file if it is still the one whose
    digest is `expected`; True when the file changed. Raises `Conflict` or `Unreadable`
    (and `Abort` when the operating system refuses the write)."""
    from ruamel.yaml.comments import CommentedMap

    from asfcert.io import atomic
    from asfcert.io.yamlwrite import dump

    with _LOCK:
        current = read(root, rel)
        if current.digest != expected:
            raise Conflict(current)
        if current.problem is not None:
            raise Unreadable(current.problem)
        text = current.text.removeprefix("\ufeff")
        data = _round_trip_data(current)
        yaml = writer_for(text, data)
        if not _faithful(yaml, text, current, data):
            raise Unreadable(None)
        if data is None:
            data = CommentedMap()
        edit(data, current.data)
        out = dump(yaml, data)
        if "\r\n" in text:
            out = out.replace("\r\n", "\n").replace("\n", "\r\n")  # keep Windows line ends
        new = out.encode("utf-8")
        if new == current.raw:
            return False
        written = parse(new, rel)  # raises YamlProblem: a bug in the writer, never the user's data
        if written.data != data:
            raise RuntimeError(f"{rel}: the written YAML does not read back as the data meant")
        if (written.data or None) == (current.data or None):
            return False  # nothing `check` reads would change: leave the file as it is
        path = root / rel
        if current.raw is None:
            if not atomic.create_exclusive(path, new):
                raise Conflict(read(root, rel))
        else:
            atomic.write_bytes(path, new, _mode(path))
        return True


def _round_trip_data(current: Loaded) -> Any:
    """The file's round-trip data (comments, key order, quotes), from yamlfile's round-trip
    parse: the same guard as every read. None for an absent or empty file."""
    if not current.raw:
        return None
    try:
        return parse(current.raw, current.rel, round_trip=True, preserve_quotes=True).round_trip
    except YamlProblem as p:  # what libyaml reads and the round-trip parser refuses
        raise Unreadable(p.finding) from None


# Indentation styles (mapping, sequence, dash offset) and line widths people's files use:
# asfcert's own (`key:` then `  - item`), and the common `key:` then `- item`.
_STYLES = [(m, s, o, w) for w in (4096, 80) for m, s, o in ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))]


def writer_for(text: str, data: Any):
    """A round-trip writer that writes `data` (read from `text`) back as `text`, byte for
    byte: the file's own indentation, so that a save changes only the lines of the values
    that changed. A file of mixed styles gets asfcert's style."""
    from asfcert.io.yamlwrite import dump, round_trip

    for mapping, sequence, offset, width in _STYLES:
        yaml = round_trip(width)
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        if data is None or dump(yaml, data) == text:
            return yaml
    return round_trip()


def _faithful(yaml, text: str, current: Loaded, data: Any) -> bool:
    """Whether the file, written back unchanged, reads as the same data `check` reads."""
    from asfcert.io.yamlwrite import dump

    if data is None:
        return True
    again = dump(yaml, data)
    if again == text:
        return True
    try:
        return parse(again.encode("utf-8"), current.rel).data == current.data
    except YamlProblem:
        return False


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644

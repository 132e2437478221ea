"""Load one hand-written YAML file into plain data plus the position of every node.

This is the only place where untrusted text becomes data. It refuses what a hand-written
asfcert file never needs and what makes YAML dangerous or confusing: aliases (alias
bombs), tags (`!!python/...`), several documents, duplicate keys, deep nesting, too many
values, binary and non-UTF-8 text. Every refusal is a located `Finding` with a hint.

Parsing uses libyaml through ruamel.yaml when available (about 18x faster than the pure
Python parser) and ruamel's own safe constructor; positions come from the node marks.

A record that people edit and asfcert writes back (the audit record) is read with
`round_trip=True`: ruamel's round-trip parser, the same checks and the same plain data,
plus the round-trip data (comments, order, styles) from that one parse. Every reader of
such a file reads it that way, so no reader accepts what another refuses.

Every parse goes through one guard (io/yamlguard.py): aliases, depth, size, tags,
duplicate keys and unreadable values are refused there, located, before anything is built."""

from __future__ import annotations

import functools
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asfcert.base.findings import Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.io.bounded_read import read_at_most
from asfcert.io.cache import decode, encode
from asfcert.io.yamlbuild import build
from asfcert.io.yamlguard import (  # noqa: F401 - YamlProblem and the limits are re-exported
    MAX_DEPTH,
    MAX_NODES,
    YAML_MULTIPLE_DOCUMENTS,
    YAML_SYNTAX,
    YAML_TOO_DEEP,
    Shape,
    YamlProblem,
    check_nodes,
    mark_location,
    shape,
    watch,
)
from asfcert.io.yamlroundtrip import round_trip_scanner, safe_constructor
from asfcert.io.yamlsyntax import explain

MAX_BYTES = 2 * 1024 * 1024
_E = Severity.ERROR
FILE_UNREADABLE = Kind(
    "file-unreadable",
    L10n("Filen kan inte läsas", "File cannot be read"),
    L10n("{file} kan inte läsas: {reason}", "{file} cannot be read: {reason}"),
    L10n("Kontrollera att filen finns och att du har läsrätt.", "Check that the file exists and that you may read it."),
    _E,
)
NOT_A_FILE = Kind(
    "not-a-file",
    L10n("En fil behövs här", "A file is needed here"),
    L10n("{file} är {what}, inte en vanlig fil", "{file} is {what}, not a regular file"),
    L10n(
        "Ersätt den med en vanlig YAML-fil; `asfcert new` på företagsmappen skapar de filer som saknas.",
        "Replace it with a regular YAML file; `asfcert new` on the company folder creates the files that are missing.",
    ),
    _E,
)
FILE_TOO_LARGE = Kind(
    "file-too-large",
    L10n("Filen är för stor", "File too large"),
    L10n("{file} är {size:num} byte; gränsen är {limit:num}", "{file} is {size:num} bytes; the limit is {limit:num}"),
    L10n("Lägg bilagor i evidence/ och hänvisa till dem i stället.", "Put attachments in evidence/ and refer to them instead."),
    _E,
)
FILE_BINARY = Kind(
    "file-binary",
    L10n("Binär fil", "Binary file"),
    L10n("{file} innehåller binära data eller styrtecken, inte text", "{file} contains binary data or control characters, not text"),
    L10n("Är det rätt fil? Spara den som vanlig text (UTF-8).", "Is it the right file? Save it as plain text (UTF-8)."),
    _E,
)
FILE_ENCODING = Kind(
    "file-encoding",
    L10n("Fel teckenkodning", "Wrong text encoding"),
    L10n("{file} är inte sparad som UTF-8{guess}", "{file} is not saved as UTF-8{guess}"),
    L10n(
        "Spara filen som UTF-8 i din editor (till exempel ”Spara som” → kodning UTF-8).",
        "Save the file as UTF-8 in your editor (for example \"Save as\" → encoding UTF-8).",
    ),
    _E,
)
YAML_TAB = Kind(
    "yaml-tab",
    L10n("Tabbtecken i indraget", "Tab in indentation"),
    L10n("Tabbtecken används som indrag; YAML tillåter bara mellanslag", "A tab is used for indentation; YAML allows only spaces"),
    L10n("Ersätt tabbarna med mellanslag (två per nivå).", "Replace the tabs with spaces (two per level)."),
    _E,
)
FILE_OUTSIDE = Kind(
    "file-outside-folder",
    L10n("Länk ut ur mappen", "Link out of the folder"),
    L10n("{file} är en symbolisk länk till en fil utanför mappen: {target}", "{file} is a symbolic link to a file outside the folder: {target}"),
    L10n(
        "Kopiera filen in i mappen i stället för att länka till den; asfcert läser bara det som finns i mappen.",
        "Copy the file into the folder instead of linking to it; asfcert reads only what is in the folder.",
    ),
    _E,
)


Path_ = tuple  # a path into the data: keys and list indices


@dataclass
class YamlDoc:
    """Parsed data plus where each value and key stands in the file (1-based)."""

    file: str  # as shown to the user
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    round_trip: Any = None  # with `parse(..., round_trip=True)`: ruamel's round-trip data
    # the one walk (io/yamlbuild.py) indexed every value and key in `_paths` order, as
    # tests/test_yaml_one_pass.py proves: `to_cache` need not walk the data to see it
    in_walk_order: bool = field(default=False, repr=False, compare=False)
    # and saw only text keys and JSON's own values: `to_cache` keeps the data as it is
    json_native: bool = field(default=False, repr=False, compare=False)

    def where(self, path: Path_, *, key: bool = False) -> Location:
        """The position of the value (or key) at `path`, or of its nearest existing ancestor."""
        path = tuple(path)
        table = self.keys if key else self.values
        if path in table:
            return Location(self.file, *table[path])
        while path:
            if key and path in self.keys:
                return Location(self.file, *self.keys[path])
            path = path[:-1]
            if path in self.keys:
                return Location(self.file, *self.keys[path])
        return Location(self.file, *self.values.get((), (1, 1)))

    def to_cache(self) -> dict:
        """The data, and the positions as flat (line, column) lists in the order a walk of
        the data gives their paths (`_paths`): a parse indexes every value and key in that
        order, so the paths need not be written. A document whose positions are not exactly
        those paths (none that a parse gives) is kept with its paths. Data the one walk saw
        to be JSON's own (most files: no dates, no number keys) is kept as it is, not encoded
        value by value (io/cache.encode)."""
        if self.json_native and self.in_walk_order:
            return {"file": self.file, "json": self.data, "at": _flat(self.values), "key_at": _flat(self.keys)}
        if self.in_walk_order or _in_walk_order(self):
            return {"file": self.file, "data": encode(self.data), "at": _flat(self.values), "key_at": _flat(self.keys)}
        return {
            "file": self.file,
            "data": encode(self.data),
            "values": [[encode(list(p)), *v] for p, v in self.values.items()],
            "keys": [[encode(list(p)), *v] for p, v in self.keys.items()],
        }

    @classmethod
    def from_cache(cls, d: dict, file: str) -> YamlDoc:
        data = d["json"] if "json" in d else decode(d["data"])
        if "at" in d:
            values, keys = _paths(data)
            return cls(file, data, _positions(values, d["at"]), _positions(keys, d["key_at"]))
        return cls(
            file,
            data,
            {tuple(decode(p)): (l, c) for p, l, c in d["values"]},
            {tuple(decode(p)): (l, c) for p, l, c in d["keys"]},
        )


def _in_walk_order(doc: YamlDoc) -> bool:
    values, keys = _paths(doc.data)
    return values == list(doc.values) and keys == list(doc.keys)


def _paths(data) -> tuple[list[Path_], list[Path_]]:
    """The paths of every value and of every key of `data`, in document order (as `_index`
    and io/yamlbuild.py record them: a key just before its value)."""
    values: list[Path_] = []
    keys: list[Path_] = []
    todo = [((), data, False)]
    while todo:
        path, value, keyed = todo.pop()
        if keyed:
            keys.append(path)
        values.append(path)
        kind = type(value)
        if kind is dict:
            todo.extend(reversed([(path + (k,), v, True) for k, v in value.items()]))
        elif kind is list:
            todo.extend(reversed([(path + (i,), v, False) for i, v in enumerate(value)]))
    return values, keys


def _flat(positions: dict[Path_, tuple[int, int]]) -> list[int]:
    return [n for line_column in positions.values() for n in line_column]


def _positions(paths: list[Path_], flat) -> dict[Path_, tuple[int, int]]:
    if type(flat) is not list or len(flat) != 2 * len(paths):
        raise ValueError("positions that do not fit the data")
    return {p: (flat[2 * i], flat[2 * i + 1]) for i, p in enumerate(paths)}


def read_bytes(path: Path, display: str, limit: int = MAX_BYTES, *, within: Path | None = None) -> bytes:
    """Read a small regular file, refusing directories, FIFOs, devices and huge files, and,
    with `within`, a symbolic link that leads out of that folder."""
    return read_file(path, display, limit, within=within)[0]


def read_file(path: Path, display: str, limit: int = MAX_BYTES, *, within: Path | None = None) -> tuple[bytes, os.stat_result]:
    """`read_bytes`, and the status of the file read (its device and inode name it whatever
    path led to it)."""
    loc = Location(display)
    # a file plainly below `within` (no link on the way): its lstat is its stat, and it is inside
    st = _plain_stat(os.fspath(path), os.fspath(within)) if within is not None else None
    if st is None:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise YamlProblem(FILE_UNREADABLE(location=loc, file=display, reason=_MISSING)) from None
        except OSError as e:
            raise YamlProblem(FILE_UNREADABLE(location=loc, file=display, reason=_os_reason(e))) from None
        if within is not None and not _inside(path, within):
            raise YamlProblem(FILE_OUTSIDE(location=loc, file=display, target=os.path.realpath(path)))
    _refuse_unfit(st, display, limit)
    try:
        # os.open, not open(): no buffer of `limit` bytes (two megabytes allocated and given
        # back per file), no terminal query, no seek. Non-blocking: a FIFO swapped in after
        # the stat must not hang the run; the fstat says what was opened.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            st = os.fstat(fd)
            _refuse_unfit(st, display, limit)
            return read_at_most(fd, st.st_size, limit + 1), st
        finally:
            os.close(fd)
    except OSError as e:
        raise YamlProblem(FILE_UNREADABLE(location=loc, file=display, reason=_os_reason(e))) from None


def _refuse_unfit(st: os.stat_result, display: str, limit: int) -> None:
    loc = Location(display)
    if not stat.S_ISREG(st.st_mode):
        what = _FOLDER if stat.S_ISDIR(st.st_mode) else _SPECIAL
        raise YamlProblem(NOT_A_FILE(location=loc, file=display, what=what))
    if st.st_size > limit:
        raise YamlProblem(FILE_TOO_LARGE(location=loc, file=display, size=st.st_size, limit=limit))


_MISSING = L10n("filen saknas", "the file is missing")
_FOLDER = L10n("en mapp", "a folder")
_SPECIAL = L10n("en specialfil (till exempel en FIFO eller enhet)", "a special file (for example a FIFO or device)")


def _os_reason(e: OSError) -> L10n:
    if isinstance(e, PermissionError):
        return L10n("läsrätt saknas", "permission denied")
    from asfcert.base.oserror import reason

    return reason(e)


def _inside(path: Path, folder: Path) -> bool:
    """Whether the file, links followed, is in the folder (`_plain_stat` tells it for most)."""
    real, root = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
    return real == root or root in real.parents


def _plain_stat(path: str, folder: str) -> os.stat_result | None:
    """The lstat of `path` when it is `folder`/a/b/... with no `..` and no symbolic link
    among a, a/b, ...: then it is inside the folder wherever the folder really is, and
    neither needs resolving (two `realpath` calls cost a company's check a millisecond).
    None otherwise."""
    prefix = folder.rstrip(os.sep) + os.sep
    if not path.startswith(prefix):
        return None
    parts = path[len(prefix):].split(os.sep)
    if any(part in ("", ".", "..") for part in parts) or (os.altsep and os.altsep in path):
        return None
    current = folder
    st = None
    for part in parts:
        current = os.path.join(current, part)
        try:
            st = os.lstat(current)
        except OSError:
            return None
        if stat.S_ISLNK(st.st_mode):
            return None
    return st


def load(path: Path, display: str, *, within: Path | None = None, cache=None, round_trip: bool = False) -> YamlDoc:
    """Parse the file at `path`. `within`: the folder the user gave, which the file (after
    following links) must be in. With a `cache.Cache`, a parse of exactly these bytes is
    reused (keyed by their SHA-256); files that fail to parse are not cached."""
    raw = read_bytes(path, display, within=within)
    if round_trip or cache is None or not cache.enabled:
        return parse(raw, display, round_trip=round_trip)
    import hashlib

    from asfcert.io.cache import key

    digest = key("yaml", hashlib.sha256(raw).hexdigest())
    hit = cache.get("yaml", digest)
    if hit is not None:
        try:
            return YamlDoc.from_cache(hit, display)
        except (KeyError, TypeError, ValueError):
            pass
    doc = parse(raw, display)
    cache.put("yaml", digest, doc.to_cache())
    return doc


def parse(raw: bytes, display: str, *, round_trip: bool = False, preserve_quotes: bool = False) -> YamlDoc:
    """`preserve_quotes` (with `round_trip`): the round-trip data keeps each text's quotes,
    so a file written back changes only the values that changed (the workspace's saves)."""
    text = _decode_text(raw, display)
    if not text.strip():
        return YamlDoc(display, None, {(): (1, 1)})
    if not round_trip and _libyaml():
        built = build(text)  # one walk for a plain file; None: the careful parse below
        if built is not None:
            data, values, keys, native = built
            return YamlDoc(display, data, values, keys, in_walk_order=True, json_native=native)
    return _careful(text, display, round_trip, preserve_quotes)


def _careful(text: str, display: str, round_trip: bool, preserve_quotes: bool) -> YamlDoc:
    """The parse that refuses and locates every problem: the guard over the events, libyaml
    (or ruamel's round-trip parser) composing nodes, the checks over them, ruamel's
    constructor and the position index."""
    loc = Location(display, 1, 1)
    yaml = _yaml(round_trip=round_trip)
    if round_trip:
        yaml.preserve_quotes = preserve_quotes
    if not watch(yaml, Shape(display)):
        try:
            shape(text, display)  # libyaml composes in C, unwatched: walk its events first
        except YamlProblem:
            raise
        except Exception as e:  # a syntax error: the same parser would report it when composing
            raise YamlProblem(_syntax_finding(e, text, display)) from None
    try:
        node = yaml.compose(text)
    except YamlProblem:
        raise
    except RecursionError:
        raise YamlProblem(YAML_TOO_DEEP(location=loc, limit=MAX_DEPTH)) from None
    except Exception as e:  # ruamel raises MarkedYAMLError subclasses and a few others
        raise YamlProblem(_syntax_finding(e, text, display)) from None
    if node is None:
        return YamlDoc(display, None, {(): (1, 1)})
    safe = safe_constructor(yaml) if round_trip else yaml.constructor
    check_nodes(node, display, safe)
    try:
        data = safe.construct_document(node)
        rt_data = yaml.constructor.construct_document(node) if round_trip else None
    except RecursionError:
        raise YamlProblem(YAML_TOO_DEEP(location=loc, limit=MAX_DEPTH)) from None
    except Exception as e:
        raise YamlProblem(_syntax_finding(e, text, display)) from None
    doc = YamlDoc(display, data, round_trip=rt_data)
    _index(node, data, (), doc)
    return doc


def _decode_text(raw: bytes, display: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(FILE_ENCODING(location=Location(display, 1, 1), file=display, guess=" (UTF-16)"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise YamlProblem(FILE_BINARY(location=Location(display, line), file=display))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        guess = ""
        try:
            sample = raw.decode("cp1252")
            if any(ch in sample for ch in "åäöÅÄÖé"):
                guess = " (Latin-1/Windows-1252?)"
        except UnicodeDecodeError:
            pass
        raise YamlProblem(FILE_ENCODING(location=Location(display, line, column), file=display, guess=guess)) from None


@functools.cache
def _libyaml() -> bool:
    """Whether the libyaml binding is there (imported when the first file is parsed: a
    warm `check` parses none)."""
    try:
        import _ruamel_yaml  # noqa: F401
    except ImportError:
        return False
    return True


def _yaml(round_trip: bool = False):
    from ruamel.yaml import YAML

    if round_trip:  # ruamel's round-trip parser is pure Python
        yaml = YAML(typ="rt")
        yaml.Scanner = round_trip_scanner()
        yaml.allow_duplicate_keys = True
        return yaml
    yaml = YAML(typ="safe", pure=not _libyaml())
    yaml.allow_duplicate_keys = True  # _check_nodes reports duplicates with both lines
    return yaml


def _editor_location(display: str, mark, text: str) -> Location:
    """Where a mark is, as editors count lines: YAML counts U+0085, U+2028 and U+2029 as
    line breaks, editors do not."""
    if getattr(mark, "index", None) is not None and any(ch in text for ch in "\x85\u2028\u2029"):
        start = text.rfind("\n", 0, mark.index) + 1
        return Location(display, text.count("\n", 0, mark.index) + 1, mark.index - start + 1)
    return mark_location(display, mark)


def _syntax_finding(e: Exception, text: str, display: str) -> Finding:
    loc = _editor_location(display, getattr(e, "problem_mark", None) or getattr(e, "context_mark", None), text)
    problem = str(getattr(e, "problem", "") or e).strip()
    if "single document" in str(e) or "another document" in str(e):
        return YAML_MULTIPLE_DOCUMENTS(location=loc)
    lines = text.split("\n")
    if loc.line and loc.line <= len(lines) and "\t" in lines[loc.line - 1][: (loc.column or 1) + 1]:
        return YAML_TAB(location=Location(display, loc.line, lines[loc.line - 1].index("\t") + 1))
    if "\t" in problem or "'\\t'" in problem:
        return YAML_TAB(location=loc)
    if "unacceptable character" in problem or "special characters are not allowed" in problem:
        return FILE_BINARY(location=loc, file=display)
    start = getattr(e, "context_mark", None)
    context_line = _editor_location(display, start, text).line if start else None
    line, said, todo = explain(problem or type(e).__name__, text, loc.line, str(getattr(e, "context", "") or ""), context_line)
    return YAML_SYNTAX(location=loc if line == loc.line else Location(display, line), problem=said, hint=todo)


def _index(node, data, path: Path_, doc: YamlDoc) -> None:
    """Record positions by walking nodes and constructed data side by side."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode) and isinstance(data, dict):
        for (knode, vnode), key in zip(node.value, data):
            sub = path + (key,)
            doc.keys[sub] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            _index(vnode, data[key], sub, doc)
            if isinstance(vnode, ScalarNode) and vnode.value == "" and not vnode.style:
                # an empty value (`result:`): libyaml marks it after the colon, ruamel's own
                # parser at the next token, often lines below; both say the key's line
                doc.values[sub] = (knode.end_mark.line + 1, knode.end_mark.column + 2)
    elif isinstance(node, SequenceNode) and isinstance(data, list):
        for i, (item, value) in enumerate(zip(node.value, data)):
            _index(item, value, path + (i,), doc)


KINDS = made_by(
    "yaml",
    FILE_UNREADABLE,
    NOT_A_FILE,
    FILE_TOO_LARGE,
    FILE_BINARY,
    FILE_ENCODING,
    YAML_TAB,
    FILE_OUTSIDE,
)

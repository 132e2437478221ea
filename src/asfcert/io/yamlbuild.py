"""The plain data and the position index of a well-formed YAML text, in one walk over
libyaml's events (io/yamlfile.py's fast path).

The careful parse (guard walk over the events, then libyaml composing nodes, the checks
over the nodes, ruamel's safe constructor, then the position index) walks every value four
times. A file people write by hand is nearly always plain: no tags, anchors, merge keys,
duplicate keys or odd values. For such a file this builds the same data and the same
positions while reading the events once, resolving each plain scalar as ruamel's
resolver does (YAML 1.2 core schema, what libyaml's composer asks it) and constructing it
with ruamel's own safe constructor. At the first thing that is not plain it gives up
(`None`), and the careful parse, which is the one that words and locates every refusal,
reads the file instead: the fast path never decides what a problem says."""

from __future__ import annotations

from typing import Any

from asfcert.io.yamlguard import MAX_DEPTH, MAX_INT_DIGITS, MAX_NODES

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS = {_STR, _INT, _TIMESTAMP, *("tag:yaml.org,2002:" + t for t in ("float", "bool", "null"))}
_MEMO_MAX = 20_000  # plain scalars already resolved and constructed, per process
_MEMO_CHARS = 80


class _NotPlain(Exception):
    """Something the careful parse must see."""


class _Scalars:
    """Plain scalar text -> its value, resolved and constructed as ruamel's safe loader
    does. The values are immutable (None, bool, int, float, str, date, datetime), so one
    memo serves every parse of the process."""

    def __init__(self):
        from ruamel.yaml import YAML
        from ruamel.yaml.nodes import ScalarNode

        # the careful parse's own loader (io/yamlfile._yaml): YAML 1.2, whatever a file's %YAML says
        yaml = YAML(typ="safe", pure=False)
        self.resolver, self.constructor = yaml.resolver, yaml.constructor
        self.node = ScalarNode
        self.memo: dict[str, Any] = {}
        # The first characters some implicit resolver is keyed by: ruamel's resolver gives a
        # plain scalar starting with any other character the str tag (most texts, names,
        # descriptions), which is told here without its Python walk through the tables.
        table = self.resolver.versioned_resolver
        plain_str = None not in table and not self.resolver.yaml_path_resolvers
        self.starts = frozenset(k for k in table if k) if plain_str else None

    def plain(self, value: str, event) -> Any:
        try:
            return self.memo[value]
        except KeyError:
            pass
        starts = self.starts
        if starts is not None and value and value[0] not in starts:
            tag = _STR
        else:
            tag = str(self.resolver.resolve(self.node, value, (True, False)))
        if tag == _STR:
            made = value
        elif tag not in _PLAIN_TAGS or (tag == _INT and sum(ch.isdigit() for ch in value) > MAX_INT_DIGITS):
            raise _NotPlain
        else:
            node = self.node(tag, value, event.start_mark, event.end_mark, event.style)
            try:
                made = self.constructor.yaml_constructors[tag](self.constructor, node)
            except Exception:  # a bad date or number: the careful parse says where
                raise _NotPlain from None
        if len(self.memo) < _MEMO_MAX and len(value) <= _MEMO_CHARS:  # keys and short values repeat; texts do not
            self.memo[value] = made
        return made


_scalars: _Scalars | None = None


def build(text: str):
    """(data, values, keys) for `text`, or None when it is not plain (see above)."""
    global _scalars
    from _ruamel_yaml import CParser

    if _scalars is None:
        _scalars = _Scalars()
    parser = CParser(text)
    try:
        return _walk(parser, _scalars)
    except Exception:  # _NotPlain, a syntax error, anything libyaml refuses
        return None
    finally:
        parser.dispose()


def _walk(parser, scalars: _Scalars):
    from ruamel.yaml import events as ev

    Scalar, MapStart, SeqStart = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    MapEnd, SeqEnd = ev.MappingEndEvent, ev.SequenceEndEvent
    get, memo_get, plain = parser.get_event, scalars.memo.get, scalars.plain
    if type(get()) is not ev.StreamStartEvent:
        raise _NotPlain
    first = get()
    if type(first) is ev.StreamEndEvent:  # no document: comments only
        return None, {(): (1, 1)}, {}
    if type(first) is not ev.DocumentStartEvent:
        raise _NotPlain
    values: dict[tuple, tuple[int, int]] = {}
    keys: dict[tuple, tuple[int, int]] = {}
    # the open collections, innermost last: [container, its path, whether it is a mapping,
    # the pending key (_NO_KEY: a key comes next), that key's event, the keys' texts seen]
    stack: list[list] = []
    top: list | None = None
    nodes = 0
    # Per event, as little Python as can be: a company's files are some 230 events each
    # and a cold cohort walks thousands of them. `ctag` is what `tag` (a property) reads.
    while True:
        event = get()
        kind = type(event)
        if kind is MapEnd or kind is SeqEnd:
            done = stack.pop()[0]
            if not stack:
                root = done
                break
            top = stack[-1]
            _place(top, done, None, values)
            continue
        if kind is not Scalar and kind is not MapStart and kind is not SeqStart:
            raise _NotPlain  # an alias, a second document, ...
        nodes += 1
        tag = event.ctag
        if nodes > MAX_NODES or len(stack) >= MAX_DEPTH or event.anchor is not None or (tag is not None and str(tag) != "!"):
            raise _NotPlain
        mark = event.start_mark
        if top is not None and top[2] and top[3] is _NO_KEY:
            # a mapping's key: a plain value, once
            text = event.value
            if kind is not Scalar or text == "<<" or text in top[5]:
                raise _NotPlain
            key = memo_get(text, _NO_KEY) if event.implicit[0] else text  # the memo, inline
            if key is _NO_KEY:
                key = plain(text, event)
            if key in top[0]:
                raise _NotPlain
            top[5].add(text)
            top[3] = key
            top[4] = event
            keys[top[1] + (key,)] = (mark.line + 1, mark.column + 1)
            continue
        if top is None:
            path = ()
        elif top[2]:
            path = top[1] + (top[3],)
        else:
            path = top[1] + (len(top[0]),)
        values[path] = (mark.line + 1, mark.column + 1)
        if kind is Scalar:
            text = event.value
            value = memo_get(text, _NO_KEY) if event.implicit[0] else text  # the memo, inline
            if value is _NO_KEY:
                value = plain(text, event)
            if top is None:
                root = value
                break
            if top[2]:  # _place, inline: most events are a mapping's scalar value
                top[0][top[3]] = value
                if text == "" and not event.style:
                    # an empty value (`result:`): the key's line, just after the key (io/yamlfile._index)
                    end = top[4].end_mark
                    values[path] = (end.line + 1, end.column + 2)
                top[3] = _NO_KEY
            else:
                top[0].append(value)
        elif kind is MapStart:
            top = [{}, path, True, _NO_KEY, None, set()]
            stack.append(top)
        else:
            top = [[], path, False, None, None, None]
            stack.append(top)
    if type(get()) is not ev.DocumentEndEvent or type(get()) is not ev.StreamEndEvent:
        raise _NotPlain
    return root, values, keys


_NO_KEY = object()


def _place(frame: list, value: Any, event, values: dict) -> None:
    """Put a finished collection into the open collection `frame`."""
    if not frame[2]:
        frame[0].append(value)
        return
    frame[0][frame[3]] = value
    frame[3] = _NO_KEY

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
        # The resolver's own rules, by first character, in its order: the tag of the first
        # whose pattern matches, else str, as its `resolve` finds it. A plain scalar starting
        # with a character no rule is keyed by (most texts, names, descriptions) is str at
        # once, and no call asks which YAML version this private loader reads (always 1.2:
        # it parses nothing; asking raised and caught an AttributeError per scalar).
        table = self.resolver.versioned_resolver
        lean = None not in table and not self.resolver.yaml_path_resolvers
        self.rules = {k: [(str(tag), regexp) for tag, regexp in rules] for k, rules in table.items()} if lean else None

    def tag_of(self, value: str) -> str:
        """The tag ruamel's resolver gives the plain scalar `value`."""
        rules = self.rules
        if rules is None:
            return str(self.resolver.resolve(self.node, value, (True, False)))
        for tag, regexp in rules.get(value[0] if value else "", ()):
            if regexp.match(value):
                return tag
        return _STR

    def plain(self, value: str, event) -> Any:
        """The value of a plain scalar not in the memo (the walk looks there first)."""
        tag = self.tag_of(value)
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
    """(data, values, keys, native) for `text`, or None when it is not plain (see above).
    `native`: every key is a text and every value a text, whole number, boolean or null, so
    that JSON holds the data as it is (io/yamlfile.YamlDoc.to_cache)."""
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
        return None, {(): (1, 1)}, {}, True
    if type(first) is not ev.DocumentStartEvent:
        raise _NotPlain
    values: dict[tuple, tuple[int, int]] = {}
    keys: dict[tuple, tuple[int, int]] = {}
    # The open collection is held in locals, the ones around it on `stack` (a tuple each):
    # `container` (None: the document's root comes next), its `path`, whether it `is_map`,
    # in a mapping the pending `key` (_NO_KEY: a key comes next), its path `at` and its
    # event, and the keys' texts `seen`. A company's files are some 230 events each and a
    # cold cohort walks thousands of them: per event, as little Python as can be.
    stack: list[tuple] = []
    container: dict | list | None = None
    path: tuple = ()
    is_map = False
    key: Any = _NO_KEY
    at: tuple = ()
    key_event = seen = None
    nodes = 0
    native = True
    no_key, json_scalars = _NO_KEY, _JSON_SCALARS  # locals: read on every event
    while True:
        event = get()
        kind = type(event)
        if kind is Scalar:
            nodes += 1  # counted here, compared with the limit once a collection opens and at the end
            tag = event.ctag  # what `tag` (a property) reads
            if event.anchor is not None or (tag is not None and str(tag) != "!"):
                raise _NotPlain
            text = event.value
            if event.implicit[0]:  # plain: resolved, through the memo inline
                value = memo_get(text, no_key)
                if value is no_key:
                    value = plain(text, event)
                if type(value) is not str and type(value) not in json_scalars:
                    native = False
            else:
                value = text
            mark = event.start_mark
            if is_map:
                if key is no_key:  # a mapping's key: a plain value, once
                    if text == "<<" or text in seen or value in container:
                        raise _NotPlain
                    seen.add(text)
                    if type(value) is not str:
                        native = False
                    key, key_event, at = value, event, path + (value,)
                    keys[at] = (mark.line + 1, mark.column + 1)
                    continue
                container[key] = value
                if text == "" and not event.style:
                    # an empty value (`result:`): the key's line, just after the key (io/yamlfile._index)
                    end = key_event.end_mark
                    values[at] = (end.line + 1, end.column + 2)
                else:
                    values[at] = (mark.line + 1, mark.column + 1)
                key = no_key
            elif container is not None:
                values[path + (len(container),)] = (mark.line + 1, mark.column + 1)
                container.append(value)
            else:
                values[()] = (mark.line + 1, mark.column + 1)
                root = value
                break
        elif kind is MapEnd or kind is SeqEnd:
            done = container
            container, path, is_map, key, at, key_event, seen = stack.pop()
            if container is None:
                root = done
                break
            if is_map:
                container[key] = done
                key = no_key
            else:
                container.append(done)
        elif kind is MapStart or kind is SeqStart:
            nodes += 1
            tag = event.ctag
            # one level short of the limit: no value inside is then deeper than it
            if nodes > MAX_NODES or len(stack) >= MAX_DEPTH - 1 or event.anchor is not None or (tag is not None and str(tag) != "!"):
                raise _NotPlain
            if is_map:
                if key is no_key:  # a collection as a key
                    raise _NotPlain
                here = at
            else:
                here = () if container is None else path + (len(container),)
            mark = event.start_mark
            values[here] = (mark.line + 1, mark.column + 1)
            stack.append((container, path, is_map, key, at, key_event, seen))
            if kind is MapStart:
                container, is_map, seen = {}, True, set()
            else:
                container, is_map, seen = [], False, None
            path, key = here, no_key
        else:
            raise _NotPlain  # an alias, a second document, ...
    if nodes > MAX_NODES or type(get()) is not ev.DocumentEndEvent or type(get()) is not ev.StreamEndEvent:
        raise _NotPlain
    return root, values, keys, native


_NO_KEY = object()
_JSON_SCALARS = frozenset({int, bool, type(None)})  # what JSON gives back as it was (and str)

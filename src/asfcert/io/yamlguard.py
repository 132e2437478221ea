"""The guard every YAML parse goes through (io/yamlfile.py parses; this refuses).

Every parse goes through one guard (`Shape`), fed the parser's events: it stops at the
first alias, at a node nested more than MAX_DEPTH deep (block `- - -`, `? ? ?` and flow
`[[[` alike) or at the MAX_NODES-th value. libyaml composes the tree recursively in C (it
crashed on deep nesting) where no event can be watched, so its events are walked first
(`shape`: libyaml makes them without recursion, about 2 µs each); a pure-Python parser (the
round trip) shows each event to the guard as its composer takes it. Either way nothing
deep or huge is composed or constructed (about 50 µs a value: a legal 100,000-key map took
many seconds), and a hostile file is refused in milliseconds, by the same parser that
would read it.
"""

from __future__ import annotations

from asfcert.base.findings import Finding, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.base.text import clip

MAX_DEPTH = 40
# Values (scalars, lists and mappings) in one file. The largest real file is the standard
# (about 2,300); an audit record holds about 11 per evidence file, and `check` refuses a
# folder with more than company.folder.MAX_FILES files, so every record asfcert writes
# stays far below this.
MAX_NODES = 50_000
MAX_INT_DIGITS = 30

_SAFE_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}

_E = Severity.ERROR
YAML_SYNTAX = Kind(
    "yaml-syntax",
    L10n("YAML-syntaxfel", "YAML syntax error"),
    L10n("Syntaxfel i YAML: {problem}", "YAML syntax error: {problem}"),
    L10n(
        "Kontrollera indraget och att kolon följs av ett mellanslag. Text med kolon eller # behöver citattecken.",
        "Check the indentation and that each colon is followed by a space. Text containing a colon or # needs quotes.",
    ),
    _E,
)
YAML_DUPLICATE_KEY = Kind(
    "yaml-duplicate-key",
    L10n("Nyckeln finns två gånger", "Duplicate key"),
    L10n("`{key}` förekommer två gånger (första gången på rad {first_line})", "`{key}` appears twice (first on line {first_line})"),
    L10n("Slå ihop de två till en; annars är det oklart vilken som gäller.", "Merge the two into one; otherwise it is unclear which one counts."),
    _E,
)
YAML_ALIAS = Kind(
    "yaml-alias",
    L10n("Ankare och alias stöds inte", "Anchors and aliases are not supported"),
    L10n("Ankare (&) och alias (*) används inte i asfcert-filer", "Anchors (&) and aliases (*) are not used in asfcert files"),
    L10n("Skriv ut värdet i stället för att hänvisa till det.", "Write the value out instead of referring to it."),
    _E,
)
YAML_TAG = Kind(
    "yaml-tag",
    L10n("Otillåten tagg", "Tag not allowed"),
    L10n("Taggen `{tag}` är inte tillåten", "The tag `{tag}` is not allowed"),
    L10n("Ta bort taggen (det som börjar med !); skriv bara värdet.", "Remove the tag (the part starting with !); write only the value."),
    _E,
)
YAML_TOO_DEEP = Kind(
    "yaml-too-deep",
    L10n("För djup nästling", "Nested too deeply"),
    L10n("Strukturen är nästlad mer än {limit} nivåer", "The structure is nested more than {limit} levels deep"),
    L10n("asfcert-filer behöver bara några få nivåer; kontrollera indraget.", "asfcert files need only a few levels; check the indentation."),
    _E,
)
YAML_TOO_MANY_VALUES = Kind(
    "yaml-too-many-values",
    L10n("För många värden", "Too many values"),
    L10n("{file} har fler än {limit:num} värden (nycklar och listposter)", "{file} has more than {limit:num} values (keys and list items)"),
    L10n(
        "En asfcert-fil har några hundra värden. Är det rätt fil? Ta bort det som inte hör dit, och lägg stora underlag i evidence/.",
        "An asfcert file has a few hundred values. Is it the right file? Remove what does not belong there, and put large documents in evidence/.",
    ),
    _E,
)
YAML_MULTIPLE_DOCUMENTS = Kind(
    "yaml-multiple-documents",
    L10n("Flera dokument i en fil", "Several documents in one file"),
    L10n("Filen innehåller mer än ett YAML-dokument (`---`)", "The file holds more than one YAML document (`---`)"),
    L10n("Ta bort raden `---` eller dela upp innehållet i flera filer.", "Remove the `---` line or split the content into several files."),
    _E,
)
YAML_BAD_VALUE = Kind(
    "yaml-bad-value",
    L10n("Ogiltigt värde", "Invalid value"),
    L10n("`{value}` är inte {what}", "`{value}` is not {what}"),
    L10n("Skriv datum som ÅÅÅÅ-MM-DD och tal utan mellanslag, eller sätt texten inom citattecken.", "Write dates as YYYY-MM-DD and numbers without spaces, or put text in quotes."),
    _E,
)


class YamlProblem(Exception):
    """Raised when a file cannot be turned into data; carries the located finding."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message.en)
        self.finding = finding


class Shape:
    """The guard, fed a parse's events one by one: refuses an alias, a node nested deeper
    than MAX_DEPTH, more than MAX_NODES values or a second document, where it happens."""

    def __init__(self, display: str):
        from ruamel.yaml import events as ev

        self.display = display
        self.depth = self.nodes = self.documents = 0
        self.events = ev
        self.step = {  # +1: a collection opens, 0: a scalar, -1: a collection closes
            ev.MappingStartEvent: 1, ev.SequenceStartEvent: 1, ev.ScalarEvent: 0, ev.MappingEndEvent: -1, ev.SequenceEndEvent: -1,
        }

    def see(self, event) -> None:
        change = self.step.get(type(event))
        if change is None:
            if isinstance(event, self.events.AliasEvent):
                raise YamlProblem(YAML_ALIAS(location=self._at(event)))
            if isinstance(event, self.events.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise YamlProblem(YAML_MULTIPLE_DOCUMENTS(location=self._at(event)))
        elif change >= 0:
            self.nodes += 1
            if self.depth >= MAX_DEPTH:
                raise YamlProblem(YAML_TOO_DEEP(location=self._at(event), limit=MAX_DEPTH))
            if self.nodes > MAX_NODES:
                raise YamlProblem(YAML_TOO_MANY_VALUES(location=self._at(event), file=self.display, limit=MAX_NODES))
            self.depth += change
        else:
            self.depth -= 1

    def _at(self, event) -> Location:
        return mark_location(self.display, event.start_mark)


def shape(text: str, display: str) -> None:
    """The guard in front of a parse by libyaml: its events for `text`, walked before the
    tree is composed and never further than needed. A syntax error is raised as the
    parser raised it (the caller words it)."""
    guard = Shape(display)
    for event in _events(text):
        guard.see(event)


def watch(yaml, guard: Shape) -> bool:
    """Make a pure-Python parser (round trip, or no libyaml) show every event to `guard` as
    its composer takes it: the guard runs within the one parse. False for libyaml's, which
    composes in C where no event can be watched."""
    try:
        from _ruamel_yaml import CParser
    except ImportError:
        CParser = None
    if yaml.Parser is CParser:
        return False

    class Watched(yaml.Parser):
        def get_event(self):
            event = super().get_event()
            guard.see(event)
            return event

    yaml.Parser = Watched
    return True


def _events(text: str):
    """libyaml's events for `text`, one at a time."""
    from _ruamel_yaml import CParser
    from ruamel.yaml.events import StreamEndEvent

    parser = CParser(text)
    try:
        while (event := parser.get_event()) is not None:
            yield event
            if isinstance(event, StreamEndEvent):
                return
    finally:
        parser.dispose()


def mark_location(display: str, mark) -> Location:
    if mark is None:
        return Location(display)
    return Location(display, mark.line + 1, mark.column + 1)


def check_nodes(root, display: str, constructor) -> None:
    """Walk the composed nodes once, in document order: refuse tags, duplicate keys, merge
    keys and values the constructor would choke on without saying where. Aliases, depth
    and size were refused before composing (`shape`)."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    stack = [root]
    while stack:
        node = stack.pop()
        tag = node.tag  # computed on every access: read once
        if tag not in _SAFE_TAGS:
            shown = clip(tag.replace("tag:yaml.org,2002:", "!!"))
            raise YamlProblem(YAML_TAG(location=mark_location(display, node.start_mark), tag=shown))
        if isinstance(node, MappingNode):
            first: dict[str, int] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, ScalarNode):
                    raise YamlProblem(YAML_SYNTAX(location=mark_location(display, knode.start_mark), problem="a key must be a plain value"))
                if knode.value == "<<" or knode.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem(YAML_ALIAS(location=mark_location(display, knode.start_mark)))
                if knode.value in first:
                    loc = mark_location(display, knode.start_mark)
                    raise YamlProblem(YAML_DUPLICATE_KEY(location=loc, key=clip(knode.value), first_line=first[knode.value]))
                first[knode.value] = knode.start_mark.line + 1
            for knode, vnode in reversed(node.value):
                stack.append(vnode)
                stack.append(knode)
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        else:
            _check_scalar(node, tag, display, constructor)


def _check_scalar(node, tag: str, display: str, constructor) -> None:
    value = node.value
    if tag == "tag:yaml.org,2002:int" and sum(ch.isdigit() for ch in value) > MAX_INT_DIGITS:
        loc = mark_location(display, node.start_mark)
        raise YamlProblem(YAML_BAD_VALUE(location=loc, value=value[:20] + "…", what=L10n("ett rimligt tal", "a reasonable number")))
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            constructor.construct_yaml_timestamp(node)
        except Exception:  # ValueError, OverflowError, and ConstructorError for `!!timestamp x`
            loc = mark_location(display, node.start_mark)
            raise YamlProblem(YAML_BAD_VALUE(location=loc, value=clip(value), what=L10n("ett giltigt datum", "a valid date"))) from None



KINDS = made_by(
    "yaml",
    YAML_SYNTAX,
    YAML_DUPLICATE_KEY,
    YAML_ALIAS,
    YAML_TAG,
    YAML_TOO_DEEP,
    YAML_TOO_MANY_VALUES,
    YAML_MULTIPLE_DOCUMENTS,
    YAML_BAD_VALUE,
)

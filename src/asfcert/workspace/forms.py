"""Forms over YAML: what a page shows for a section, and how a posted form edits the
round-trip document.

A view is built from a *source*: the file's data (a fresh page) or the posted form (a page
shown again after a refused save, so nothing typed is lost). Posting edits the round-trip
document in place: a row keeps its comments and the keys the form does not know, a removed
row is deleted, a new row is appended, and a field whose text did not change is not
touched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from asfcert.base.i18n import Lang
from asfcert.workspace.fields import Field, Group, Rows, scalar, shown, typed

MAX_NEW_ROWS = 50  # rows a post may add to one list


class _View:
    name: str  # the dotted path: pay.0.monthly_sek, pay.2, headcount

    @property
    def id(self) -> str:
        return html_id(self.name)


@dataclass
class FieldView(_View):
    name: str
    label: str
    kind: str
    value: str = ""
    help: str = ""
    choices: list = field(default_factory=list)  # (value, label) pairs
    files: list = field(default_factory=list)  # (path, checked, exists) triples
    errors: list = field(default_factory=list)
    public_sector: bool = False  # an organisation number of the public sector
    autocomplete: str = "off"


@dataclass
class GroupView(_View):
    name: str
    legend: str
    children: list
    help: str = ""
    errors: list = field(default_factory=list)


@dataclass
class RowView(_View):
    name: str
    title: str
    children: list
    new: bool = False  # a blank row for a new item
    errors: list = field(default_factory=list)


@dataclass
class RowsView(_View):
    name: str
    legend: str
    add: str
    rows: list
    help: str = ""
    errors: list = field(default_factory=list)


def html_id(name: str) -> str:
    """An HTML id for a dotted field name (`pay.0.role` -> `f-pay-0-role`)."""
    return "f-" + "".join(ch if ch.isalnum() or ch in "_-" else "-" for ch in name)


@dataclass
class Source:
    """Where a view's values come from: `value(path)` is the text of the field at `path`,
    `rows(path)` how many rows a list has, `files(path)` the evidence chosen."""

    value: Callable[[str, str], str]
    rows: Callable[[str], int]
    files: Callable[[str], list[str]]


def data_source(data: Any) -> Source:
    def at(name: str) -> Any:
        node = data
        for part in name.split("."):
            if isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    return Source(
        value=lambda name, kind: shown(at(name), kind),
        rows=lambda name: len(at(name)) if isinstance(at(name), list) else 0,
        files=lambda name: references(at(name)),
    )


def references(refs: Any) -> list[str]:
    """The paths of an `evidence:` value: one path, a list of paths, or of mappings with
    `file:`."""
    refs = [refs] if isinstance(refs, (str, dict)) else refs if isinstance(refs, list) else []
    out = []
    for ref in refs:
        ref = ref.get("file") if isinstance(ref, dict) else ref
        if isinstance(ref, str):
            out.append(ref)
    return out


def form_source(form) -> Source:
    def rows(name: str) -> int:
        return _count(form.get(name + ".rows"))

    return Source(
        value=lambda name, kind: str(form.get(name) or ""),
        rows=rows,
        files=lambda name: [v for v in form.getlist(name) if isinstance(v, str) and v],
    )


def _count(text: Any) -> int:
    try:
        return max(0, min(int(str(text)), 10_000))
    except ValueError:
        return 0


def build(parts: tuple, source: Source, lang: Lang, *, prefix: str = "", evidence: list[str] = (), add: str | None = None) -> list:
    """The views of `parts`: `evidence` lists the files in evidence/ to choose from; `add`
    names a list that gets one more, blank row (the "add" button)."""
    from asfcert.rules.org_number import public_sector

    out = []
    for part in parts:
        name = prefix + part.key
        if isinstance(part, Field):
            view = FieldView(name, part.label.get(lang), part.kind, source.value(name, part.kind),
                             part.help.get(lang) if part.help else "", autocomplete=part.autocomplete)
            if part.kind == "choice":
                view.choices = [(value, text.get(lang)) for value, text in part.choices]
                if view.value and view.value not in {v for v, _ in part.choices}:
                    view.choices.append((view.value, view.value))  # what the file says, kept as it is
            elif part.kind == "files":
                chosen = source.files(name)
                listed = list(evidence)
                view.files = [(p, p in chosen, True) for p in listed] + [(p, True, False) for p in chosen if p not in listed]
            elif part.kind == "orgnr":
                view.public_sector = public_sector(view.value)
            out.append(view)
        elif isinstance(part, Group):
            children = build(part.parts, source, lang, prefix=name + ".", evidence=evidence, add=add)
            out.append(GroupView(name, part.legend.get(lang), children, part.help.get(lang) if part.help else ""))
        elif isinstance(part, Rows):
            count = source.rows(name)
            blank = 1 if add == name or count == 0 else 0
            rows = []
            for i in range(count + blank):
                item = f"{name}.{i}"
                children = build(part.parts, source, lang, prefix=item + ".", evidence=evidence, add=add)
                rows.append(RowView(item, part.item.format(n=i + 1).get(lang), children, new=i >= count))
            out.append(RowsView(name, part.legend.get(lang), part.add.get(lang), rows, part.help.get(lang) if part.help else ""))
    return out


def names(views: list) -> dict[str, object]:
    """Every view by its name, for placing findings."""
    out: dict[str, object] = {}
    for v in views:
        out[v.name] = v
        if isinstance(v, GroupView):
            out.update(names(v.children))
        elif isinstance(v, RowsView):
            for row in v.rows:
                out[row.name] = row
                out.update(names(row.children))
    return out


def attach(views: list, by_field: dict[str, list]) -> list:
    """Put each field's findings on its view, or on the nearest enclosing one (a row, a
    list); returns those that fit none."""
    table = names(views)
    rest = []
    for name, found in by_field.items():
        parts = name.split(".")
        while parts and ".".join(parts) not in table:
            parts.pop()
        if parts:
            table[".".join(parts)].errors.extend(found)
        else:
            rest.extend(found)
    return rest


# ---- posting ---------------------------------------------------------------------------


def apply(parts: tuple, node, plain: Any, form, *, prefix: str = "", remove: str | None = None) -> None:
    """Edit the round-trip mapping `node` (whose plain data is `plain`) from the posted
    `form`. `remove` names a row to delete (`pay.2`)."""
    from ruamel.yaml.comments import CommentedMap

    plain = plain if isinstance(plain, dict) else {}
    for part in parts:
        name = prefix + part.key
        if isinstance(part, Field):
            _apply_field(part, node, plain.get(part.key), form, name)
        elif isinstance(part, Group):
            sub = node.get(part.key)
            if not isinstance(sub, dict):
                if not _posted_anything(part.parts, form, name + "."):
                    continue
                sub = CommentedMap()
                node[part.key] = sub
            apply(part.parts, sub, plain.get(part.key), form, prefix=name + ".", remove=remove)
        elif isinstance(part, Rows):
            _apply_rows(part, node, plain.get(part.key), form, name, remove)


def _apply_field(part: Field, node, current: Any, form, name: str) -> None:
    if part.kind == "files":
        if name not in form:
            return
        apply_files(node, part.key, current, [v for v in form.getlist(name) if isinstance(v, str) and v])
        return
    raw = form.get(name)
    if not isinstance(raw, str):
        return  # not on the form: leave the value as it is
    if _same(raw, shown(current, part.kind), part.kind):
        return
    value = typed(raw, part.kind)
    if value is None:
        if part.key in node:
            node[part.key] = None  # `key:` stays in the file, empty: "not filled in"
        return
    if isinstance(value, list):
        from ruamel.yaml.comments import CommentedSeq

        seq = CommentedSeq(scalar(v) for v in value)
        node[part.key] = seq
        return
    node[part.key] = scalar(value)


def _same(raw: str, current: str, kind: str) -> bool:
    if kind == "lines":
        return [x.strip() for x in raw.splitlines() if x.strip()] == [x.strip() for x in current.splitlines() if x.strip()]
    return raw.replace("\r\n", "\n").strip() == current.strip()


def apply_files(node, key: str, current: Any, chosen: list[str]) -> None:
    """The evidence list as chosen: references that stay keep their form (a mapping with
    `pages` and `note` stays a mapping), new ones are appended, unchosen ones removed."""
    from ruamel.yaml.comments import CommentedSeq

    existing = node.get(key)
    refs = existing if isinstance(existing, list) else ([existing] if isinstance(existing, (str, dict)) else [])

    def path(ref) -> Any:
        return ref.get("file") if isinstance(ref, dict) else ref

    kept = [ref for ref in refs if path(ref) in chosen]
    have = {path(ref) for ref in kept}
    added = [p for p in dict.fromkeys(chosen) if p not in have]
    if len(kept) == len(refs) and not added:
        return
    if not kept and not added:
        if key in node:
            node[key] = None  # `evidence:` left empty; a `[]` would invite the list-under-it mistake
        return
    if isinstance(existing, CommentedSeq):
        for i in reversed(range(len(existing))):
            if path(existing[i]) not in chosen:
                del existing[i]
        existing.extend(added)
        existing.fa.set_block_style()
        return
    node[key] = CommentedSeq(kept + added)


def _apply_rows(part: Rows, node, plain: Any, form, name: str, remove: str | None) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    seq = node.get(part.key)
    seq = seq if isinstance(seq, list) else None
    plain = plain if isinstance(plain, list) else []
    have = len(seq) if seq is not None else 0
    count = min(_count(form.get(name + ".rows")), have + MAX_NEW_ROWS)
    drop, added = [], []
    for i in range(count):
        item = f"{name}.{i}"
        if i < have:
            emptied = _on_form(part.parts, form, item + ".") and _blank(part.parts, form, item + ".")
            if remove == item or (emptied and not _unknown_keys(seq[i], part.parts)):
                drop.append(i)
            elif isinstance(seq[i], dict):
                apply(part.parts, seq[i], plain[i] if i < len(plain) else None, form, prefix=item + ".", remove=remove)
        elif remove != item and not _blank(part.parts, form, item + "."):
            new = CommentedMap()
            apply(part.parts, new, None, form, prefix=item + ".", remove=remove)
            added.append(new)
    if seq is None:
        if added:
            node[part.key] = CommentedSeq(added)
        return
    for i in reversed(drop):
        del seq[i]
    if added:
        seq.extend(added)
        seq.fa.set_block_style()
    if not seq and not added and drop:
        node[part.key] = None  # every row removed: the list is empty, not filled in


def _blank(parts: tuple, form, prefix: str) -> bool:
    """Whether every field of a row was posted empty."""
    return not _posted_anything(parts, form, prefix)


def _on_form(parts: tuple, form, prefix: str) -> bool:
    """Whether any field of a row was on the posted form at all."""
    return any(prefix + p.key in form or prefix + p.key + ".rows" in form for p in parts)


def _posted_anything(parts: tuple, form, prefix: str) -> bool:
    for part in parts:
        name = prefix + part.key
        if isinstance(part, Field):
            values = form.getlist(name) if part.kind == "files" else [form.get(name)]
            if any(isinstance(v, str) and typed(v, part.kind) is not None for v in values):
                return True
        elif isinstance(part, Group):
            if _posted_anything(part.parts, form, name + "."):
                return True
        elif isinstance(part, Rows):
            if any(_posted_anything(part.parts, form, f"{name}.{i}.") for i in range(_count(form.get(name + ".rows")))):
                return True
    return False


def _unknown_keys(item: Any, parts: tuple) -> bool:
    """Whether a row holds values the form does not show (they must not be lost)."""
    if not isinstance(item, dict):
        return True
    known = {p.key for p in parts}
    return any(k not in known and v not in (None, "", [], {}) for k, v in item.items())


def changes(parts: tuple, form, plain: Any, lang: Lang, *, prefix: str = "") -> list[tuple[str, str, str]]:
    """(label, what was posted, what the file holds now) for every field where they differ:
    the two versions a refused save shows."""
    source = data_source(plain)
    out = []

    def walk(parts: tuple, prefix: str, title: str) -> None:
        for part in parts:
            name = prefix + part.key
            if isinstance(part, Field):
                if part.kind == "files":
                    mine, theirs = form.getlist(name), source.files(name)
                    mine = [v for v in mine if isinstance(v, str) and v]
                    if name in form and mine != theirs:
                        out.append((title + part.label.get(lang), "\n".join(mine), "\n".join(theirs)))
                    continue
                raw = form.get(name)
                current = source.value(name, part.kind)
                if isinstance(raw, str) and not _same(raw, current, part.kind):
                    out.append((title + part.label.get(lang), raw.strip(), current))
            elif isinstance(part, Group):
                walk(part.parts, name + ".", title + part.legend.get(lang) + ": ")
            elif isinstance(part, Rows):
                n = max(_count(form.get(name + ".rows")), source.rows(name))
                for i in range(n):
                    walk(part.parts, f"{name}.{i}.", title + part.item.format(n=i + 1).get(lang) + ": ")

    walk(parts, prefix, "")
    return out

"""The one-walk parse (io/yamlbuild.py) gives exactly what the careful parse gives: the same
values of the same types and the same positions of every value and key, for every YAML
file of the project, a generated company and a set of scalars that resolve differently in
YAML 1.1 and 1.2; and it leaves every file it cannot read plainly to the careful parse
(whose findings tests/test_yaml_loading.py covers)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from helpers import make_company
from hypothesis import given
from hypothesis import strategies as st
from properties import yaml_ish
from test_yaml_loading import CASES

from asfcert.io.yamlbuild import build
from asfcert.io.yamlfile import YamlDoc, YamlProblem, _careful, _paths, parse

REPO = Path(__file__).resolve().parents[1]
PROJECT_FILES = sorted(
    p for top in ("examples", "tests/fixtures", "src", "docs") for p in (REPO / top).rglob("*") if p.suffix in (".yaml", ".yml")
)

SCALARS = [
    "no", "No", "NO", "yes", "on", "off", "y", "n", "true", "True", "FALSE", "~", "null", "Null", "", "''", '""',
    "0o17", "017", "0x1F", "0b101", "1_000", "+1", "-0", "12", "1.5", "1.", ".5", "1e3", "1E-3", "-1.5e+3", ".inf", "-.Inf",
    ".nan", ".NaN", "2025-01-01", "2025-1-1", "2025-01-01 10:00:00", "2025-01-01T10:00:00+01:00", "2025-01-01t10:00:00Z",
    "12:30", "1:20:30", "0.1.2", "829502-4247", "'829502-4247'", "Dalarnas län", "'a: b'", "\"tab\\there\"",
    "|\n  block\n  text\n", ">\n  folded\n  text\n", "[1, two, 3.0, null]", "{a: 1, 'b': no}", "[]", "{}",
]


def same(a, b) -> bool:
    """Equal, and of the same type all the way down (True is not 1, 1.0 is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(k, l) for k, l in zip(a, b)) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dt.datetime):
        return a == b and a.tzinfo == b.tzinfo
    return a == b


def assert_as_careful(text: str) -> bool:
    """True when the one walk read `text`; then its result is the careful parse's."""
    built = build(text)
    if built is None:
        return False
    careful = _careful(text, "x.yaml", False, False)
    data, values, keys, native = built
    assert same(data, careful.data), text[:300]
    assert values == careful.values, text[:300]
    assert keys == careful.keys, text[:300]
    assert list(values) == list(careful.values) and list(keys) == list(careful.keys)
    # the order YamlDoc.to_cache relies on for a walked document (`in_walk_order`) without checking it
    assert _paths(data) == (list(values), list(keys)), text[:300]
    # what YamlDoc.to_cache relies on to keep the data as it is (`json_native`)
    assert native == json_native(data), text[:300]
    return True


def json_native(data) -> bool:
    """Text keys only, and values that JSON gives back as they were."""
    if type(data) is dict:
        return all(type(k) is str and json_native(v) for k, v in data.items())
    if type(data) is list:
        return all(json_native(v) for v in data)
    return type(data) in (str, int, bool, type(None))


@pytest.mark.parametrize("path", PROJECT_FILES, ids=[str(p.relative_to(REPO)) for p in PROJECT_FILES])
def test_every_project_file_reads_as_the_careful_parse(path):
    text = path.read_bytes().decode("utf-8-sig")
    if text.strip():
        assert assert_as_careful(text), f"{path} is not read in one walk"


def test_a_generated_company_reads_as_the_careful_parse(tmp_path):
    root = make_company(tmp_path / "c")
    files = sorted(root.rglob("*.yaml"))
    assert files
    for path in files:
        assert assert_as_careful(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_resolve_as_the_careful_parse(scalar):
    block = scalar.replace("\n", "\n    ")
    key = scalar if scalar and scalar[0] not in "[{" and ":" not in scalar and "\n" not in scalar else "k"  # the scalar as a key too
    text = f"value: {block}\nlist:\n  - {block}\n{key}: x\nempty:\nafter: 1\n"
    assert assert_as_careful(text)


def test_crlf_unicode_breaks_and_flow_collections():
    for text in [
        "a: 1\r\nb:\r\n  - x\r\n  - {c: [1, 2], d: }\r\n",
        "a: \"one\u2028two\"\nb: x\n",
        "a: [\n  1,\n  2\n]\nb: {x: 1,\n  y: }\n",
        "- - 1\n  - 2\n- a: b\n  c:\n- \n",
        "top",
        "---\n",
        "# only a comment\n",
        "? a\n: 1\n",
    ]:
        assert assert_as_careful(text), text


@pytest.mark.parametrize(("name", "raw"), [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_files_go_to_the_careful_parse(name, raw):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    if "\x00" in text or name == "list-root" or not text.strip() or name == "comments-only":
        return  # refused before parsing, or valid YAML (checked above)
    assert build(text) is None
    with pytest.raises(YamlProblem):
        parse(raw, "company.yaml")


def test_what_the_one_walk_leaves_to_the_careful_parse():
    for text in [
        "a: &x 1\n", "a: !!str 1\n", "a: 1\na: 2\n", "1: a\n'1': b\n", "1: a\n+1: b\n", "<<: {a: 1}\n", "? [a]\n: 1\n",
        "a: =\n", "a: " + "9" * 31 + "\n", "a: 2025-02-30\n", "a: 1\n---\nb: 2\n", "a: [1\n",
    ]:
        assert build(text) is None, text


@given(yaml_ish())
def test_yaml_ish_text_reads_as_the_careful_parse_or_is_left_to_it(text):
    if "\x00" in text:
        return
    try:
        _careful(text, "x.yaml", False, False)
    except YamlProblem:
        assert build(text) is None, text
        return
    assert_as_careful(text)


def test_parse_uses_the_one_walk_and_caches_the_same(tmp_path):
    doc = parse(b"name: A\nheadcount:\n  as_of: 2025-01-31\nowners:\n  - x\n", "company.yaml")
    assert isinstance(doc, YamlDoc) and doc.data["headcount"]["as_of"] == dt.date(2025, 1, 31)
    again = YamlDoc.from_cache(doc.to_cache(), "company.yaml")
    assert same(again.data, doc.data) and again.values == doc.values and again.keys == doc.keys


@pytest.mark.parametrize("path", PROJECT_FILES[:12], ids=[str(p.relative_to(REPO)) for p in PROJECT_FILES[:12]])
def test_a_cached_parse_reads_back_the_same(path):
    """The cache keeps positions without their paths (a walk of the data gives them):
    read back, every value and key has the same position, in the same order."""
    import json

    doc = parse(path.read_bytes(), path.name)
    entry = json.loads(json.dumps(doc.to_cache()))
    assert "at" in entry
    assert ("json" in entry) == json_native(doc.data)  # kept as it is, or encoded value by value
    again = YamlDoc.from_cache(entry, path.name)
    assert same(again.data, doc.data)
    assert list(again.values.items()) == list(doc.values.items()) and list(again.keys.items()) == list(doc.keys.items())


def test_a_damaged_cached_parse_is_refused():
    doc = parse(b"a:\n  b: [1, 2]\nc: x\n", "x.yaml")
    entry = doc.to_cache()
    entry["at"] = entry["at"][:-2]
    with pytest.raises(ValueError):
        YamlDoc.from_cache(entry, "x.yaml")


def test_positions_that_are_not_a_parse_are_kept_with_their_paths():
    doc = YamlDoc("x.yaml", {"a": 1}, {(): (1, 1), ("a",): (1, 4), ("b",): (2, 1)}, {("a",): (1, 1)})
    again = YamlDoc.from_cache(doc.to_cache(), "x.yaml")
    assert again.values == doc.values and again.keys == doc.keys


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, true, null, '2025-01-01']\nc: {d: ''}\n",  # JSON's own: kept as it is
    "a: 2025-01-01\n", "1: a\n", "a: 1.5\n", "a: [.nan]\n", "true: x\n", "a: {null: 1}\n",  # encoded
])
def test_a_cached_parse_is_kept_as_json_only_when_json_holds_it(text):
    import json

    doc = parse(text.encode(), "x.yaml")
    assert doc.json_native == json_native(doc.data)
    entry = json.loads(json.dumps(doc.to_cache()))
    assert ("json" in entry) == doc.json_native and ("data" in entry) != doc.json_native
    again = YamlDoc.from_cache(entry, "x.yaml")
    assert same(again.data, doc.data) and list(again.values.items()) == list(doc.values.items())
    assert list(again.keys.items()) == list(doc.keys.items())


def test_a_damaged_json_parse_in_the_cache_is_refused():
    entry = parse(b"a:\n  b: [1, 2]\nc: x\n", "x.yaml").to_cache()
    assert "json" in entry
    entry["json"] = {"a": {"b": [1]}, "c": "x"}  # positions for more values than the data has
    with pytest.raises(ValueError):
        YamlDoc.from_cache(entry, "x.yaml")


def _resolved(value: str) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import ScalarNode

    return str(YAML(typ="safe", pure=False).resolver.resolve(ScalarNode, value, (True, False)))


WORDS = SCALARS + ["769654-5164", "3.1.a", "ASF-2019-0257", "Nej", "nej", "false", "Tove", "0", "-", ".", "+", "<<", "=", "~x"]


@pytest.mark.parametrize("value", WORDS)
def test_the_resolver_rules_give_the_resolvers_tag(value):
    from asfcert.io.yamlbuild import _Scalars

    scalars = _Scalars()
    assert scalars.rules is not None  # the lean path is the one taken
    assert scalars.tag_of(value) == _resolved(value)


@given(st.text(alphabet="0123456789+-._:eExXoObBtTfFnNyY~ aå<=", max_size=24))
def test_the_resolver_rules_give_the_resolvers_tag_for_any_text(value):
    from asfcert.io.yamlbuild import _Scalars

    assert _Scalars().tag_of(value) == _resolved(value)

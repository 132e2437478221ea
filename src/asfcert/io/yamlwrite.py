"""The one way asfcert writes YAML: ruamel.yaml's round-trip mode (comments and key order
survive), configured so that whatever it writes reads back through `yamlfile` as the same
data.

ruamel.yaml writes YAML 1.2 and `yamlfile` reads with libyaml, and a few plain (unquoted)
scalars that ruamel writes are refused or changed by libyaml: `unreadable:13` or a leading
`?` inside `{...}` ("found unexpected ':'"), and characters YAML treats as line breaks
(NEL U+0085, LS U+2028, PS U+2029), which silently become spaces. Such a text is written
double-quoted, with escapes; every other text keeps the style ruamel chooses, so what an
auditor wrote looks the same after asfcert has written the file again.
tests/test_yaml_properties.py checks the round trip on generated texts."""

from __future__ import annotations

import io
import re

# Characters a plain or single-quoted scalar cannot carry through libyaml unchanged: C0 and
# C1 controls (tab and newline aside), the Unicode line breaks, the BOM, lone surrogates.
_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
# Inside a flow collection libyaml also stops at these in a plain scalar.
_FLOW_UNSAFE = re.compile(r"[:?#,\[\]{}]|^[-&*!|>'\"%@`]|^\s|\s$")


def round_trip(width: int = 4096):
    """A round-trip YAML dumper for asfcert's records: block indent 2, sequences offset,
    no anchors, `key:` (not `key: null`) for an empty value, Unicode as is."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = width
    yaml.allow_unicode = True
    representer = yaml.representer
    representer.ignore_aliases = lambda data: True  # asfcert files never use anchors
    # an empty value reads `result:`, inviting the auditor to fill it in, rather than `result: null`
    representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", ""))
    representer.add_representer(str, _represent_str)
    representer.add_multi_representer(str, lambda r, data: _represent_str(r, str(data)))  # the vocabulary's StrEnums
    return yaml


def needs_escapes(text: str) -> bool:
    """Whether the text can be written only double-quoted, with escapes."""
    return bool(_NEEDS_ESCAPES.search(text))


def _represent_str(representer, data: str):
    if needs_escapes(data):
        return representer.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return representer.represent_str(data)


def flow_safe(value):
    """A value for a flow collection (`{a: b}`, `[a, b]`): a text libyaml would misread
    there is double-quoted; anything else is returned as it is."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str) and type(value) is str and value and _FLOW_UNSAFE.search(value):
        return DoubleQuotedScalarString(value)
    return value


def dump(yaml, data, header: str = "") -> str:
    buf = io.StringIO()
    buf.write(header)
    yaml.dump(data, buf)
    return buf.getvalue()

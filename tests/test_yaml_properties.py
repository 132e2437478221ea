"""Properties of reading and writing YAML, on generated input (hypothesis).

- Loading never raises anything but the documented `YamlProblem`, for any bytes and for
  YAML-ish text; its finding is located inside the file and its code is documented.
- Validation never raises, and every finding it returns is located inside the file.
- What asfcert writes (yamlwrite) reads back as the same data, whatever the texts.
- A generated company.yaml with comments round-trips through ruamel.yaml's round-trip
  mode byte for byte (comments and key order kept) and validates to the same model.

The examples are bounded and derandomized (tests/conftest.py); `HYPOTHESIS_PROFILE=explore`
searches further."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from properties import DOCUMENTED, profiles, yaml_ish

from asfcert.cli.catalogue import catalogue
from asfcert.formats.assessment import SelfAssessment
from asfcert.formats.audit import AuditRecord
from asfcert.formats.company import Company
from asfcert.io.schema_errors import validate
from asfcert.io.yamlfile import YamlDoc, YamlProblem, parse

MODELS = [Company, SelfAssessment, AuditRecord]


def located_inside(finding, raw: bytes) -> bool:
    """Line and column, where given, point into the file (a line past the last one is where
    the end of the file is reported)."""
    loc = finding.location
    lines = raw.count(b"\n") + 1
    return (loc.line is None or 1 <= loc.line <= lines + 1) and (loc.column is None or loc.column >= 1)


def _load(raw: bytes) -> YamlDoc | None:
    try:
        return parse(raw, "x.yaml")
    except YamlProblem as p:
        f = p.finding
        assert f.code in catalogue() and f.code in DOCUMENTED, f.code
        assert f.location.file == "x.yaml" and located_inside(f, raw), (f.location, raw[:200])
        assert f.message.sv and f.message.en
        return None
    # anything else propagates and fails the test


def _validate_all(doc: YamlDoc, raw: bytes) -> None:
    for model in MODELS:
        _, findings = validate(model, doc)
        for f in findings:
            assert f.code in DOCUMENTED, f.code
            assert located_inside(f, raw), (model.__name__, f.code, f.location, raw[:200])


@given(st.binary(max_size=400))
def test_any_bytes_load_or_give_a_located_problem(raw):
    doc = _load(raw)
    if doc is not None:
        _validate_all(doc, raw)


@given(yaml_ish())
def test_yaml_like_text_loads_or_gives_a_located_problem(text):
    raw = text.encode("utf-8", "surrogatepass")
    doc = _load(raw)
    if doc is not None:
        _validate_all(doc, raw)


@given(profiles())
def test_profiles_validate_with_located_findings(profile):
    from helpers import yaml_text

    raw = yaml_text(profile).encode("utf-8")
    doc = _load(raw)
    assert doc is not None
    _validate_all(doc, raw)


@given(st.dictionaries(st.text(max_size=20), st.one_of(st.text(), st.lists(st.text(), max_size=3)), max_size=5), st.text())
def test_what_asfcert_writes_reads_back_unchanged(fields, text):
    """The audit record's writer: any text, in block or flow style, comes back the same."""
    from ruamel.yaml.comments import CommentedMap

    from asfcert.records import audit_record as record

    data = CommentedMap(summary=text, comment=text)
    data["machine"] = record._flow({k: v for k, v in fields.items()})
    data["free"] = dict(fields)
    data["list"] = record._flow_seq([text, *fields])
    doc = parse(record.dump(data).encode("utf-8"), "audit.yaml")
    assert doc.data == {"summary": text, "comment": text, "machine": fields, "free": fields, "list": [text, *fields]}


@given(profiles(valid=True), st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30), min_size=3, max_size=3))
def test_a_commented_company_file_round_trips_byte_for_byte(profile, notes):
    from ruamel.yaml import YAML

    from asfcert.io.yamlwrite import round_trip

    text = _commented(profile, notes)
    yaml = YAML(typ="rt")  # what an editor-friendly tool (and asfcert's record writer) uses
    data = yaml.load(text)
    assert list(data) == list(profile)  # key order
    again = io.StringIO()
    round_trip().dump(data, again)
    assert again.getvalue() == text
    before, findings = validate(Company, parse(text.encode(), "company.yaml"))
    after, _ = validate(Company, parse(again.getvalue().encode(), "company.yaml"))
    assert not findings and before == after


def _commented(profile: dict, notes: list[str]) -> str:
    """The profile as a person would write it: comments above keys, at line ends, on top."""
    from ruamel.yaml.comments import CommentedMap

    from asfcert.io.yamlwrite import round_trip

    data = CommentedMap(profile)
    keys = list(profile)
    data.yaml_set_start_comment("Företagsprofil: " + " ".join(notes[0].split()))
    data.yaml_set_comment_before_after_key(keys[len(keys) // 2], before=" ".join(notes[1].split()) or "x")
    data.yaml_add_eol_comment(" ".join(notes[2].split()) or "x", keys[-1])
    out = io.StringIO()
    round_trip().dump(data, out)
    return out.getvalue()

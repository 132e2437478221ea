"""The cold cohort run's cheaper scans find what the plain code found (issue 17 item 4): the
identity-number candidates with the pattern that starts with a digit, the facts' defaults
filled in without copy.copy, and each document's real path with one lstat."""

from __future__ import annotations

import os
import re

from hypothesis import given
from hypothesis import strategies as st

from asfcert.evidence import privacy
from asfcert.evidence.documents import _DEFAULTS, _real, normalise

# the pattern as it was written first: the look-behind tried at every character
PLAIN = re.compile(r"(?<![0-9A-Za-z])(\d{8}|\d{6})([" + privacy._SEPARATORS + r"]?)(\d{4})(?![0-9])")
PIECES = ["19811218", "811218", "1234", "9876", "0", "7", "a", "Z", "x", "-", "+", " ", "\u00a0", "\u2013", "\n",
          "٣", "٤٥٦٧٨٩", "é", "_", "19811218-1234"]


def _matches(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_the_candidates_are_those_of_the_plain_pattern(text):
    assert _matches(privacy._CANDIDATE, text) == _matches(PLAIN, text)


@given(st.text(alphabet="0123456789aZ-+ \u00a0\u2013\n٣", max_size=40))
def test_the_candidates_are_those_of_the_plain_pattern_on_any_text(text):
    assert _matches(privacy._CANDIDATE, text) == _matches(PLAIN, text)


def test_the_edges_of_a_candidate():
    for text, found in [
        ("19811218-1234", "19811218-1234"), ("x19811218-1234", None), ("119811218-1234", None),
        ("811218 1234", "811218 1234"), ("a811218-1234", None), ("-811218-1234", "811218-1234"), ("811218-12345", None),
        ("811218\u2013" "1234.", "811218\u20131234"), ("٣811218-1234", "811218-1234"),
    ]:
        assert _matches(privacy._CANDIDATE, text) == _matches(PLAIN, text), text
        got = [m.group(0) for m in privacy._CANDIDATE.finditer(text)]
        assert got == ([found] if found else []), text


def test_facts_defaults_are_fresh_and_equal():
    a, b = normalise({"problem": "time"}), normalise({"problem": "time"})
    assert a == b == {**_DEFAULTS, "problem": "time", "format": a["format"]}
    a["texts"].append("x")
    a["metadata"]["k"] = "v"
    assert b["texts"] == [] and b["metadata"] == {} and _DEFAULTS["texts"] == [] and _DEFAULTS["metadata"] == {}
    raw = {name: value for name, value in normalise({}).items() if name != "format"}
    assert normalise(raw) == normalise({})


def test_a_document_path_is_real_as_realpath_says(tmp_path):
    folder = tmp_path / "company"
    (folder / "evidence" / "a").mkdir(parents=True)
    target = folder / "evidence" / "a" / "f.pdf"
    target.write_bytes(b"%PDF-1.4")
    (folder / "evidence" / "link.pdf").symlink_to(target)
    (folder / "evidence" / "rel.pdf").symlink_to(os.path.join("a", "f.pdf"))
    real_root = os.path.realpath(folder)
    for rel in ("evidence/a/f.pdf", "evidence/link.pdf", "evidence/rel.pdf"):
        path = os.path.join(real_root, rel)
        assert _real(path) == os.path.realpath(path)

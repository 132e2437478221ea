"""Hypothesis strategies shared by the property tests: company profiles, pay tables and
YAML-ish text, and the codes documented in docs/findings.md."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import strategies as st

DOCS = Path(__file__).resolve().parents[1] / "docs" / "findings.md"
DOCUMENTED = frozenset(re.findall(r"^### `([a-z0-9-]+)`$", DOCS.read_text(encoding="utf-8"), re.M))

ORG_NUMBERS = ["829502-4247", "769612-3459", "769633-1235", "769677-4566", "8295024247", "16829502-4247"]
_LETTERS = "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖéü"
words = st.text(alphabet=_LETTERS + " -&.,'", min_size=1, max_size=30).map(lambda s: " ".join(s.split()) or "x")
# Texts as people type them, quotes, colons and hashes included.
free_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
amount = st.integers(min_value=1, max_value=500_000)

pay_rows = st.lists(st.fixed_dictionaries({"role": words, "monthly_sek": amount}), min_size=1, max_size=8)


@st.composite
def profiles(draw, valid: bool = False) -> dict:
    """A company.yaml as data. `valid`: every value within its field's rules."""
    employees = draw(st.integers(0, 200))
    target = draw(st.integers(0, employees))
    profile = {
        "name": draw(words),
        "org_number": draw(st.sampled_from(ORG_NUMBERS)),
        "legal_form": draw(st.sampled_from(["economic-association", "limited-company-svb", "ekonomisk förening", "aktiebolag svb"])),
        "county": draw(words),
        "owners": draw(st.lists(st.fixed_dictionaries({
            "name": words,
            "kind": st.sampled_from(["members", "private-person", "non-profit", "kommun", "medlemmar"]),
            "share_percent": st.integers(0, 100),
        }), min_size=1, max_size=4)),
        "headcount": {
            "as_of": draw(st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31))),
            "employees": employees,
            "target_group_employees": target,
            "target_group_hired_last_24_months": draw(st.integers(0, target)),
            "work_training_participants": draw(st.integers(0, 100)),
        },
        "pay": draw(pay_rows),
        "finances": [{"year": year, "revenue_sek": draw(amount), "result_sek": draw(st.integers(-100_000, 100_000)),
                      "dividends_sek": draw(st.sampled_from([0, 0, 0, 1000]))}
                     for year in sorted(draw(st.sets(st.integers(2019, 2026), min_size=1, max_size=3)), reverse=True)],
        "collective_agreement": {"has_agreement": draw(st.sampled_from([True, False, "ja", "nej"]))},
        "work_environment": {"sam_in_place": draw(st.booleans()), "last_annual_review": draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 11, 1)))},
    }
    if not valid:
        # a field or two replaced by something of the wrong kind, or removed
        for key in draw(st.lists(st.sampled_from(sorted(profile)), max_size=2, unique=True)):
            profile[key] = draw(st.one_of(st.none(), free_text, st.integers(), st.lists(free_text, max_size=2), st.booleans()))
    return profile


@st.composite
def yaml_ish(draw) -> str:
    """Lines that look like YAML: keys, indentation (spaces and tabs), lists, flow
    collections, quotes, anchors, aliases, tags, comments, document markers, directives."""
    token = st.sampled_from([
        "name", "org_number", "pay", "role", "monthly_sek", "answers", "3.1.a", "status", "met", "ja", "NO", "yes",
        "~", "null", "2025-13-01", "2026-02-30", "1e999", "0x1F", "9" * 40, "-1", "'", '"', "&a", "*a", "<<", "!!python/object",
        "!tag", "[", "]", "{", "}", ",", ":", "? ", "|", ">", "#", "%YAML 1.1", "---", "...", "@", "`", "\t", "\u00a0",
        "\ufeff", "\u2028", "\x85", "å", "Ä", "\x00", "\x1b",
    ]) | free_text
    lines = draw(st.lists(st.tuples(st.integers(0, 6), st.sampled_from(["", "- ", "key: ", "- key: "]), st.lists(token, max_size=4)), max_size=12))
    return "\n".join("  " * depth + lead + " ".join(parts) for depth, lead, parts in lines) + draw(st.sampled_from(["", "\n", "\r\n"]))

"""`audit --decide` without the round trip (issue 17): when the cache shows that the update
leaves the record's text before its decision as it is, only the new decision is written
after that text (`decision_splice.before_decision` / `with_decision`). These tests prove that
the record's bytes and the result are exactly those of the round trip (the path every
record without that cache entry takes), for every example company and for crafted records,
that odd records always take the round trip, that a damaged cache entry is ignored, and that
the write stays atomic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from audit_helpers import AS_OF, EXAMPLES, audit, set_results, setup

from asfcert.records import audit_record as record
from asfcert.records import decision_splice as splice

COMPANIES = ("grona", *sorted(p.name for p in EXAMPLES.iterdir() if (p / "company.yaml").exists()))
IDS = iter(f"{n:016x}" for n in range(10**6))  # decision ids, fixed: both paths then write the same record


@pytest.fixture
def ids(monkeypatch):
    """Each decision gets the next fixed id; `ids.take()` sets the next one explicitly."""
    import asfcert.audit.session as session

    class Ids:
        value = "0" * 16

        def take(self, value: str) -> None:
            self.value = value

    chosen = Ids()
    monkeypatch.setattr(session.secrets, "token_hex", lambda n: chosen.value)
    return chosen


@pytest.fixture
def round_trips(monkeypatch) -> list:
    """The records parsed for the round trip, one entry per `editable()`."""
    seen: list = []
    editable = record.Record.editable

    def spy(self):
        seen.append(self.root)
        return editable(self)

    monkeypatch.setattr(record.Record, "editable", spy)
    return seen


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Path:
    """A cohort with a company made by the tests' helpers and copies of every example
    company, each with a record whose results the auditor has filled in."""
    root = setup(tmp_path_factory.mktemp("decide"), examples=tuple(c for c in COMPANIES if c != "grona")).parent
    for n, name in enumerate(COMPANIES):
        audit(root / name)
        data = record.read(root / name).required().model
        reqs = list(data.requirements)
        # a remark with a comment on several lines, an observation with texts that need quoting
        results = {reqs[n % len(reqs)]: "remark", reqs[(n + 3) % len(reqs)]: "observation"}
        comments = {
            reqs[n % len(reqs)]: "Rutinen saknar datum.\nÅtgärda före nästa stämma: ”ja”, 50 % klart.",
            reqs[(n + 3) % len(reqs)]: "yes: #1 - [se bilaga] {x}" if n % 2 else "12:30",
        }
        set_results(root / name, results, comments=comments)
    return root


def _copies(registry: Path, tmp_path: Path, name: str) -> tuple[Path, Path]:
    """The cohort twice: `a` decides with the cache, `b` with none (always the round trip)."""
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(registry, a, symlinks=True)
    shutil.copytree(registry, b, symlinks=True)
    return a / name, b / name


def _settle(root: Path) -> None:
    """Plain `audit` runs until the record is as the update writes it: the last one finds the
    text before the decision unchanged and says so in the cache."""
    audit(root)
    audit(root)


def _decide_both(a: Path, b: Path, ids, value: str, round_trips: list) -> bool:
    """Decide in both copies with the same id; the two records and results must be the same.
    Returns whether `a` took the round trip."""
    ids.take(value)
    before = len(round_trips)
    got = audit(a, decide=True)
    spliced = len(round_trips) == before
    want = audit(b, decide=True, use_cache=False)
    assert (a / "audit/audit.yaml").read_bytes() == (b / "audit/audit.yaml").read_bytes()
    assert _comparable(got) == _comparable(want)
    return not spliced


def _comparable(result) -> dict:
    d = result.to_dict()
    d.pop("folder")
    return d


@pytest.mark.parametrize("name", COMPANIES)
def test_the_spliced_decision_is_the_round_trip_byte_for_byte(registry, tmp_path, name, ids, round_trips):
    a, b = _copies(registry, tmp_path, name)
    _settle(a)
    _settle(b)
    assert _decide_both(a, b, ids, "1047acd8fbfcc4c3", round_trips) is False  # the first decision: spliced
    decided = record.read(a)
    assert decided.decision.remarks and decided.decision.observations  # a comment on two lines, texts quoted
    assert decided.raw.decode("utf-8").endswith(splice.decision_block(decided.doc.data["decision"]))
    assert _decide_both(a, b, ids, "00000000000000e5", round_trips) is False  # replaces the decision: spliced again
    assert _decide_both(a, b, ids, "1234567890123456", round_trips) is False  # an id that reads as a number
    assert "id: '1234567890123456'" in (a / "audit/audit.yaml").read_text(encoding="utf-8")


def test_a_record_never_settled_takes_the_round_trip_until_it_has(registry, tmp_path, ids, round_trips):
    a, b = _copies(registry, tmp_path, "grona")  # results written by a round trip: the update requotes texts
    assert _decide_both(a, b, ids, "aa" * 8, round_trips) is True
    assert _decide_both(a, b, ids, "bb" * 8, round_trips) is True  # the first decision changed more than itself
    assert _decide_both(a, b, ids, "cc" * 8, round_trips) is False


def _typed(root: Path, edit) -> None:
    path = root / "audit/audit.yaml"
    text = path.read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text
    path.write_text(edited, encoding="utf-8")


def _nth(text: str, old: str, new: str, n: int = 1) -> str:
    """`text` with the `n`th `old` replaced."""
    at = -1
    for _ in range(n):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old):]


# What the auditor types between the last run and `--decide`: values the update keeps.
TYPED = {
    "a result changed": lambda t: _nth(t, "    result: conform\n", "    result: observation\n"),
    "a result in Swedish": lambda t: _nth(t, "    result: conform\n", "    result: anmärkning\n", 2),
    "a comment written": lambda t: _nth(t, "    comment:\n", "    comment: Bra, se ”bilaga 2” & protokollet.\n"),
    "a comment emptied": lambda t: _nth(t, "    comment: 12:30\n", "    comment:\n"),  # grona's observation
    "the summary": lambda t: t.replace("summary:\n", "summary: Revisionen är klar.\n", 1),
    "several at once": lambda t: _nth(_nth(t, "    result: conform\n", "    result: major\n", 3), "    comment:\n", "    comment: Saknas.\n", 2),
}


# Typed changes the update does not keep as typed, or that are not only values: the round trip.
RETYPED = {
    "a result emptied": lambda t: _nth(t, "suggests: conform\n    result: conform\n", "suggests: conform\n    result:\n"),
    "a comment quoted": lambda t: _nth(t, "    comment:\n", "    comment: 'Bra'\n"),
    "a comment after a result": lambda t: _nth(t, "    result: conform\n", "    result: conform  # kollat\n"),
    "a comment on two lines": lambda t: _nth(t, "    comment:\n", "    comment: |\n      Rad ett.\n      Rad två.\n"),
    "an about changed": lambda t: t.replace("    about: ", "    about: X ", 1),
    "a line added": lambda t: t.replace("summary:\n", "# anteckning\nsummary:\n", 1),
    "a comment moved before the result": lambda t: _nth(t, "    result: conform\n    comment:\n", "    comment:\n    result: conform\n"),
}


@pytest.mark.parametrize("case", [*TYPED, *RETYPED])
def test_what_the_auditor_typed_after_the_last_run(registry, tmp_path, case, ids, round_trips):
    a, b = _copies(registry, tmp_path, "grona")
    for root in (a, b):
        _settle(root)
        _typed(root, TYPED.get(case) or RETYPED[case])
    assert _decide_both(a, b, ids, "56" * 8, round_trips) is (case in RETYPED)  # TYPED: spliced at once
    assert _decide_both(a, b, ids, "57" * 8, round_trips) is False


@pytest.mark.parametrize("case", TYPED)
def test_an_audit_after_typing_leaves_the_record_as_typed_without_the_round_trip(registry, tmp_path, case, round_trips):
    a, b = _copies(registry, tmp_path, "grona")
    for root in (a, b):
        _settle(root)
        _typed(root, TYPED[case])
    typed = (a / "audit/audit.yaml").read_bytes()
    round_trips.clear()
    got = audit(a)
    assert not round_trips and (a / "audit/audit.yaml").read_bytes() == typed
    want = audit(b, use_cache=False)
    assert round_trips and (b / "audit/audit.yaml").read_bytes() == typed
    assert _comparable(got) == _comparable(want)


def _before(text: str, line: str, insert: str) -> str:
    i = text.index(line)
    return text[:i] + insert + text[i:]


# Records the auditor may leave in any state: they still splice once settled, with the same bytes.
SETTLED = {
    "comment before the decision": lambda t: _before(t, "decision:", "# beslutet skrivs av asfcert\n"),
    "blank lines and a comment before the decision": lambda t: _before(t, "decision:", "\n# anteckning\n\n"),
    "a summary on several lines": lambda t: t.replace("summary:\n", "summary: |\n  Bra revision.\n  Två anmärkningar: se nedan.\n", 1),
    "a comment in the snapshot": lambda t: _before(t, "  files:", "  # filerna vid revisionen\n"),
}


@pytest.mark.parametrize("case", SETTLED)
def test_crafted_records_splice_with_the_same_bytes(registry, tmp_path, case, ids, round_trips):
    a, b = _copies(registry, tmp_path, "grona")
    for root in (a, b):
        path = root / "audit/audit.yaml"
        path.write_text(SETTLED[case](path.read_text(encoding="utf-8")), encoding="utf-8")
        _settle(root)
    assert splice.before_decision(record.read(a)) is not None
    assert _decide_both(a, b, ids, "cc" * 8, round_trips) is False
    assert _decide_both(a, b, ids, "dd" * 8, round_trips) is False


# Records whose decision block is not exactly as asfcert writes it: never spliced.
ODD = {
    "a comment inside the decision": lambda t: t.replace("  outcome:", "  # bedömt\n  outcome:"),
    "a comment after the decision": lambda t: t + "# slut\n",
    "no line break at the end": lambda t: t.rstrip("\n"),
    "CRLF line breaks": lambda t: t.replace("\n", "\r\n"),
    "a byte order mark": lambda t: "\ufeff" + t,
    "the decision in flow style": lambda t: t[: t.index("decision:")] + "decision: {id: x, outcome: certified}\n",
    "the decision indented by four": lambda t: t[: t.index("decision:")] + t[t.index("decision:"):].replace("\n  ", "\n    "),
    "the decision before the snapshot": lambda t: (
        t[: t.index("snapshot:")] + t[t.index("decision:"):] + t[t.index("snapshot:"): t.index("decision:")]
    ),
    "an empty decision with a comment": lambda t: t[: t.index("decision:")] + "decision: # ännu inte\n",
}


@pytest.mark.parametrize("case", ODD)
def test_odd_records_take_the_round_trip(registry, tmp_path, case, ids, round_trips):
    a, b = _copies(registry, tmp_path, "grona")
    for root in (a, b):
        _settle(root)
        ids.take("ee" * 8)
        audit(root, decide=True)  # a decided record, settled: the next decision would splice
        path = root / "audit/audit.yaml"
        path.write_bytes(ODD[case](path.read_text(encoding="utf-8")).encode("utf-8"))
    read = record.read(a)
    assert read.model is not None or case == "the decision in flow style"  # the flow decision lacks fields
    assert splice.before_decision(read) is None
    if read.model is None:
        return
    assert _decide_both(a, b, ids, "ff" * 8, round_trips) is True


def test_a_damaged_cache_entry_is_ignored(registry, tmp_path, ids, round_trips):
    import os

    a, b = _copies(registry, tmp_path, "grona")
    _settle(a)
    _settle(b)
    cache = Path(os.environ["ASFCERT_CACHE_DIR"])
    entries = list((cache / "audit-decision-splice").rglob("*.json"))
    last = list((cache / "audit-decision-splice-last").rglob("*.json"))
    assert entries and last
    for n, entry in enumerate(entries):
        entry.write_bytes(b'{"splice": tr' if n % 2 else b'{"splice": "no"}')
    for n, entry in enumerate(last):  # cut short, or another record's text
        entry.write_bytes(entry.read_bytes()[:100] if n % 2 else b'{"prefix": "format: asfcert-audit/1\\n"}')
    assert _decide_both(a, b, ids, "12" * 8, round_trips) is True
    assert _decide_both(a, b, ids, "34" * 8, round_trips) is False  # the round trip wrote the entry again


def test_another_day_takes_the_round_trip(registry, tmp_path, ids, round_trips):
    import datetime as dt

    a, b = _copies(registry, tmp_path, "grona")
    _settle(a)
    later = AS_OF + dt.timedelta(days=1)  # `updated` changes: more than the decision is new
    ids.take("78" * 8)
    before = len(round_trips)
    audit(a, decide=True, today=later)
    assert len(round_trips) == before + 1
    audit(b, decide=True, today=later, use_cache=False)
    assert (a / "audit/audit.yaml").read_bytes() == (b / "audit/audit.yaml").read_bytes()

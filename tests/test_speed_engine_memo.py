"""What the engine, the findings and the cache keep per process or skip give what the
straightforward code gave (issue 17 item 4): a requirement's rules and shared params found
once, a text's L10n made once, a finding's words taken from the memo, the files of a kind
looked up once per check, a new bundle's misses not looked for on disk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from helpers import standard
from hypothesis import given
from hypothesis import strategies as st

from asfcert.assess import answers, engine
from asfcert.base.dates import add_months
from asfcert.base.findings import (
    Finding,
    Kind,
    Location,
    Severity,
    _jsonable,
    _shortened,
)
from asfcert.base.i18n import L10n, _number, number
from asfcert.base.identity import ByIdentity
from asfcert.evidence.documents import Document, Documents
from asfcert.evidence.review import Review
from asfcert.io.cache import BUNDLES, Bundle, Cache, using
from asfcert.standard import plain

KIND = Kind(
    "test-memo",
    L10n("Titel", "Title"),
    L10n("{a} och {b:num} ({c})", "{a} and {b:num} ({c})"),
    L10n("Gör {a}", "Do {a}"),
)
PARAM = st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2) | st.text(max_size=3) | st.sampled_from(
    [L10n("ett", "one"), L10n("två", "two")]
) | st.lists(st.integers(0, 2), max_size=2)


def _as_before(kind: Kind, severity: Severity, **params) -> Finding:
    """A finding as Kind made it without any memo."""
    params = {k: _shortened(v) for k, v in params.items()}
    return Finding(
        kind.code, severity, kind.message.format(**params), Location("f"), None, kind.hint.format(**params),
        _jsonable(params), kind.rule, kind.effect, kind.tags,
    )


@given(PARAM, st.integers(-3, 3) | st.floats(-2, 2), PARAM)
def test_a_finding_has_the_words_it_had(a, b, c):
    for _ in range(2):  # the second from the memo
        made = KIND(location=Location("f"), severity="remark", a=a, b=b, c=c)
        assert made == _as_before(KIND, Severity.REMARK, a=a, b=b, c=c)
        assert type(made.severity) is Severity


def test_equal_values_of_other_types_keep_their_own_words():
    assert KIND(severity=Severity.REMARK, a=1, b=1, c=1).message.en == "1 and 1 (1)"
    assert KIND(severity=Severity.REMARK, a=True, b=1, c=True).message.en == "True and 1 (True)"
    twin = Kind("test-memo-twin", KIND.title, KIND.message, L10n("Annat {a}", "Other {a}"))
    assert twin(severity=Severity.REMARK, a=1, b=1, c=1).hint.en == "Other 1"


def _requirement(std, rid: str, checks_of: str):
    """The requirement `rid` of the standard with the checks of requirement `checks_of`."""
    by_id = {r.id: r for r in std.requirements}
    return by_id[rid].model_copy(update={"checks": by_id[checks_of].checks})


def test_a_requirement_keeps_its_own_plan_whatever_the_memo_holds(monkeypatch):
    std = standard()
    one, other = _requirement(std, "3.1.a", "3.1.a"), _requirement(std, "3.1.a", "3.9.a")
    monkeypatch.setattr(engine._PLANS, "made", {id(other): (one, engine._plan(one))})  # as if `one` had had other's id
    assert [rule for rule, _, _ in engine._plan(other).rules] == ["work-environment"]
    assert [rule for rule, _, _ in engine._plan(one).rules] == ["statutes-wording"]
    assert engine._plan(one) is engine._plan(one)


def test_answers_params_are_the_requirements_own(monkeypatch):
    std = standard()
    first, second = std.requirements[0], std.requirements[1]
    monkeypatch.setattr(answers._COMMON, "made", {id(second): (first, (Severity.OBSERVATION, {"req": first.id}))})
    severity, common = answers._common(second)
    assert severity == Severity(second.severity)
    assert common == dict(severity=severity, requirement=second.id, req=second.id, title=L10n(second.title.sv, second.title.en))


def test_a_title_reads_as_its_words(monkeypatch):
    std = standard()
    title, other = std.requirements[0].title, std.requirements[1].title
    monkeypatch.setattr(plain._L10NS, "made", {id(other): (title, title.l10n)})
    assert other.l10n == L10n(other.sv, other.en)
    assert title.l10n is title.l10n and title.l10n == L10n(title.sv, title.en)


def test_at_most_so_many_are_kept_and_each_is_its_objects():
    memo = ByIdentity(kept=3)
    words = [L10n(str(i), str(i)) for i in range(10)]
    for _ in range(2):
        assert [memo.get(w, lambda w: w.sv + "!") for w in words] == [f"{i}!" for i in range(10)]
        assert len(memo.made) <= 3


def test_the_review_of_a_standard_has_its_own_severities():
    std = standard()
    one, two = Review(std, Documents()), Review(std, Documents())
    one.severity["extra"] = Severity.REMARK
    assert "extra" not in two.severity and two.severity == {r.id: Severity(r.severity) for r in std.requirements}


def _doc(rel: str, kind: str, problem: str | None) -> Document:
    return Document(rel, kind, 10, "a" * 64, {"problem": problem})


def test_every_requirement_that_expects_an_unusable_kind_depends_on_its_files():
    std = standard()
    by_id = {r.id: r for r in std.requirements}
    docs = Documents([_doc("evidence/a.pdf", "competence-plan", "damaged"), _doc("evidence/b.pdf", "statutes", None)])
    review = Review(std, docs)
    assert review.requirement(by_id["3.4.a"], [], "met") and review.requirement(by_id["3.4.b"], [], "met")
    assert not review.requirement(by_id["3.1.a"], ["evidence/b.pdf"], "met")
    assert review.depends == {"evidence/a.pdf": ["3.4.a", "3.4.b"]}
    assert review.requirement(by_id["3.9.a"], [], "met") and review.missing == {"work-environment": ["3.9.a"]}
    assert not review.requirement(by_id["3.9.b"], ["evidence/x.txt"], "met")  # a file of no known kind may be it


def test_a_new_bundle_does_not_look_for_entries_of_their_own(tmp_path):
    cache = Cache(True, tmp_path)
    cache.put("yaml", "d1", {"v": 1})  # outside any bundle: a file of its own
    fresh = Bundle(cache, "folder-a")
    with using(fresh):
        assert fresh.new and cache.get("yaml", "d1") is None
        cache.put("check", "d2", [1])
    fresh.flush()
    assert list((tmp_path / BUNDLES).iterdir()) == [tmp_path / BUNDLES / f"{fresh.digest}.bundle"]
    again = Bundle(cache, "folder-a")  # it has a bundle now: an entry of its own is looked for
    with using(again):
        assert not again.new and cache.get("check", "d2") == [1] and cache.get("yaml", "d1") == {"v": 1}


def test_a_damaged_bundle_is_ignored(tmp_path):
    cache = Cache(True, tmp_path)
    bundle = Bundle(cache, "folder")
    bundle.put("check", "d", {"a": 1})
    bundle.flush()
    path = tmp_path / BUNDLES / f"{bundle.digest}.bundle"
    path.write_text("1\ncheck/d\t{\"a\":\n", encoding="utf-8")
    assert Bundle(cache, "folder").get("check", "d") is None
    path.write_text("garbage", encoding="utf-8")
    damaged = Bundle(cache, "folder")
    assert damaged.get("check", "d") is None and not path.exists()


def _months_as_before(day, months):
    from dateutil.relativedelta import relativedelta

    try:
        return day + relativedelta(months=months)
    except (OverflowError, ValueError):
        return dt.date.max if months > 0 else dt.date.min


@given(st.dates(), st.integers(-30, 30) | st.integers(-130_000, 130_000))
def test_months_are_added_as_relativedelta_adds_them(day, months):
    assert add_months(day, months) == _months_as_before(day, months)


NUMBERS = st.integers(-10**7, 10**7) | st.floats(-1e7, 1e7) | st.decimals(-10**7, 10**7, places=3) | st.fractions(max_denominator=50)


@given(NUMBERS, st.sampled_from(["sv", "en"]), st.sampled_from([None, 0, 2, 4]))
def test_a_number_is_written_as_without_the_memo(value, lang, places):
    for _ in range(2):  # the second from the memo
        assert number(value, lang, places) == _number(value, lang, places)


def test_equal_numbers_written_otherwise_keep_their_own_text():
    assert [number(v, "en") for v in (0.0, -0.0, Decimal("0"), Decimal("-0"))] == ["0", "-0", "0", "-0"]


def test_an_entry_that_is_not_utf8_is_ignored_and_the_others_read(tmp_path):
    cache = Cache(True, tmp_path)
    bundle = Bundle(cache, "folder")
    bundle.put("check", "a", {"å": "”ö”"})
    bundle.put("check", "b", [1])
    bundle.flush()
    path = tmp_path / BUNDLES / f"{bundle.digest}.bundle"
    raw = path.read_bytes()
    assert raw == '1\ncheck/a\t{"å":"”ö”"}\ncheck/b\t[1]\n'.encode()
    path.write_bytes(raw.replace("ö".encode(), b"\xff"))
    again = Bundle(cache, "folder")
    assert again.get("check", "a") is None and again.get("check", "b") == [1]

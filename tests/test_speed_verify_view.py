"""`verify` through a pipe: its terminal view is replayed from the cache (cli/replay.py)
when the same verdict was shown before, without starting rich; any change to what the
view shows is another key, never a stale text."""

import datetime as dt

import pytest
from audit_helpers import issued

from asfcert.certify.verify import verify
from asfcert.cli import output

DAY = dt.date(2027, 1, 1)


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    return issued(tmp_path_factory.mktemp("verify-view"))


def _shown(result, capsys, lang="sv") -> str:
    capsys.readouterr()
    output.present(result, "terminal", lang)
    return capsys.readouterr().out


def _no_rich(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("rendered again")

    monkeypatch.setattr(output, "_plain_console", refuse)


def test_the_verdict_shown_again_is_the_same_text_without_rich(cert, capsys, monkeypatch):
    pdf, rec = cert
    result = verify(str(pdf), today=DAY)
    first = _shown(result, capsys)
    assert first.startswith("Giltigt") and rec.number in first
    _no_rich(monkeypatch)
    assert _shown(verify(str(pdf), today=DAY), capsys) == first


@pytest.mark.parametrize("change", ["verdict", "day", "lang", "details"])
def test_anything_the_view_shows_changed_is_rendered_anew(cert, capsys, monkeypatch, change):
    from asfcert.base.i18n import L10n

    pdf, _ = cert
    base = verify(str(pdf), today=DAY)
    first = _shown(base, capsys)
    other = verify(str(pdf), today=DAY + dt.timedelta(days=1) if change == "day" else DAY)
    lang = "en" if change == "lang" else "sv"
    if change == "verdict":
        other.verdict = "suspended"
    if change == "details":
        other.details.append(L10n("Skäl (2027-01-01): granskning", "Reason (2027-01-01): review"))
    if change == "day":  # the date is in the JSON, not in this view: the same text, under another key
        assert _shown(other, capsys) == first
        return
    again = _shown(other, capsys, lang)
    monkeypatch.setattr(output, "REPLAYED", frozenset())  # rendered by rich, for comparison
    monkeypatch.setattr(output, "PLAIN", {})
    assert again == _shown(other, capsys, lang) != first


def test_a_damaged_view_entry_is_rendered_again(cert, capsys):
    from asfcert.io.cache import Cache

    pdf, _ = cert
    result = verify(str(pdf), today=DAY)
    first = _shown(result, capsys)
    entries = [e for e in (Cache().root / "view").rglob("*") if e.is_file()]
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00damaged")
    assert _shown(result, capsys) == first

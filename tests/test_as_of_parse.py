"""--as-of reads YYYY-MM-DD without `strptime` (cli/options._Day): every text gives the
day click's own date type gives, or the same refusal."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._click.exceptions import BadParameter
from typer._click.types import DateTime

from asfcert.cli.options import _Day

CLICK = DateTime(["%Y-%m-%d"])
OURS = _Day(["%Y-%m-%d"])


def both(text: str):
    results = []
    for kind in (CLICK, OURS):
        try:
            results.append(kind.convert(text, None, None))
        except BadParameter:
            results.append("refused")
    return results


@pytest.mark.parametrize("text", [
    "2027-01-15", "2024-02-29", "2023-02-29", "2027-02-30", "2027-13-01", "2027-00-10", "2027-01-00", "0000-01-01",
    "0001-01-01", "9999-12-31", "2027-1-5", "2027-01-15 ", " 2027-01-15", "2027-01-15T00:00", "2027/01/15", "",
    "２０２７-01-15", "2027-01-15\n", "20270115", "x",
])
def test_each_text_is_read_as_click_reads_it(text):
    click, ours = both(text)
    assert ours == click


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    st.text(alphabet="0123456789-٣２ T:", max_size=12),
))
def test_random_texts_are_read_as_click_reads_them(text):
    click, ours = both(text)
    assert ours == click


def test_a_day_is_a_datetime_at_midnight_as_click_gives():
    assert OURS.convert("2027-01-15", None, None) == dt.datetime(2027, 1, 15)

"""Calendar arithmetic for deadlines: "within 12 months", "valid for 2 years"."""

from __future__ import annotations

import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole calendar months, clamped to the month's end (31 Aug + 6 = 28/29 Feb)."""
    from dateutil.relativedelta import relativedelta

    return day + relativedelta(months=months)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later`, for display."""
    from dateutil.relativedelta import relativedelta

    delta = relativedelta(later, earlier)
    return delta.years * 12 + delta.months


def older_than(day: dt.date, months: int, today: dt.date) -> bool:
    """True when more than `months` calendar months have passed since `day`."""
    return add_months(day, months) < today

"""Calendar arithmetic for deadlines: "within 12 months", "valid for 2 years".

Dates come from people's files and from `--as-of`, so any date from 0001-01-01 to
9999-12-31 arrives here. Python's calendar ends there: a result past either end is
clamped to it (9999-12-31 plus a year is 9999-12-31, which still reads "far in the
future"), never an OverflowError."""

from __future__ import annotations

import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole calendar months, clamped to the month's end (31 Aug + 6 = 28/29 Feb)
    and to the calendar's ends."""
    if type(day) is dt.date and type(months) is int:  # what relativedelta does, without building one (a check adds months a dozen times)
        year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            return dt.date.max if months > 0 else dt.date.min
        return dt.date(year, month + 1, min(day.day, _month_days(year, month + 1)))
    from dateutil.relativedelta import relativedelta

    try:
        return day + relativedelta(months=months)
    except (OverflowError, ValueError):  # past year 9999 or before year 1
        return dt.date.max if months > 0 else dt.date.min


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_days(day: dt.date, days: int) -> dt.date:
    """`day` plus `days` (negative: minus), clamped to the calendar's ends."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later`, for display."""
    from dateutil.relativedelta import relativedelta

    delta = relativedelta(later, earlier)
    return delta.years * 12 + delta.months


def older_than(day: dt.date, months: int, today: dt.date) -> bool:
    """True when more than `months` calendar months have passed since `day`."""
    return add_months(day, months) < today

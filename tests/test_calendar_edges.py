"""Dates at the edges of the calendar (9999-12-31, 0001-01-01), in people's files or given
with --as-of: asfcert computes deadlines from them (`add_months` overflowed: exit code 70).
Every date asfcert computes is clamped at the calendar's ends (base/dates.py), so every
command answers with 0, 1 or 2, and writes nothing on 2."""

from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from corpus import harness
from corpus.cases import BASELINE, ROLE_EXPECT, ROLES
from corpus.commands import BY_NAME as COMMANDS
from corpus.world import AS_OF, build, copy

from asfcert.base.dates import add_days, add_months, months_between, older_than

LAST, FIRST = dt.date.max, dt.date.min


def test_add_months_is_clamped_at_the_calendars_ends():
    assert add_months(LAST, 1) == LAST
    assert add_months(dt.date(9999, 11, 30), 2) == LAST
    assert add_months(dt.date(9999, 12, 15), 1) == LAST
    assert add_months(FIRST, -1) == FIRST
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)  # end of month, as before


def test_add_days_is_clamped_at_the_calendars_ends():
    assert add_days(LAST, 90) == LAST and add_days(FIRST, -1) == FIRST
    assert add_days(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 1)


def test_ages_and_deadlines_at_the_edges():
    assert not older_than(LAST, 12, dt.date(2026, 11, 22))
    assert older_than(FIRST, 12, LAST)
    assert months_between(FIRST, LAST) == 9998 * 12 + 11


def _dates(day: str):
    def apply(path):
        path.write_text(re.sub(r"\b\d{4}-\d{2}-\d{2}\b", day, path.read_text(encoding="utf-8")), encoding="utf-8")

    return apply


# (what, role whose YAML files get the date, or None for --as-of; the date)
RUNS = [
    *[(f"{role}-9999-12-31", role, "9999-12-31") for role in ("company", "cohort", "record", "certificate")],
    ("record-0001-01-01", "record", "0001-01-01"),  # a certificate number's year is written with four digits
    ("as-of-9999-12-31", None, "9999-12-31"),
]


def _commands(role: str | None) -> list[str]:
    return list(BASELINE) if role is None else list(ROLE_EXPECT[role])


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("calendar")
    template = build(tmp / "template" / "world")

    def one(name: str, role: str | None, day: str, command: str):
        workdir = tmp / name / command
        world = copy(template, workdir / "world")
        if role is not None:
            for path in ROLES[role][0](world):
                _dates(day)(path)
        argv = COMMANDS[command].args(world, workdir / "out")
        if role is None:
            argv = [day if a == AS_OF.isoformat() else a for a in argv]
        before = harness.snapshot(world.root)
        run = harness.run(argv, cwd=workdir, env=harness.environment(workdir / "cache"))
        return run, harness.changes(before, harness.snapshot(world.root))

    jobs = [(name, role, day, command) for name, role, day in RUNS for command in _commands(role)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {(name, command): pool.submit(one, name, role, day, command) for name, role, day, command in jobs}
        return {key: future.result() for key, future in futures.items()}


@pytest.mark.parametrize(("name", "role", "day"), RUNS, ids=[r[0] for r in RUNS])
def test_every_command_answers_at_the_edge_of_the_calendar(outcomes, name, role, day):
    for command in _commands(role):
        run, changed = outcomes[name, command]
        assert run.code in (0, 1, 2), f"{command}: {run.describe()}"
        assert "Traceback" not in run.output and "internal error" not in run.output, f"{command}: {run.describe()}"
        assert run.code != 2 or not changed, f"{command} changed {changed} on exit code 2"

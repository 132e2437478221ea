"""A first cohort run starts its document readers before it loads the cohort files (issue 17
item 4): they import the PDF readers meanwhile. A reader started so answers as any other,
is the one the run's reader threads take, runs no thread until it is used, and is started
only when the run will read documents (no index, no bundle yet, or the cache off)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from small_registry import build_registry

from asfcert.assess.checker import CheckOptions
from asfcert.cohort import run as cohort_run
from asfcert.evidence import worker
from asfcert.evidence.limits import Budget, Limits
from asfcert.io.cache import BUNDLES, cache_root

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_registry(tmp_path_factory.mktemp("registry") / "reg", companies=3, pdfs=2, seed=13, per_cohort=3)


@pytest.fixture
def idle():
    """No idle worker before or after the test (they belong to this process)."""
    worker.close_idle()
    yield worker._IDLE
    worker.close_idle()


def test_a_worker_started_ahead_answers_as_any_other(built, idle):
    pdf = str(sorted(built.glob("*/*/evidence/**/*.pdf"))[0])
    limits = Budget.from_environment().limits(Limits())
    threads = threading.active_count()
    worker.prestart(1, limits)
    assert len(idle) == 1 and idle[0].answers is None  # no answer pump
    assert threading.active_count() == threads
    ahead = idle[0]
    plain = worker.Worker(limits)
    try:
        found = {}
        reader = threading.Thread(target=lambda: found.update(worker.read_many([pdf], limits)))
        reader.start()
        reader.join()
        assert idle == [ahead] and ahead.proc is not None  # taken, used and given back
        assert ahead.answers is None if worker.POLL else ahead.answers is not None  # poll() reads the pipe: no pump
        assert found[pdf] == plain.read(pdf)
    finally:
        plain.close()


def test_a_first_run_starts_its_readers_ahead(built, monkeypatch):
    started = []
    monkeypatch.setattr(worker, "prestart", lambda count, limits: started.append((count, limits)))
    options = CheckOptions(today=AS_OF)
    cohort_run.ahead(built, options, jobs=2)
    assert started == [(2, Budget.from_environment().limits(Limits()))]
    started.clear()
    cohort_run.ahead(built, options, jobs=1)  # no pipeline: the main thread reads
    assert started == []
    cohort_run.ahead(built, CheckOptions(today=AS_OF, use_cache=False), jobs=2)  # the cache off: every run reads
    assert len(started) == 1


def test_a_run_with_bundles_or_an_index_starts_none(built, monkeypatch):
    started = []
    options = CheckOptions(today=AS_OF)
    folders = sorted(p.parent for p in built.glob("*/*/company.yaml"))
    cohort_run.run_checks(folders, options, jobs=2, root=built)  # a first run: bundles and the index
    monkeypatch.setattr(worker, "prestart", lambda count, limits: started.append(count))
    assert (cache_root() / BUNDLES).is_dir()
    cohort_run.ahead(built, options, jobs=2)  # warm: the index holds every folder
    cohort_run.ahead(built, CheckOptions(today=AS_OF + dt.timedelta(days=1)), jobs=2)  # a new date: facts are kept
    assert started == []

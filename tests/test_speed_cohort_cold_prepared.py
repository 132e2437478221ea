"""The cold cohort run (issue 17 item 4). The evaluator takes the folder's digest from when
the folder was prepared (cohort/run.py `Prepared`) instead of walking and looking at its
files once more: a change in between is still seen (the verdict and the records are those
of the folder as it is, nothing is kept under the digest from before, the folder is not
indexed). A reader thread reads a company's documents itself, with the same facts."""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
import sys
import time
from pathlib import Path

import pytest
from cache_entries import entries

from asfcert.assess.checker import CheckOptions
from asfcert.base.resources import default_standard
from asfcert.cohort import run as cohort_run
from asfcert.io.cache import Cache
from asfcert.standard.load import load_standard

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 22)
sys.path.insert(0, str(ROOT / "bench"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from make_registry import build

    root = tmp_path_factory.mktemp("registry") / "reg"
    build(root, companies=10, pdfs=2, seed=5, per_cohort=5)
    return root


@pytest.fixture
def company(built, tmp_path):
    """A company folder with an audit record (its records are kept by the folder's digest)."""
    source = sorted(built.glob("*/*/audit/audit.yaml"))[0].parent.parent
    folder = tmp_path / source.name
    shutil.copytree(source, folder, symlinks=True)
    time.sleep(2.1)  # older than company/signatures.RACY_NS: its signatures are kept, and it can be indexed
    return folder


def _prepared(folder: Path, options: CheckOptions):
    standard, _ = load_standard(default_standard(), Cache(options.use_cache))
    prepared = cohort_run._prepare(folder, options, standard)
    assert isinstance(prepared, cohort_run.Prepared)
    return pickle.loads(pickle.dumps(prepared))  # as the evaluating process gets it


def _plain(folder: Path) -> tuple:
    summary, records, _ = cohort_run._evaluate(folder, CheckOptions(today=AS_OF, use_cache=False), cohort_run.Bundle(Cache(False), str(folder)))
    return summary, records


def test_an_unchanged_folder_is_evaluated_as_without_the_digest(company):
    options = CheckOptions(today=AS_OF)
    prepared = _prepared(company, options)
    summary, records, signed = cohort_run._evaluate(company, options, *prepared)
    assert (summary, records) == _plain(company)
    assert signed is not None  # kept, so indexed
    assert cohort_run._records_key(prepared.digest, AS_OF) in entries("records")


def test_a_change_after_the_folder_was_prepared_is_seen(company):
    options = CheckOptions(today=AS_OF)
    prepared = _prepared(company, options)
    before = _plain(company)
    (company / "audit" / "audit.yaml").unlink()  # the records change between preparing and evaluating
    summary, records, signed = cohort_run._evaluate(company, options, *prepared)
    assert (summary, records) == _plain(company) != before
    assert signed is None  # not indexed: the next run looks at the folder again
    assert cohort_run._records_key(prepared.digest, AS_OF) not in entries("records")


def test_a_reader_thread_reads_its_documents_itself_with_the_same_facts(built, monkeypatch):
    """A cohort run's reader thread reads a company's few documents itself (one worker: no
    thread to start and wait for), with the facts the main thread gets from its threads."""
    import threading

    from asfcert.evidence import worker

    pdfs = [str(p) for p in sorted(built.glob("*/*/evidence/**/*.pdf"))[:3]]
    assert pdfs
    started = []
    real_start = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda self: (started.append(self), real_start(self))[1])
    in_main = worker.read_many(pdfs)
    assert started  # the main thread waits on a thread (Ctrl-C stops it at once)
    found = {}
    thread = threading.Thread(target=lambda: found.update(worker.read_many(pdfs)))
    started.clear()
    real_start(thread)
    thread.join()
    # no thread, or (without poll()) at most a new worker's answer pump
    assert all(t._target.__name__ == "_pump" for t in started) and (started == [] or not worker.POLL)
    assert found == in_main

"""Run `check` on many companies, with what their records say, one cache bundle per company
(io/cache.Bundle: read once, written once).

A folder the run's index finds unchanged is done at once (`Index`). The others go through a
pipeline that keeps every core busy from start to end, with no serial phase: threads here
take each folder's summary and records from its bundle when it has them, or else prepare
the folder (hash its files, list its evidence, and read every document not yet read
through the bounded readers of evidence/worker.py: one `read_documents` per company, so
each company's Budget holds as in `check`), and worker processes, one per core, evaluate
the prepared folders with the document facts at hand. A few folders at most wait between
the two, so memory does not grow with the number of companies."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path
from typing import NamedTuple

from asfcert.assess.checker import CheckOptions, cached_summary, check, open_folder
from asfcert.assess.lifecycle import Records
from asfcert.assess.result import summarise
from asfcert.base.errors import UserError
from asfcert.cohort.checked import CompanyCheck
from asfcert.cohort.index import INDEX, Index  # noqa: F401 - INDEX re-exported
from asfcert.company.folder import CompanyFolder, adopted, refuse_unfit
from asfcert.io.cache import BUNDLES, Bundle, Cache, key, using

Done = tuple[CompanyCheck, Records]
_RECORDS = threading.Lock()
AHEAD = 4  # folders prepared or being evaluated per core: enough to keep both sides busy


def run_checks(
    paths: list[Path], options: CheckOptions, jobs: int | None = None, on_done: Callable[[Path], None] | None = None,
    root: Path | None = None, index: Index | None = None,
) -> dict[Path, Done]:
    """What the report takes of the check of every company folder, and its records.
    `on_done` is called once per folder, for a progress bar. `root`: the folder the run is
    about, whose index (cohort/index.py, one cache entry) holds what every unchanged folder
    gave last time; `index`: that index when the caller loaded it (`ahead`)."""
    options = replace(options, today=options.today or dt.date.today())
    index = index or Index(root, options)
    results: dict[Path, Done] = {}

    def finish(path: Path, outcome, done: Done | None = None) -> None:
        if done is None:
            summary, records, signed = outcome
            done = CompanyCheck.of(summary), Records(**records)
            index.note(path, outcome if signed is not None else None)
        results[path] = done
        if on_done:
            on_done(path)

    misses: list[Path] = []
    for path in paths:
        hit = index.get(path)
        if hit is not None:
            finish(path, None, hit)
        else:
            misses.append(path)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if len(misses) <= 1 or jobs == 1:
        for path in misses:
            bundle, hit, folder = _cached(path, options)
            finish(path, hit if hit is not None else _outcome(_evaluate(path, options, bundle, folder=folder)))
    else:
        _pipeline(misses, options, jobs, finish)
    index.save()
    return results


def ahead(root: Path, options: CheckOptions, jobs: int | None = None) -> Index:
    """The run's index, loaded before the cohort files are. When the run will read the
    documents of many folders (no index, and no folder's bundle yet: a first run, or the
    cache off), the document readers are started now, one per reader thread, and import
    their libraries while the cohort files load: the first company's documents are then
    read at once. A warm run, or one on a new date (the documents' facts are kept), starts
    none."""
    options = replace(options, today=options.today or dt.date.today())
    index = Index(root, options)
    jobs = max(1, jobs or os.cpu_count() or 1)
    cache = Cache(options.use_cache)
    if jobs > 1 and not index.before and not (cache.enabled and os.path.isdir(os.path.join(cache.root, BUNDLES))):
        from asfcert.evidence.limits import Budget, Limits
        from asfcert.evidence.worker import prestart

        prestart(jobs, Budget.from_environment().limits(Limits()))
    return index


def _cached(path: Path, options: CheckOptions) -> tuple[Bundle, tuple | None, CompanyFolder]:
    """The folder's bundle, its summary and records when the bundle has both, and the
    folder (walked once for all of it: refuse_unfit counts with the walk that lists it)."""
    cache = Cache(options.use_cache)
    folder = CompanyFolder(path)
    bundle = Bundle(cache, str(folder.root))
    with adopted(folder):
        if bundle.enabled and bundle.empty():
            # a folder never checked: nothing to find, so its files are not hashed for the lookup
            # (the evaluation hashes them once); it is refused as the lookup would refuse it
            refuse_unfit(open_folder(path))
            return bundle, None, folder
        with using(bundle):
            summary, _ = cached_summary(path, options)
            if summary is None:
                return bundle, None, folder
            with _RECORDS:  # one thread at a time: the records' parses are kept per process (audit_record)
                records = company_records(path, options.today, cache, folder.digest(cache))
            signed = folder.signed_files()
    bundle.flush()  # only when something changed (a file's signature)
    return bundle, (summary.to_dict(), asdict(records), signed), folder


def _pipeline(misses: list[Path], options: CheckOptions, jobs: int, finish) -> None:
    # imported here: a warm run, where no folder changed, starts no process
    import multiprocessing
    import queue
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from asfcert.base.resources import default_standard
    from asfcert.standard.load import load_standard

    standard, _ = load_standard(options.standard or default_standard(), Cache(options.use_cache))
    # fork shares the imported modules with the workers; elsewhere fall back to spawn
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    todo = deque(misses)
    preparing: dict = {}  # future -> path
    evaluating: dict = {}
    context = multiprocessing.get_context(method)
    with _fewer_collections(), \
            ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_evaluator_start) as pool, \
            ThreadPoolExecutor(max_workers=jobs) as readers:
        # the workers are forked now, before any thread here starts: a fork copies only the
        # calling thread, and a lock another thread held would never be released in the child
        pool.submit(os.getpid).result()
        # each future says when it is done on one queue: the loop takes them one by one,
        # instead of waiting on all of them each time (a thousand waits on eight futures)
        done: queue.SimpleQueue = queue.SimpleQueue()

        def submit(executor, *call):
            future = executor.submit(*call)
            future.add_done_callback(done.put)
            return future

        while todo or preparing or evaluating:
            while todo and len(preparing) + len(evaluating) < AHEAD * jobs:
                path = todo.popleft()
                preparing[submit(readers, _prepare, path, options, standard)] = path
            future = done.get()
            if future in preparing:
                path = preparing.pop(future)
                prepared = future.result()
                if isinstance(prepared, Prepared):
                    evaluating[submit(pool, _evaluate, path, options, *prepared)] = path
                else:  # its bundle had it all
                    finish(path, prepared)
            else:
                path = evaluating.pop(future)
                outcome = future.result()
                if isinstance(outcome, UserError):
                    pool.shutdown(cancel_futures=True)
                    raise outcome
                finish(path, outcome)


GC_THRESHOLD = 10_000  # container allocations (net) between young collections while a run checks


def _evaluator_start() -> None:
    """In each evaluator process, once: what it inherited (the modules, the standard) lives
    as long as the process, so it is frozen out of the collector's way, and the young
    generation is collected less often. One evaluation holds a few thousand containers at
    once (parses, findings) that its end frees and that form no cycles; at the default
    threshold a young collection ran about once per company, walked them all and promoted
    them for the older generations to walk again: a tenth of the evaluation. Cycles are
    still collected, later."""
    import gc

    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, older, oldest)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The same threshold in this process while the pipeline runs (its reader threads
    allocate as the evaluators do), then the one it had: the process may go on (tests)."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class Prepared(NamedTuple):
    """A folder to evaluate: its bundle, its digest when its files were hashed here, and
    the folder as walked and hashed then (its evaluator adopts it: no walk, no hash)."""

    bundle: Bundle
    digest: str
    folder: CompanyFolder


def _prepare(path: Path, options: CheckOptions, standard):
    """In a thread here: the folder's outcome when its bundle has it; else `Prepared`,
    with its files hashed and its documents read."""
    from asfcert.company import manifest
    from asfcert.evidence.documents import read_documents

    bundle, done, folder = _cached(path, options)
    if done is not None:
        return done
    with using(bundle), adopted(folder):
        digest = folder.digest(Cache(options.use_cache))
        read_documents(folder, manifest.build(folder, standard), options.use_cache)
    return Prepared(bundle, digest, folder)


def _evaluate(path: Path, options: CheckOptions, bundle: Bundle, before: str | None = None, folder: CompanyFolder | None = None):
    """Check one folder and read its records, in its bundle, then write the bundle once:
    (summary, records, signed files) as plain data, or the UserError that stopped it. The
    signed files (for the run's index) only when the check kept its result and no file
    changed meanwhile. `before`: the folder's digest when it was prepared, and `folder` the
    folder as walked and hashed then (its files are not walked and hashed once more here:
    the digest after looks whether any folder or file changed, company/folder.py)."""
    try:
        folder = folder or CompanyFolder(path)
        folder.refresh()  # the check sees the folder as it is now (then `before` no longer names it)
        with using(bundle), adopted(folder):
            try:
                cache = Cache(options.use_cache)
                before = before or folder.digest(cache)
                summary = summarise(check(path, options, before))
                records = company_records(path, options.today, cache, before)
                unchanged = folder.digest(cache) == before
                if not unchanged:  # the records may have been read from content `before` does not name
                    bundle.forget("records", _records_key(before, options.today))
                # only a result the check kept (final: no document left unread for the moment)
                signed = folder.signed_files() if bundle.complete and unchanged else None
            finally:
                bundle.flush()
    except UserError as err:
        return err
    return summary.to_dict(), asdict(records), signed


def _outcome(outcome):
    if isinstance(outcome, UserError):
        raise outcome
    return outcome


def company_records(folder: Path, today: dt.date, cache: Cache, folder_digest: str) -> Records:
    """What the audit record and the certificate say about a company (see docs/auditor.md),
    cached under the folder's content: the certificate copy in the folder follows the
    registry's status changes, so the folder's content decides."""
    digest = _records_key(folder_digest, today)
    hit = cache.get("records", digest)
    if hit is not None:
        try:
            return Records(**hit)
        except TypeError:
            pass
    from asfcert.records.certificates import company_records as read

    data = read(folder, today, cache)
    cache.put("records", digest, data)
    return Records(**data)


def _records_key(folder_digest: str, today: dt.date) -> str:
    return key("records", folder_digest, today.isoformat())

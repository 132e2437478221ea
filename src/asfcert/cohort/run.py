"""Run `check` on many companies, with what their records say, one cache bundle per company
(io/cache.Bundle: read once, written once).

A folder whose summary and records are in its bundle is done in this process. The others go
through a pipeline that keeps every core busy from start to end: threads here prepare each
folder (hash its files, list its evidence, and read every document not yet read through
the bounded readers of evidence/worker.py: one `read_documents` per company, so each
company's Budget holds as in `check`), and worker processes, one per core, evaluate the
prepared folders with the document facts at hand. A few folders at most wait between the
two, so memory does not grow with the number of companies."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import (
    FIRST_COMPLETED,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import asdict, replace
from pathlib import Path

from asfcert.assess.checker import CheckOptions, cached_summary, check
from asfcert.assess.lifecycle import Records
from asfcert.assess.result import CheckSummary, summarise
from asfcert.base.errors import UserError
from asfcert.company.folder import CompanyFolder
from asfcert.io.cache import Bundle, Cache, key, using

Done = tuple[CheckSummary, Records]
AHEAD = 4  # folders prepared or being evaluated per core: enough to keep both sides busy


def run_checks(
    paths: list[Path], options: CheckOptions, jobs: int | None = None, on_done: Callable[[Path], None] | None = None,
) -> dict[Path, Done]:
    """The check summary and the records of every company folder. `on_done` is called once
    per folder, for a progress bar."""
    options = replace(options, today=options.today or dt.date.today())
    results: dict[Path, Done] = {}

    def finish(path: Path, done: Done) -> None:
        results[path] = done
        if on_done:
            on_done(path)

    misses: list[tuple[Path, Bundle]] = []
    for path in paths:
        bundle, done = _cached(path, options)
        if done is not None:
            finish(path, done)
        else:
            misses.append((path, bundle))
    jobs = max(1, jobs or os.cpu_count() or 1)
    if len(misses) <= 1 or jobs == 1:
        for path, bundle in misses:
            finish(path, _decoded(_evaluate(path, options, bundle)))
        return results
    _pipeline(misses, options, jobs, finish)
    return results


def _cached(path: Path, options: CheckOptions) -> tuple[Bundle, Done | None]:
    """The folder's bundle, and its summary and records when the bundle has both."""
    cache = Cache(options.use_cache)
    bundle = Bundle(cache, os.path.realpath(path))
    with using(bundle):
        summary, _ = cached_summary(path, options)
        if summary is None:
            return bundle, None
        records = company_records(path, options.today, cache, CompanyFolder(path).digest(cache))
    bundle.flush()  # only when something changed (a file's signature)
    return bundle, (summary, records)


def _pipeline(misses: list[tuple[Path, Bundle]], options: CheckOptions, jobs: int, finish) -> None:
    from asfcert.base.resources import default_standard
    from asfcert.standard.load import load_standard

    standard, _ = load_standard(options.standard or default_standard(), Cache(options.use_cache))
    # fork shares the imported modules with the workers; elsewhere fall back to spawn
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    todo = deque(misses)
    preparing: dict = {}  # future -> path
    evaluating: dict = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool, \
            ThreadPoolExecutor(max_workers=jobs) as readers:
        # the workers are forked now, before any thread here starts: a fork copies only the
        # calling thread, and a lock another thread held would never be released in the child
        pool.submit(os.getpid).result()
        while todo or preparing or evaluating:
            while todo and len(preparing) + len(evaluating) < AHEAD * jobs:
                path, bundle = todo.popleft()
                preparing[readers.submit(_prepare, path, options, bundle, standard)] = path
            finished, _ = wait([*preparing, *evaluating], return_when=FIRST_COMPLETED)
            for future in finished:
                if future in preparing:
                    path = preparing.pop(future)
                    evaluating[pool.submit(_evaluate, path, options, future.result())] = path
                else:
                    path = evaluating.pop(future)
                    outcome = future.result()
                    if isinstance(outcome, UserError):
                        pool.shutdown(cancel_futures=True)
                        raise outcome
                    finish(path, _decoded(outcome))


def _prepare(path: Path, options: CheckOptions, bundle: Bundle, standard) -> Bundle:
    """Hash the folder's files and read its documents into its bundle (in a thread here)."""
    from asfcert.company import manifest
    from asfcert.evidence.documents import read_documents

    with using(bundle):
        folder = CompanyFolder(path)
        folder.digest(Cache(options.use_cache))
        read_documents(folder, manifest.build(folder, standard), options.use_cache)
    return bundle


def _evaluate(path: Path, options: CheckOptions, bundle: Bundle):
    """Check one folder and read its records, in its bundle, then write the bundle once:
    (summary, records) as dicts, or the UserError that stopped it."""
    try:
        with using(bundle):
            try:
                summary = summarise(check(path, options))
                cache = Cache(options.use_cache)
                records = company_records(path, options.today, cache, CompanyFolder(path).digest(cache))
            finally:
                bundle.flush()
    except UserError as err:
        return err
    return summary.to_dict(), asdict(records)


def _decoded(outcome) -> Done:
    if isinstance(outcome, UserError):
        raise outcome
    summary, records = outcome
    return CheckSummary.from_dict(summary), Records(**records)


def company_records(folder: Path, today: dt.date, cache: Cache, folder_digest: str) -> Records:
    """What the audit record and the certificate say about a company (see docs/auditor.md),
    cached under the folder's content: the certificate copy in the folder follows the
    registry's status changes, so the folder's content decides."""
    digest = key("records", folder_digest, today.isoformat())
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

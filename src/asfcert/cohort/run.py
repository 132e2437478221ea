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
import multiprocessing
import os
import threading
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

from asfcert.assess.checker import CheckOptions, cached_summary, check, open_folder
from asfcert.assess.lifecycle import Records
from asfcert.assess.result import CheckSummary, summarise
from asfcert.base.errors import UserError
from asfcert.company.folder import CompanyFolder, refuse_unfit
from asfcert.io.cache import Bundle, Cache, key, using

Done = tuple[CheckSummary, Records]
INDEX = "cohort-index"
_RECORDS = threading.Lock()
AHEAD = 4  # folders prepared or being evaluated per core: enough to keep both sides busy


def run_checks(
    paths: list[Path], options: CheckOptions, jobs: int | None = None, on_done: Callable[[Path], None] | None = None,
    root: Path | None = None,
) -> dict[Path, Done]:
    """The check summary and the records of every company folder. `on_done` is called once
    per folder, for a progress bar. `root`: the folder the run is about, whose index (one
    cache entry) holds what every unchanged folder gave last time."""
    options = replace(options, today=options.today or dt.date.today())
    index = Index(root, options)
    results: dict[Path, Done] = {}

    def finish(path: Path, outcome, done: Done | None = None) -> None:
        summary, records, signed = outcome
        results[path] = done or (CheckSummary.from_dict(summary), Records(**records))
        index.note(path, outcome if signed is not None else None)
        if on_done:
            on_done(path)

    misses: list[Path] = []
    for path in paths:
        hit = index.get(path)
        if hit is not None:
            finish(path, *hit)
        else:
            misses.append(path)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if len(misses) <= 1 or jobs == 1:
        for path in misses:
            bundle, hit = _cached(path, options)
            finish(path, hit if hit is not None else _outcome(_evaluate(path, options, bundle)))
    else:
        _pipeline(misses, options, jobs, finish)
    index.save()
    return results


class Index:
    """What each folder of a run gave, with the signature of every file it had then: one
    cache entry per run's folder, standard, date and options, so that a run where nothing
    changed reads one file, not one per company. A folder is taken from it only when it
    holds exactly the same files with the same signatures (company/folder.unchanged)."""

    def __init__(self, root: Path | None, options: CheckOptions):
        from asfcert.assess.checker import RESULT_VERSION, standard_digest

        self.cache = Cache(options.use_cache)
        std = standard_digest(options) if root is not None and self.cache.enabled else None
        self.digest = std and key(INDEX, RESULT_VERSION, std, options.today.isoformat(), options.strict_privacy, os.path.realpath(root))
        found = self.cache.get(INDEX, self.digest) if self.digest else None
        found = found if isinstance(found, dict) else {}
        self.before: dict = found.get("folders") if isinstance(found.get("folders"), dict) else {}
        # the standard's clause titles, once: every summary holds them (a third of its size)
        self.titles: dict = found.get("titles") if isinstance(found.get("titles"), dict) else {}
        # and their fields' names: each clause is kept as a row of values, not a dict (a third less to decode)
        fields = found.get("clause_fields")
        self.kept_fields: list | None = fields if isinstance(fields, list) and "id" in fields and "title" not in fields else None
        self.fields: list | None = None  # those of this run's summaries, as written
        self.now: dict = {}
        self.real: dict[Path, str] = {}  # the folders' real paths, the entries' keys

    def get(self, path: Path) -> tuple[tuple, Done] | None:
        """What the folder gave last time, if it is unchanged: (summary, records, signed
        files) as kept, and the summary and records; None when it is not (or the entry
        is damaged)."""
        real = self.real[path] = os.path.realpath(path)
        entry = self.before.get(real)
        if not isinstance(entry, list) or len(entry) != 3:
            return None
        # what refuse_unfit asks held when the folder was indexed, and it lists the same entries
        try:
            if not CompanyFolder(real, resolved=True).unchanged(entry[2]):
                return None
            kept = {**entry[0], "clauses": [self._clause(row) for row in entry[0]["clauses"]]}
            summary = {**kept, "folder": str(path)}
            return (summary, entry[1], entry[2]), (CheckSummary.from_dict(summary), Records(**entry[1]))
        except (AttributeError, KeyError, TypeError, ValueError):
            return None

    def _clause(self, row: list) -> dict:
        if type(row) is not list or self.kept_fields is None or len(row) != len(self.kept_fields):
            raise ValueError("not a clause row of this index")
        clause = dict(zip(self.kept_fields, row))
        clause["title"] = self.titles[clause["id"]]
        return clause

    def note(self, path: Path, outcome) -> None:
        if outcome is None:
            return
        summary, records, signed = outcome
        clauses = []
        for clause in summary["clauses"]:
            fields = [k for k in clause if k != "title"]
            if self.fields is None:
                self.fields = fields
            if fields != self.fields:  # a summary of another shape: not indexed, checked next time
                return
            self.titles[clause["id"]] = clause["title"]
            clauses.append([clause[k] for k in fields])
        self.now[self.real.get(path) or os.path.realpath(path)] = [{**summary, "clauses": clauses}, records, signed]

    def save(self) -> None:
        if self.digest and (self.now != self.before or (self.now and self.fields != self.kept_fields)):
            self.cache.put(INDEX, self.digest, {"titles": self.titles, "clause_fields": self.fields, "folders": self.now})


def _cached(path: Path, options: CheckOptions) -> tuple[Bundle, tuple | None]:
    """The folder's bundle, and its summary and records when the bundle has both."""
    cache = Cache(options.use_cache)
    bundle = Bundle(cache, os.path.realpath(path))
    if bundle.enabled and bundle.empty():
        # a folder never checked: nothing to find, so its files are not hashed for the lookup
        # (the evaluation hashes them once); it is refused as the lookup would refuse it
        refuse_unfit(open_folder(path))
        return bundle, None
    with using(bundle):
        summary, _ = cached_summary(path, options)
        if summary is None:
            return bundle, None
        folder = CompanyFolder(path)
        with _RECORDS:  # one thread at a time: the records' parses are kept per process (audit_record)
            records = company_records(path, options.today, cache, folder.digest(cache))
        signed = folder.signed_files()
    bundle.flush()  # only when something changed (a file's signature)
    return bundle, (summary.to_dict(), asdict(records), signed)


def _pipeline(misses: list[Path], options: CheckOptions, jobs: int, finish) -> None:
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
                path = todo.popleft()
                preparing[readers.submit(_prepare, path, options, standard)] = path
            finished, _ = wait([*preparing, *evaluating], return_when=FIRST_COMPLETED)
            for future in finished:
                if future in preparing:
                    path = preparing.pop(future)
                    prepared = future.result()
                    if isinstance(prepared, Bundle):
                        evaluating[pool.submit(_evaluate, path, options, prepared)] = path
                    else:  # its bundle had it all
                        finish(path, prepared)
                else:
                    path = evaluating.pop(future)
                    outcome = future.result()
                    if isinstance(outcome, UserError):
                        pool.shutdown(cancel_futures=True)
                        raise outcome
                    finish(path, outcome)


def _prepare(path: Path, options: CheckOptions, standard):
    """In a thread here: the folder's outcome when its bundle has it; else its bundle,
    with its files hashed and its documents read."""
    from asfcert.company import manifest
    from asfcert.evidence.documents import read_documents

    bundle, done = _cached(path, options)
    if done is not None:
        return done
    with using(bundle):
        folder = CompanyFolder(path)
        folder.digest(Cache(options.use_cache))
        read_documents(folder, manifest.build(folder, standard), options.use_cache)
    return bundle


def _evaluate(path: Path, options: CheckOptions, bundle: Bundle):
    """Check one folder and read its records, in its bundle, then write the bundle once:
    (summary, records, signed files) as plain data, or the UserError that stopped it. The
    signed files (for the run's index) only when the check kept its result and no file
    changed meanwhile."""
    try:
        with using(bundle):
            try:
                cache = Cache(options.use_cache)
                before = CompanyFolder(path).digest(cache)
                summary = summarise(check(path, options))
                records = company_records(path, options.today, cache, before)
                folder = CompanyFolder(path)
                # only a result the check kept (final: no document left unread for the moment)
                signed = folder.signed_files() if bundle.complete and folder.digest(cache) == before else None
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

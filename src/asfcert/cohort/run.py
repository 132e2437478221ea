"""Run `check` on many companies: cached results are read in this process, the rest are
checked in parallel worker processes, one per core."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from asfcert.assess.checker import CheckOptions, cached_summary, check
from asfcert.assess.result import CheckSummary, summarise
from asfcert.base.errors import UserError


def run_checks(
    paths: list[Path],
    options: CheckOptions,
    jobs: int | None = None,
    on_done: Callable[[Path], None] | None = None,
    digests: dict[Path, str] | None = None,
) -> dict[Path, CheckSummary]:
    """A check summary per company folder. `on_done` is called once per folder, for a
    progress bar; `digests` are the folders' content digests when already known."""
    results: dict[Path, CheckSummary] = {}
    misses: list[Path] = []
    for path in paths:
        hit, _ = cached_summary(path, options, (digests or {}).get(path))
        if hit is not None:
            results[path] = hit
            if on_done:
                on_done(path)
        else:
            misses.append(path)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if len(misses) <= 1 or jobs == 1:
        for path in misses:
            results[path] = summarise(check(path, options))
            if on_done:
                on_done(path)
        return results
    # fork shares the imported modules with the workers; elsewhere fall back to spawn
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=min(jobs, len(misses)), mp_context=multiprocessing.get_context(method)) as pool:
        futures = {pool.submit(_check_one, path, options): path for path in misses}
        for future in as_completed(futures):
            path = futures[future]
            outcome = future.result()
            if isinstance(outcome, UserError):
                raise outcome
            results[path] = CheckSummary.from_dict(outcome)
            if on_done:
                on_done(path)
    return results


def _check_one(path: Path, options: CheckOptions):
    try:
        return summarise(check(path, options)).to_dict()
    except UserError as err:
        return err

"""The two cohort commands' core: load the cohorts under a folder, check every company
(in parallel, cached), and build the report."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from asfcert.assess.checker import CheckOptions
from asfcert.cohort.report import Context, Report, build
from asfcert.io.cache import Cache, key, models_of
from asfcert.records.cohort_file import find_cohorts, load_cohort

POLICY = "cohort-policy"  # cache namespace: the standard's renewal window, by its SHA-256
REGISTRY_FACTS = "cohort-registry"  # the certifier's name and the complaints, by the files' SHA-256
_COMPLAINTS = models_of(("asfcert.formats.complaint",))  # what kept registry facts may hold


@dataclass(frozen=True)
class CohortOptions:
    check: CheckOptions = CheckOptions()
    jobs: int | None = None


def _chronological(loaded) -> tuple:
    term = getattr(loaded.cohort, "term", None)
    if term:
        return (0, int(term[2:]), term.startswith("HT"), loaded.path.name)
    return (1, 0, False, loaded.path.name)


def companies_to_check(path: Path, today: dt.date, cache: Cache | None = None):
    """(the loaded cohorts in term order, the company folders that exist)."""
    loaded = sorted((load_cohort(folder, today, cache) for folder in find_cohorts(path)), key=_chronological)
    folders = [ref.path for c in loaded for ref in c.companies if ref.exists]
    return loaded, folders


def run(path: Path, options: CohortOptions, *, on_start: Callable[[int], None] | None = None, on_done: Callable[[Path], None] | None = None) -> Report:
    from asfcert.cohort.run import ahead, run_checks

    today = options.check.today or dt.date.today()
    check_options = replace(options.check, today=today)
    cache = Cache(check_options.use_cache)
    index = ahead(path, check_options, options.jobs)  # a first run's document readers start meanwhile
    loaded, folders = companies_to_check(path, today, cache)
    if on_start:
        on_start(len(folders))
    done = run_checks(folders, check_options, options.jobs, on_done, path, index)
    results = {folder: summary for folder, (summary, _) in done.items()}
    records = {folder: records for folder, (_, records) in done.items()}
    return build(path, loaded, results, records, today, context(path, check_options, cache))


def context(path: Path, options: CheckOptions, cache: Cache) -> Context:
    """The standard's renewal window, and the certifier's registry above `path` with its
    complaints (a broken complaints.yaml aborts: the report would leave them out). The
    certifier's name only titles the report: a registry.yaml that cannot be used leaves the
    folder's name, as the commands that need the file say what is wrong with it."""
    from asfcert.records import complaints

    window = _renewal_window(options, cache)
    registry = complaints.registry_above(path)
    if registry is None:
        return Context(window)
    return Context(window, registry, *_registry_facts(registry, cache))


def _registry_facts(registry: Path, cache: Cache) -> tuple[str | None, list]:
    """The certifier's name and the complaints, kept by the two files' SHA-256 when both
    could be read (a warm run then neither parses nor validates them); read from the files
    when not kept, and kept only when neither file changed meanwhile."""
    from asfcert.base.errors import UserError
    from asfcert.records import complaints
    from asfcert.records.registry import find

    before = _contents(registry) if cache.enabled else None
    entry = key(REGISTRY_FACTS, *before) if before else None
    found = cache.get_kept(REGISTRY_FACTS, entry, _COMPLAINTS) if entry else None
    if type(found) is tuple and len(found) == 2 and (found[0] is None or type(found[0]) is str) and type(found[1]) is list:
        return found
    try:
        certifier = find(None, registry).model.certifier
    except UserError:
        certifier = None
    listed = complaints.load(registry)
    if entry and _contents(registry) == before:
        cache.put_kept(REGISTRY_FACTS, entry, (certifier, listed))
    return certifier, listed


def _contents(registry: Path) -> tuple[str, str] | None:
    """The SHA-256 of registry.yaml and of complaints.yaml ("" when there is none), read as
    their loader reads them; None when one cannot be read (the loader says why)."""
    import hashlib

    from asfcert.base.layout import REGISTRY_FILE
    from asfcert.io.yamlfile import YamlProblem, read_bytes
    from asfcert.records.complaints import COMPLAINTS_FILE

    digests = []
    for name in (REGISTRY_FILE, COMPLAINTS_FILE):
        path = registry / name
        if name == COMPLAINTS_FILE and not os.path.lexists(path):
            digests.append("")
            continue
        try:
            digests.append(hashlib.sha256(read_bytes(path, name, within=registry)).hexdigest())
        except YamlProblem:
            return None
    return digests[0], digests[1]


def _renewal_window(options: CheckOptions, cache: Cache) -> int:
    """The standard's renewal window, kept by the standard file's SHA-256: the one figure
    the report takes from the standard, and loading the standard imports every rule."""
    from asfcert.assess.checker import standard_digest
    from asfcert.base.resources import default_standard
    from asfcert.standard.load import load_standard

    digest = standard_digest(options)
    entry = key(POLICY, digest) if digest else None
    found = cache.get(POLICY, entry) if entry else None
    if type(found) is int:
        return found
    standard, loaded = load_standard(options.standard or default_standard(), cache)
    window = standard.policy.renewal_window_months
    if loaded == digest:  # the file did not change between the two reads
        cache.put(POLICY, entry, window)
    return window

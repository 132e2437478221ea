"""The cohort run's speed-ups stay correct (issue 17): one cache bundle per company, one
index per run, and every document read before the folders are evaluated. Cold, warm and
--no-cache runs give the same report, to the byte; an edit is never missed, even one that
keeps the size and the second; a document that failed for the moment is not cached, nor
read twice in one run; a killed run leaves a cache the next run can use."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cache_entries import bundles, entries
from helpers import same_size_edit

import asfcert.evidence.documents as documents
from asfcert.assess.checker import CheckOptions
from asfcert.cohort import run as cohort_run
from asfcert.cohort.api import CohortOptions, run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "omgang-ht2026"
AS_OF = dt.date(2026, 11, 22)
sys.path.insert(0, str(ROOT / "bench"))
ASFCERT = str(Path(sys.executable).parent / "asfcert")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from make_registry import build

    root = tmp_path_factory.mktemp("registry") / "reg"
    build(root, companies=10, pdfs=3, seed=5, per_cohort=5)
    shutil.copytree(EXAMPLE, root / EXAMPLE.name)  # audit records, a withdrawn company, scans
    return root


@pytest.fixture
def registry(built, tmp_path):
    root = tmp_path / "reg"
    shutil.copytree(built, root, symlinks=True)
    return root


def index_files() -> list[Path]:
    """The run indexes in the cache (cohort/index.py)."""
    from asfcert.io.cache import cache_root

    return sorted((cache_root() / cohort_run.INDEX).rglob("*.marshal"))


def report(root: Path, *, cache: bool = True, jobs: int = 2) -> dict:
    return run(root, CohortOptions(CheckOptions(today=AS_OF, use_cache=cache), jobs=jobs)).to_dict()


def cli(root: Path, out: Path, *extra: str) -> bytes:
    """`cohort report --format json` as a user runs it; the exports land in `out`."""
    proc = subprocess.run([ASFCERT, "cohort", "report", str(root), "--as-of", AS_OF.isoformat(), "--format", "json",
                           "--out", str(out), *extra], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    return proc.stdout


def exports(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("report.html", "companies.csv", "indicators.csv")}


def rows(result: dict) -> dict[str, dict]:
    return {f"{r['cohort']}/{r['folder']}": r for r in result["companies"]}


def test_cold_warm_and_no_cache_give_the_same_bytes(registry, tmp_path):
    time.sleep(2.1)  # files changed just now are hashed again on every run, and never indexed (RACY_NS)
    cold = cli(registry, tmp_path / "cold")
    assert bundles() and len(index_files()) == 1  # one bundle per company, one index
    warm = cli(registry, tmp_path / "warm")
    uncached = cli(registry, tmp_path / "none", "--no-cache")
    serial = cli(registry, tmp_path / "serial", "--jobs", "1")
    assert cold == warm == uncached == serial
    assert exports(tmp_path / "cold") == exports(tmp_path / "warm") == exports(tmp_path / "none") == exports(tmp_path / "serial")


def test_the_pipeline_gives_the_verdicts_of_a_serial_run(registry):
    parallel = report(registry, cache=False, jobs=2)
    assert parallel == report(registry, cache=False, jobs=1)
    assert {r["ready"] for r in parallel["companies"]} == {True, False}  # something to tell apart


def test_a_warm_run_reads_no_company_bundle(registry, monkeypatch):
    time.sleep(2.1)  # files changed just now are hashed again on every run (company/signatures.RACY_NS)
    cold = report(registry)
    from asfcert.io import cache

    def refuse(self):
        raise AssertionError("a bundle was read although nothing changed")

    monkeypatch.setattr(cache.Bundle, "_on_disk", refuse)
    assert report(registry) == cold


def test_one_cache_write_per_company_and_one_index(registry, monkeypatch):
    from asfcert.io.cache import Cache

    written: list[str] = []
    real = Cache.put_bytes

    def spy(self, namespace, digest, raw, suffix=".json"):
        written.append(namespace)
        return real(self, namespace, digest, raw, suffix)

    monkeypatch.setattr(Cache, "put_bytes", spy)
    time.sleep(2.1)  # as above
    report(registry, jobs=1)  # in this process, where the spy sees every write
    companies = len(report(registry, cache=False)["companies"]) - 1  # the withdrawn one has no folder
    assert written.count("company") == companies and written.count("cohort-index") == 1
    cohorts = len(list(registry.glob("*/cohort.yaml")))
    # each cohort.yaml as kept, the kept standard and its renewal window, the registry's facts,
    # and the public bodies list every company shares (kept once per process: written only
    # when no test before kept it)
    others = [n for n in written if n not in ("company", "cohort-index")]
    kept = {"cohort-file", "standard", "cohort-policy", "cohort-registry", "public-bodies"}
    assert set(others) <= kept and others.count("public-bodies") <= 1
    assert len([n for n in others if n != "public-bodies"]) <= cohorts + 3
    written.clear()
    report(registry, jobs=1)
    assert written == []  # nothing changed: nothing written


def test_an_edit_with_the_same_size_and_time_is_seen(registry):
    cold = report(registry)
    folder = EXAMPLE.name + "/vaxthuset"
    assert rows(cold)[folder]["ready"]
    time.sleep(2.1)  # the cold run trusted every signature (company/signatures.RACY_NS)
    assert report(registry) == cold
    profile = registry / folder / "company.yaml"
    same_size_edit(profile, "monthly_sek: 38500", "monthly_sek: 99500")  # the top pay, far above 2.5 times the lowest
    edited = report(registry)
    assert not rows(edited)[folder]["ready"] and rows(edited)[folder]["blockers"] > 0
    assert edited == report(registry, cache=False)


def test_a_new_or_removed_file_is_seen(registry):
    cold = report(registry)
    folder = registry / EXAMPLE.name / "vaxthuset"
    time.sleep(2.1)
    statutes = next(folder.glob("evidence/stadgar/*.pdf"))
    moved = statutes.read_bytes()
    statutes.unlink()
    gone = report(registry)
    assert gone != cold and gone == report(registry, cache=False)
    statutes.write_bytes(moved)
    (folder / "evidence" / "stadgar" / "extra.txt").write_text("Stadgar, bilaga\n", encoding="utf-8")
    assert report(registry) == report(registry, cache=False)


def test_an_audit_record_edit_is_seen(registry):
    records = sorted(registry.glob("*/*/audit/audit.yaml"))
    assert records
    report(registry)
    time.sleep(2.1)
    report(registry)
    record = records[0]
    record.unlink()
    assert report(registry) == report(registry, cache=False)


def test_a_document_that_failed_for_the_moment_is_neither_cached_nor_read_twice(registry, tmp_path, monkeypatch):
    log = tmp_path / "reads.log"  # written by the evaluating processes too (they are forked)
    real = documents.read_many

    def slow(paths, *args, **kwargs):
        with open(log, "a", encoding="utf-8") as fh:
            fh.writelines(p + "\n" for p in paths)
        return {p: {"problem": "time", "detail": "10 s"} for p in paths}

    monkeypatch.setattr(documents, "read_many", slow)
    failed = report(registry, jobs=2)
    read = log.read_text(encoding="utf-8").splitlines()
    assert read and len(read) == len(set(read))  # each document once in the run
    assert entries(documents.NAMESPACE) == {}
    monkeypatch.setattr(documents, "read_many", real)
    again = report(registry)
    assert again == report(registry, cache=False) and again != failed
    assert entries(documents.NAMESPACE)


def test_the_pipeline_keeps_few_folders_in_memory(registry, monkeypatch):
    live, peak = [0], [0]
    prepare, finish_real = cohort_run._prepare, cohort_run.Index.note

    def counted_prepare(*args):
        live[0] += 1
        peak[0] = max(peak[0], live[0])
        return prepare(*args)

    def counted_note(self, path, outcome):
        live[0] -= 1
        return finish_real(self, path, outcome)

    monkeypatch.setattr(cohort_run, "_prepare", counted_prepare)
    monkeypatch.setattr(cohort_run.Index, "note", counted_note)
    report(registry, cache=False, jobs=2)
    assert 2 <= peak[0] <= cohort_run.AHEAD * 2


def test_a_killed_run_leaves_a_cache_the_next_run_can_use(registry, tmp_path):
    env = {**os.environ}
    proc = subprocess.Popen([ASFCERT, "cohort", "report", str(registry), "--as-of", AS_OF.isoformat(), "--format", "json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while not bundles() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, in the middle of writing bundles
    proc.wait()
    assert bundles()
    assert cli(registry, tmp_path / "after") == cli(registry, tmp_path / "none", "--no-cache")


def test_what_every_folder_shares_stays_out_of_the_bundles(tmp_path):
    from asfcert.io.cache import SHARED, Bundle, Cache, using

    cache = Cache()
    bundle = Bundle(cache, str(tmp_path))
    with using(bundle):
        for namespace in SHARED:
            cache.put(namespace, "d" * 64, [1])
            assert Cache().get(namespace, "d" * 64) == [1]
        cache.put("check", "e" * 64, [2])
    bundle.flush()
    assert all(entries(namespace) == {"d" * 64: "[1]"} for namespace in SHARED)
    assert entries("check") == {"e" * 64: "[2]"} and len(bundles()) == 1


def test_the_kept_renewal_window_follows_the_standard_and_a_damaged_entry_is_ignored(tmp_path):
    from asfcert.base.resources import default_standard
    from asfcert.cohort import api
    from asfcert.io.cache import Cache, cache_root

    standard = tmp_path / "standard.yaml"
    shutil.copy(default_standard(), standard)
    options, cache = CheckOptions(standard=standard, today=AS_OF), Cache()
    assert api._renewal_window(options, cache) == 6
    assert entries(api.POLICY)  # kept: a warm run loads no standard
    same_size_edit(standard, "renewal_window_months: 6", "renewal_window_months: 9")
    assert api._renewal_window(options, cache) == 9
    for damage in (b"[1", b'"6"', b"null"):
        for entry in (cache_root() / api.POLICY).rglob("*.json"):
            entry.write_bytes(damage)
        assert api._renewal_window(options, cache) == 9

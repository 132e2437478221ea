"""A budget for reading all the documents of one company: the per-file limits alone let six
copies of one costly PDF take a minute. When the budget's time is spent, the file being read
is stopped and the rest are not read: each is `pdf-too-costly` (problem `budget`) and goes
to manual review, and none of it is cached, so the next run reads them. The memory budget
caps how many workers run side by side and how much each may use."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import time

import pytest
from cache_entries import entries
from fixtures import hostile_pdfs
from helpers import codes, make_company, pdf_bytes, run

import asfcert.evidence.documents as documents
from asfcert.evidence.worker import BUDGET, Budget, Limits, read_many

STATUTES = "evidence/stadgar/stadgar.pdf"
SLOW = Limits(cpu_seconds=120, wall_seconds=120)  # the costly file is stopped by the budget, not by these


@functools.lru_cache(maxsize=None)
def costly() -> bytes:
    return hostile_pdfs.cpu_heavy()


def copies(folder, n: int) -> list[str]:
    """`n` different files (one byte apart) that each take many seconds to read."""
    paths = []
    for i in range(n):
        path = folder / f"tung-{i}.pdf"
        path.write_bytes(costly() + b"%" + str(i).encode())
        paths.append(str(path))
    return paths


def test_the_budget_stops_the_file_being_read_and_leaves_the_rest(tmp_path):
    good = tmp_path / "protokoll.pdf"
    good.write_bytes(pdf_bytes("Protokoll", "Datum 2026-03-12"))
    heavy = copies(tmp_path, 3)
    start = time.monotonic()
    facts = read_many([str(good), *heavy], SLOW, jobs=1, budget=Budget(seconds=6))
    assert time.monotonic() - start < 15
    assert facts[str(good)]["problem"] is None and facts[str(good)]["pages"] == 1
    assert [facts[p]["problem"] for p in heavy] == [BUDGET] * 3
    assert facts[heavy[0]]["detail"] == "6 s"


def test_the_memory_budget_bounds_each_worker_and_how_many_run(tmp_path):
    assert Budget(memory_mb=4096).workers(Limits(memory_mb=1024)) == 4
    assert Budget(memory_mb=1024).workers(Limits(memory_mb=1024)) == 1
    assert Budget(memory_mb=512).limits(Limits(memory_mb=1024)).memory_mb == 512
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile_pdfs.bomb())
    assert read_many([str(bomb)], Limits(), budget=Budget(memory_mb=150))[str(bomb)]["problem"] == "memory"


@pytest.mark.parametrize(
    ("seconds", "megabytes", "expected"),
    [("5", "300", Budget(5.0, 300)), ("2.5", None, Budget(2.5, Budget.memory_mb)), ("-1", "lots", Budget()), ("", "0", Budget())],
)
def test_the_budget_comes_from_the_environment(monkeypatch, seconds, megabytes, expected):
    for name, value in (("ASFCERT_READ_BUDGET_SECONDS", seconds), ("ASFCERT_READ_BUDGET_MB", megabytes)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert Budget.from_environment() == expected


def test_what_the_budget_left_unread_is_too_costly_and_not_cached(tmp_path, monkeypatch):
    root = make_company(tmp_path / "c")
    monkeypatch.setattr(documents, "read_many", lambda paths, *a, **k: {p: {"problem": BUDGET, "detail": "60 s"} for p in paths})
    result = run(root, use_cache=True)
    costly_ = [f for f in result.findings if f.code == "pdf-too-costly"]
    assert costly_ and {f.params["problem"] for f in costly_} == {BUDGET}
    assert "the time for reading the documents ran out (60 s)" in costly_[0].message.en
    assert entries(documents.NAMESPACE) == {}


def test_a_cold_check_of_many_costly_files_stays_within_the_budget(tmp_path):
    root = make_company(tmp_path / "c")
    (root / STATUTES).write_bytes(costly())
    (root / "evidence" / "ovrigt").mkdir()
    copies(root / "evidence" / "ovrigt", 5)
    env = {**os.environ, "ASFCERT_READ_BUDGET_SECONDS": "4", "ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    start = time.monotonic()
    proc = subprocess.run([str(os.path.join(os.path.dirname(sys.executable), "asfcert")), "check", str(root), "--as-of", "2026-11-22", "--format", "json"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert time.monotonic() - start < 30, "the budget did not bound the run"
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    stopped = {f["file"]: f for f in findings if f["code"] == "pdf-too-costly"}
    # the costly files, and any file still waiting behind them when the time ran out
    assert set(stopped) >= {STATUTES, *(f"evidence/ovrigt/tung-{i}.pdf" for i in range(5))}
    assert {f["params"]["problem"] for f in stopped.values()} == {BUDGET}
    assert stopped[STATUTES]["severity"] == "blocker" and stopped[STATUTES]["requirement"] == "3.1.a"


def test_a_run_within_the_budget_is_unchanged(tmp_path):
    root = make_company(tmp_path / "c")
    assert "pdf-too-costly" not in codes(run(root))


def test_a_result_with_files_left_unread_is_not_cached_whole(tmp_path, monkeypatch):
    from asfcert.evidence.review import final

    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / "cache"))
    # a microsecond: no document can be read in it, however fast the readers get (0.01 s
    # was once too short for the company's small PDFs; a warm reader now reads them in it)
    monkeypatch.setenv("ASFCERT_READ_BUDGET_SECONDS", "0.000001")
    root = make_company(tmp_path / "c")
    first = run(root, use_cache=True)
    assert not final(first.findings) and "pdf-too-costly" in codes(first)
    monkeypatch.delenv("ASFCERT_READ_BUDGET_SECONDS")
    assert "pdf-too-costly" not in codes(run(root, use_cache=True))  # read now, not served from the cache

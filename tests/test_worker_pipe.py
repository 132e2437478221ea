"""The reader worker's request and answer path (issue 17 item 4): the parent reads the
child's answers from its pipe with poll() instead of a pump thread and a queue, and the
child reads a file by its size instead of a buffered read that allocates the largest
allowed size for each file. Both keep what they replace: answers split at line ends
whatever the pipe delivers at once, a closed pipe is a dead worker, a silent one times out,
and a file is read whole up to the size limit, also when it grew after fstat."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from fixtures import hostile_pdfs
from helpers import pdf_bytes

from asfcert.evidence import worker, worker_child
from asfcert.evidence.limits import Limits
from asfcert.io.bounded_read import read_at_most

CHILD = """
import sys, time
out = sys.stdout
out.write('{"a": 1}\\n{"b": 2}\\n'); out.flush()  # two answers in one write
time.sleep(0.3)
out.write('{"c"'); out.flush()  # one answer in two writes
time.sleep(0.3)
out.write(': 3}\\n'); out.flush()
"""


def _worker(code: str) -> worker.Worker:
    w = worker.Worker(Limits())
    w.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    return w


@pytest.fixture(params=[True, False], ids=["poll", "pump"])
def poll(request, monkeypatch):
    monkeypatch.setattr(worker, "POLL", request.param)
    return request.param


def test_answers_are_whole_lines_and_a_closed_pipe_is_a_dead_worker(poll):
    w = _worker(CHILD)
    try:
        assert [w._answer(10) for _ in range(4)] == [b'{"a": 1}\n', b'{"b": 2}\n', b'{"c": 3}\n', None]
        assert (w.answers is None) == poll  # poll() needs no pump thread
        assert w._death() == "crashed" and w.proc is None  # exit code 0 without answering: not a limit
    finally:
        w._stop()


def test_a_silent_worker_times_out(poll):
    w = _worker("import time; time.sleep(30)")
    try:
        start = time.monotonic()
        with pytest.raises(TimeoutError):
            w._answer(0.3)
        assert 0.25 <= time.monotonic() - start < 5
    finally:
        w._stop()


def test_a_worker_started_again_forgets_what_the_dead_one_wrote(tmp_path):
    pdf = tmp_path / "a.txt"
    pdf.write_text("x")
    w = _worker("import sys; sys.stdout.write('{\"half\"'); sys.stdout.flush()")
    try:
        assert w._answer(10) is None and bytes(w.pending) == b'{"half"'
        w._death()
        facts = w.read(str(pdf), reader="office")  # a fresh child: its own answer, not the half line
        assert facts["problem"] is None and facts["texts"] == ["x"]
    finally:
        w.close()


@pytest.mark.parametrize("size", [0, 1, 100, 2**16, 2**16 + 1, 3 * 2**16 + 7])
def test_a_file_is_read_whole_by_its_size(tmp_path, size):
    path = tmp_path / "f"
    data = os.urandom(size)
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert read_at_most(fd, size, 2**20 + 1) == data
        os.lseek(fd, 0, os.SEEK_SET)
        assert read_at_most(fd, 0, 2**20 + 1) == data  # grew after fstat: read on
        os.lseek(fd, 0, os.SEEK_SET)
        assert read_at_most(fd, size, 50) == data[:50]  # never more than the limit
    finally:
        os.close(fd)


# ---- several requests written at once (Worker.read_each) -------------------------------


def _files(tmp_path, middle: bytes | None = None) -> list[str]:
    """Two good PDFs, a text file, a missing file and, when given, `middle` between them."""
    paths = []
    for i, data in enumerate([pdf_bytes("Protokoll", f"Datum 2026-03-1{i}") for i in range(2)]):
        path = tmp_path / f"good-{i}.pdf"
        path.write_bytes(data)
        paths.append(str(path))
    if middle is not None:
        (tmp_path / "middle.pdf").write_bytes(middle)
        paths.insert(1, str(tmp_path / "middle.pdf"))
    (tmp_path / "note.txt").write_text("Anteckning")
    return paths + [str(tmp_path / "note.txt"), str(tmp_path / "missing.pdf")]


def _readers(paths: list[str]) -> list[tuple[str, str]]:
    return [(p, "office" if p.endswith(".txt") else "pdf") for p in paths]


def _one_by_one(paths: list[str], limits: Limits) -> list[dict]:
    w = worker.Worker(limits)
    try:
        return [w.read(path, None, reader) for path, reader in _readers(paths)]
    finally:
        w.close()


def test_files_asked_together_get_the_facts_they_get_one_by_one(tmp_path):
    paths = _files(tmp_path)
    w = worker.Worker(Limits())
    try:
        together = w.read_each(_readers(paths))
    finally:
        w.close()
    assert together == _one_by_one(paths, Limits())
    assert together[0]["problem"] is None and together[-1]["problem"] == "unreadable"


@pytest.mark.parametrize(
    ("name", "limits", "problem"),
    [
        ("cpu-heavy", Limits(cpu_seconds=1), "cpu"),
        ("cpu-heavy", Limits(cpu_seconds=60, wall_seconds=1), "time"),
        ("bomb", Limits(memory_mb=150), "memory"),
    ],
)
def test_a_file_that_exhausts_a_limit_gets_its_problem_and_the_files_after_it_are_read(tmp_path, name, limits, problem):
    paths = _files(tmp_path, hostile_pdfs.HOSTILE[name]())
    w = worker.Worker(limits)
    start = time.monotonic()
    try:
        facts = w.read_each(_readers(paths))
    finally:
        w.close()
    assert time.monotonic() - start < 20
    assert facts[1]["problem"] == problem
    good = _one_by_one(paths[:1] + paths[2:], Limits())
    assert [facts[0]] + facts[2:] == good and good[1]["pages"] == 1


def test_the_budget_stops_the_file_being_read_and_leaves_the_rest_unread(tmp_path):
    paths = _files(tmp_path, hostile_pdfs.HOSTILE["cpu-heavy"]())
    w = worker.Worker(Limits(cpu_seconds=60, wall_seconds=60))
    start = time.monotonic()
    try:
        facts = w.read_each(_readers(paths), deadline=time.monotonic() + 1.5)
    finally:
        w.close()
    assert time.monotonic() - start < 10
    assert facts[0]["problem"] is None
    assert [f["problem"] for f in facts[1:]] == [worker.BUDGET] * 4


def test_requests_are_written_in_batches_of_one_atomic_pipe_write(tmp_path):
    requests = [worker._request(str(tmp_path / ("d" * 200) / f"{i}.pdf"), "pdf", None) for i in range(60)]
    batches, rest = [], requests
    while rest:
        batches.append(rest[: worker._batch(rest)])
        rest = rest[len(batches[-1]):]
    assert sum(batches, []) == requests and len(batches) > 1
    assert all(len(b"".join(b)) <= worker.BATCH_BYTES for b in batches)
    long = [worker._request(str(tmp_path / ("d" * 5000)), "pdf", None)] * 2
    assert worker._batch(long) == 1  # one request at least, however long


def test_the_cpu_limit_moves_forward_before_each_file_and_is_set_only_when_it_changes(monkeypatch):
    """Each file may use `cpu_seconds` from its start (plus the second begun): the limit is
    what the whole seconds used so far give, set again only when they changed."""
    used = iter([0.05, 0.2, 0.9, 1.3, 1.31, 7.99])
    limits = []
    monkeypatch.setattr(worker_child.time, "process_time", lambda: next(used))
    monkeypatch.setattr(worker_child, "_set_limit", lambda name, value: limits.append((name, value)))
    budget = worker_child.CpuBudget(10)
    for _ in range(6):
        budget.renew()
    assert limits == [("RLIMIT_CPU", 11), ("RLIMIT_CPU", 12), ("RLIMIT_CPU", 18)]


@pytest.mark.parametrize("line", [b"not json", b'{"texts": ["\\xff"]', b'{"texts": ["\xff\xfe"]}'], ids=["text", "cut", "not-utf8"])
def test_an_answer_that_is_not_json_in_utf8_is_a_crash_and_the_worker_is_stopped(poll, line):
    answer = line + b"\n"
    w = _worker(f"import sys, time; sys.stdout.buffer.write({answer!r}); sys.stdout.flush(); time.sleep(30)")
    try:
        assert w._facts(None, time.monotonic()) == {"problem": "crashed", "detail": "unreadable answer"}
        assert w.proc is None
    finally:
        w._stop()

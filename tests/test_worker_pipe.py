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

from asfcert.evidence import worker
from asfcert.evidence.limits import Limits

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
        assert worker._content(fd, size, 2**20 + 1) == data
        os.lseek(fd, 0, os.SEEK_SET)
        assert worker._content(fd, 0, 2**20 + 1) == data  # grew after fstat: read on
        os.lseek(fd, 0, os.SEEK_SET)
        assert worker._content(fd, size, 50) == data[:50]  # never more than the limit
    finally:
        os.close(fd)

"""Read evidence documents in child processes with bounded CPU time, memory and wall-clock
time: PDFs (pypdf and PDFium, evidence/pdf_facts.py), digital annual reports
(evidence/ixbrl.py), Word, OpenDocument and text files (evidence/office.py) and images,
with OCR of scans by Tesseract (evidence/images.py, evidence/ocr.py).

pypdf and PDFium have no time limit and a crafted file can make them run or allocate
without end, so they never run in the main process. A worker is a child Python process that reads one request
per line on stdin (`{"path": ...}`) and answers one JSON line on stdout. In the child,
RLIMIT_AS bounds memory and RLIMIT_CPU is moved forward before each file, so every file
gets the same CPU budget; the parent adds a wall-clock timeout. The parent may write the
requests of several files at once (`Worker.read_each`: a company's documents), and each
answer is still awaited within its own file's limit; the files after one that ends its
worker are asked of a new one. The parent reads the answers with poll() (with a thread
where pipes cannot be polled: Windows). A worker that dies or times out is replaced and the file gets a `problem` (`cpu`, `memory`, `time`, `crashed`);
the run goes on. One worker reads many files; a few run side by side. OCR of a file may use
its wall-clock limit less OCR_MARGIN; each Tesseract process gets the worker's memory limit.

On systems without `resource` (Windows) only the wall-clock limit applies, and macOS does
not enforce RLIMIT_AS.

The limits apply per file; a `Budget` bounds one call of `read_many` (the documents of one
company) as a whole: its wall-clock time, after which the file being read is stopped and
the files not yet read get the problem `budget` (never cached, so the next run reads them),
and the memory of all workers side by side, which caps how many run at once. Set it with
ASFCERT_READ_BUDGET_SECONDS and ASFCERT_READ_BUDGET_MB.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

# the limits and the budget live apart, for callers that need them without the worker
from asfcert.evidence.limits import BUDGET, TRANSIENT, Budget, Limits  # noqa: F401 - part of this module's interface

# the child's side, in its own module (the child imports only that one)
from asfcert.evidence.worker_child import (  # noqa: F401 - part of this module's interface
    GC_THRESHOLD,
    OCR_MARGIN,
    CpuBudget,
    _cpu_budget,
    _read_one,
    _set_limit,
    serve,
)

MAX_JOBS = 4
READERS = ("pdf", "ixbrl", "office", "image")
POLL = hasattr(select, "poll")  # poll() on pipes (not on Windows: there a thread pumps the answers)


def default_jobs() -> int:
    return max(1, min(MAX_JOBS, os.cpu_count() or 1))


# ---- the parent ------------------------------------------------------------------------

# requests written at once (`read_each`): all previous ones are answered then, so the pipe
# is empty and a write this size never blocks, whatever the child is writing meanwhile
BATCH_BYTES = getattr(select, "PIPE_BUF", 512)
_DECODE = json.JSONDecoder().decode


def _request(path: str, reader: str, max_pages: int | None) -> bytes:
    return json.dumps({"path": path, "reader": reader, "max_pages": max_pages}).encode() + b"\n"


def _batch(requests: list[bytes]) -> int:
    """How many of the first requests fit in one write of BATCH_BYTES (at least one)."""
    size = 0
    for count, request in enumerate(requests):
        size += len(request)
        if count and size > BATCH_BYTES:
            return count
    return len(requests)

_BOOT = "import sys; sys.path.insert(0, {root!r}); from asfcert.evidence.worker_child import serve; serve()"


class Worker:
    """One child process, started on first use and replaced when it dies."""

    def __init__(self, limits: Limits = Limits()):
        self.limits = limits
        self.proc: subprocess.Popen | None = None
        self.answers: queue.SimpleQueue | None = None  # without poll(): the answer pump's queue
        self.pending = bytearray()  # with poll(): what the child wrote after its last whole answer
        self.poller = None  # with poll(): the child's answer pipe, registered on first use

    def _start(self, warm: bool = False) -> None:
        """Start the child; `warm`: it imports the PDF readers before its first request."""
        import asfcert

        root = str(Path(asfcert.__file__).resolve().parent.parent)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT.format(root=root), json.dumps(asdict(self.limits)), *(["warm"] if warm else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True,
        )
        self.answers = None  # the answer pump starts with the first request (`_pumping`)
        self.pending, self.poller = bytearray(), None

    def _answer(self, timeout: float) -> bytes | None:
        """The child's next answer line, or None when its pipe closed (it died); TimeoutError
        after `timeout` seconds. Where poll() works on pipes the pipe is read here, with no
        thread: a thread and a queue per answer cost the parent a tenth of a millisecond
        per file (GIL hand-overs), as much as a reader's whole request and answer."""
        if not POLL:
            try:
                return self._pumping().get(timeout=timeout)
            except queue.Empty:
                raise TimeoutError from None
        end = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()  # read unbuffered: nothing else reads this pipe
        if self.poller is None:
            self.poller = select.poll()
            self.poller.register(fd, select.POLLIN)
        while (cut := self.pending.find(b"\n")) < 0:
            left = end - time.monotonic()
            if left <= 0 or not self.poller.poll(left * 1000):
                raise TimeoutError
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return None
            self.pending += chunk
        line = bytes(self.pending[: cut + 1])
        del self.pending[: cut + 1]
        return line

    def _pumping(self) -> queue.SimpleQueue:
        """The queue of the child's answers, its pump thread started on first use: a worker
        started ahead (`prestart`) runs no thread until it is used."""
        if self.answers is None:
            self.answers = queue.SimpleQueue()
            threading.Thread(target=self._pump, args=(self.proc.stdout, self.answers), daemon=True).start()
        return self.answers

    @staticmethod
    def _pump(stream, answers: queue.SimpleQueue) -> None:
        """Move answer lines to a queue, so the parent can wait with a timeout anywhere."""
        for line in stream:
            answers.put(line)
        answers.put(None)

    def read(self, path: str, deadline: float | None = None, reader: str = "pdf", max_pages: int | None = None) -> dict:
        """The facts of one file. `deadline` (time.monotonic()) is when the run's budget
        ends: a file still being read then is stopped with the problem `budget`. `reader`
        is one of READERS: `pdf`, `ixbrl` (a digital annual report, evidence/ixbrl.py),
        `office` (Word, OpenDocument, text: evidence/office.py) or `image` (OCR:
        evidence/images.py). `max_pages` reads the text of only the first pages of a PDF,
        without OCR (what `verify` needs)."""
        failed = self._ready()
        if failed:
            return failed
        try:
            self._ask([_request(path, reader, max_pages)])
        except OSError:  # the pipe broke: the worker is gone
            return {"problem": self._death(), "detail": None}
        return self._facts(deadline, time.monotonic())

    def read_each(self, files: list[tuple[str, str]], deadline: float | None = None, max_pages: int | None = None) -> list[dict]:
        """The facts of each (path, reader) of `files`, in order, as `read` gives them, and the
        problem `budget` for each file not yet read when `deadline` passes. The requests are
        written together (as many as one atomic pipe write holds), so the child reads one
        file after the other without waiting for the parent to ask: each answer is still
        awaited within its own file's wall-clock limit, counted from the answer before it,
        and the files after one whose worker died or was stopped go to a new worker."""
        results: list[dict] = []
        requests = [_request(path, reader, max_pages) for path, reader in files]
        while len(results) < len(files):
            if deadline is not None and time.monotonic() >= deadline:
                results += [{"problem": BUDGET} for _ in files[len(results):]]
                break
            failed = self._ready()
            if failed:
                results.append(failed)
                continue
            asked = requests[len(results):][: _batch(requests[len(results):])]
            try:
                self._ask(asked)
            except OSError:
                results.append({"problem": self._death(), "detail": None})
                continue
            started = time.monotonic()
            for number in range(len(asked)):
                if number and deadline is not None and time.monotonic() >= deadline:
                    self._stop()  # it reads a file the budget has no time left for
                    break
                results.append(self._facts(deadline, started))
                started = time.monotonic()
                if self.proc is None:  # died or stopped: the files after it are asked again
                    break
                if results[-1].get("problem") == "memory":  # the child answered, then exits (serve)
                    self._stop()
                    break
        return results

    def _ready(self) -> dict | None:
        """Start the child unless it runs; the problem of the file when none can start."""
        if self.proc is None or self.proc.poll() is not None:
            try:
                self._start()
            except OSError as e:  # no interpreter to start: every PDF gets a finding instead
                self.proc = None
                return {"problem": "crashed", "detail": e.strerror or type(e).__name__}
        return None

    def _ask(self, requests: list[bytes]) -> None:
        self.proc.stdin.write(b"".join(requests))
        self.proc.stdin.flush()

    def _facts(self, deadline: float | None, started: float) -> dict:
        """The answer to the oldest request not yet answered, asked at `started`."""
        wait = self.limits.wall_seconds
        budget_left = None if deadline is None else max(0.0, deadline - started)
        try:
            line = self._answer(max(0.0, started + (wait if budget_left is None else min(wait, budget_left)) - time.monotonic()))
        except TimeoutError:
            self._stop()
            if budget_left is not None and budget_left < wait:
                return {"problem": BUDGET}
            return {"problem": "time", "detail": f"{self.limits.wall_seconds:g} s"}
        except OSError:  # the pipe broke: the worker is gone
            line = None
        if line is None:
            return {"problem": self._death(), "detail": None}
        try:
            return _DECODE(line.decode())  # the child writes UTF-8: no encoding to detect
        except ValueError:
            self._stop()
            return {"problem": "crashed", "detail": "unreadable answer"}

    def _death(self) -> str:
        code = self.proc.wait()
        self.proc = None
        if code == 3:
            return "memory"
        if os.name == "posix" and code in (-signal.SIGXCPU, -signal.SIGKILL):
            return "cpu" if code == -signal.SIGXCPU else "memory"
        return "crashed"

    def _stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self._stop()
        self.proc = None


# Idle workers are kept for the next call in this process (a cohort run checks many
# folders), and belong to the process that started them: a forked child starts its own.
_IDLE: list[Worker] = []
_IDLE_LOCK = threading.Lock()
_OWNER = [os.getpid()]
FILES_PER_WORKER = 6  # a second worker pays for its start-up only with enough files


def _take(limits: Limits) -> Worker:
    with _IDLE_LOCK:
        if _OWNER[0] != os.getpid():  # forked: the idle workers are the parent's
            _IDLE.clear()
            _OWNER[0] = os.getpid()
        for worker in _IDLE:
            if worker.limits == limits:
                _IDLE.remove(worker)
                return worker
    return Worker(limits)


def _give(worker: Worker) -> None:
    with _IDLE_LOCK:
        if _OWNER[0] == os.getpid() and len(_IDLE) < MAX_JOBS and worker.proc is not None:
            _IDLE.append(worker)
            return
    worker.close()


def prestart(count: int, limits: Limits) -> None:
    """Start `count` idle workers for `limits` (as `read_many` computes them), which import
    the PDF readers at once: a cold cohort run starts them before it loads its cohort files,
    so that their start-up (a fifth of a second each) is done when the first company's
    documents are read. No thread is started: the run forks its evaluators after this."""
    for _ in range(count):
        worker = Worker(limits)
        try:
            worker._start(warm=True)
        except OSError:  # no interpreter to start: `read` says so for each file, as always
            continue
        _give(worker)


@atexit.register
def close_idle() -> None:
    with _IDLE_LOCK:
        mine = _IDLE[:] if _OWNER[0] == os.getpid() else []
        _IDLE.clear()
    for worker in mine:
        worker.close()


def read_many(
    paths: list[str], limits: Limits = Limits(), jobs: int | None = None, budget: Budget | None = None,
    readers: dict[str, str] | None = None, max_pages: int | None = None,
) -> dict[str, dict]:
    """The raw facts of every path, read by up to `jobs` workers side by side within
    `budget` (by default `Budget.from_environment()`): what it leaves unread gets the
    problem `budget`. `readers` names the reader of a path that is not a PDF (see
    Worker.read, like `max_pages`)."""
    if not paths:
        return {}
    budget = budget or Budget.from_environment()
    limits = budget.limits(limits)
    deadline = time.monotonic() + budget.seconds
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for path in paths:
        todo.put(path)
    results: dict[str, dict] = {}
    errors: list[BaseException] = []

    def run() -> None:
        worker = _take(limits)
        try:
            while True:
                files = []  # one at a time when workers share the files, else all at once
                while len(files) < (1 if wanted > 1 else len(paths)):
                    try:
                        files.append(todo.get_nowait())
                    except queue.Empty:
                        break
                if not files:
                    return
                asked = [(path, (readers or {}).get(path, "pdf")) for path in files]
                results.update(zip(files, worker.read_each(asked, deadline, max_pages)))
        except BaseException as e:  # a bug: re-raised in the calling thread
            errors.append(e)
            worker.close()
        finally:
            _give(worker)

    wanted = max(1, min(-(-len(paths) // FILES_PER_WORKER), budget.workers(limits)))
    if wanted > 1:  # a company's few documents need one worker: then the cores (a /sys file read) are not counted
        wanted = min(wanted, jobs or default_jobs())
    if wanted == 1 and threading.current_thread() is not threading.main_thread():
        run()  # a thread already (a cohort run's reader): no second one to start and wait for
    else:  # the main thread only waits, so Ctrl-C stops it at once
        threads = [threading.Thread(target=run, daemon=True) for _ in range(wanted)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if errors:
        raise errors[0]
    for facts in results.values():
        if facts.get("problem") == BUDGET:
            facts["detail"] = f"{budget.seconds:g} s"
    return results

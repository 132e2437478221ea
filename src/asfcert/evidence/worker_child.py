"""The reader worker's own side (evidence/worker.py starts it): a child process that reads
one request per line on stdin and answers one JSON line on stdout, each file within the
CPU time and memory limits set here. It imports only what reading needs: the parent's
processes, threads and pipes stay in evidence/worker.py."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import sys
import time

from asfcert.evidence.limits import Limits
from asfcert.io.bounded_read import read_at_most

OCR_MARGIN = 1.5  # seconds of a file's wall-clock limit kept for answering after OCR stops
GC_THRESHOLD = 10_000  # container allocations (net) between young collections in a worker


def _set_limit(name: str, value: int) -> None:
    import resource

    res = getattr(resource, name, None)
    if res is None:
        return
    try:
        _, hard = resource.getrlimit(res)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(res, (value, hard))
    except (ValueError, OSError):
        pass  # not enforced here (macOS and RLIMIT_AS): the wall-clock limit remains


class CpuBudget:
    """Each file may use `seconds` more CPU time from its start: RLIMIT_CPU counts the
    process's whole life, so the limit is moved forward before each file, to the whole
    seconds used so far plus `seconds` plus one. Files take a millisecond or so: the limit
    is the same as for the file before until a whole second more is used, and is then set
    only when it changes (one clock read per file instead of three system calls)."""

    def __init__(self, seconds: int):
        self.seconds = seconds
        self.soft: int | None = None  # the limit set last

    def renew(self) -> None:
        soft = int(time.process_time()) + self.seconds + 1
        if soft != self.soft:
            _set_limit("RLIMIT_CPU", soft)
            self.soft = soft


def _cpu_budget(seconds: int) -> None:
    """Allow `seconds` more CPU time from now (a child that reads one request)."""
    CpuBudget(seconds).renew()


def _facts(data: bytes, path: str, limits: Limits, reader: str, max_pages: int | None, started: float) -> dict:
    """The facts of one file by its reader; OCR may use the file's wall-clock limit."""
    from asfcert.evidence import ocr

    budget = ocr.Budget(started + limits.wall_seconds - OCR_MARGIN, limits.memory_mb) if max_pages is None else None
    if reader == "ixbrl":
        from asfcert.evidence import ixbrl

        return ixbrl.read(data)
    if reader == "office":
        from asfcert.evidence import office

        return office.read(data, office.kind_of(path) or "text")
    if reader == "image":
        from asfcert.evidence import images

        return images.read(data, budget)
    from asfcert.evidence import pdf_facts

    return pdf_facts.read(data, budget, max_pages or pdf_facts.MAX_TEXT_PAGES)


def _read_one(path: str, limits: Limits, reader: str = "pdf", max_pages: int | None = None) -> dict:
    from asfcert.evidence import privacy

    started = time.monotonic()

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: a FIFO swapped in after the parent looked must not hang
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return {"problem": "unreadable", "detail": "not a regular file"}
            if st.st_size > limits.max_file_mb * 2**20:
                return {"problem": "too-large", "size": st.st_size}
            data = read_at_most(fd, st.st_size, limits.max_file_mb * 2**20 + 1)
        finally:
            os.close(fd)
    except OSError as e:  # the errno's symbol: review words it in the user's language
        return {"problem": "unreadable", "detail": errno.errorcode.get(e.errno or 0) or type(e).__name__}
    facts = _facts(data, path, limits, reader, max_pages, started)
    hits = []
    for i, text in enumerate(facts["texts"]):
        found = privacy.find(text)
        hits += [{"page": i + 1, "masked": h.masked, "kind": h.kind} for h in found]
        facts["texts"][i] = privacy.mask(text, found)
    for name, value in facts["metadata"].items():
        found = privacy.find(value)
        hits += [{"page": 0, "masked": h.masked, "kind": h.kind} for h in found]
        facts["metadata"][name] = privacy.mask(value, found)
    if facts["detail"]:
        facts["detail"] = privacy.mask(facts["detail"])
    facts.update(privacy=hits, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return facts


def serve() -> None:
    """The worker's loop. Started by `Worker` with the limits as JSON in argv[1]."""
    limits = Limits(**json.loads(sys.argv[1]))
    if sys.argv[2:] == ["warm"]:  # started ahead of its first PDF (`prestart`): its readers now
        import pypdfium2  # noqa: F401

        from asfcert.evidence import ocr, pdf_facts, privacy  # noqa: F401
    if os.name == "posix":
        _set_limit("RLIMIT_CORE", 0)
        _set_limit("RLIMIT_AS", limits.memory_mb * 2**20)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers may reach the parent's pipe
    import gc

    # a file's objects (pypdf's) die with its answer: young collections while it is read
    # only walk them. Each reader's modules, once imported, live as long as the process:
    # frozen out of every later collection's way
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, older, oldest)
    modules = len(sys.modules)
    cpu = CpuBudget(limits.cpu_seconds) if os.name == "posix" else None
    for line in sys.stdin.buffer:
        if len(sys.modules) != modules:
            gc.collect()
            gc.freeze()
            modules = len(sys.modules)
        request = json.loads(line)
        if cpu is not None:
            cpu.renew()
        try:
            answer, done = _read_one(request["path"], limits, request.get("reader", "pdf"), request.get("max_pages")), False
        except MemoryError:
            answer, done = {"problem": "memory"}, True
        out.write(json.dumps(answer, ensure_ascii=False).encode() + b"\n")
        out.flush()
        if done:  # the heap may be in a bad state: let the parent start a fresh worker
            os._exit(3)

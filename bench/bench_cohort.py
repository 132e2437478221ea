"""`asfcert cohort report` on a synthetic registry of N companies with 5 PDFs each.

    .venv/bin/python bench/bench_cohort.py [--companies 1000] [--pdfs 5] [--keep DIR] [--cache DIR] [--warm-only]

Reports: the cold run (empty cache; issue 17: ≤ 10 s wall on 2 cores for 1,000 companies
× 5 PDFs), the warm run (nothing changed since the last run; ≤ 0.5 s; with its ratio to
the import floor measured in the same run), a warm run after one company was edited, and
the peak memory of the whole process tree (≤ 300 MB), sampled from /proc. `--cache DIR`
keeps the cache between invocations, and `--warm-only` then times only the warm runs (the
cold run only when the cache is empty), which leaves the registry as it was. Each run also gives its CPU time (user + system, the waited-for workers
included) and CPU / wall: how many cores were busy on average. On a machine other work
loads, CPU time moves less than wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from common import BIN, FLOOR, env_with_cache, ratio, summary, timed
from make_registry import build


def _children(pid: int) -> list[int]:
    """The child processes of `pid`, whichever of its threads started them (the document
    readers are started by the run's reader threads)."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def _tree_rss(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in bytes."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            todo += _children(p)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def _cpu_by_process(pid: int, seen: dict) -> None:
    """Note the CPU seconds so far of `pid` and each of its descendants in `seen` (pid ->
    (role, seconds)): the main process, the document readers (evidence/worker.py) and the
    evaluators (the rest). Sampled: a process that ends loses its last interval."""
    tick = os.sysconf("SC_CLK_TCK")
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{p}/cmdline", "rb") as fh:
                cmdline = fh.read()
            todo += _children(p)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        role = "main" if p == pid else "readers" if b"evidence.worker" in cmdline else "evaluators"
        if not cmdline and p in seen:  # a process that ended (a zombie shows none): its role stays
            role = seen[p][0]
        seen[p] = (role, (int(fields[11]) + int(fields[12])) / tick)


def by_role(seen: dict) -> str:
    totals: dict[str, float] = {}
    for role, seconds in seen.values():
        totals[role] = totals.get(role, 0.0) + seconds
    return ", ".join(f"{role} {totals.get(role, 0.0):.1f} s" for role in ("evaluators", "readers", "main"))


class Run(tuple):
    """(seconds, peak tree RSS, exit code), with the CPU seconds in `cpu`."""

    cpu: float = 0.0

    def __str__(self) -> str:
        return f"{self[0]:6.2f} s  cpu {self.cpu:6.2f} s ({self.cpu / self[0]:.2f} cores)  peak memory {self[1] / 2**20:4.0f} MiB"


def run(cmd: list[str], env: dict, cpu: dict | None = None) -> Run:
    """`cpu`: a dict to fill with the CPU time of each process of the run (_cpu_by_process)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak, alive = 0, True

    def sample():
        nonlocal peak
        while alive:
            peak = max(peak, _tree_rss(proc.pid))
            if cpu is not None:
                _cpu_by_process(proc.pid, cpu)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)  # the CPU time of the run and of every worker it waited for
    alive = False
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {code}: {err.decode()[-2000:]}")
    result = Run((time.perf_counter() - start, peak, code))
    result.cpu = usage.ru_utime + usage.ru_stime
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the registry here and keep it")
    parser.add_argument("--runs", type=int, default=5, help="warm runs (the median is shown)")
    parser.add_argument("--cache", type=Path, help="the cache folder, kept between invocations")
    parser.add_argument("--warm-only", action="store_true", help="time the warm runs only (with --cache: cold once)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="asfcert-cohort-bench-"))
    registry = args.keep or work / "registry"
    try:
        if not (registry.exists() and any(registry.iterdir())):
            start = time.perf_counter()
            build(registry, args.companies, args.pdfs)
            print(f"built {args.companies} companies × {args.pdfs} PDFs in {time.perf_counter() - start:.1f} s")
        cache = args.cache or work / "cache"
        env = env_with_cache(cache)
        cmd = [str(BIN / "asfcert"), "cohort", "report", str(registry), "--as-of", "2026-11-22"]
        if not (args.warm_only and cache.exists() and any(cache.iterdir())):
            processes: dict = {}
            cold = run(cmd, env, processes)
            print(f"cold:  {cold}  {args.companies / cold[0]:6.1f} companies/s on {os.cpu_count()} cores")
            print(f"       CPU by process (sampled): {by_role(processes)}")
        run(cmd, env)  # a source edit since the cold run would make this one cold
        floor, warm_times = timed(FLOOR, 0), timed(cmd, 0)
        for _ in range(args.runs):  # the floor and the warm run side by side, on the same load
            warm_times += timed(cmd, 1, env)
            floor += timed(FLOOR, 1)
        print(f"warm:  {summary(warm_times)}  {ratio(warm_times, floor)}   floor {summary(floor)}")
        if args.warm_only:
            return
        warm = sorted((run(cmd, env) for _ in range(args.runs)), key=lambda r: r[0])
        print(f"warm:  {warm[len(warm) // 2]}  (median of {args.runs}, min {warm[0][0]:.2f} s)")
        company = next(registry.glob("*/asf-0001/company.yaml"))
        company.write_text(company.read_text(encoding="utf-8").replace("employees:", "employees:  ", 1), encoding="utf-8")
        print(f"warm after editing one company: {run(cmd, env)}")
        out = run(cmd + ["--out", str(work / "out")], env)
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1024:.0f} KiB" for p in sorted((work / "out").iterdir()))
        print(f"warm with --out (HTML, CSV, XLSX): {out}   ({sizes})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

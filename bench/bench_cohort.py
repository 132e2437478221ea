"""`asfcert cohort report` on a synthetic registry of N companies with 5 PDFs each.

    .venv/bin/python bench/bench_cohort.py [--companies 1000] [--pdfs 5] [--keep DIR]

Reports: the cold run (empty cache) in companies per second with every core busy, the
warm run (nothing changed since the last run; target ≤ 3 s for 1,000 companies), a warm
run after one company was edited, and the peak memory of the whole process tree
(target ≤ 1 GB), sampled from /proc.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from common import BIN, env_with_cache
from make_registry import build


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
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run(cmd: list[str], env: dict) -> tuple[float, int, int]:
    """Seconds, peak tree RSS, exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0

    def sample():
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {err.decode()[-2000:]}")
    return time.perf_counter() - start, peak, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the registry here and keep it")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="asfcert-cohort-bench-"))
    registry = args.keep or work / "registry"
    try:
        if not (registry.exists() and any(registry.iterdir())):
            start = time.perf_counter()
            build(registry, args.companies, args.pdfs)
            print(f"built {args.companies} companies × {args.pdfs} PDFs in {time.perf_counter() - start:.1f} s")
        env = env_with_cache(work / "cache")
        cmd = [str(BIN / "asfcert"), "cohort", "report", str(registry), "--as-of", "2026-11-22"]
        cold, cold_peak, _ = run(cmd, env)
        print(f"cold:  {cold:6.2f} s  {args.companies / cold:6.1f} companies/s on {os.cpu_count()} cores   peak memory {cold_peak / 2**20:6.0f} MiB")
        warm = [run(cmd, env) for _ in range(3)]
        times = [t for t, _, _ in warm]
        print(f"warm:  {statistics.median(times):6.2f} s  (median of 3, min {min(times):.2f} s)   peak memory {max(p for _, p, _ in warm) / 2**20:6.0f} MiB")
        company = next(registry.glob("*/asf-0001/company.yaml"))
        company.write_text(company.read_text(encoding="utf-8").replace("employees:", "employees:  ", 1), encoding="utf-8")
        one, _, _ = run(cmd, env)
        print(f"warm after editing one company: {one:6.2f} s")
        out, out_peak, _ = run(cmd + ["--out", str(work / "out")], env)
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1024:.0f} KiB" for p in sorted((work / "out").iterdir()))
        print(f"warm with --out (HTML, CSV, XLSX): {out:6.2f} s   peak memory {out_peak / 2**20:.0f} MiB   ({sizes})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

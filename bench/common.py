"""Shared helpers for the benchmarks: time whole commands the way a user runs them."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Time asfcert as installed, with its bytecode compiled: where PYTHONDONTWRITEBYTECODE is
# set (as in some sandboxes) Python would otherwise compile every changed module on every run.
subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
BIN = Path(sys.executable).parent
FLOOR = [sys.executable, "-c", "import typer, pydantic, ruamel.yaml, rich"]


class Times(list):
    """Wall times of the runs, with their CPU times (user + system) in `cpu`: on a machine
    other work loads, CPU time moves less than wall time."""

    def __init__(self):
        super().__init__()
        self.cpu: list[float] = []

    def __iadd__(self, other):
        super().__iadd__(other)
        self.cpu += getattr(other, "cpu", [])
        return self


def timed(cmd: list[str], runs: int, env: dict | None = None, ok=(0, 1)) -> Times:
    times = Times()
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        times.cpu.append(usage.ru_utime + usage.ru_stime)
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {code}: {stderr.decode()[-2000:]}")
    return times


def summary(times: list[float]) -> str:
    cpu = f"  cpu {statistics.median(times.cpu) * 1000:6.1f} ms" if getattr(times, "cpu", None) else ""
    return f"median {statistics.median(times) * 1000:6.1f} ms  min {min(times) * 1000:6.1f} ms{cpu}  (n={len(times)})"


def ratio(times: Times, floor: Times) -> str:
    """The median wall time and the median CPU time, each over the floor's."""
    return (f"ratio {statistics.median(times) / statistics.median(floor):.2f}x"
            f"  cpu ratio {statistics.median(times.cpu) / statistics.median(floor.cpu):.2f}x")


def env_with_cache(cache_dir: Path) -> dict:
    env = dict(os.environ)
    env["ASFCERT_CACHE_DIR"] = str(cache_dir)
    return env

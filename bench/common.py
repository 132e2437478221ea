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


def timed(cmd: list[str], runs: int, env: dict | None = None, ok=(0, 1)) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        times.append(time.perf_counter() - start)
        if proc.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    return times


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:6.1f} ms  min {min(times) * 1000:6.1f} ms  (n={len(times)})"


def env_with_cache(cache_dir: Path) -> dict:
    env = dict(os.environ)
    env["ASFCERT_CACHE_DIR"] = str(cache_dir)
    return env

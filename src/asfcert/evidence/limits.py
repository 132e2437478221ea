"""What reading evidence may cost: the limits per file and the budget per company, and the
problems that depend on them. Apart from evidence/worker.py, which enforces them, so that
a check that reads no document (every file's facts cached) never imports the worker and
its process machinery."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

BUDGET = "budget"  # the problem of a file the run's budget left unread
# Problems that depend on how busy the machine was, so they are never cached.
TRANSIENT = {"time", "crashed", "unreadable", BUDGET}


@dataclass(frozen=True)
class Limits:
    """What reading one document may cost, in every command (issue 16: 10 s, 512 MB)."""

    cpu_seconds: int = 10  # per file, the worker's own
    wall_seconds: float = 10.0  # per file, measured by the parent; OCR stops OCR_MARGIN before
    memory_mb: int = 512  # the worker's address space, and that of each Tesseract process it starts
    max_file_mb: int = 256  # larger files are not read at all

    def cache_part(self) -> str:
        """The limits that decide a cached outcome (wall time depends on the machine's load)."""
        return f"cpu={self.cpu_seconds},mem={self.memory_mb},max={self.max_file_mb}"


@dataclass(frozen=True)
class Budget:
    """What reading the documents of one company may cost in total."""

    seconds: float = 60.0  # wall-clock time for all of them
    memory_mb: int = 4096  # all workers side by side: each has Limits.memory_mb

    @classmethod
    def from_environment(cls) -> Budget:
        """The defaults, or ASFCERT_READ_BUDGET_SECONDS / ASFCERT_READ_BUDGET_MB where they
        hold a positive number (anything else is ignored)."""
        return cls(
            seconds=_positive(os.environ.get("ASFCERT_READ_BUDGET_SECONDS"), float, cls.seconds),
            memory_mb=_positive(os.environ.get("ASFCERT_READ_BUDGET_MB"), int, cls.memory_mb),
        )

    def workers(self, limits: Limits) -> int:
        """How many workers fit in the memory budget (at least one)."""
        return max(1, self.memory_mb // max(1, limits.memory_mb))

    def limits(self, limits: Limits) -> Limits:
        """`limits` with a worker's memory no larger than the whole budget."""
        return limits if limits.memory_mb <= self.memory_mb else replace(limits, memory_mb=self.memory_mb)


def _positive(text: str | None, kind, default):
    try:
        value = kind(text)
    except (TypeError, ValueError):
        return default
    return value if value > 0 else default

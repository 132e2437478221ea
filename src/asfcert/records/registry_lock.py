"""The lock file a registry holds while a record changes (`certificates/.NUMBER.lock`),
taken over when the run that left it is gone: killed runs must not block the next one."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from asfcert.io import atomic

STALE_SECONDS = 600
WAIT_SECONDS = 30


class Busy(Exception):
    """Another run held the lock for all the time waited."""


@contextmanager
def held(lock: Path, mode: int) -> Iterator[None]:
    """Hold `lock` (created with `mode`). A lock is left from a crashed or killed run, and
    taken over, when it is older than STALE_SECONDS or when the run that holds it (process
    id and host in the file) no longer exists. `Busy` after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not atomic.create_exclusive(lock, f"{os.getpid()} {_host()}\n".encode(), mode=mode):
        try:
            if time.time() - lock.stat().st_mtime > STALE_SECONDS or holder_gone(lock):
                atomic.remove(lock)
                continue
        except FileNotFoundError:
            continue
        if time.monotonic() > deadline:
            raise Busy(str(lock))
        time.sleep(0.05)
    try:
        yield
    finally:
        atomic.remove(lock)


def _host() -> str:
    import socket  # only under a lock: reading the registry (verify) needs no network module

    return socket.gethostname()


def holder_gone(lock: Path) -> bool:
    """True when the lock names a process on this host that has ended."""
    if os.name != "posix":
        return False  # no cheap and safe liveness check: the age decides
    try:
        pid_text, _, host = lock.read_text(encoding="utf-8").strip().partition(" ")
        pid = int(pid_text)
    except (OSError, ValueError):
        return False
    if host != _host() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False

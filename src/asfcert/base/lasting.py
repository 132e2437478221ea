"""Garbage collection paused while a command builds what lives as long as the process.

Importing modules, building classes and validators allocate enough objects to set off
dozens of collections (a tenth of a check after an edit), and none of them could free
any of it. cli.main runs start-up without them; a command that imports more later (a
check whose result is not cached) does the same with `lasting`."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def lasting() -> Iterator[None]:
    """Run the block without collections. When it imported modules, what was built is then
    frozen out of every later collection's way (as cli.main does after start-up): a
    bounded number of times per process, as a module is imported once."""
    if not gc.isenabled():  # start-up, or a caller that has switched collections off
        yield
        return
    modules = len(sys.modules)
    gc.disable()
    try:
        yield
    finally:
        if len(sys.modules) != modules:
            gc.freeze()
        gc.enable()

"""The lock a registry holds while a record changes (records/registry_lock.py): a live
run's lock is waited for, then the change stops with `certificate-locked` at the lock."""

import os
import socket

import pytest

from asfcert.base.errors import UserError
from asfcert.records import registry, registry_lock


def test_a_lock_held_by_a_live_run_stops_the_change_at_the_lock(tmp_path, monkeypatch):
    monkeypatch.setattr(registry_lock, "WAIT_SECONDS", 0.2)
    reg = registry.Registry(tmp_path, None)
    reg.folder.mkdir()
    lock = reg.folder / ".ASF-2026-0001.lock"
    lock.write_text(f"{os.getpid()} {socket.gethostname()}\n")  # this process: alive
    with pytest.raises(UserError) as err:
        with registry.locked(reg, "ASF-2026-0001"):
            pytest.fail("the lock of a live run was taken")
    assert err.value.exit_code == 2 and err.value.code == "certificate-locked"
    assert err.value.location.file == str(lock)
    assert lock.read_text().startswith(f"{os.getpid()} ")  # left to its holder


def test_a_stale_lock_is_taken_over_and_removed_after(tmp_path, monkeypatch):
    reg = registry.Registry(tmp_path, None)
    reg.folder.mkdir()
    lock = reg.folder / ".ASF-2026-0001.lock"
    lock.write_text(f"{os.getpid()} another-host\n")  # elsewhere: only its age tells
    old = lock.stat().st_mtime - registry_lock.STALE_SECONDS - 1
    os.utime(lock, (old, old))
    with registry.locked(reg, "ASF-2026-0001"):
        assert lock.read_text() == f"{os.getpid()} {socket.gethostname()}\n"
    assert not lock.exists()

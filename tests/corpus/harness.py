"""Run the installed `asfcert` as a user would, with bounded time and memory, and see what
it did to the files.

Each run starts through a tiny launcher (`python -I -S -c LAUNCH`) that sets RLIMIT_AS
and then execs `asfcert`: the limit holds for asfcert and everything it starts, and no
`preexec_fn` is needed (unsafe with the threads that run the corpus in parallel). When
the tests run as root, the launcher also drops the capabilities that let root read any
file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from its bounding set, so a file without read
permission is unreadable to asfcert as it would be to any user. The run gets its own
process group; a run past its time limit is killed with everything it started."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ASFCERT = str(Path(sys.executable).parent / "asfcert")
WALL_SECONDS = 30.0
MEMORY_BYTES = 1536 * 2**20

LAUNCH = """
import ctypes, os, resource, sys
limit, _, cpu = sys.argv[1].partition(":")  # bytes of address space[:seconds of CPU time]
resource.setrlimit(resource.RLIMIT_AS, (int(limit), int(limit)))
if cpu:  # SIGXCPU past the limit, SIGKILL two seconds later
    resource.setrlimit(resource.RLIMIT_CPU, (int(cpu), int(cpu) + 2))
if os.geteuid() == 0:  # without these, root reads every file: see permissions_enforced()
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP
os.execv(sys.argv[2], sys.argv[2:])
"""


def permissions_enforced(tmp: Path) -> bool:
    """Whether a file without read permission is unreadable to a run (as for any user; for
    root, only where the launcher may drop its capabilities)."""
    probe = tmp / "unreadable-probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        code = "import sys\ntry:\n    open(sys.argv[1]).read()\nexcept PermissionError:\n    sys.exit(3)"
        proc = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCH, str(MEMORY_BYTES), sys.executable, "-I", "-c", code, str(probe)],
                              capture_output=True, timeout=60)
        return proc.returncode == 3
    finally:
        probe.chmod(0o600)
        probe.unlink()


@dataclass
class Run:
    argv: list[str]
    code: int | None  # None: killed at the time limit
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float  # the largest resident set of asfcert or any process it waited for
    cpu_seconds: float = 0.0  # user and system time of asfcert and the processes it waited for

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def describe(self) -> str:
        return (
            f"$ asfcert {' '.join(self.argv)}\n(exit {self.code}, {self.seconds:.1f} s, {self.max_rss_mb:.0f} MB)\n"
            f"--- stdout ---\n{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}"
        )


def run(argv: list[str], *, cwd: Path, env: dict[str, str], wall: float = WALL_SECONDS, memory: int = MEMORY_BYTES,
        cpu: int | None = None) -> Run:
    """Run `asfcert argv` and wait for it; output goes to files in `cwd`. With `cpu`, each
    process may use that many seconds of CPU time (RLIMIT_CPU)."""
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    command = [sys.executable, "-I", "-S", "-c", LAUNCH, f"{memory}:{cpu}" if cpu else str(memory), ASFCERT, *argv]
    start = time.monotonic()
    with open(out, "wb") as fo, open(err, "wb") as fe:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=fo, stderr=fe, start_new_session=True)
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(wall, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    code = None if killed.is_set() else proc.returncode
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # nothing it started may outlive the run
    except ProcessLookupError:
        pass
    return Run(argv, code, out.read_text(errors="replace"), err.read_text(errors="replace"), seconds, usage.ru_maxrss / 1024,
               usage.ru_utime + usage.ru_stime)


def environment(cache: Path) -> dict[str, str]:
    """A clean environment: no registry or language from the caller's shell."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "TMPDIR", "SYSTEMROOT")}
    # the registry's keys (audit_helpers.registry) are encrypted with it
    from trust_helpers import PASSPHRASE

    return {**keep, "ASFCERT_CACHE_DIR": str(cache), "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "120",
            "ASFCERT_KEY_PASSPHRASE": PASSPHRASE}


# ---- what changed ---------------------------------------------------------------------------------


def _digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry below `root`, links not followed: kind, mode, size, content, mtime."""
    entries: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root, onerror=lambda e: None):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            st = os.lstat(path)
            mode = stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                entries[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(st.st_mode):
                entries[rel] = ("dir", mode)
            elif stat.S_ISREG(st.st_mode):
                digest = _digest(path) if st.st_size < 2**28 else f"sparse:{st.st_blocks}"
                entries[rel] = ("file", mode, st.st_size, digest, st.st_mtime_ns)
            else:
                entries[rel] = ("special", stat.S_IFMT(st.st_mode), mode)
    return entries


def changes(before: dict[str, tuple], after: dict[str, tuple]) -> list[str]:
    """Paths added, removed or changed (a changed folder's own mtime does not count)."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))

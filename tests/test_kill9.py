"""A run killed with SIGKILL in the middle of a write leaves either the old file or the new
one, never half of one; a temporary file it leaves behind is never taken for a record;
and running the command again finishes the work.

No test hook in asfcert: the real `asfcert` is started again and again and killed with
SIGKILL (with everything it started), half of the time at a random moment of its run and
half of the time the instant its temporary file appears (inotify), which is in the middle
of the write: between creating the temporary file and renaming it over the record, while
asfcert writes and fsyncs. After every kill each record must be whole and valid."""

from __future__ import annotations

import ctypes
import os
import random
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from audit_helpers import AUDITOR
from corpus import harness
from corpus.world import DECIDED, FRESH, World, build, copy

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="inotify and process groups as on Linux")

TEMP = re.compile(r"^\..+\.tmp$")  # atomic.py's temporary files: `.<name>.<random>.tmp`
_IN_MODIFY, _IN_CREATE = 0x2, 0x100


class Watch:
    """inotify on some folders: wait until a file whose name matches is created or written."""

    def __init__(self, folders: list[Path]):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        assert self.fd >= 0, ctypes.get_errno()
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            assert self.libc.inotify_add_watch(self.fd, os.fsencode(folder), _IN_CREATE | _IN_MODIFY) >= 0

    def wait(self, pattern: re.Pattern, proc: subprocess.Popen, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end and proc.poll() is None:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            data = os.read(self.fd, 65536)
            offset = 0
            while offset < len(data):
                _, _, _, length = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16: offset + 16 + length].rstrip(b"\0").decode(errors="replace")
                offset += 16 + length
                if pattern.search(name):
                    return True
        return False

    def close(self) -> None:
        os.close(self.fd)


def start(argv: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([harness.ASFCERT, *argv], cwd=cwd, env=harness.environment(cwd / "cache"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # asfcert and the PDF readers it started
    except ProcessLookupError:
        pass
    proc.wait()


def finish(argv: list[str], cwd: Path) -> harness.Run:
    return harness.run(argv, cwd=cwd, env=harness.environment(cwd / "cache"))


def killed_runs(argv, cwd: Path, watched: list[Path], target: re.Pattern, duration: float, rounds: int, before_each, after_each) -> int:
    """Start and kill `argv` `rounds` times, alternating a kill the moment a file matching
    `target` is created or written (the record itself, or the temporary file of an atomic
    write) and one at a random moment. Returns how many kills left a temporary file behind,
    i.e. landed in the middle of an atomic write."""
    rng = random.Random(7)
    mid_write = 0
    i = 0
    while i < rounds or (not mid_write and i < 3 * rounds):  # a fast file system may need more tries
        i += 1
        before_each()
        earlier = {p for folder in watched for p in folder.rglob("*") if TEMP.match(p.name)}
        watch = Watch(watched)
        try:
            proc = start(argv, cwd)
            if i % 2:
                watch.wait(target, proc, timeout=60)
            else:
                time.sleep(rng.uniform(0, duration))
            kill(proc)
        finally:
            watch.close()
        leftovers = [p for folder in watched for p in folder.rglob("*") if TEMP.match(p.name)]
        mid_write += any(p not in earlier for p in leftovers)
        after_each(leftovers)
    print(f"{argv[0]}: {i} kills, {mid_write} in the middle of a write")
    return mid_write


def proved(mid_write: int) -> None:
    """The invariants held after every kill; say so if no kill was caught mid-write."""
    if not mid_write:
        pytest.skip("no kill landed in the middle of a write (a file system where fsync takes no time?): "
                    "the files were whole after every kill, but that proves less")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> World:
    return build(tmp_path_factory.mktemp("kill9") / "world")


def _record_parses(path: Path, model) -> None:
    from asfcert.io.schema_errors import validate
    from asfcert.io.yamlfile import load

    instance, problems = validate(model, load(path, path.name))
    assert instance is not None and not problems, (path, problems)


def test_the_audit_record_is_old_or_new_after_kill_9(template, tmp_path):
    from asfcert.formats.audit import AuditRecord

    world = copy(template, tmp_path / "world")
    folder = world.company(FRESH)
    record = folder / "audit" / "audit.yaml"
    first = finish(["audit", str(folder), "--auditor", AUDITOR, "--as-of", "2026-12-02"], tmp_path)
    assert first.code == 1, first.describe()
    old = record.read_bytes()
    argv = ["audit", str(folder), "--as-of", "2026-12-09"]  # a later day: `updated` and the impartiality check change
    reference = copy(template, tmp_path / "reference")
    (reference.company(FRESH) / "audit").mkdir()
    shutil.copy2(record, reference.company(FRESH) / "audit" / "audit.yaml")
    done = finish(["audit", str(reference.company(FRESH)), "--as-of", "2026-12-09"], tmp_path)
    new = (reference.company(FRESH) / "audit" / "audit.yaml").read_bytes()
    assert done.code == 1 and new != old, done.describe()
    protected = harness.snapshot(folder)

    def restore():
        record.write_bytes(old)

    def check(leftovers):
        assert record.read_bytes() in (old, new), "the record is neither the old nor the new version"
        _record_parses(record, AuditRecord)
        changed = [p for p in harness.changes(protected, harness.snapshot(folder)) if not p.startswith("audit/")]
        assert not changed, changed
        assert all(p.parent == record.parent and p.name.startswith(".audit.yaml.") for p in leftovers), leftovers

    mid_write = killed_runs(argv, tmp_path, [record.parent], re.compile(r"^(\.audit\.yaml\..*\.tmp|audit\.yaml)$"), done.seconds, 12, restore, check)
    again = finish(argv, tmp_path)  # the leftovers are not records: the next run works and ignores them
    assert again.code == 1 and record.read_bytes() == new, again.describe()
    checked = finish(["check", str(folder), "--as-of", "2026-12-09"], tmp_path)
    assert checked.code == 0 and ".tmp" not in checked.output, checked.describe()
    proved(mid_write)


def test_an_interrupted_certify_leaves_whole_files_and_completes(template, tmp_path):
    from asfcert.formats.audit import AuditRecord
    from asfcert.formats.certificate import CertificateRecord

    pristine = copy(template, tmp_path / "pristine")
    world = World(tmp_path / "world")
    argv = ["certify", str(world.company(DECIDED)), "--as-of", "2026-12-02"]
    shutil.copytree(pristine.root, world.root, symlinks=True)
    timed = finish(argv, tmp_path)
    assert timed.code == 0, timed.describe()
    watched = [world.registry / "certificates", world.company(DECIDED) / "certificate", world.company(DECIDED) / "audit"]

    def restore():
        shutil.rmtree(world.root)
        shutil.copytree(pristine.root, world.root, symlinks=True)
        for folder in watched:
            folder.mkdir(exist_ok=True)

    def check(leftovers):
        for path in (world.registry / "certificates").glob("*.yaml"):
            _record_parses(path, CertificateRecord)
        for path in (world.company(DECIDED) / "certificate").glob("*.yaml"):
            _record_parses(path, CertificateRecord)
        _record_parses(world.company(DECIDED) / "audit" / "audit.yaml", AuditRecord)
        for path in [*world.registry.rglob("*.pdf"), *world.registry.rglob("*.png")]:
            assert not TEMP.match(path.name)
        again = finish(argv, tmp_path)  # resumes: the same decision gets one certificate, whole
        assert again.code == 0, again.describe()
        numbers = sorted(p.name for p in (world.registry / "certificates").glob("ASF-*.yaml"))
        assert numbers == ["ASF-2026-0001.yaml", "ASF-2026-0002.yaml"], numbers
        pdf = world.company(DECIDED) / "certificate" / "ASF-2026-0002-sv.pdf"
        verified = finish(["verify", str(pdf), "--as-of", "2026-12-02"], tmp_path)
        assert verified.code == 0, verified.describe()

    # the first write after the claim (`.ASF-2026-0002.pending`): a certify is quick now, and
    # a kill as the claim appears or at a random moment seldom lands inside an atomic write
    target = re.compile(r"^\.?ASF-2026-0002(?!\.pending$).*$")
    proved(killed_runs(argv, tmp_path, watched, target, timed.seconds, 6, restore, check))


# The steps of issuing ASF-2026-0002 for the decided company, in order (certify/issue.py):
# claim the number, prepare the PDFs and stamps, commit the record, announce (the company's
# copy, the number in the audit record). Each pattern is the first file event of the step.
ISSUE_STEPS = [
    ("claim", "registry", r"^\.ASF-2026-0002\.pending$"),
    ("registry pdf", "registry", r"^\.ASF-2026-0002-sv\.pdf\..*\.tmp$"),
    ("company pdf", "company", r"^\.ASF-2026-0002-sv\.pdf\..*\.tmp$"),
    ("stamp svg", "company", r"^\.stamp-ASF-2026-0002-sv\.svg\..*\.tmp$"),
    ("stamp png", "company", r"^\.stamp-ASF-2026-0002-sv\.png\..*\.tmp$"),
    ("commit", "registry", r"^ASF-2026-0002\.yaml$"),
    ("company copy", "company", r"^\.ASF-2026-0002\.yaml\..*\.tmp$"),
    ("audit record", "audit", r"^\.audit\.yaml\..*\.tmp$"),
]


def test_certify_killed_at_each_step_leaves_no_certificate_or_a_whole_one(template, tmp_path):
    """Kill -9 at each step of issuing. Before the commit there is no certificate: no record,
    no company copy, no number in the audit record. From the commit on the certificate is
    whole in the registry: the record and its PDF, the company's PDF and stamps. Either way
    the next run finishes it: one certificate, everything in place, no claim left over."""
    from asfcert.formats.audit import AuditRecord
    from asfcert.formats.certificate import CertificateRecord
    from asfcert.records.certificates import sha256

    pristine = copy(template, tmp_path / "pristine")
    world = World(tmp_path / "world")
    company = world.company(DECIDED)
    argv = ["certify", str(company), "--as-of", "2026-12-02"]
    folders = {"registry": world.registry / "certificates", "company": company / "certificate", "audit": company / "audit"}
    caught = set()
    for name, where, pattern in ISSUE_STEPS:
        if world.root.exists():
            shutil.rmtree(world.root)
        shutil.copytree(pristine.root, world.root, symlinks=True)
        watch = Watch(list(folders.values()))
        try:
            proc = start(argv, tmp_path)
            caught.add(name) if watch.wait(re.compile(pattern), proc, timeout=120) else None
            kill(proc)
        finally:
            watch.close()
        record = folders["registry"] / "ASF-2026-0002.yaml"
        audit = company / "audit" / "audit.yaml"
        _record_parses(audit, AuditRecord)
        for path in [*folders["registry"].glob("*.yaml"), *folders["company"].glob("*.yaml")]:
            _record_parses(path, CertificateRecord)
        from asfcert.io.yamlfile import load

        if record.exists():  # committed: whole in the registry and in the company folder
            digest = load(record, record.name).data["documents"]["sv"]["sha256"]
            for pdf in (folders["registry"] / "ASF-2026-0002-sv.pdf", folders["company"] / "ASF-2026-0002-sv.pdf"):
                assert sha256(pdf.read_bytes()) == digest, (name, pdf)
            assert (folders["company"] / "stamp-ASF-2026-0002-sv.svg").is_file(), name
            assert (folders["company"] / "stamp-ASF-2026-0002-sv.png").is_file(), name
        else:  # not committed: nobody may take it for a certificate
            assert not (folders["company"] / "ASF-2026-0002.yaml").exists(), name
            assert load(audit, audit.name).data["decision"]["certificate"] is None, name
        again = finish(argv, tmp_path)
        assert again.code == 0, (name, again.describe())
        numbers = sorted(p.name for p in folders["registry"].glob("ASF-*.yaml"))
        assert numbers == ["ASF-2026-0001.yaml", "ASF-2026-0002.yaml"], (name, numbers)
        assert not list(folders["registry"].glob(".*.pending")), name
        assert load(audit, audit.name).data["decision"]["certificate"] == "ASF-2026-0002", name
        assert (folders["company"] / "ASF-2026-0002.yaml").is_file(), name
    verified = finish(["verify", str(folders["company"] / "ASF-2026-0002-sv.pdf"), "--as-of", "2026-12-02"], tmp_path)
    assert verified.code == 0, verified.describe()
    print(f"certify killed at: {sorted(caught)}")
    assert len(caught) >= len(ISSUE_STEPS) - 2, caught  # a fast step may finish before its event is seen


def test_the_cohort_report_files_are_old_or_new_after_kill_9(template, tmp_path):
    import zipfile

    world = copy(template, tmp_path / "world")
    out = tmp_path / "out"
    first = finish(["cohort", "report", str(world.registry), "--as-of", "2026-12-02", "--out", str(out)], tmp_path)
    assert first.code == 0, first.describe()
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    argv = ["cohort", "report", str(world.registry), "--as-of", "2027-06-01", "--out", str(out)]
    other = tmp_path / "reference"
    done = finish([*argv[:-1], str(other)], tmp_path)
    new = {p.name: p.read_bytes() for p in other.iterdir()}
    assert done.code == 0 and new["report.html"] != old["report.html"], done.describe()

    def restore():
        for name, data in old.items():
            (out / name).write_bytes(data)

    def check(leftovers):
        for name in old:
            data = (out / name).read_bytes()
            if name.endswith(".xlsx"):  # its properties carry the time it was written
                assert zipfile.ZipFile(out / name).testzip() is None
            else:
                assert data in (old[name], new[name]), name

    proved(killed_runs(argv, tmp_path, [out], re.compile(r"\.(html|csv|xlsx|tmp)$"), done.seconds, 6, restore, check))


def test_a_lock_left_by_a_killed_run_is_taken_over_at_once(tmp_path):
    """A status change killed while it held the record's lock must not block the next one."""
    import socket

    from asfcert.records import registry, registry_lock

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    reg = registry.Registry(tmp_path, None)
    reg.folder.mkdir()
    lock = reg.folder / ".ASF-2026-0001.lock"
    lock.write_text(f"{dead.pid} {socket.gethostname()}\n")
    start_time = time.monotonic()
    with registry.locked(reg, "ASF-2026-0001"):
        assert lock.read_text().startswith(f"{os.getpid()} ")
    assert time.monotonic() - start_time < 5 and not lock.exists()
    assert not registry_lock.holder_gone(_lock(tmp_path, f"{dead.pid} another-host"))  # elsewhere: only its age tells
    assert not registry_lock.holder_gone(_lock(tmp_path, f"{os.getpid()} {socket.gethostname()}"))  # alive


def _lock(folder: Path, text: str) -> Path:
    path = folder / "other.lock"
    path.write_text(text)
    return path

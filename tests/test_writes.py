"""Every write goes through `io.atomic.writing`: an error of the operating system (a read-only
or locked folder, a full disk, a file where a folder belongs) becomes an `Abort` naming the
target with a catalogued code and exit code 2, never an internal error (exit code 70).

The commands are run as real subprocesses through the corpus harness, which makes a file
without write permission unwritable even for root (see tests/corpus/harness.py)."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from audit_helpers import AUDITOR
from corpus import harness
from corpus.world import AS_OF, DECIDED, FRESH, World, build, copy

from asfcert.base.errors import Abort
from asfcert.io import atomic

REFUSALS = [
    (errno.EROFS, "write-denied"), (errno.EACCES, "write-denied"), (errno.EPERM, "write-denied"),
    (errno.ENOSPC, "write-no-space"), (errno.EDQUOT, "write-no-space"),
    (errno.EEXIST, "write-blocked"), (errno.ENOTDIR, "write-blocked"), (errno.EISDIR, "write-blocked"),
    (errno.EIO, "write-failed"),
]


def _failing(number: int):
    def fail(*args, **kwargs):
        raise OSError(number, os.strerror(number))

    return fail


@pytest.mark.parametrize(("number", "code"), REFUSALS, ids=[errno.errorcode[n] for n, _ in REFUSALS])
def test_an_os_error_while_writing_is_a_located_abort(tmp_path, monkeypatch, number, code):
    target = tmp_path / "audit" / "audit.yaml"
    monkeypatch.setattr(atomic.os, "replace", _failing(number))
    with pytest.raises(Abort) as refused:
        atomic.write_text(target, "decision: x\n")
    err = refused.value
    assert (err.code, err.location.file, err.exit_code, err.params["errno"]) == (code, str(target), 2, errno.errorcode[number])
    assert err.message.sv and err.message.en and err.hint
    assert not target.exists() and [p.name for p in target.parent.iterdir()] == []  # no temporary file left


@pytest.mark.parametrize(("number", "code"), REFUSALS[:4], ids=[errno.errorcode[n] for n, _ in REFUSALS[:4]])
def test_creating_a_file_a_folder_or_moving_one_refuses_alike(tmp_path, monkeypatch, number, code):
    with monkeypatch.context() as m:
        m.setattr(atomic.os, "link", _failing(number) if number != errno.EPERM else _failing(errno.EACCES))
        with pytest.raises(Abort) as refused:
            atomic.create_exclusive(tmp_path / "certificates" / "ASF-2026-0001.yaml", b"number: x\n")
        assert refused.value.code == code
    with monkeypatch.context() as m:
        m.setattr(Path, "mkdir", _failing(number))
        with pytest.raises(Abort) as refused:
            atomic.make_folder(tmp_path / "audit" / "history" / "2026-11-30")
        assert (refused.value.code, refused.value.location.file) == (code, str(tmp_path / "audit" / "history" / "2026-11-30"))
    (tmp_path / "a.yaml").write_text("x")
    with monkeypatch.context() as m:
        m.setattr(atomic.os, "replace", _failing(number))
        with pytest.raises(Abort) as refused:
            atomic.move(tmp_path / "a.yaml", tmp_path / "b.yaml")
        assert (refused.value.code, refused.value.location.file) == (code, str(tmp_path / "b.yaml"))


def test_a_file_where_a_folder_belongs_is_named(tmp_path):
    (tmp_path / "lon").write_text("inte en mapp")
    with pytest.raises(Abort) as refused:
        atomic.write_text(tmp_path / "lon" / "README.txt", "x")
    assert refused.value.code == "write-blocked" and "lon is not a folder" in refused.value.message.en


def test_a_folder_in_place_of_the_file_is_named(tmp_path):
    (tmp_path / "audit.yaml").mkdir()
    with pytest.raises(Abort) as refused:
        atomic.write_text(tmp_path / "audit.yaml", "x")
    assert (refused.value.code, refused.value.params["errno"]) == ("write-blocked", "EISDIR")
    assert [p.name for p in tmp_path.iterdir()] == ["audit.yaml"]


def test_writing_into_evidence_is_an_abort_with_a_code(tmp_path):
    with pytest.raises(Abort) as refused:
        atomic.write_text(tmp_path / "evidence" / "stadgar" / "x.pdf", "x")
    assert refused.value.code == "write-into-evidence"


# ---- the commands, on a read-only folder ----------------------------------------------------


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("writes")
    if not harness.permissions_enforced(tmp):
        pytest.skip("read permissions are not enforced here (root without the right to drop CAP_DAC_OVERRIDE)")
    return build(tmp / "template" / "world")


@pytest.fixture
def fresh(world, tmp_path):
    """A copy of the world; read-only folders are made writable again afterwards."""
    copied = copy(world, tmp_path / "world")
    yield copied
    for dirpath, _, _ in os.walk(copied.root):
        os.chmod(dirpath, 0o755)
    shutil.rmtree(copied.root, ignore_errors=True)


def _read_only(folder: Path) -> None:
    for dirpath, _, _ in os.walk(folder):
        os.chmod(dirpath, 0o555)


def _run(world: World, tmp_path: Path, *argv: str) -> harness.Run:
    before = harness.snapshot(world.root)
    run = harness.run([*argv, "--as-of", AS_OF.isoformat(), "--lang", "en"], cwd=tmp_path, env=harness.environment(tmp_path / "cache"))
    assert run.code == 2, run.describe()
    assert "Traceback" not in run.output and "internal error" not in run.output, run.describe()
    assert "[write-denied]" in run.stderr and "permission denied" in run.stderr, run.describe()
    run.changed = harness.changes(before, harness.snapshot(world.root))
    return run


def test_audit_in_a_read_only_company_folder(fresh, tmp_path):
    _read_only(fresh.company(FRESH))
    run = _run(fresh, tmp_path, "audit", str(fresh.company(FRESH)), "--auditor", AUDITOR)
    assert "audit/audit.yaml" in run.stderr and run.changed == []


def test_audit_decide_with_a_report_in_a_read_only_audit_folder(fresh, tmp_path):
    _read_only(fresh.company(DECIDED) / "audit")
    run = _run(fresh, tmp_path, "audit", str(fresh.company(DECIDED)), "--decide", "--report", "--auditor", AUDITOR)
    assert "audit/audit.yaml" in run.stderr and run.changed == []


def test_certify_with_a_read_only_registry(fresh, tmp_path):
    _read_only(fresh.registry / "certificates")
    run = _run(fresh, tmp_path, "certify", str(fresh.company(DECIDED)))
    assert "certificates" in run.stderr and run.changed == []


def test_certify_into_a_read_only_company_folder(fresh, tmp_path):
    """The certificate's copy cannot be written into the company folder. (That nothing at
    all is written then is the issuing transaction's promise: tests/test_kill9.py.)"""
    _read_only(fresh.company(DECIDED))
    run = _run(fresh, tmp_path, "certify", str(fresh.company(DECIDED)))
    assert "certificate" in run.stderr

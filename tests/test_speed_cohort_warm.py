"""A warm `cohort report` stays correct (issue 17): the run index (cohort/index.py) and the
kept cohort files (records/cohort_file.read). A damaged index or kept file is ignored and
written again; an edit is seen even when it keeps the size and the second, in a company
folder (a file whose name holds `%` or is not UTF-8 included) or in a cohort file; a new
company folder is seen; a warm run validates no cohort file and checks no company."""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest
import test_speed_cohort as base
from helpers import same_size_edit
from test_speed_cohort import AS_OF, EXAMPLE, index_files, report, rows

from asfcert.assess.checker import CheckOptions
from asfcert.cohort import run as cohort_run
from asfcert.cohort.index import Index
from asfcert.io.cache import cache_root
from asfcert.records import cohort_file

VAXTHUSET = EXAMPLE.name + "/vaxthuset"
built, registry = base.built, base.registry  # the fixtures: ten companies and the example cohort, copied per test


def warm(root: Path) -> dict:
    """The report after a cold run, once every file is old enough to be trusted (RACY_NS)."""
    time.sleep(2.1)
    cold = report(root)
    assert report(root) == cold
    return cold


def index_of(root: Path) -> Index:
    return Index(root, CheckOptions(today=AS_OF))


def rewrite_index(change) -> None:
    [path] = index_files()
    path.write_bytes(change(path.read_bytes()))


def loaded_index() -> tuple:
    [path] = index_files()
    return marshal.loads(path.read_bytes())


def _damage_rows(damage):
    def change(raw: bytes) -> bytes:
        form, titles, folders = marshal.loads(raw)
        return marshal.dumps((form, titles, {real: damage(found) for real, found in folders.items()}))
    return change


ROW_DAMAGES = {
    "not a tuple": lambda found: list(found),
    "short": lambda found: found[:3],
    "no paths": lambda found: ((), (), *found[2:]),
    "another folder first": lambda found: (found[0][1:], found[1][1:], *found[2:]),
    "signatures as lists": lambda found: (found[0], tuple(list(s) for s in found[1]), *found[2:]),
    "one signature fewer": lambda found: (found[0], found[1][:-1], *found[2:]),
    "check too short": lambda found: (*found[:2], found[2][:-1], found[3]),
    "unknown clause": lambda found: (*found[:2], (*found[2][:4], ("no-such-clause",), {}, *found[2][6:]), found[3]),
    "ready not a bool": lambda found: (*found[:2], (found[2][0], found[2][1], 1, *found[2][3:]), found[3]),
    "counts without errors": lambda found: (*found[:2], (*found[2][:3], {}, *found[2][4:]), found[3]),
    "records of another shape": lambda found: (*found[:3], {"decision": 1}),
    "records with an unknown field": lambda found: (*found[:3], {**found[3], "other": None}),
}
FILE_DAMAGES = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "not marshal": lambda raw: b"\xff" * 64,
    "empty": lambda raw: b"",
    "another format": lambda raw: marshal.dumps((1, *marshal.loads(raw)[1:])),
    "a list": lambda raw: marshal.dumps([1, 2, 3]),
    "titles damaged": lambda raw: marshal.dumps((marshal.loads(raw)[0], {"x": 1}, marshal.loads(raw)[2])),
}


@pytest.mark.parametrize("damage", [*FILE_DAMAGES, *ROW_DAMAGES])
def test_a_damaged_index_is_ignored_and_written_again(registry, damage):
    cold = warm(registry)
    kept = loaded_index()
    rewrite_index(FILE_DAMAGES[damage] if damage in FILE_DAMAGES else _damage_rows(ROW_DAMAGES[damage]))
    assert report(registry) == cold
    assert loaded_index() == kept


def test_a_warm_run_checks_no_company_and_validates_no_cohort_file(registry, monkeypatch):
    cold = warm(registry)

    import asfcert.io.schema_errors as schema_errors
    from asfcert.formats.cohort import Cohort

    def refuse(*args, **kwargs):
        raise AssertionError("checked again although nothing changed")

    def validate(model, doc):
        assert model is not Cohort, "a cohort file validated again although it did not change"
        return real(model, doc)

    real = schema_errors.validate
    monkeypatch.setattr(cohort_run, "_cached", refuse)
    monkeypatch.setattr(cohort_run, "_pipeline", refuse)
    monkeypatch.setattr(schema_errors, "validate", validate)
    assert report(registry) == cold
    before = {p: p.stat().st_mtime_ns for p in index_files()}
    report(registry)
    assert {p: p.stat().st_mtime_ns for p in index_files()} == before  # nothing changed: not written


def test_every_folder_is_indexed_and_a_same_size_edit_unindexes_it(registry):
    warm(registry)
    index = index_of(registry)
    folders = [ref.path for c in cohort_run_folders(registry) for ref in c.companies if ref.exists]
    assert folders and all(index.get(f) is not None for f in folders)
    profile = registry / VAXTHUSET / "company.yaml"
    same_size_edit(profile, "monthly_sek: 38500", "monthly_sek: 99500")
    assert index_of(registry).get(registry / VAXTHUSET) is None
    assert index_of(registry).get(next(f for f in folders if f != registry / VAXTHUSET)) is not None


def cohort_run_folders(root: Path):
    from asfcert.cohort.api import companies_to_check

    return companies_to_check(root, AS_OF)[0]


@pytest.mark.parametrize("name", ["100%.txt", os.fsdecode(b"bilaga-\xe5.txt")])
def test_an_odd_file_name_is_indexed_and_its_edit_seen(registry, name):
    """A name with `%`, or one that is not UTF-8 (shown `%E5`): the index keeps the name
    on disk, so the folder is taken from it, and a same-size edit of the file is seen."""
    odd = registry / VAXTHUSET / "evidence" / "stadgar" / name
    odd.write_text("Stadgar, bilaga\n", encoding="utf-8")
    assert report(registry) == report(registry, cache=False)
    warm(registry)
    assert index_of(registry).get(registry / VAXTHUSET) is not None
    st = odd.stat()
    odd.write_text("Stadgar, bilagA\n", encoding="utf-8")
    os.utime(odd, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert index_of(registry).get(registry / VAXTHUSET) is None
    assert report(registry) == report(registry, cache=False)


def test_a_new_folder_inside_a_company_unindexes_it(registry):
    warm(registry)
    (registry / VAXTHUSET / "evidence" / "ny-mapp").mkdir()
    assert index_of(registry).get(registry / VAXTHUSET) is None
    assert report(registry) == report(registry, cache=False)


def test_a_new_company_folder_is_seen(registry):
    cold = warm(registry)
    shutil.copytree(registry / VAXTHUSET, registry / EXAMPLE.name / "nytt-foretag")
    added = report(registry)
    assert f"{EXAMPLE.name}/nytt-foretag" in rows(added) and f"{EXAMPLE.name}/nytt-foretag" not in rows(cold)
    assert added == report(registry, cache=False)


def test_a_same_size_edit_of_a_cohort_file_is_seen(registry):
    cold = warm(registry)
    cohort = registry / EXAMPLE.name / "cohort.yaml"
    text = cohort.read_text(encoding="utf-8")
    start = next(line for line in text.splitlines() if line.strip().startswith("start:"))
    day = start.strip()[-2:]
    same_size_edit(cohort, start, start[:-2] + ("01" if day != "01" else "02"))
    edited = report(registry)
    assert edited != cold and edited == report(registry, cache=False)


def kept_files() -> list[Path]:
    root = cache_root() / cohort_file.KEPT
    return sorted(root.rglob("*.pickle")) if root.exists() else []


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch /nonexistent/should-never-run",))


@pytest.mark.parametrize("damage", [b"", b"\x80\x05not a pickle", pickle.dumps(("a", "b", "c")), pickle.dumps([1, 2, 3]),
                                    pickle.dumps(_Boom()), pickle.dumps(Path("/"))])
def test_a_damaged_or_foreign_kept_cohort_file_is_ignored(registry, damage, monkeypatch):
    cold = warm(registry)
    kept = kept_files()
    assert len(kept) == len(list(registry.glob("*/cohort.yaml")))

    def refuse(*args, **kwargs):
        raise AssertionError("a kept file named a callable it may not")

    monkeypatch.setattr(os, "system", refuse)
    for path in kept:
        path.write_bytes(damage)
    assert report(registry) == cold
    assert all(pickle.loads(path.read_bytes())[2].file.endswith("cohort.yaml") for path in kept)  # kept again


def test_a_company_folder_that_is_a_link_is_indexed_and_a_folder_replaced_by_a_link_is_seen(registry, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(registry / VAXTHUSET, elsewhere)
    (registry / VAXTHUSET).symlink_to(elsewhere, target_is_directory=True)
    assert warm(registry) == report(registry, cache=False)
    assert index_of(registry).get(registry / VAXTHUSET) is not None  # under its real path
    # a folder indexed where it is replaced by a link to a copy: its signature is the link's
    other = next(p for p in (registry / EXAMPLE.name).iterdir() if p.is_dir() and not p.is_symlink() and p.name != "vaxthuset")
    assert index_of(registry).get(other) is not None
    copy = tmp_path / "copy"
    shutil.copytree(other, copy)
    shutil.rmtree(other)
    other.symlink_to(copy, target_is_directory=True)
    assert index_of(registry).get(other) is None
    assert report(registry) == report(registry, cache=False)


COMPLAINTS = """format: asfcert-complaints/1
complaints:
  - id: K-2026-001
    certificate: ASF-2026-0001
    received: 2026-10-01
    summary: Handledaren uppges vara anställd av kommunen
    status: investigating
    history:
      - {date: 2026-10-01, status: received}
      - {date: 2026-10-05, status: investigating}
"""


def test_the_registry_facts_are_kept_and_an_edit_or_a_broken_complaints_file_is_seen(registry, monkeypatch):
    import asfcert.io.schema_errors as schema_errors
    from asfcert.base.errors import Abort
    from asfcert.cohort import api

    cold = warm(registry)
    assert cold["label"] == "SKOOPI"
    real = schema_errors.validate

    def validate(model, doc):
        raise AssertionError(f"{doc.file} validated again although it did not change")

    with monkeypatch.context() as patched:
        patched.setattr(schema_errors, "validate", validate)
        assert report(registry) == cold
    for path in (cache_root() / api.REGISTRY_FACTS).rglob("*.pickle"):
        path.write_bytes(pickle.dumps(_Boom()))  # damaged or foreign: refused, read again
    assert report(registry) == cold
    same_size_edit(registry / "registry.yaml", "certifier: SKOOPI", "certifier: SKOOPA")
    assert report(registry)["label"] == "SKOOPA"
    (registry / "complaints.yaml").write_text(COMPLAINTS, encoding="utf-8")
    listed = report(registry)  # the complaints' models kept, and read back
    assert listed["year"] != cold["year"] and listed == report(registry, cache=False)
    with monkeypatch.context() as patched:
        patched.setattr(schema_errors, "validate", validate)
        assert report(registry) == listed
    (registry / "complaints.yaml").write_text("format: asfcert-complaints/1\ncomplaints:\n  - id: X\n", encoding="utf-8")
    with pytest.raises(Abort) as stopped:
        report(registry)
    assert stopped.value.code == "complaints-unusable"
    assert schema_errors.validate is real


def test_a_folder_that_cannot_be_indexed_does_not_write_the_index_on_every_run(registry):
    warm(registry)
    profile = registry / VAXTHUSET / "company.yaml"
    future = time.time_ns() + 3600 * 10**9
    os.utime(profile, ns=(future, future))  # changed "just now" for an hour: never trusted, so never indexed
    assert report(registry) == report(registry, cache=False)
    assert index_of(registry).get(registry / VAXTHUSET) is None
    [index] = index_files()
    written = (index.stat().st_ino, index.stat().st_mtime_ns)
    report(registry)
    assert (index.stat().st_ino, index.stat().st_mtime_ns) == written

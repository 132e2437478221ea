"""The cold cohort run walks each company folder once (issue 17 item 4): the process that
prepares a folder lists it (refuse_unfit counting with that walk), takes each file's status
from it and hashes each file once; the evaluator adopts that folder (company/folder.py
`adopted`) and neither lists nor hashes it again. Whether anything changed since is asked
of the listed folders' and files' statuses: a file added, removed or edited is still seen,
and nothing is then kept."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from cache_entries import entries
from small_registry import build_registry, prepared, trusted_copy

from asfcert.assess.checker import CheckOptions
from asfcert.base.errors import Abort
from asfcert.cohort import run as cohort_run
from asfcert.company import folder as folder_module
from asfcert.company.folder import CompanyFolder, adopted, refuse_unfit
from asfcert.io.cache import Cache

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_registry(tmp_path_factory.mktemp("registry") / "reg", companies=10, pdfs=2, seed=5, per_cohort=5)


@pytest.fixture
def company(built, tmp_path):
    return trusted_copy(sorted(built.glob("*/*/audit/audit.yaml"))[0].parent.parent, tmp_path)


@pytest.fixture
def listings(monkeypatch):
    """The folders os.scandir lists, in order."""
    seen: list[str] = []
    real = os.scandir

    def counting(path="."):
        seen.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(folder_module.os, "scandir", counting)
    return seen


@pytest.fixture
def hashed(monkeypatch):
    """The files company/folder.py hashes (their sizes), in order."""
    seen: list[int] = []
    real = folder_module._content_digest

    def counting(fh, size):
        seen.append(size)
        return real(fh, size)

    monkeypatch.setattr(folder_module, "_content_digest", counting)
    return seen


def _folders(root: Path) -> list[str]:
    return [dirpath for dirpath, _, _ in os.walk(root)]


def test_a_prepared_folder_is_listed_and_hashed_once(company, listings, hashed):
    options = CheckOptions(today=AS_OF)
    folders, files = _folders(company), sum(len(names) for _, _, names in os.walk(company))
    listings.clear()  # os.walk lists with os.scandir
    ready = prepared(company, options)  # as the evaluator gets it (pickled)
    assert sorted(listings) == sorted(folders)  # one walk: refuse_unfit counted with it
    assert len(hashed) == files
    listings.clear()
    hashed.clear()
    summary, records, signed = cohort_run._evaluate(company, options, *ready)
    assert not [p for p in listings if p.startswith(str(company))]  # the evaluator lists nothing
    assert hashed == []  # and hashes nothing
    assert signed is not None  # kept: nothing changed
    assert cohort_run._records_key(ready.digest, AS_OF) in entries("records")


def test_a_file_added_to_a_subfolder_before_the_closing_look_is_seen(company, monkeypatch):
    """A file added while the folder was checked (after the check, before the closing
    digest): the folder's listing is stale, so nothing of the run is kept or indexed."""
    options = CheckOptions(today=AS_OF)
    ready = prepared(company, options)
    real_records = cohort_run.company_records

    def add_then_read(*args):
        (company / "evidence" / "stadgar" / "ny.pdf").write_bytes(b"%PDF-1.4 added")
        return real_records(*args)

    monkeypatch.setattr(cohort_run, "company_records", add_then_read)
    _, _, signed = cohort_run._evaluate(company, options, *ready)
    assert signed is None
    assert cohort_run._records_key(ready.digest, AS_OF) not in entries("records")


def test_a_file_added_after_the_folder_was_prepared_is_checked(company):
    """The evaluator checks the folder as it is, not as it was listed."""
    options = CheckOptions(today=AS_OF)
    ready = prepared(company, options)
    (company / "evidence" / "stadgar" / "ny.txt").write_text("tillagd")
    summary, _, signed = cohort_run._evaluate(company, options, *ready)
    plain, _, _ = cohort_run._evaluate(company, CheckOptions(today=AS_OF, use_cache=False), cohort_run.Bundle(Cache(False), str(company)))
    assert summary == plain and signed is None


@pytest.mark.parametrize("change", ["add", "remove", "rename", "edit-same-size", "replace-subfolder"])
def test_the_digest_asked_again_sees_every_change(company, change):
    folder = CompanyFolder(company)
    before = folder.digest()
    assert folder.digest() == before  # unchanged: the same
    pdf = sorted((company / "evidence").rglob("*.pdf"))[0]
    if change == "add":
        (pdf.parent / "extra.pdf").write_bytes(b"x")
    elif change == "remove":
        pdf.unlink()
    elif change == "rename":
        pdf.rename(pdf.with_name("other.pdf"))
    elif change == "edit-same-size":
        st = pdf.stat()
        data = bytearray(pdf.read_bytes())
        data[-1] ^= 1
        pdf.write_bytes(bytes(data))
        os.utime(pdf, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same size and time: ctime tells
    else:
        shutil.rmtree(pdf.parent)
        pdf.parent.mkdir()
        pdf.write_bytes(pdf.name.encode())
    assert folder.digest() != before
    assert folder.digest() == CompanyFolder(company).digest()


def test_a_folder_changed_just_before_its_walk_is_walked_again(company, listings):
    """A folder's status is trusted only when it was last changed more than RACY_NS before
    the walk: a change within the same tick of the clock could keep it."""
    (company / "evidence" / "stadgar" / "ny.pdf").write_bytes(b"new")
    folder = CompanyFolder(company)
    folder.digest()
    first = len(listings)
    folder.digest()
    assert len(listings) == 2 * first


def test_refuse_unfit_counts_with_the_adopted_folders_walk(company, listings, monkeypatch):
    folders = _folders(company)
    listings.clear()
    folder = CompanyFolder(company)
    with adopted(folder):
        refuse_unfit(company)
        assert CompanyFolder(company).files is folder.files
    assert sorted(listings) == sorted(folders)
    monkeypatch.setattr(folder_module, "MAX_FILES", 3)
    crowded = CompanyFolder(company)
    with adopted(crowded), pytest.raises(Abort) as refused:
        refuse_unfit(company)
    assert (refused.value.code, refused.value.params["limit"]) == ("folder-too-many-files", 3)


def test_a_crowded_folder_is_refused_by_the_cohort_as_by_check(company, monkeypatch):
    monkeypatch.setattr(folder_module, "MAX_FILES", 5)
    with pytest.raises(Abort) as refused:
        cohort_run._cached(company, CheckOptions(today=AS_OF))
    assert (refused.value.code, refused.value.location.file) == ("folder-too-many-files", str(company))


def test_the_counting_walk_stops_past_the_limit(tmp_path, listings, monkeypatch):
    (tmp_path / "company.yaml").write_text("name: x\n")
    for i in range(30):
        (tmp_path / f"d{i}").mkdir()
        (tmp_path / f"d{i}" / "f").write_text("x")
    monkeypatch.setattr(folder_module, "MAX_FILES", 5)
    assert CompanyFolder(tmp_path).too_many() and len(listings) == 1


def test_a_file_swapped_for_a_link_after_the_walk_is_not_followed_out(company, tmp_path):
    """A file the walk found regular and a link leading out put in its place before it is
    hashed: the link is never followed (a marker, as for any link that leads out)."""
    outside = tmp_path / "outside.txt"
    outside.write_text("not the company's")
    folder = CompanyFolder(company)
    rel = next(f for f in folder.files if f.endswith(".pdf"))
    (company / rel).unlink()
    (company / rel).symlink_to(outside)
    assert folder.content_hash(rel) == "link:" + str(outside)
    assert folder.digest() == CompanyFolder(company).digest()

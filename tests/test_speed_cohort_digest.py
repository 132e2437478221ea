"""The evaluator hands the check the folder's digest from when the folder was prepared
(issue 17 item 4: each folder's files looked at once less): the check result is kept under
that digest only when the folder still has it at the end; a change in between leaves no
result under the digest from before, and the verdict is the folder's as it is."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
from cache_entries import entries
from small_registry import build_registry, prepared

from asfcert.assess import checker
from asfcert.assess.checker import CheckOptions
from asfcert.cohort import run as cohort_run

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_registry(tmp_path_factory.mktemp("registry") / "reg", companies=4, pdfs=2, seed=11, per_cohort=4)


@pytest.fixture
def company(built, tmp_path):
    source = sorted(built.glob("*/*/company.yaml"))[0].parent
    folder = tmp_path / source.name
    shutil.copytree(source, folder, symlinks=True)
    time.sleep(2.1)  # older than company/signatures.RACY_NS: its signatures are kept
    return folder


def _check_key(folder: Path, digest: str, options: CheckOptions) -> str:
    return checker._key(folder, options, checker.standard_digest(options), digest)


def test_an_unchanged_folder_keeps_its_result_under_the_readydigest(company):
    options = CheckOptions(today=AS_OF)
    ready = prepared(company, options)
    summary, _, signed = cohort_run._evaluate(company, options, *ready)
    assert signed is not None
    assert _check_key(company, ready.digest, options) in entries("check")
    assert ready.digest == checker.CompanyFolder(company).digest()
    plain = checker.summarise(checker.check(company, CheckOptions(today=AS_OF, use_cache=False)))
    assert summary == plain.to_dict()


def test_a_folder_changed_after_it_was_readykeeps_no_result_under_the_old_digest(company):
    options = CheckOptions(today=AS_OF)
    ready = prepared(company, options)
    text = (company / "company.yaml").read_text(encoding="utf-8")
    (company / "company.yaml").write_text(text.replace("name: ", "name: Nya ", 1), encoding="utf-8")
    summary, _, signed = cohort_run._evaluate(company, options, *ready)
    assert signed is None
    assert _check_key(company, ready.digest, options) not in entries("check")
    plain = checker.summarise(checker.check(company, CheckOptions(today=AS_OF, use_cache=False)))
    assert summary == plain.to_dict()
    assert summary["company"]["name"].startswith("Nya ")


def test_a_file_is_hashed_from_one_read_or_in_pieces_to_the_same_digest(tmp_path):
    """Small files are hashed from one read, larger ones through hashlib.file_digest."""
    import hashlib

    from asfcert.company.folder import _READ_WHOLE, CompanyFolder

    (tmp_path / "company.yaml").write_text("name: x\n", encoding="utf-8")
    sizes = {"empty": 0, "one": 1, "small": 4096, "edge": _READ_WHOLE, "above": _READ_WHOLE + 1, "large": 3 * _READ_WHOLE + 7}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(bytes(i % 251 for i in range(size)))
    folder = CompanyFolder(tmp_path)
    for name, size in sizes.items():
        assert folder.content_hash(name) == hashlib.sha256((tmp_path / name).read_bytes()).hexdigest(), name

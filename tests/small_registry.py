"""A small synthetic registry (bench/make_registry.py) for the cohort speed tests, and a
folder prepared as a cold cohort run's reader thread prepares it."""

from __future__ import annotations

import pickle
import shutil
import sys
import time
from pathlib import Path

from asfcert.assess.checker import CheckOptions
from asfcert.base.resources import default_standard
from asfcert.cohort import run as cohort_run
from asfcert.io.cache import Cache
from asfcert.standard.load import load_standard

ROOT = Path(__file__).resolve().parents[1]


def build_registry(folder: Path, companies: int, pdfs: int, seed: int, per_cohort: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from make_registry import build

    build(folder, companies=companies, pdfs=pdfs, seed=seed, per_cohort=per_cohort)
    return folder


def trusted_copy(source: Path, tmp_path: Path) -> Path:
    """A copy of a company folder, older than company/signatures.RACY_NS when returned: its
    files' and folders' signatures are trusted (kept, indexed)."""
    folder = tmp_path / source.name
    shutil.copytree(source, folder, symlinks=True)
    time.sleep(2.1)
    return folder


def prepared(folder: Path, options: CheckOptions) -> cohort_run.Prepared:
    """The folder as `_prepare` leaves it, pickled and read back as the evaluator gets it."""
    standard, _ = load_standard(default_standard(), Cache(options.use_cache))
    found = cohort_run._prepare(folder, options, standard)
    assert isinstance(found, cohort_run.Prepared)
    return pickle.loads(pickle.dumps(found))

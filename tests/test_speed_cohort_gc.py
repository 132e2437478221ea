"""A cold cohort run collects garbage less often (issue 17 item 4): in the evaluators, in the
reader workers and in the calling process while the pipeline runs. The calling process gets
its own threshold back (it may go on: the tests run in it), whether the run ends or fails,
and the verdicts are those of a run at the default threshold."""

from __future__ import annotations

import datetime as dt
import gc
import subprocess
import sys
from pathlib import Path

import pytest
from small_registry import ROOT, build_registry

from asfcert.assess.checker import CheckOptions
from asfcert.cohort import run as cohort_run

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_registry(tmp_path_factory.mktemp("registry") / "reg", companies=6, pdfs=2, seed=7, per_cohort=3)


def _folders(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/*/company.yaml"))


def test_the_pipeline_gives_the_threshold_back(built, monkeypatch, tmp_path):
    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / "cache"))
    before = gc.get_threshold()
    folders = _folders(built)
    assert len(folders) >= 4
    done = cohort_run.run_checks(folders, CheckOptions(today=AS_OF), jobs=2)
    assert gc.get_threshold() == before
    assert set(done) == set(folders)
    # the same verdicts as one folder at a time, without the cache, at the default threshold
    for folder in folders:
        plain = cohort_run.run_checks([folder], CheckOptions(today=AS_OF, use_cache=False), jobs=1)[folder]
        assert _plain(plain) == _plain(done[folder])


def _plain(done) -> tuple:
    check, records = done
    values = {name: getattr(check, name) for name in check.__slots__}
    values["errors"] = [e.to_dict() for e in check.errors]
    return values, records


def test_a_failing_pipeline_gives_the_threshold_back():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), cohort_run._fewer_collections():
        assert gc.get_threshold()[0] == max(cohort_run.GC_THRESHOLD, before[0])
        raise RuntimeError
    assert gc.get_threshold() == before


def test_an_evaluator_freezes_what_it_inherited_and_collects_less_often():
    code = (
        "import gc; from asfcert.cohort import run; before = gc.get_threshold(); run._evaluator_start(); "
        "t = gc.get_threshold(); assert gc.get_freeze_count() > 0, gc.get_freeze_count(); "
        "assert t == (run.GC_THRESHOLD, *before[1:]), t; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert out.stdout.strip() == "ok", out.stderr

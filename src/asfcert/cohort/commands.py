"""The two cohort commands as one call each: `check` (is every company ready?) and `report`
(the coordinator's report, and its files when an output folder is given). Each returns a
result that knows its exit code and its JSON; the CLI only presents it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.cohort.api import CohortOptions, run
from asfcert.cohort.report import Report


@dataclass
class CohortCheck:
    """`cohort check`: the report, judged by whether every company is ready."""

    report: Report

    @property
    def exit_code(self) -> int:
        return self.report.check_exit_code

    def to_dict(self) -> dict:
        return {**self.report.to_dict(), "exit_code": self.exit_code}


@dataclass
class CohortReport:
    """`cohort report`: the report, and the files written into `out` (none when the input
    cannot be used: a report of an unusable cohort file is not written)."""

    report: Report
    out: Path | None = None
    written: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return self.report.exit_code

    def to_dict(self) -> dict:
        return self.report.to_dict()


def check(folder: Path, options: CohortOptions, *, on_start: Callable | None = None, on_done: Callable | None = None) -> CohortCheck:
    return CohortCheck(run(folder, options, on_start=on_start, on_done=on_done))


def report(folder: Path, options: CohortOptions, out: Path | None, lang: str, *,
           on_start: Callable | None = None, on_done: Callable | None = None) -> CohortReport:
    from asfcert.io import outdir

    if out is not None:
        outdir.check(out)  # before the work: a report must never land in a company folder
    result = CohortReport(run(folder, options, on_start=on_start, on_done=on_done), out)
    if out is not None and result.exit_code != 2:
        from asfcert.cohort.exports import write_all

        result.written = write_all(result.report, outdir.create(out), lang)
    return result

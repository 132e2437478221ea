"""`asfcert cohort init DIR`, `asfcert cohort check DIR` and `asfcert cohort report DIR`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.options import (
    AsOfOpt,
    DataFormatOpt,
    FormatOpt,
    JobsOpt,
    LangOpt,
    NoCacheOpt,
    OutOpt,
    StandardOpt,
)
from asfcert.cli.typer_app import app

cohort_app = typer.Typer(help="Run a term's cohort, or the whole registry (a folder of cohorts).", no_args_is_help=True)
app.add_typer(cohort_app, name="cohort")

FolderArg = Annotated[Path, typer.Argument(help="A cohort folder (with cohort.yaml), or a registry folder of cohorts.", show_default=False)]


def _options(standard, as_of, no_cache, jobs):
    from asfcert.assess.checker import CheckOptions
    from asfcert.cohort.api import CohortOptions

    return CohortOptions(CheckOptions(standard=standard, today=as_of, use_cache=not no_cache), jobs)


@cohort_app.command("check")
def cohort_check(
    folder: FolderArg,
    format: FormatOpt = "terminal",
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    jobs: JobsOpt = None,
    standard: StandardOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Check every company of the cohort in parallel and summarise on one screen.

    Exit code 0: every company ready and no warnings; 1: a company is not ready, or warnings; 2: unusable input.
    """
    from asfcert.cli.output import finish, with_progress
    from asfcert.cohort import commands

    options = _options(standard, as_of, no_cache, jobs)
    finish(with_progress("asfcert check", lambda **progress: commands.check(folder, options, **progress)), format, lang)


@cohort_app.command("report")
def cohort_report(
    folder: FolderArg,
    out: OutOpt = None,
    format: FormatOpt = "terminal",
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    jobs: JobsOpt = None,
    standard: StandardOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """The coordinator's report: indicators for funders, remarks, expiring certificates.
    With --out, also report.html, companies.csv, indicators.csv and report.xlsx.

    Works on one cohort or on a registry folder of cohorts. Exit code 0, or 2 for unusable
    input (a cohort file that cannot be used, an output folder that cannot be used); then
    nothing is written.
    """
    from asfcert.cli.output import finish, with_progress
    from asfcert.cohort import commands

    options = _options(standard, as_of, no_cache, jobs)
    finish(with_progress("asfcert check", lambda **progress: commands.report(folder, options, out, lang, **progress)), format, lang)


@cohort_app.command("init")
def cohort_init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The new cohort's folder (created when needed).", show_default=False)],
    term: Annotated[str, typer.Option("--term", metavar="VT2027|HT2027", help="The term: VT (spring) or HT (autumn) and the year.", show_default=False)],
    name: Annotated[Optional[str], typer.Option("--name", metavar="TEXT", help="The cohort's name; default: Certifiering (or Omcertifiering) and the term.", show_default=False)] = None,
    start: Annotated[Optional[dt.datetime], typer.Option("--start", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="The first day; default: the first Monday on or after 20 January (VT) or 20 August (HT).", show_default=False)] = None,
    renewals_from: Annotated[Optional[Path], typer.Option("--renewals-from", metavar="REGISTRY", help="The certifier's registry: list the companies whose certificates are due for renewal, marked as re-certification.", show_default=False)] = None,
    as_of: AsOfOpt = None,
    standard: StandardOpt = None,
    format: DataFormatOpt = "terminal",
    lang: LangOpt = None,
) -> None:
    """Start a cohort: write DIR/cohort.yaml with the term's dates, the company folders
    already in DIR and SKOOPI's targets. With --renewals-from, the companies whose
    certificates end within the standard's renewal window (default six months from today
    or --as-of), each marked with the certificate it renews.

    Exit code 0: written; 2: the term, the registry or the folder cannot be used, or
    cohort.yaml exists already (it is never replaced).
    """
    from asfcert.cli.output import finish
    from asfcert.cohort.init import init

    day = start.date() if start else None
    finish(init(folder, term, name=name, start=day, renewals_from=renewals_from, today=as_of, standard=standard), format, lang)

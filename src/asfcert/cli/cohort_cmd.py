"""`asfcert cohort check DIR` and `asfcert cohort report DIR`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.app import Format, LangOpt, NoCacheOpt, app, use_lang

cohort_app = typer.Typer(help="Run a term's cohort, or the whole registry (a folder of cohorts).", no_args_is_help=True)
app.add_typer(cohort_app, name="cohort")

FolderArg = Annotated[Path, typer.Argument(help="A cohort folder (with cohort.yaml), or a registry folder of cohorts.", show_default=False)]
AsOfOpt = Annotated[
    Optional[dt.datetime],
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Evaluate as if today were this date (YYYY-MM-DD).", show_default=False),
]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core).", show_default=False)]
StandardOpt = Annotated[Optional[Path], typer.Option("--standard", help="A standard file to use instead of the shipped one.", show_default=False)]
ShortFormat = Annotated[Format, typer.Option("--format", "-f", help="terminal or json.")]


def _options(standard, as_of, no_cache, jobs):
    from asfcert.assess.checker import CheckOptions
    from asfcert.cohort.api import CohortOptions

    return CohortOptions(CheckOptions(standard=standard, today=as_of.date() if as_of else None, use_cache=not no_cache), jobs)


def _run(folder: Path, options):
    """Run the cohort with a progress bar on stderr when it is a terminal."""
    from asfcert.cohort.api import run

    if not sys.stderr.isatty():
        return run(folder, options)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from asfcert.cli.safe_output import guard_rich

    guard_rich()  # the bar shows folder names

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("asfcert check", total=None)
        return run(
            folder, options,
            on_start=lambda n: progress.update(task, total=n),
            on_done=lambda path: progress.update(task, advance=1, description=path.name),
        )


def _emit(report, format: Format, lang: str, title: str) -> None:
    if format is Format.json:
        from asfcert.render.common.jsonout import dumps

        data = report.to_dict()
        if title == "check_title":
            data["exit_code"] = report.check_exit_code
        sys.stdout.write(dumps(data, lang))
    else:
        from asfcert.cli.output import console
        from asfcert.render.cohort import terminal as cohort_terminal

        cohort_terminal.render(report, lang, console(), title=title)


@cohort_app.command("check")
def cohort_check(
    folder: FolderArg,
    format: ShortFormat = Format.terminal,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    jobs: JobsOpt = None,
    standard: StandardOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Check every company of the cohort in parallel and summarise on one screen.

    Exit code 0: every company ready and no warnings; 1: a company is not ready, or warnings; 2: unusable input.
    """
    lang = use_lang(lang)
    report = _run(folder, _options(standard, as_of, no_cache, jobs))
    _emit(report, format, lang, "check_title")
    raise typer.Exit(report.check_exit_code)


@cohort_app.command("report")
def cohort_report(
    folder: FolderArg,
    out: Annotated[
        Optional[Path],
        typer.Option("--out", "-o", help="Write report.html, companies.csv, indicators.csv and report.xlsx into this folder.", show_default=False),
    ] = None,
    format: ShortFormat = Format.terminal,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    jobs: JobsOpt = None,
    standard: StandardOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """The coordinator's report: indicators for funders, remarks, expiring certificates.

    Works on one cohort or on a registry folder of cohorts. Exit code 0, or 2 for unusable
    input (a cohort file that cannot be used); then nothing is written.
    """
    from asfcert.render.cohort.labels import word

    lang = use_lang(lang)
    report = _run(folder, _options(standard, as_of, no_cache, jobs))
    _emit(report, format, lang, "report_title")
    if out is not None and report.exit_code == 2:  # unusable input: nothing is written
        print(word("not_written", lang), file=sys.stderr)
    elif out is not None:
        from asfcert.cohort.exports import write_all

        written = write_all(report, out, lang)
        from asfcert.cli.safe_output import visible

        print(visible(f"{word('written', lang)}: " + ", ".join(str(p) for p in written)), file=sys.stderr)
    elif format is Format.terminal:
        print(word("files_hint", lang), file=sys.stderr)
    raise typer.Exit(report.exit_code)

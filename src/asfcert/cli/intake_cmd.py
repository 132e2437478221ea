"""`asfcert intake DIR`: review an application, or a folder of applications."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.app import Format, FormatOpt, LangOpt, NoCacheOpt, app, use_lang


@app.command()
def intake(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="An application (a company folder with company.yaml and evidence/), or a folder of applications.", show_default=False)],
    batch: Annotated[bool, typer.Option("--batch", help="Review every subfolder of DIR as an application (automatic when DIR has no company.yaml but its subfolders do).")] = False,
    format: FormatOpt = Format.terminal,
    lang: LangOpt = None,
    as_of: Annotated[
        Optional[dt.datetime],
        typer.Option("--as-of", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Review as if today were this date.", show_default=False),
    ] = None,
    minutes_max_age_months: Annotated[
        int, typer.Option("--minutes-max-age-months", min=1, max=60, help="The newest board minutes may be at most this many months old.")
    ] = 12,
    standard: Annotated[Optional[Path], typer.Option("--standard", metavar="FILE", help="A standard file to use instead of the shipped one.", show_default=False)] = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Review an application for admission: admit, or come back later with the reasons.

    Decides the parts of the ASF definition's four principles that company.yaml can answer,
    and checks the annual report, the board minutes and the statutes: present, readable,
    current and showing the organisation number. Exit code 0: admitted (every application,
    in a batch); 1: come back later (some); 2: input that cannot be used.
    """
    from asfcert.intake.batch import is_batch
    from asfcert.intake.review import IntakeOptions, review

    lang = use_lang(lang)
    options = IntakeOptions(standard, as_of.date() if as_of else None, not no_cache, minutes_max_age_months)
    if not is_batch(folder, batch):
        result = review(folder, options)
        _emit(result, format, lang, batch=False)
        raise typer.Exit(result.exit_code)
    result = _run_batch(folder, options)
    _emit(result, format, lang, batch=True)
    raise typer.Exit(result.exit_code)


def _run_batch(folder: Path, options):
    from asfcert.intake.batch import review_batch

    if not sys.stderr.isatty():
        return review_batch(folder, options)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("asfcert intake", total=None)
        return review_batch(
            folder, options,
            on_start=lambda n: progress.update(task, total=n),
            on_done=lambda path: progress.update(task, advance=1, description=path.name),
        )


def _emit(result, format: Format, lang: str, *, batch: bool) -> None:
    if format is Format.json:
        from asfcert.render.common.jsonout import dumps

        sys.stdout.write(dumps(result.to_dict(), lang))
    elif format is Format.markdown:
        from asfcert.render.intake import markdown as intake_markdown

        sys.stdout.write(intake_markdown.render_batch(result, lang) if batch else intake_markdown.render(result, lang))
    else:
        from asfcert.cli.output import console
        from asfcert.render.intake import terminal as intake_terminal

        (intake_terminal.render_batch if batch else intake_terminal.render)(result, lang, console())

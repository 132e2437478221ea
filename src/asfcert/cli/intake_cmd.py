"""`asfcert intake DIR`: review an application, or a folder of applications."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asfcert.cli.options import AsOfOpt, FormatOpt, LangOpt, NoCacheOpt, StandardOpt
from asfcert.cli.typer_app import app


@app.command()
def intake(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="An application (a company folder with company.yaml and evidence/), or a folder of applications.", show_default=False)],
    batch: Annotated[bool, typer.Option("--batch", help="Review every subfolder of DIR as an application (automatic when DIR has no company.yaml but its subfolders do).")] = False,
    format: FormatOpt = "terminal",
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    minutes_max_age_months: Annotated[
        int, typer.Option("--minutes-max-age-months", min=1, max=60, help="The newest board minutes may be at most this many months old.")
    ] = 12,
    standard: StandardOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Review an application for admission: admit, or come back later with the reasons.

    Decides the parts of the ASF definition's four principles that company.yaml can answer,
    and checks the annual report, the board minutes and the statutes: present, readable,
    current and showing the organisation number. Exit code 0: admitted (every application,
    in a batch); 1: come back later (some); 2: input that cannot be used.
    """
    from asfcert.cli.output import finish, with_progress
    from asfcert.intake.batch import is_batch, review_batch
    from asfcert.intake.review import IntakeOptions, review

    options = IntakeOptions(standard, as_of, not no_cache, minutes_max_age_months)
    if is_batch(folder, batch):
        result = with_progress("asfcert intake", lambda **progress: review_batch(folder, options, **progress))
    else:
        result = review(folder, options)
    finish(result, format, lang)

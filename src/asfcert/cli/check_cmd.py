"""`asfcert check DIR`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.app import Format, FormatOpt, LangOpt, NoCacheOpt, app, use_lang
from asfcert.cli.output import emit


@app.command()
def check(
    folder: Annotated[Path, typer.Argument(help="The company folder (the one holding company.yaml).", show_default=False)],
    format: FormatOpt = Format.terminal,
    lang: LangOpt = None,
    standard: Annotated[
        Optional[Path], typer.Option("--standard", help="A standard file to use instead of the shipped one.", show_default=False)
    ] = None,
    as_of: Annotated[
        Optional[dt.datetime],
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Evaluate as if today were this date (YYYY-MM-DD).", show_default=False),
    ] = None,
    no_cache: NoCacheOpt = False,
    strict_privacy: Annotated[
        bool,
        typer.Option("--strict-privacy", help="A personal identity number in the YAML files or the documents blocks certification (exit code 1) instead of warning."),
    ] = False,
) -> None:
    """Check a company folder: what is missing, what fails and why.

    Exit code 0: ready for audit; 1: blocking findings; 2: the input cannot be used.
    """
    from asfcert.assess.checker import CheckOptions
    from asfcert.assess.checker import check as run_check

    lang = use_lang(lang)
    options = CheckOptions(standard=standard, today=as_of.date() if as_of else None, use_cache=not no_cache, strict_privacy=strict_privacy)
    result = run_check(folder, options)
    emit(result, format, lang)
    raise typer.Exit(result.exit_code)

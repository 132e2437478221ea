"""`asfcert check DIR`."""

from __future__ import annotations

from typing import Annotated

import typer

from asfcert.cli.options import (
    AsOfOpt,
    CompanyArg,
    FormatOpt,
    LangOpt,
    NoCacheOpt,
    StandardOpt,
)
from asfcert.cli.typer_app import app


@app.command()
def check(
    folder: CompanyArg,
    format: FormatOpt = "terminal",
    lang: LangOpt = None,
    standard: StandardOpt = None,
    as_of: AsOfOpt = None,
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
    from asfcert.assess.checker import check as run
    from asfcert.cli.output import finish
    from asfcert.cli.replay import remember_check

    remember_check(folder=folder, format=format, lang=lang, standard=standard, as_of=as_of, no_cache=no_cache, strict_privacy=strict_privacy)
    finish(run(folder, CheckOptions(standard=standard, today=as_of, use_cache=not no_cache, strict_privacy=strict_privacy)), format, lang, use_cache=not no_cache)

"""The typer application. The options commands share are in cli/options.py."""

from __future__ import annotations

from typing import Annotated

import typer

from asfcert.cli.options import FormatOpt, LangOpt, NoCacheOpt, State, use_lang  # noqa: F401 - for command modules

app = typer.Typer(
    name="asfcert",
    help="Certify Swedish work-integration social enterprises (ASF) against SIS PAS 10:2018 and SKOOPI's ASF definition.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        import asfcert

        typer.echo(f"asfcert {asfcert.__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Certify Swedish work-integration social enterprises (ASF).

    Exit codes: 0 ready or done, 1 findings that block, 2 input that cannot be used.
    """

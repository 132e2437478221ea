"""The typer application and the options every command shares."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="asfcert",
    help="Certify Swedish work-integration social enterprises (ASF) against SIS PAS 10:2018 and SKOOPI's ASF definition.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class LangOption(str, Enum):
    sv = "sv"
    en = "en"


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"


class State:
    """What the error boundary needs to know about the running command."""

    lang: str = os.environ.get("ASFCERT_LANG", "sv") if os.environ.get("ASFCERT_LANG") in ("sv", "en") else "sv"


def use_lang(lang: LangOption | None) -> str:
    if lang is not None:
        State.lang = lang.value
    return State.lang


LangOpt = Annotated[
    Optional[LangOption],
    typer.Option("--lang", help="Language of the output: sv (default, or $ASFCERT_LANG) or en.", show_default=False),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="terminal, json or markdown.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the cache of derived facts.")]


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

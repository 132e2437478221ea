"""`asfcert standard show [CLAUSE|REQUIREMENT]` and `asfcert standard validate FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.options import FormatOpt, LangOpt, NoCacheOpt, StandardOpt
from asfcert.cli.typer_app import app

standard_app = typer.Typer(
    name="standard",
    help="Browse the standard, or check a licensee's own standard file.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(standard_app, name="standard")


@standard_app.command("show")
def show(
    target: Annotated[
        Optional[str],
        typer.Argument(help="A clause (3.1, ASF-3) or a requirement (3.1.a, ASF-3.c). Empty: the whole standard.", show_default=False),
    ] = None,
    easy: Annotated[bool, typer.Option("--easy", help="Show the requirements in plain words (easy-read).")] = False,
    format: FormatOpt = "terminal",
    lang: LangOpt = None,
    standard: StandardOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Show the standard: every clause and requirement, one clause, or one requirement in full.

    Exit code 0: shown; 2: unknown clause or requirement, or a broken standard file.
    """
    from asfcert.cli.output import present
    from asfcert.standard.view import show as run

    present(run(target, standard, easy=easy, use_cache=not no_cache), format, lang)


@standard_app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="The standard file to check, e.g. a licensee's copy with the exact text.", show_default=False)],
    lang: LangOpt = None,
) -> None:
    """Check a standard file: its format, its ids and the references between its parts.

    Prints OK with the number of requirements, or every problem with file:line:column.
    Exit code 0: the file can be used with --standard; 2: it cannot.
    """
    from asfcert.cli.output import present
    from asfcert.standard.view import validate as run

    present(run(file), "terminal", lang)

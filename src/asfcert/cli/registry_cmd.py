"""`asfcert registry build DIR --out SITE`: the public ASF list as a static site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asfcert.cli.app import app
from asfcert.cli.options import AsOfOpt, DataFormatOpt, LangOpt, OutOpt

registry_app = typer.Typer(help="The certifier's registry: publish the public ASF list.", no_args_is_help=True)
app.add_typer(registry_app, name="registry")


@registry_app.command("build")
def build(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The registry folder (holds registry.yaml and certificates/).", show_default=False)],
    out: OutOpt,
    as_of: AsOfOpt = None,
    format: DataFormatOpt = "terminal",
    lang: LangOpt = None,
) -> None:
    """Build the public ASF list: index.html with search and filters, a page per company,
    asf-list.json and asf-list.csv, into --out: a new or empty folder, or an earlier ASF
    list. Only certificates valid on the date are listed.

    Exit code 0: built; 2: the registry, a record or the output folder cannot be used.
    """
    from asfcert.cli.output import finish
    from asfcert.io import outdir
    from asfcert.site.build import build as run

    finish(run(folder, outdir.check(out), as_of, lang), format, lang)

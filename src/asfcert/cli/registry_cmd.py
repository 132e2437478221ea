"""`asfcert registry build DIR --out SITE`: the public ASF list as a static site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asfcert.cli.app import app
from asfcert.cli.options import AsOfOpt, DataFormatOpt, LangOpt, OutOpt

registry_app = typer.Typer(help="The certifier's registry: create it, its keys, and publish the public ASF list.", no_args_is_help=True)
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
    asf-companies.json and asf-list.csv, into --out: a new or empty folder, or an earlier
    ASF list. Only certificates valid on the date are listed. With the registry's keys
    (passphrase from ASFCERT_KEY_PASSPHRASE, or asked in a terminal) also asf-list.json:
    every certificate issued by the date with its status, signed; root.pem and
    root-fingerprint.txt; verify.html and verify/NUMBER.html. Every dated event is taken
    as it stood on --as-of.

    Exit code 0: built; 2: the registry, a record, the keys, the passphrase or the output
    folder cannot be used (nothing is written).
    """
    from asfcert.cli.output import finish
    from asfcert.io import outdir
    from asfcert.site.build import build as run

    finish(run(folder, outdir.check(out), as_of, lang), format, lang)


from asfcert.cli import registry_keys  # noqa: E402,F401 - registers `registry init` and `registry keys`

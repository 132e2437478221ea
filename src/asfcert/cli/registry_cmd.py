"""`asfcert registry build DIR --out SITE`: the public ASF list as a static site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asfcert.cli.app import LangOpt, app, use_lang
from asfcert.cli.audit_cmd import AsOfOpt, OutFormat, OutFormatOpt, emit_json

registry_app = typer.Typer(help="The certifier's registry: create it, its keys, and publish the public ASF list.", no_args_is_help=True)
app.add_typer(registry_app, name="registry")


@registry_app.command("build")
def build(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The registry folder (holds registry.yaml and certificates/).", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="SITE", help="The folder to write the site into: new, empty, or an earlier ASF list.", show_default=False)],
    as_of: AsOfOpt = None,
    format: OutFormatOpt = OutFormat.terminal,
    lang: LangOpt = None,
) -> None:
    """Build the public ASF list: index.html with search and filters, a page per company,
    asf-list.json and asf-list.csv. Only certificates valid on the date are listed.

    Exit code 0: built; 2: the registry, a record or the output folder cannot be used.
    """
    from asfcert.site.build import build as run_build

    lang = use_lang(lang)
    result = run_build(folder, out, as_of.date() if as_of else None, lang)
    if format is OutFormat.json:
        emit_json(result.to_dict(), lang)
    else:
        from asfcert.cli.output import console
        from asfcert.render.site import terminal as site_terminal

        site_terminal.render(result, lang, console())
    raise typer.Exit(result.exit_code)


from asfcert.cli import registry_keys  # noqa: E402,F401 - registers `registry init` and `registry keys`

"""`asfcert new DIR --name … --org-number …` (or `--from-annual-report FILE`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.app import LangOpt, app, use_lang
from asfcert.cli.output import console


@app.command()
def new(
    folder: Annotated[Path, typer.Argument(help="The company folder to create (or complete, if it exists).", show_default=False)],
    name: Annotated[
        Optional[str], typer.Option("--name", help="The company's registered name, in quotes.", show_default=False)
    ] = None,
    org_number: Annotated[
        Optional[str], typer.Option("--org-number", help="The organisation number, e.g. 769638-4812.", show_default=False)
    ] = None,
    lang: LangOpt = None,
    standard: Annotated[
        Optional[Path], typer.Option("--standard", help="A standard file to use instead of the shipped one.", show_default=False)
    ] = None,
    allow_invalid_org_number: Annotated[
        bool,
        typer.Option(
            "--allow-invalid-org-number",
            help="Write the organisation number even if it is not valid (check reports it until it is corrected).",
        ),
    ] = False,
    annual_report: Annotated[
        Optional[Path],
        typer.Option(
            "--from-annual-report",
            help="The digital annual report (iXBRL: XHTML or ZIP) to fill in the name, number and finances from.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Create a company kit: company.yaml, self-assessment templates and evidence folders.

    Every template has help in Swedish and English (the --lang language first). With
    --from-annual-report, the name, organisation number and finances come from the
    company's digital annual report (only what it tags). Existing files are never overwritten: run it again on a kit to add only what is missing.
    Exit code 0: done; 2: the input cannot be used.
    """
    from asfcert.kit.create import KitOptions, create_kit
    from asfcert.render.kit import terminal as view

    lang = use_lang(lang)
    result = create_kit(
        folder,
        KitOptions(name=name or "", org_number=org_number or "", standard=standard, lang=lang,
                   allow_invalid_org_number=allow_invalid_org_number, annual_report=annual_report),
    )
    view.render(result, lang, console())
    raise typer.Exit(0)

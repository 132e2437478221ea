"""`asfcert new DIR --name … --org-number …` (or `--from-annual-report FILE`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.options import LangOpt, StandardOpt
from asfcert.cli.typer_app import app


@app.command()
def new(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The company folder to create (or complete, if it exists).", show_default=False)],
    name: Annotated[
        Optional[str], typer.Option("--name", help="The company's registered name, in quotes.", show_default=False)
    ] = None,
    org_number: Annotated[
        Optional[str], typer.Option("--org-number", help="The organisation number, e.g. 769638-4812.", show_default=False)
    ] = None,
    lang: LangOpt = None,
    standard: StandardOpt = None,
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
    from asfcert.cli.output import present
    from asfcert.kit.create import KitOptions, create_kit

    options = KitOptions(name=name or "", org_number=org_number or "", standard=standard, lang=lang,
                         allow_invalid_org_number=allow_invalid_org_number, annual_report=annual_report)
    present(create_kit(folder, options), "terminal", lang)

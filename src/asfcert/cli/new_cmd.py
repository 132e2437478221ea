"""`asfcert new DIR --name … --org-number …`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asfcert.cli.app import app
from asfcert.cli.options import LangOpt, StandardOpt


@app.command()
def new(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The company folder to create (or complete, if it exists).", show_default=False)],
    name: Annotated[str, typer.Option("--name", help="The company's registered name, in quotes.", show_default=False)],
    org_number: Annotated[
        str, typer.Option("--org-number", help="The organisation number, e.g. 769638-4812.", show_default=False)
    ],
    lang: LangOpt = None,
    standard: StandardOpt = None,
    allow_invalid_org_number: Annotated[
        bool,
        typer.Option(
            "--allow-invalid-org-number",
            help="Write the organisation number even if it is not valid (check reports it until it is corrected).",
        ),
    ] = False,
) -> None:
    """Create a company kit: company.yaml, self-assessment templates and evidence folders.

    Every template has help in Swedish and English (the --lang language first). Existing
    files are never overwritten: run it again on a kit to add only what is missing.
    Exit code 0: done; 2: the input cannot be used.
    """
    from asfcert.cli.output import present
    from asfcert.kit.create import KitOptions, create_kit

    options = KitOptions(name=name, org_number=org_number, standard=standard, lang=lang, allow_invalid_org_number=allow_invalid_org_number)
    present(create_kit(folder, options), "terminal", lang)

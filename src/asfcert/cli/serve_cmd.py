"""`asfcert serve DIR`: the workspace in the browser (docs/workspace.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asfcert.cli.app import app
from asfcert.cli.options import AsOfOpt, LangOpt, StandardOpt

# serve's own argument: besides a company folder it takes a cohort folder or a registry
FolderArg = Annotated[Path, typer.Argument(
    metavar="DIR", help="A company folder (with company.yaml), a cohort folder (with cohort.yaml) or a registry of cohorts.",
    show_default=False,
)]


@app.command()
def serve(
    folder: FolderArg,
    port: Annotated[int, typer.Option("--port", metavar="N", help="The port; 0 (the default) picks a free one.", min=0, max=65535)] = 0,
    host: Annotated[
        str, typer.Option("--host", metavar="ADDRESS", help="The address to listen on. Anything but 127.0.0.1 lets other computers try to connect.")
    ] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open the workspace in the web browser.")] = False,
    lang: LangOpt = None,
    standard: StandardOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Open the company folder as a workspace in the web browser: forms instead of YAML.

    On a cohort folder or a registry: the coordinator's overview (the data of `cohort
    report`), every company's workspace, and the audit view for the appointed auditor.
    Prints a link with a one-time key; open it in the browser on this computer. Ctrl-C stops.
    Every save writes the same files `asfcert check` reads.
    Exit code 0: stopped with Ctrl-C; 2: the folder, the standard or the address cannot be used.
    """
    import sys

    from asfcert.cli.output import write_text
    from asfcert.workspace.server import ServeOptions
    from asfcert.workspace.server import serve as run

    def say(text: str, stderr: bool) -> None:
        write_text(text + "\n", stderr=stderr)
        (sys.stderr if stderr else sys.stdout).flush()  # the link must be readable while it serves

    options = ServeOptions(host=host, port=port, open_browser=open_browser, lang=lang, standard=standard, today=as_of)
    report = _cohort_report(folder, options)
    run(folder, options, say, report=report, start_audit=_start_audit(options) if report else None)


def _cohort_report(folder: Path, options):
    """For a cohort folder or a registry: the function that makes its cohort report, as
    `cohort report` does (the workspace may not import the cohort workflow; the CLI joins
    them). None for a company folder."""
    from asfcert.workspace.cohorts import is_cohort_folder

    if not is_cohort_folder(folder):
        return None
    from asfcert.assess.checker import CheckOptions
    from asfcert.cohort.api import CohortOptions, run

    cohort_options = CohortOptions(check=CheckOptions(standard=options.standard, today=options.today))
    return lambda: run(folder, cohort_options)


def _start_audit(options):
    """`asfcert audit DIR --auditor NAME` for the audit view's *Start the audit*."""
    from asfcert.audit.session import AuditOptions, audit

    def start(folder: Path, auditor: str, lang: str):
        return audit(folder, AuditOptions(auditor=auditor, standard=options.standard, today=options.today, lang=lang))

    return start

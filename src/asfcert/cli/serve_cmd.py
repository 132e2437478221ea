"""`asfcert serve DIR`: the workspace in the browser (docs/workspace.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from asfcert.cli.app import app
from asfcert.cli.options import AsOfOpt, CompanyArg, LangOpt, StandardOpt


@app.command()
def serve(
    folder: CompanyArg,
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

    run(folder, ServeOptions(host=host, port=port, open_browser=open_browser, lang=lang, standard=standard, today=as_of), say)

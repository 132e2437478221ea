"""`asfcert serve DIR`: the workspace in the browser (docs/workspace.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.app import LangOpt, app, use_lang
from asfcert.cli.output import console


@app.command()
def serve(
    folder: Annotated[Path, typer.Argument(help="The company folder (the one holding company.yaml).", show_default=False)],
    port: Annotated[int, typer.Option("--port", help="The port; 0 (the default) picks a free one.", min=0, max=65535)] = 0,
    host: Annotated[
        str, typer.Option("--host", help="The address to listen on. Anything but 127.0.0.1 lets other computers try to connect.")
    ] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open the workspace in the web browser.")] = False,
    lang: LangOpt = None,
    standard: Annotated[
        Optional[Path], typer.Option("--standard", help="A standard file to use instead of the shipped one.", show_default=False)
    ] = None,
    as_of: Annotated[
        Optional[dt.datetime],
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Evaluate as if today were this date (YYYY-MM-DD).", show_default=False),
    ] = None,
) -> None:
    """Open the company folder as a workspace in the web browser: forms instead of YAML.

    Prints a link with a one-time key; open it in the browser on this computer. Ctrl-C stops.
    Every save writes the same files `asfcert check` reads.
    """
    from asfcert.base.i18n import L10n
    from asfcert.workspace.server import LOOPBACK, ServeOptions
    from asfcert.workspace.server import serve as run
    from asfcert.workspace.state import Workspace

    lang = use_lang(lang)
    out = console()
    ws = Workspace(folder, standard=standard, today=as_of.date() if as_of else None)
    ws.standard  # a broken standard file stops here, before anything listens
    if host != LOOPBACK:
        warning = L10n(
            f"Varning: arbetsytan lyssnar på {host}, inte bara på den här datorn. Andra datorer kan försöka ansluta; "
            "bara den som har länken kommer in. Använd det bara i ett nätverk du litar på.",
            f"Warning: the workspace listens on {host}, not only on this computer. Other computers can try to connect; "
            "only someone with the link gets in. Use it only on a network you trust.",
        )
        typer.echo(warning.get(lang), err=True)

    def announce(link: str) -> None:
        text = L10n(
            f"Arbetsytan för {folder} är öppen. Öppna länken i webbläsaren (den fungerar en gång):",
            f"The workspace for {folder} is open. Open the link in the web browser (it works once):",
        )
        out.print(text.get(lang), highlight=False)
        print(link, flush=True)
        out.print(L10n("Stoppa med Ctrl-C.", "Stop with Ctrl-C.").get(lang), highlight=False)

    run(ws, ServeOptions(host=host, port=port, open_browser=open_browser, lang=lang), announce)
    out.print(L10n("Arbetsytan är stängd.", "The workspace is closed.").get(lang), highlight=False)
    raise typer.Exit(0)

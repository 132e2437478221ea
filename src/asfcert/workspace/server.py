"""Running the workspace: bind a socket, print the URL with its one-time token, serve until
Ctrl-C.

The socket is bound before anything is printed, so the printed URL always works; port 0
means a free port chosen by the system. uvicorn stops cleanly on Ctrl-C (SIGINT) or
SIGTERM: requests in flight finish; after Ctrl-C `serve` returns (exit code 0), after
SIGTERM uvicorn raises the signal again, so the process ends as terminated (143)."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n
from asfcert.workspace.security import WILDCARDS, Guard
from asfcert.workspace.state import Workspace

LOOPBACK = "127.0.0.1"

SERVE_CANNOT_LISTEN = Kind(
    "serve-cannot-listen",
    L10n("Arbetsytan kan inte lyssna", "The workspace cannot listen"),
    L10n("arbetsytan kan inte lyssna på {host} port {port}: {reason}", "the workspace cannot listen on {host} port {port}: {reason}"),
    L10n(
        "Välj en annan port med --port, eller utelämna --port så väljs en ledig. --host måste vara en adress som den här datorn har.",
        "Choose another port with --port, or leave --port out to get a free one. --host must be an address this computer has.",
    ),
    severity=Severity.ERROR,
    effect=Effect.ABORTS,
)

_LISTENS_WIDELY = L10n(
    "Varning: arbetsytan lyssnar på {host}, inte bara på den här datorn. Andra datorer kan försöka ansluta; "
    "bara den som har länken kommer in. Använd det bara i ett nätverk du litar på.",
    "Warning: the workspace listens on {host}, not only on this computer. Other computers can try to connect; "
    "only someone with the link gets in. Use it only on a network you trust.",
)
_OPEN = L10n(
    "Arbetsytan för {folder} är öppen. Öppna länken i webbläsaren (den fungerar en gång):",
    "The workspace for {folder} is open. Open the link in the web browser (it works once):",
)
_STOP = L10n("Stoppa med Ctrl-C.", "Stop with Ctrl-C.")
_CLOSED = L10n("Arbetsytan är stängd.", "The workspace is closed.")


@dataclass(frozen=True)
class ServeOptions:
    host: str = LOOPBACK
    port: int = 0
    open_browser: bool = False
    lang: str = "sv"
    standard: Path | None = None
    today: dt.date | None = None


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as e:  # the port is taken, the address is not this computer's, ...
        sock.close()
        raise Abort(SERVE_CANNOT_LISTEN, location=Location(), host=host, port=port, reason=e.strerror or str(e)) from None
    sock.set_inheritable(True)
    return sock


def url(host: str, port: int, token: str, path: str = "/") -> str:
    shown = LOOPBACK if host in WILDCARDS else (f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}{path}?token={token}"


def serve(folder: Path, options: ServeOptions, say: Callable[[str, bool], None], report: Callable[[], object] | None = None,
          start_audit: Callable[[Path, str, str], object] | None = None, actions=None) -> None:
    """Serve the folder until interrupted: a company folder, or, with `report` (the cohort
    report of the folder, made by the cohort workflow), a cohort folder or a registry for
    the coordinator and the auditors; `start_audit(folder, auditor, lang)` creates an audit
    record (the audit workflow). `say(text, to_stderr)` prints a line: the link is a
    line of its own, printed once the socket listens."""
    import uvicorn

    lang = options.lang
    if report is None:
        ws = Workspace(folder, standard=options.standard, today=options.today)
        ws.standard  # noqa: B018 - a broken standard file stops here, before anything listens
    else:
        from asfcert.standard.load import load_standard

        load_standard(options.standard)  # a broken standard file stops here too
    if options.host != LOOPBACK:
        say(_LISTENS_WIDELY.format(host=options.host).get(lang), True)
    sock = bind(options.host, options.port)
    port = sock.getsockname()[1]
    guard = Guard(options.host, port, lang)
    if report is None:
        from asfcert.workspace.app import create_app

        app = create_app(ws, guard)
    else:
        from asfcert.workspace.cohorts import Cohorts
        from asfcert.workspace.coordinator import create_coordinator_app

        cohorts = Cohorts(folder, report, standard=options.standard, today=options.today, start_audit=start_audit,
                          actions=actions)
        app = create_coordinator_app(cohorts, guard)
    link = url(options.host, port, guard.token)
    say(_OPEN.format(folder=str(folder)).get(lang), False)
    say(link, False)
    say(_STOP.get(lang), False)
    if options.open_browser:
        import webbrowser

        webbrowser.open(link)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False,
                            date_header=False, timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn has shut down gracefully and passes Ctrl-C on: that is the normal end
    finally:
        sock.close()
    say(_CLOSED.get(lang), False)


KINDS = made_by("workspace", SERVE_CANNOT_LISTEN)

"""Running the workspace: bind a socket, print the URL with its one-time token, serve until
Ctrl-C.

The socket is bound before anything is printed, so the printed URL always works; port 0
means a free port chosen by the system. uvicorn stops cleanly on Ctrl-C (SIGINT) or
SIGTERM: requests in flight finish, and then `serve` returns."""

from __future__ import annotations

import socket
import sys
from dataclasses import dataclass

from asfcert.workspace.security import WILDCARDS, Guard
from asfcert.workspace.state import Workspace

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class ServeOptions:
    host: str = LOOPBACK
    port: int = 0
    open_browser: bool = False
    lang: str = "sv"


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url(host: str, port: int, token: str, path: str = "/") -> str:
    shown = LOOPBACK if host in WILDCARDS else (f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}{path}?token={token}"


def serve(ws: Workspace, options: ServeOptions, announce) -> None:
    """Serve `ws` until interrupted. `announce(url)` is called once the socket listens."""
    import uvicorn

    from asfcert.workspace.app import create_app

    sock = bind(options.host, options.port)
    port = sock.getsockname()[1]
    guard = Guard(options.host, port, options.lang)
    app = create_app(ws, guard)
    link = url(options.host, port, guard.token)
    announce(link)
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
    sys.stdout.flush()

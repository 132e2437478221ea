"""Who may use the workspace, and the headers every answer carries.

- The URL that `asfcert serve` prints carries a one-time token. Opening it makes a session:
  an HttpOnly, SameSite=Strict cookie that only this server knows. Any other request
  without that session gets 403: another local user, a web page in the same browser, a
  link someone forwarded after it was used.
- Every POST carries the session's CSRF token in a hidden field (`csrf`), checked in
  constant time; a missing or wrong one is refused with 403.
- The Host header must name this server (127.0.0.1 or localhost and its port), so a DNS
  rebinding attack, where a hostile name is made to point at 127.0.0.1, gets 421.
- Every answer forbids framing and sniffing, sends no referrer, and has a Content Security
  Policy without inline script: only the app's own static files run.

The checks are a plain ASGI middleware, so they run before any route and for every route."""

from __future__ import annotations

import hmac
import secrets
import socket
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
PUBLIC = ("/static/",)  # the app's own CSS and script: served without a session
WILDCARDS = {"0.0.0.0", "::", ""}


@dataclass
class Session:
    id: str
    csrf: str
    lang: str = "sv"
    flash: list = field(default_factory=list)  # messages for the next page (after a redirect)
    auditor: str | None = None  # the coordinator's workspace: the auditor this session acts as (cohort.yaml's name)


class Guard:
    """The token, the sessions and the allowed Host names of one server."""

    def __init__(self, host: str, port: int, lang: str = "sv"):
        self.token = secrets.token_urlsafe(32)
        self.used = False
        self.cookie = "asfcert-" + secrets.token_hex(4)  # per server: two servers on one host do not mix
        self.sessions: dict[str, Session] = {}
        self.lang = lang
        self.hosts = allowed_hosts(host, port)

    def login(self, token: str) -> Session | None:
        if self.used or not hmac.compare_digest(token.encode(), self.token.encode()):
            return None
        self.used = True
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), self.lang)
        self.sessions[session.id] = session
        return session

    def session(self, cookie_header: str) -> Session | None:
        jar = SimpleCookie()
        try:
            jar.load(cookie_header)
        except Exception:  # a malformed Cookie header: no session
            return None
        morsel = jar.get(self.cookie)
        if morsel is None:
            return None
        for sid, session in self.sessions.items():
            if hmac.compare_digest(sid.encode(), morsel.value.encode()):
                return session
        return None

    def csrf_ok(self, session: Session, posted) -> bool:
        return isinstance(posted, str) and hmac.compare_digest(posted.encode(), session.csrf.encode())


def allowed_hosts(host: str, port: int) -> set[str]:
    names = {"127.0.0.1", "localhost", "[::1]"}
    if host in WILDCARDS:
        names |= {socket.gethostname(), socket.getfqdn()}
    else:
        names.add(f"[{host}]" if ":" in host else host)
    return {f"{n}:{port}".lower() for n in names} | ({n.lower() for n in names} if port == 80 else set())


class SecurityMiddleware:
    def __init__(self, app, guard: Guard, max_body: int):
        self.app = app
        self.guard = guard
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}

        async def secured(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in have]
                if not scope["path"].startswith(PUBLIC):
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        if headers.get("host", "").lower() not in self.guard.hosts:
            return await _plain(secured, 421, "Fel värdnamn (Host). / Wrong host name (Host).")
        path = scope["path"]
        if path.startswith(PUBLIC):
            return await self.app(scope, receive, secured)
        session = self.guard.session(headers.get("cookie", ""))
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        token = next((v for k, v in query if k == "token"), None)
        if token is not None:
            if session is None:
                session = self.guard.login(token)
            if session is not None:  # a fresh session, or the link opened again where it was used
                rest = urlencode([(k, v) for k, v in query if k != "token"])
                cookie = f"{self.guard.cookie}={session.id}; HttpOnly; SameSite=Strict; Path=/"
                return await _redirect(secured, path + ("?" + rest if rest else ""), cookie)
        if session is None:
            return await _forbidden(secured, self.guard.lang)
        scope.setdefault("state", {})["session"] = session
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            return await _plain(secured, 413, "För stor. / Too large.")
        return await self.app(scope, _limited(receive, self.max_body), secured)


def _limited(receive, limit: int):
    """`receive` that stops a body larger than `limit` (a chunked one has no length to
    check up front): the route's form parsing then fails with 413."""
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                from starlette.exceptions import HTTPException

                raise HTTPException(413)
        return message

    return wrapped


async def _plain(send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, location: str, cookie: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("latin-1", "replace")), (b"set-cookie", cookie.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


async def _forbidden(send, lang: str) -> None:
    from asfcert.workspace.labels import label

    page = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{label("forbidden_title", lang)}</title><link rel="stylesheet" href="/static/style.css">'
        '<link rel="icon" href="/static/icon.svg" type="image/svg+xml"></head>'
        f'<body><main id="main"><h1>{label("forbidden_title", lang)}</h1><p data-code="no-session">{label("forbidden_text", lang)}</p></main></body></html>'
    ).encode()
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(page)).encode())]})
    await send({"type": "http.response.body", "body": page})

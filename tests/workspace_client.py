"""Helpers for the workspace tests: an app over a folder with a logged-in client, and a form
read from a page the way a browser would submit it."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

HOST = "127.0.0.1:8765"


def app_for(folder: Path, today: dt.date = dt.date(2026, 11, 22)):
    from asfcert.workspace.app import create_app
    from asfcert.workspace.security import Guard
    from asfcert.workspace.state import Workspace

    ws = Workspace(folder, today=today)  # each test has its own cache folder (conftest)
    guard = Guard("127.0.0.1", 8765)
    return create_app(ws, guard), guard, ws


def client(folder: Path, *, login: bool = True, **kw):
    """A TestClient for the workspace over `folder`, with a session unless `login=False`."""
    from starlette.testclient import TestClient

    app, guard, ws = app_for(folder, **kw)
    c = TestClient(app, base_url=f"http://{HOST}")
    if login:
        r = c.get("/?token=" + guard.token, follow_redirects=False)
        assert r.status_code == 303, r.text
    c.guard, c.ws = guard, ws
    return c


class _Form(HTMLParser):
    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, {}
        self.select = self.textarea = None
        self.text = ""

    def add(self, name, value):
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("type") not in ("submit", "file", "button") and a.get("name"):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.add(a["name"], a.get("value", ""))
        elif tag == "select":
            self.select = a["name"]
            self.add(self.select, "")  # the first option, unless one is selected
        elif tag == "option" and self.select:
            if "selected" in a:
                self.fields[self.select][-1] = a.get("value", "")
        elif tag == "textarea":
            self.textarea, self.text = a["name"], ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.add(self.textarea, self.text)
            self.textarea = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, action: str) -> dict[str, list[str]]:
    """What a browser submits from the form posting to `action` (without pressing a button
    that has a name)."""
    parser = _Form(action)
    parser.feed(html)
    assert parser.fields, f"no form posting to {action}"
    return parser.fields


def submit(c, path: str, edits: dict | None = None, *, action: str | None = None, files=None, follow=False):
    """GET `path`, change the fields in `edits` (a value of a list replaces every value of
    the name) and POST the form back."""
    page = c.get(path)
    assert page.status_code == 200, page.text
    data = form_fields(page.text, action or path.split("?")[0])
    for name, value in (edits or {}).items():
        data[name] = value if isinstance(value, list) else [value]
    return c.post(action or path.split("?")[0], data=data, files=files, follow_redirects=follow)

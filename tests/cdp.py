"""A small Chrome DevTools Protocol client for the browser tests, over
`--remote-debugging-pipe`: JSON messages separated by NUL bytes on file descriptors 3
(to the browser) and 4 (from it). No websocket library and no network port are needed.

    with Chromium(path, tmp_path) as browser:
        page = browser.open("file:///…/index.html?lan=X")
        page.evaluate("document.title")
        page.errors  # console errors, uncaught exceptions and failed loads, as text

Chromium runs headless with a fresh profile and everything that would reach the network
switched off; every request the page makes is recorded in `page.requests`."""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--no-default-browser-check",
    "--disable-dev-shm-usage",  # containers often have a small /dev/shm
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name ever resolves: the page must work offline
]
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """$ASFCERT_CHROMIUM, else Debian's /usr/bin/chromium, else a Chrome on the PATH."""
    given = os.environ.get("ASFCERT_CHROMIUM")
    if given:
        return given if os.access(given, os.X_OK) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    pass


class Chromium:
    def __init__(self, executable: str, workdir: Path, timeout: float = 30.0):
        self.executable, self.workdir, self.timeout = executable, Path(workdir), timeout
        self._id = 0
        self._buffer = b""
        self._pending: list[dict] = []  # events read while waiting for a reply

    def __enter__(self) -> Chromium:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire():  # in the child: the pipes become fds 3 and 4
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 100)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 100)
            os.dup2(a, 3)
            os.dup2(b, 4)

        profile = self.workdir / "chromium-profile"
        profile.mkdir(parents=True, exist_ok=True)
        self._log = open(self.workdir / "chromium.log", "wb")
        self.process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            close_fds=False, preexec_fn=wire,  # close_fds would close 3 and 4 after wire()
        )
        os.close(to_child_r)
        os.close(from_child_w)
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self.process.poll() is None:
                self.send("Browser.close")
                self.process.wait(10)
        except (CDPError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(10)
        finally:
            os.close(self._to_child)
            os.close(self._from_child)
            self._log.close()

    def log_tail(self) -> str:
        return (self.workdir / "chromium.log").read_text(errors="replace")[-3000:]

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        return self._id

    def receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_child], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise CDPError(f"no answer from Chromium in time\n{self.log_tail()}")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise CDPError(f"Chromium closed the pipe (exit code {self.process.poll()})\n{self.log_tail()}")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        ident = self.send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self.receive(deadline)
            if message.get("id") == ident:
                if "error" in message:
                    raise CDPError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._pending.append(message)

    def event(self, method: str, session: str) -> dict:
        """Wait for an event (handled events are kept for the page's records)."""
        deadline = time.monotonic() + self.timeout
        for i, message in enumerate(self._pending):
            if message.get("method") == method and message.get("sessionId") == session:
                return self._pending.pop(i)
        while True:
            message = self.receive(deadline)
            if message.get("method") == method and message.get("sessionId") == session:
                return message
            self._pending.append(message)

    def open(self, url: str) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        page = Page(self, session)
        page.navigate(url)
        return page


class Page:
    def __init__(self, browser: Chromium, session: str):
        self.browser, self.session = browser, session

    def navigate(self, url: str) -> None:
        self.browser._pending = [m for m in self.browser._pending if m.get("sessionId") != self.session]
        result = self.browser.call("Page.navigate", {"url": url}, self.session)
        if result.get("errorText"):
            raise CDPError(f"{url}: {result['errorText']}")
        self.browser.event("Page.loadEventFired", self.session)

    def evaluate(self, expression: str):
        result = self.browser.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, self.session,
        )
        if "exceptionDetails" in result:
            raise CDPError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def type(self, selector: str, text: str) -> None:
        """Focus a field and type into it as a keyboard would (the page sees input events)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.browser.call("Input.insertText", {"text": text}, self.session)

    def _events(self) -> list[dict]:
        self.evaluate("0")  # a round trip: every event sent before it has arrived
        return [m for m in self.browser._pending if m.get("sessionId") == self.session]

    @property
    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions, and log entries of level error."""
        out = []
        for m in self._events():
            params = m.get("params", {})
            if m.get("method") == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                out.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
            elif m.get("method") == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif m.get("method") == "Log.entryAdded" and params["entry"].get("level") == "error":
                out.append(f"{params['entry'].get('source')}: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        return out

    @property
    def requests(self) -> list[str]:
        return [m["params"]["request"]["url"] for m in self._events() if m.get("method") == "Network.requestWillBeSent"]

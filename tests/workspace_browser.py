"""The workspace in a real browser: `asfcert serve` as a subprocess, Playwright for Python
driving Debian's Chromium (never a downloaded browser), and axe-core (vendored under
tests/vendor/axe-core) for accessibility.

Without Chromium or Playwright the browser tests skip with the reason; with
ASFCERT_REQUIRE_BROWSER=1 (.ci/run) they fail instead, so CI never skips them."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # nothing else resolves: the pages work offline
]
AS_OF = "2026-11-22"


def unavailable(reason: str):
    if os.environ.get("ASFCERT_REQUIRE_BROWSER"):
        pytest.fail(reason + " ($ASFCERT_REQUIRE_BROWSER is set)")
    pytest.skip(reason)


def chromium():
    """Debian's Chromium through Playwright, for a module-scoped fixture (`yield from`)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


def launch(playwright):
    from cdp import find_chromium

    path = find_chromium()
    if path is None:
        unavailable("Chromium not found: run `make browser` (apt-get install chromium) or set ASFCERT_CHROMIUM")
    return playwright.chromium.launch(executable_path=path, args=ARGS)


class Served:
    """`asfcert serve FOLDER` running in a subprocess; `url` is the printed one-time link."""

    def __init__(self, folder: Path, *extra: str):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "asfcert", "serve", folder.name, "--as-of", AS_OF, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=folder.parent,
        )
        self.lines = []
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith("http://"):
                self.url = line.strip()
                break
        else:
            raise RuntimeError("asfcert serve printed no URL:\n" + "".join(self.lines) + self.process.stderr.read())
        self.base = self.url.split("/?")[0]

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a person would press it; the exit code and the rest of the output."""
        self.process.send_signal(signal.SIGINT)
        try:
            out, self.errors = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return self.process.returncode, "".join(self.lines) + out


def axe(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page, as (rule, nodes) dicts. axe is
    evaluated through the DevTools protocol, which the page's CSP does not govern, so the
    page is tested under its own CSP."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))"
        ".violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return result


def no_overflow(page) -> bool:
    """Nothing sticks out sideways: no horizontal scrolling is needed to read the page."""
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def watch(page) -> list[str]:
    """Console errors and CSP violations the page causes, collected as text."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    # a request cut off by the next navigation (ERR_ABORTED) is not a failure
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}") if "ERR_ABORTED" not in (r.failure or "") else None)
    return problems


def links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href^='/']", "els => els.map(e => e.getAttribute('href'))")
    return sorted({re.sub(r"#.*$", "", h) for h in hrefs if not h.startswith("/files/")} - {""})

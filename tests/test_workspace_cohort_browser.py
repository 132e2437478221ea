"""The coordinator's overview and the audit view in a real browser (Playwright for Python,
Debian's Chromium): axe-core with 0 violations on every page, 1280 px without clipping and
390 px, the keyboard alone, no JavaScript needed, and a result recorded in the browser
that ends up in audit/audit.yaml.

With ASFCERT_SCREENSHOTS=DIR (`make screenshots` sets docs/img) the pictures in
docs/cohort.md (coordinator-*.png) and docs/auditor.md (auditor-*.png) are written there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_workspace_cohort import APPOINTED, cohort_copy
from workspace_browser import AS_OF, Served, axe, chromium, no_overflow, watch


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


def new_page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.problems = watch(page)
    return context, page


def check_page(page, what: str) -> None:
    assert page.locator("script").count() == 0, what  # no JavaScript at all: forms post and redirect
    assert axe(page) == [], what
    assert no_overflow(page), what
    assert tables_not_clipped(page) == [], what
    assert page.problems == [], what


def tables_not_clipped(page) -> list[str]:
    """The tables that do not fit their space and do not scroll inside a region of their
    own that the keyboard reaches (tabindex 0), that has a name and that ends inside the
    window; empty when every table can be read whole."""
    return page.evaluate("""() => [...document.querySelectorAll('table')].filter(t => {
        const box = t.parentElement;
        if (t.scrollWidth <= box.clientWidth + 1) return false;
        const named = box.getAttribute('aria-label') || box.getAttribute('aria-labelledby');
        const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
        const inside = box.getBoundingClientRect().right <= document.documentElement.clientWidth + 1;
        return !(box.getAttribute('role') === 'region' && box.tabIndex === 0 && named && scrolls && inside);
    }).map(t => t.className || t.closest('section')?.getAttribute('aria-labelledby') || 'table')""")


def shot(page, name: str) -> None:
    """A picture for the docs, when ASFCERT_SCREENSHOTS names a folder."""
    target = os.environ.get("ASFCERT_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"{name}.png"))


def test_the_coordinator_and_the_auditor_work_in_the_browser(tmp_path, browser):
    root = cohort_copy(tmp_path)
    served = Served(root)
    try:
        context, page = new_page(browser, 1280)
        page.goto(served.url, timeout=120_000)
        assert page.locator("h1").first.is_visible()
        check_page(page, "overview at 1280 px")
        table = page.locator("table.companies-table")
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1"), "the company table is clipped at 1280 px"
        assert table.evaluate("t => t.getBoundingClientRect().right <= document.documentElement.clientWidth"), "beyond the window"
        shot(page, "coordinator-1-overview")
        page.evaluate("document.getElementById('companies').scrollIntoView()")
        shot(page, "coordinator-2-companies")
        page.evaluate("window.scrollTo(0, 0)")

        # the keyboard alone: the auditor's name (misspelled first), then Enter
        page.locator("#f-auditor").focus()
        page.keyboard.type("Amira Fiktva")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator('[data-code="auditor-not-found"]').is_visible()
        assert [p for p in page.problems if "status of 400" not in p] == []  # the refusal is a 400 page
        page.problems.clear()
        check_page(page, "did you mean")
        page.locator("#auditor").scroll_into_view_if_needed()
        shot(page, "auditor-1-did-you-mean")
        page.locator(f'button[data-near="{APPOINTED}"]').focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator(f'[data-auditor="{APPOINTED}"]').is_visible()
        with page.expect_navigation():
            page.locator("#my-audits a").first.click()
        assert page.url.endswith("/c/omgang/vaxthuset/audit")
        check_page(page, "audit before the record exists")
        # the command that does the same, with the folder as `asfcert serve` was given it
        assert f'asfcert audit omgang/vaxthuset --auditor "{APPOINTED}"' in page.locator("body").inner_text()
        shot(page, "auditor-2-start")
        page.locator("#start-audit").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert (root / "vaxthuset" / "audit" / "audit.yaml").is_file()
        check_page(page, "audit overview")
        shot(page, "auditor-3-overview")
        with page.expect_navigation():
            page.locator('tr[data-rid="3.1.a"] a').click()
        check_page(page, "audit requirement")
        assert page.locator("iframe.pdf").count() == 1

        page.locator("#result-remark").focus()
        page.keyboard.press("Space")
        page.locator("#f-comment").focus()
        page.keyboard.type("Protokollet saknar datum.")
        page.locator("form button[type=submit]").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator(".flash").is_visible()
        assert page.locator("#result-remark").is_checked()
        text = (root / "vaxthuset" / "audit" / "audit.yaml").read_text()
        assert f"result: remark  # {APPOINTED}, {AS_OF} (asfcert serve)" in text and "comment: Protokollet saknar datum." in text
        shot(page, "auditor-4-requirement")
        page.evaluate("document.getElementById('your-result').scrollIntoView()")
        shot(page, "auditor-5-result")
        page.evaluate("window.scrollTo(0, 0)")

        with page.expect_navigation():
            page.locator('nav.main a[href="/c/omgang/vaxthuset/"]').click()
        assert axe(page) == [] and no_overflow(page), "the company's own workspace under the cohort"
        shot(page, "coordinator-3-company")

        page.set_viewport_size({"width": 390, "height": 800})  # the same session (the link works once)
        page.goto(served.base + "/", timeout=120_000)
        check_page(page, "overview at 390 px")
        shot(page, "coordinator-4-narrow")
        # every column of the report, opened at 390 px: the table scrolls inside its own
        # region, which the keyboard reaches and scrolls; the page itself does not
        page.locator("section[aria-labelledby=companies] details summary").click()
        wide = page.locator("table.wide")
        assert wide.evaluate("t => t.scrollWidth > t.parentElement.clientWidth"), "wider than 390 px, or the test shows nothing"
        check_page(page, "every column at 390 px")
        region = page.locator("section[aria-labelledby=companies] details .table-wrap")
        region.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        for _ in range(60):  # Chromium scrolls smoothly: the offset grows over a few frames
            if region.evaluate("r => r.scrollLeft") > 0:
                break
            page.wait_for_timeout(50)
        assert region.evaluate("r => r.scrollLeft") > 0, "the keyboard scrolls the wide table"
        page.goto(served.base + "/c/omgang/vaxthuset/audit/3.1.a")
        check_page(page, "audit requirement at 390 px")
        context.close()
    finally:
        code, _ = served.stop()
    assert code == 0

"""The coordinator's overview and the audit view in a real browser (Playwright for Python,
Debian's Chromium): axe-core with 0 violations on every page, 1280 px without clipping and
390 px, the keyboard alone, no JavaScript needed, and a result recorded in the browser
that ends up in audit/audit.yaml."""

from __future__ import annotations

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
    assert page.problems == [], what


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

        # the keyboard alone: the auditor's name (misspelled first), then Enter
        page.locator("#f-auditor").focus()
        page.keyboard.type("Amira Fiktva")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator('[data-code="auditor-not-found"]').is_visible()
        assert [p for p in page.problems if "status of 400" not in p] == []  # the refusal is a 400 page
        page.problems.clear()
        check_page(page, "did you mean")
        page.locator(f'button[data-near="{APPOINTED}"]').focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator(f'[data-auditor="{APPOINTED}"]').is_visible()
        with page.expect_navigation():
            page.locator("#my-audits a").first.click()
        assert page.url.endswith("/c/omgang/vaxthuset/audit")
        check_page(page, "audit before the record exists")
        page.locator("#start-audit").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert (root / "vaxthuset" / "audit" / "audit.yaml").is_file()
        check_page(page, "audit overview")
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

        with page.expect_navigation():
            page.locator('nav.main a[href="/c/omgang/vaxthuset/"]').click()
        assert axe(page) == [] and no_overflow(page), "the company's own workspace under the cohort"

        page.set_viewport_size({"width": 390, "height": 800})  # the same session (the link works once)
        page.goto(served.base + "/", timeout=120_000)
        check_page(page, "overview at 390 px")
        page.goto(served.base + "/c/omgang/vaxthuset/audit/3.1.a")
        check_page(page, "audit requirement at 390 px")
        context.close()
    finally:
        code, _ = served.stop()
    assert code == 0

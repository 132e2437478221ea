"""From audit to certificate entirely in the browser (Playwright for Python, Debian's
Chromium): a ready example company in a registry with keys, the appointed auditor records
every result, previews and makes the decision, opens the report, issues the certificate
with the passphrase typed on the confirmation page, and suspends and withdraws it; every
control is reached by the keyboard, every new page passes axe-core with 0 violations and
fits 390 px. Then `asfcert verify` on the issued PDF says valid.

With ASFCERT_SCREENSHOTS=DIR (`make screenshots` sets docs/img) the screenshots for
docs/auditor.md are written there as auditor-browser-<n>-<what>.png."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from audit_helpers import registry
from test_workspace_cohort import APPOINTED
from trust_helpers import PASSPHRASE, cli
from workspace_browser import Served, axe, chromium, no_overflow, watch

EXAMPLES = Path(__file__).parents[1] / "examples" / "omgang-ht2026"
COMPANY = "vaxthuset"
BASE = f"/c/omgang/{COMPANY}"
REMARK = "3.1.b"  # the one remark: the decision is certified with remarks, with a deadline


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


def shot(page, n: int, what: str) -> None:
    target = os.environ.get("ASFCERT_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"auditor-browser-{n}-{what}.png"), full_page=True)


def check_page(page, what: str) -> None:
    """No script, axe-core clean, nothing clipped, at 1280 px and at 390 px."""
    assert page.locator("script").count() == 0, what
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe(page) == [], f"{what} at {width} px"
        assert no_overflow(page), f"{what} at {width} px"
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.problems == [], what


def press(page, selector: str, key: str = "Enter") -> None:
    """Focus a control and press a key on it, as a keyboard user would; wait for the page."""
    page.locator(selector).first.focus()
    with page.expect_navigation():
        page.keyboard.press(key)


def open_from_list(page) -> list[str]:
    """The requirements of the audit overview that have no result yet."""
    rows = page.locator("tr[data-rid]")
    return [rows.nth(i).get_attribute("data-rid") for i in range(rows.count()) if rows.nth(i).locator("td").nth(1).inner_text().strip() == "–"]


def test_from_audit_to_a_verified_certificate_in_the_browser(tmp_path, browser, monkeypatch):
    monkeypatch.delenv("ASFCERT_KEY_PASSPHRASE", raising=False)  # the passphrase is typed on the page
    reg = registry(tmp_path / "registry")
    omgang = reg / "omgang"
    omgang.mkdir()
    for name in ("cohort.yaml", "survey.csv"):
        shutil.copy(EXAMPLES / name, omgang / name)
    shutil.copytree(EXAMPLES / COMPANY, omgang / COMPANY)
    company = omgang / COMPANY
    served = Served(reg)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
        page = context.new_page()
        page.problems = watch(page)
        # the report (the CLI's own HTML) has no icon link, so Chromium asks for /favicon.ico, which
        # the workspace does not serve; answered here, so that any other failed load still fails the test
        context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=b""))
        page.goto(served.url, timeout=120_000)
        page.locator("#f-auditor").focus()
        page.keyboard.type(APPOINTED)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        press(page, "#my-audits a")
        press(page, "#start-audit")
        assert (company / "audit" / "audit.yaml").is_file()

        todo = open_from_list(page)
        assert REMARK in todo and len(todo) > 5
        for rid in todo:
            press(page, f'tr[data-rid="{rid}"] a')
            page.locator(f"#result-{'remark' if rid == REMARK else 'conform'}").focus()
            page.keyboard.press("Space")
            if rid == REMARK:
                page.locator("#f-comment").focus()
                page.keyboard.type("Styrelsens protokoll saknar justering.")
            press(page, "#your-result button[type=submit], form[action$='/audit/" + rid + "'] button[type=submit]")
            assert page.locator(".flash").is_visible(), rid
            press(page, f'nav.main a[href="{BASE}/audit"]')
        assert open_from_list(page) == []

        press(page, "#decide-link")
        assert page.locator('.decision[data-outcome="certified-with-remarks"][data-final="no"]').is_visible()
        assert page.locator(f'.remarks li[data-rid="{REMARK}"]').is_visible()
        check_page(page, "decision preview")
        shot(page, 1, "beslutsforslag")
        press(page, "#decide")
        assert page.locator('.decision[data-final="yes"]').is_visible()
        check_page(page, "decision")
        shot(page, 2, "beslut")

        press(page, "#report-html")
        assert page.locator("h1").first.is_visible() and "3.1.b" in page.content()
        assert page.problems == []  # no CSP violation: its own style is allowed by hash
        page.go_back()
        pdf = page.request.get(served.base + f"{BASE}/report.pdf")
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

        press(page, "#certify-link")
        assert page.locator(".confirm[data-org]").is_visible() and "Växthuset" in page.locator("h1").inner_text()
        check_page(page, "certify confirmation")
        shot(page, 3, "utfarda")
        page.locator("#passphrase").focus()
        page.keyboard.type(PASSPHRASE)
        press(page, "#certify")
        certificate = page.locator("dl.certificate")
        number = certificate.get_attribute("data-number")
        assert number and certificate.get_attribute("data-state") == "valid"
        check_page(page, "certificate status")
        shot(page, 4, "certifikat")
        pdfs = sorted((company / "certificate").glob(f"{number}-*.pdf"))
        assert pdfs, list((company / "certificate").iterdir())
        verified = cli("verify", str(pdfs[0]), "--registry", str(reg), "--format", "json", passphrase=None)
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert '"verdict": "valid"' in verified.stdout

        page.locator("#suspend-reason").focus()
        page.keyboard.type("Tillsyn pågår")
        press(page, "#do-suspend")
        assert page.locator('dl.certificate[data-state="suspended"]').is_visible()
        assert "Giltigt" not in page.locator("main").inner_text()
        check_page(page, "suspended")
        shot(page, 5, "indraget")
        page.locator("#withdraw-reason").focus()
        page.keyboard.type("Verksamheten har upphört")
        press(page, "#do-withdraw")
        assert page.locator(f'.confirm[data-number="{number}"]').is_visible()
        check_page(page, "withdrawal confirmation")
        shot(page, 6, "aterkalla")
        press(page, "#confirm-withdraw")
        assert page.locator('dl.certificate[data-state="withdrawn"]').is_visible()
        check_page(page, "withdrawn")
        context.close()
    finally:
        code, _ = served.stop()
    assert code == 0

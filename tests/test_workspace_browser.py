"""The workspace in a real browser (Playwright for Python, Debian's Chromium): from
`asfcert new` to *Redo för revision* without touching a YAML file, axe-core on every page,
the keyboard alone, 390 px and 200 % zoom, offline, and a conflict between two tabs.

With ASFCERT_SCREENSHOTS=DIR (`make screenshots` sets docs/img) the walkthrough's
screenshots for docs/workspace.md are written there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import (
    EVIDENCE,
    EXTRA_EVIDENCE,
    GOOD_PROFILE,
    KIND_TEXT,
    pdf_bytes,
    standard,
)
from workspace_browser import AS_OF, Served, axe, chromium, links, no_overflow, watch

EXAMPLES = Path(__file__).parents[1] / "examples" / "omgang-ht2026"
NAME = "Gröna Verkstaden ek. för."
ORG = "829502-4247"


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="sv-SE")
    p = context.new_page()
    p.problems = watch(p)
    yield p
    context.close()


def shot(page, name: str) -> None:
    target = os.environ.get("ASFCERT_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"workspace-{name}.png"))


def saved(page) -> None:
    """Click the form's first Save button and wait for the page after the redirect."""
    with page.expect_navigation():
        page.locator("form button[type=submit]:not([name])").first.click()


def test_from_asfcert_new_to_ready_for_audit_without_touching_yaml(tmp_path, page):
    folder = tmp_path / "grona-verkstaden"
    made = subprocess.run([sys.executable, "-m", "asfcert", "new", str(folder), "--name", NAME, "--org-number", ORG],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    documents = tmp_path / "dokument"  # the company's PDFs, outside the folder, as on their own computer
    documents.mkdir()
    for rel in sorted(set(EVIDENCE.values()) | set(EXTRA_EVIDENCE)):
        lines = KIND_TEXT.get(rel, ("Dokumentet är upprättat 2026-03-12.",))
        (documents / Path(rel).name).write_bytes(pdf_bytes(Path(rel).stem, f"{NAME}, org.nr {ORG}", *lines))
    served = Served(folder)
    base = served.base
    page.goto(served.url)
    assert page.get_attribute("[data-ready]", "data-ready") == "no"
    assert page.locator("ol.steps li").count() == 3
    shot(page, "1-start")

    # 1. The documents, each uploaded into its kit folder.
    for rel in sorted(set(EVIDENCE.values()) | set(EXTRA_EVIDENCE)):
        page.goto(base + "/evidence")
        page.select_option("#upload-folder", rel.split("/")[1])
        page.set_input_files("#upload-file", str(documents / Path(rel).name))
        saved(page)
        assert f"Uppladdat: {rel}" in page.inner_text(".flash")
    shot(page, "2-evidence")

    # 2. The profile, section by section.
    p = GOOD_PROFILE
    page.goto(base + "/profile/company")
    page.select_option("#f-legal_form", p["legal_form"])
    page.fill("#f-county", p["county"])
    page.fill("#f-municipality", p["municipality"])
    page.fill("#f-industries", "\n".join(p["industries"]))
    saved(page)
    page.goto(base + "/profile/owners")
    owner = p["owners"][0]
    page.fill("#f-owners-0-name", owner["name"])
    page.select_option("#f-owners-0-kind", owner["kind"])
    page.fill("#f-owners-0-share_percent", str(owner["share_percent"]))
    saved(page)
    page.goto(base + "/profile/headcount")
    for key, value in p["headcount"].items():
        page.fill(f"#f-headcount-{key}", str(value))
    saved(page)
    page.goto(base + "/profile/pay")
    for i, role in enumerate(p["pay"]):
        page.fill(f"#f-pay-{i}-role", role["role"])
        page.fill(f"#f-pay-{i}-monthly_sek", f"{role['monthly_sek']:,}".replace(",", " "))
        if i + 1 < len(p["pay"]):
            with page.expect_navigation():
                page.click("button[name=add][value=pay]")
    from playwright.sync_api import expect

    expect(page.locator("#pay-ratio .figure")).to_contain_text("40 000 / 16 000 = 2,50")  # recomputed as typed (htmx)
    page.locator("#pay-ratio").scroll_into_view_if_needed()
    shot(page, "3-pay")
    saved(page)
    page.goto(base + "/profile/supervisors")
    sup = p["work_supervisors"][0]
    page.fill("#f-work_supervisors-0-role", sup["role"])
    page.fill("#f-work_supervisors-0-employer", sup["employer"])
    page.select_option("#f-work_supervisors-0-employer_sector", sup["employer_sector"])
    page.fill("#f-work_supervisors-0-count", str(sup["count"]))
    saved(page)
    page.goto(base + "/profile/finances")
    year = p["finances"][0]
    for key in ("year", "revenue_sek", "result_sek", "dividends_sek"):
        page.fill(f"#f-finances-0-{key}", str(year[key]))
    saved(page)
    page.goto(base + "/profile/agreements")
    page.check("#f-collective_agreement-has_agreement-1")
    page.fill("#f-collective_agreement-agreement", p["collective_agreement"]["agreement"])
    page.check("#f-work_environment-sam_in_place-1")
    page.fill("#f-work_environment-last_annual_review", str(p["work_environment"]["last_annual_review"]))
    page.check("#f-work_environment-safety_representative-1")
    saved(page)
    page.goto(base + "/profile/participation")
    for occasion in ("introduction", "daily_operation", "board_decisions"):
        page.fill(f"#f-participation-{occasion}-description", p["participation"][occasion]["description"])
        for rel in p["participation"][occasion]["evidence"]:
            page.check(f"input[name='participation.{occasion}.evidence'][value='{rel}']")
    page.check("#f-participation-employees_can_become_members-1")
    saved(page)
    assert not page.locator(".finding").count(), page.inner_text("main")

    # 3. Every requirement that blocks certification, answered with documents.
    for req in standard().enabled:
        if req.decided_by != "auditor" or req.severity != "blocker":
            continue
        page.goto(f"{base}/req/{req.id}")
        page.check("#status-met")
        page.fill("#f-description", f"Så här uppfyller vi {req.id}: det är beskrivet och följs upp.")
        for kind in req.evidence:
            page.check(f"input[name=evidence][value='{EVIDENCE[kind]}']")
        if req.id == "3.1.a":
            shot(page, "4-requirement")
        saved(page)
        assert page.get_attribute("[data-status]", "data-status") == "ready", (req.id, page.inner_text("#findings"))

    page.goto(base + "/")
    assert page.get_attribute("[data-ready]", "data-ready") == "yes"
    assert "Redo för revision" in page.inner_text("header")
    shot(page, "5-ready")
    assert page.problems == []
    code, output = served.stop()
    assert code == 0 and "Arbetsytan är stängd." in output

    check = subprocess.run([sys.executable, "-m", "asfcert", "check", str(folder), "--as-of", AS_OF], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert "Redo för revision" in check.stdout
    assert "# Så här svarar ni:" in next((folder / "self-assessment").glob("3.1-*.yaml")).read_text(encoding="utf-8")


def test_every_page_passes_axe_fits_390_px_and_200_percent_and_works_offline(tmp_path, page):
    folder = Path(shutil.copytree(EXAMPLES / "traden", tmp_path / "traden"))
    served = Served(folder)
    page.goto(served.url)
    seen, todo, failures = set(), ["/", "/?lang=en", "/nothing-here"], []
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(served.base + path)
        found = axe(page)
        if found:
            failures.append((path, found))
        for width in (390, 640):  # a phone; and 1280 px at 200 % zoom
            page.set_viewport_size({"width": width, "height": 900})
            if not no_overflow(page):
                failures.append((path, f"overflows at {width} px"))
        todo += [link for link in links(page) if link not in seen and "lang=" not in link]
    assert len(seen) > 45
    # the pages a refused action shows: a conflict, and an upload that would overwrite
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(served.base + "/profile/pay")
    (folder / "company.yaml").write_text((folder / "company.yaml").read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    page.fill("#f-pay-0-monthly_sek", "1")
    saved(page)
    assert page.locator("[data-code=save-conflict]").count() == 1
    failures += [("conflict", v) for v in axe(page)]
    page.goto(served.base + "/evidence")
    page.select_option("#upload-folder", "stadgar")
    page.set_input_files("#upload-file", str(next((folder / "evidence" / "stadgar").glob("*.pdf"))))
    saved(page)
    assert page.locator("[data-code=upload-exists]").count() == 1
    failures += [("upload refused", v) for v in axe(page)]
    anonymous = page.context.browser.new_page()
    anonymous.goto(served.base + "/")
    assert anonymous.locator("[data-code=no-session]").count() == 1
    failures += [("no session", v) for v in axe(anonymous)]
    anonymous.close()
    assert failures == []
    assert [p for p in page.problems if "409" not in p and "404" not in p] == []
    assert served.stop()[0] == 0


def test_keyboard_alone_answers_a_requirement_with_visible_focus(tmp_path, page):
    folder = Path(shutil.copytree(EXAMPLES / "kvarnen", tmp_path / "kvarnen"))
    served = Served(folder)
    page.goto(served.url)
    page.goto(served.base + "/req/3.1.b")

    def tab_to(selector: str, limit: int = 120) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
                " return {visible: s.outlineStyle !== 'none' || s.boxShadow !== 'none', html: e.outerHTML.slice(0, 80)}; })()"
            )
            assert focused["visible"], focused["html"]
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"{selector} not reached with Tab")

    tab_to("a.skip")
    tab_to("#status-met")
    page.keyboard.press("ArrowDown")  # to "Delvis uppfyllt"
    assert page.evaluate("document.activeElement.id") == "status-partly"
    tab_to("#f-description")
    page.keyboard.press("Control+End")
    page.keyboard.type(" Skrivet med tangentbordet.")
    tab_to("form.answer button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Sparat." in page.inner_text(".flash")
    text = (folder / "self-assessment" / "3.1-3.3.yaml").read_text(encoding="utf-8")
    assert "Skrivet med tangentbordet." in text and "status: partly" in text
    assert served.stop()[0] == 0


def test_a_second_tab_cannot_overwrite_the_first(tmp_path, page):
    folder = Path(shutil.copytree(EXAMPLES / "kvarnen", tmp_path / "kvarnen"))
    served = Served(folder)
    page.goto(served.url)
    first, second = page, page.context.new_page()
    for tab in (first, second):
        tab.goto(served.base + "/profile/headcount")
    first.fill("#f-headcount-employees", "21")
    saved(first)
    second.fill("#f-headcount-employees", "22")
    saved(second)
    assert second.locator("[data-code=save-conflict]").count() == 1
    assert "22" in second.inner_text("td.yours") and "21" in second.inner_text("td.theirs")
    shot(second, "6-conflict")
    assert "employees: 21" in (folder / "company.yaml").read_text(encoding="utf-8")
    assert served.stop()[0] == 0


def test_pages_work_without_javascript(tmp_path, browser):
    folder = Path(shutil.copytree(EXAMPLES / "kvarnen", tmp_path / "kvarnen"))
    served = Served(folder)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url)
    page.goto(served.base + "/profile/pay")
    page.fill("#f-pay-0-monthly_sek", "80000")
    saved(page)
    assert "80 000 / 28 200" in page.inner_text("#pay-ratio")  # worked out by the server after the save
    assert page.locator("[data-code=pay-ratio-exceeded]").count() == 1
    context.close()
    assert served.stop()[0] == 0

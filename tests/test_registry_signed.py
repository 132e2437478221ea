"""`registry build` with the registry's keys: the signed list, the root and its
fingerprint, and the verification pages, checked in a headless Chromium (Playwright,
Debian's Chromium, axe-core vendored under tests/vendor/axe-core): a valid certificate, a
withdrawn one, a tampered list; no console errors, axe finds nothing, the keyboard alone
is enough, and the pages fit a 390 px phone. Without keys the list is built unsigned,
with a warning; a wrong passphrase writes nothing."""

import base64
import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from trust_helpers import TODAY, cli, make_registry, record, signer

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
CODE = "QXR7M-2KD9P"
DAY = dt.timedelta(days=1)
VALID, WITHDRAWN, REMARKED = "ASF-2026-0001", "ASF-2026-0002", "ASF-2026-0003"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND"]


@pytest.fixture(scope="module")
def registry_with_keys(tmp_path_factory):
    from test_verify_anywhere import issue

    reg = tmp_path_factory.mktemp("signed") / "reg"
    store = make_registry(reg)
    who = signer(store)
    remark = {"requirement": "work-environment", "title_sv": "Arbetsmiljö", "deadline": TODAY + 90 * DAY}
    pdfs = {
        VALID: issue(reg, who, record(VALID)),
        WITHDRAWN: issue(reg, who, record(WITHDRAWN, status="withdrawn", events=[
            {"date": TODAY - 60 * DAY, "action": "issued"}, {"date": TODAY - 2 * DAY, "action": "withdrawn", "reason": "Upphört"}])),
        REMARKED: issue(reg, who, record(REMARKED, remarks=[remark], company={"name": "Kvarnen i Byn AB", "org_number": "559402-1189"},
                                         decision={"id": REMARKED, "date": TODAY - 60 * DAY, "auditor": "Åsa Öberg",
                                                   "outcome": "certified-with-remarks"})),
    }
    return reg, store, pdfs


@pytest.fixture(scope="module")
def site(registry_with_keys, tmp_path_factory):
    reg, _, _ = registry_with_keys
    out = tmp_path_factory.mktemp("site") / "site"
    proc = cli("registry", "build", str(reg), "--out", str(out), "--as-of", TODAY.isoformat(), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    return out, json.loads(proc.stdout)


def test_the_build_publishes_the_signed_list_root_and_pages(registry_with_keys, site):
    from asfcert.records import status_list
    from asfcert.records.trust import load_certificate

    _, store, _ = registry_with_keys
    out, summary = site
    root = load_certificate((out / "root.pem").read_bytes())
    fingerprint = store.export()[1]
    assert (out / "root-fingerprint.txt").read_text() == f"SHA-256 {fingerprint}\n"
    assert summary["signed_list"] == {"certificates": 3, "root_sha256": fingerprint} and summary["verify_pages_written"] == 3
    payload = status_list.read(json.loads((out / "asf-list.json").read_text()), root)
    assert {c["number"]: c["status"] for c in payload["certificates"]} == {VALID: "valid", WITHDRAWN: "withdrawn", REMARKED: "valid"}
    remarked = status_list.find(payload, REMARKED)
    assert remarked["remarks"][0]["deadline"] == (TODAY + 90 * DAY).isoformat() and remarked["remarks"][0]["closed"] is None
    assert sorted(p.name for p in (out / "verify").iterdir()) == [f"{n}.html" for n in (VALID, WITHDRAWN, REMARKED)]
    assert (out / "verify.html").is_file() and (out / "verify.js").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert WITHDRAWN not in index and VALID in index and fingerprint in index  # the human list: valid ones only
    companies = json.loads((out / "asf-companies.json").read_text(encoding="utf-8"))
    assert sorted(c["certificate"]["number"] for c in companies["companies"]) == [VALID, REMARKED]
    page = next((out / "foretag").glob("gron*.html")).read_text(encoding="utf-8")
    assert f'href="../verify/{VALID}.html"' in page


def test_closing_the_last_remark_makes_the_list_say_certified(registry_with_keys, tmp_path):
    from asfcert.certify.status import close_remark
    from asfcert.records import status_list
    from asfcert.records.trust import load_certificate

    reg = tmp_path / "reg"
    shutil.copytree(registry_with_keys[0], reg)
    out = tmp_path / "site"

    def outcome():
        proc = cli("registry", "build", str(reg), "--out", str(out), "--as-of", TODAY.isoformat())
        assert proc.returncode == 0, proc.stderr
        listed = json.loads((out / "asf-companies.json").read_text(encoding="utf-8"))["companies"]
        signed = status_list.read(json.loads((out / "asf-list.json").read_text()), load_certificate((out / "root.pem").read_bytes()))
        return next(c["certificate"]["outcome"] for c in listed if c["certificate"]["number"] == REMARKED), status_list.find(signed, REMARKED)["outcome"]

    assert outcome() == ("certified-with-remarks", "certified-with-remarks")
    close_remark(REMARKED, "work-environment", "SAM på plats", registry_dir=reg, today=TODAY)
    assert outcome() == ("certified", "certified")
    assert "Certifierad med anmärkningar" not in next((out / "foretag").glob("kvarnen*.html")).read_text(encoding="utf-8")


def test_a_wrong_passphrase_writes_nothing(registry_with_keys, tmp_path):
    reg, _, _ = registry_with_keys
    proc = cli("registry", "build", str(reg), "--out", str(tmp_path / "site"), "-f", "json", passphrase="fel lösenfras helt klart")
    assert proc.returncode == 2 and json.loads(proc.stdout)["code"] == "key-passphrase-wrong"
    assert not (tmp_path / "site").exists()
    proc = cli("registry", "build", str(reg), "--out", str(tmp_path / "site"), "-f", "json", passphrase=None)  # no terminal to ask in
    assert proc.returncode == 2 and json.loads(proc.stdout)["code"] == "key-passphrase-missing" and not (tmp_path / "site").exists()


def test_without_keys_the_list_is_built_unsigned_with_a_warning(registry_with_keys, tmp_path, site):
    reg = tmp_path / "reg"
    shutil.copytree(registry_with_keys[0], reg)
    shutil.rmtree(reg / "keys")
    out = tmp_path / "site"
    shutil.copytree(site[0], out)  # an earlier signed build: its status files must not stay stale
    proc = cli("registry", "build", str(reg), "--out", str(out), "-f", "json", passphrase=None)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert "site-unsigned" in [f["code"] for f in summary["findings"]] and summary["signed_list"] is None
    assert not any((out / name).exists() for name in ("asf-list.json", "root.pem", "verify.html", "verify"  + "/" + f"{VALID}.html"))
    assert (out / "index.html").is_file() and (out / "asf-companies.json").is_file()


# ---- in Chromium -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(site):
    """After the site is built: Playwright's sync API runs an event loop, and pyHanko's
    signing (asyncio.run) cannot run inside one."""
    from cdp import find_chromium

    required = os.environ.get("ASFCERT_REQUIRE_BROWSER")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "Playwright for Python is not installed (the test extras)"
        pytest.fail(reason) if required else pytest.skip(reason)
    path = find_chromium()
    if path is None:
        reason = "Chromium not found: run `make browser` (apt-get install chromium) or set ASFCERT_CHROMIUM"
        pytest.fail(reason) if required else pytest.skip(reason)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page at a phone's width, with its console errors, failed requests and requests."""

    def __init__(self, browser, url: str, width: int = 390):
        self.context = browser.new_context(viewport={"width": width, "height": 844})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)

    def until(self, expression: str, seconds: float = 20):
        """Poll with evaluate (not wait_for_function, whose string form the page's CSP
        refuses as eval)."""
        import time

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.page.evaluate(expression)
            if value:
                return value
            self.page.wait_for_timeout(50)
        raise AssertionError(f"not within {seconds} s: {expression}")

    def ready(self):
        self.until("document.documentElement.dataset.ready === 'yes'")

    def verdict(self) -> str:
        return self.until("document.getElementById('verdict').dataset.verdict")

    def axe(self) -> list[dict]:
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8"))
        return self.page.evaluate(
            "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))"
            ".violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))")

    def fits(self) -> bool:
        return self.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")

    def close(self):
        self.context.close()


@pytest.mark.parametrize("number, verdict, shown", [
    (VALID, "valid", ["Giltigt", "Gröna Händer på Åkern ekonomisk förening"]),
    (WITHDRAWN, "withdrawn", ["Återkallat", "återkallat"]),
    (REMARKED, "valid", [f"work-environment (åtgärdas senast {(TODAY + 90 * DAY).isoformat()})"]),  # an open remark, its deadline
])
def test_a_certificates_own_page(browser, site, number, verdict, shown):
    out, _ = site
    page = Page(browser, (out / "verify" / f"{number}.html").as_uri())
    page.ready()
    assert page.verdict() == verdict
    text = page.page.inner_text("#result")
    assert all(words in text for words in shown), text
    assert page.page.inner_text("h1") == f"Kontrollera certifikat {number}"
    assert page.axe() == [] and page.fits() and page.problems == []
    assert all(url.startswith(out.as_uri()) for url in page.requests), page.requests  # offline: nothing else is fetched
    page.close()


def test_the_verification_page_by_keyboard_alone(browser, site):
    out, _ = site
    page = Page(browser, (out / "verify.html").as_uri())
    page.ready()
    assert page.axe() == [] and page.fits()
    keyboard = page.page.keyboard
    for _ in range(10):  # from the top of the page to the number field, by Tab only
        keyboard.press("Tab")
        if page.page.evaluate("document.activeElement.id") == "number":
            break
    assert page.page.evaluate("document.activeElement.id") == "number"
    keyboard.type(WITHDRAWN)
    keyboard.press("Tab")
    keyboard.type(CODE.lower())
    keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.id") == "check"
    keyboard.press("Enter")
    assert page.verdict() == "withdrawn"
    assert page.axe() == [] and page.fits() and page.problems == []  # with the answer shown too
    page.close()


def test_a_tampered_list_shows_no_status(browser, site, tmp_path):
    out, _ = site
    changed = tmp_path / "site"
    shutil.copytree(out, changed)
    html = (changed / "verify" / f"{WITHDRAWN}.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="asf-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    payload = json.loads(base64.urlsafe_b64decode(data["list"]["payload"] + "=="))
    payload["certificates"][0].update(status="valid", events=[])  # withdrawn -> valid, the signature left as it was
    data["list"]["payload"] = base64.urlsafe_b64encode(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()).rstrip(b"=").decode()
    text = json.dumps(data, ensure_ascii=True, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    html = re.sub(r'(<script id="asf-data" type="application/json">).*?(</script>)', lambda m: m.group(1) + text + m.group(2), html, flags=re.S)
    (changed / "verify" / f"{WITHDRAWN}.html").write_text(html, encoding="utf-8")
    page = Page(browser, (changed / "verify" / f"{WITHDRAWN}.html").as_uri())
    page.ready()
    assert page.page.evaluate("document.getElementById('list-status').dataset.state") == "signature"
    assert "går inte att lita på" in page.page.inner_text("#list-status")
    assert page.page.evaluate("document.getElementById('result').hidden") and page.page.evaluate("document.getElementById('inputs').hidden")
    assert page.axe() == [] and page.problems == []
    page.close()


@pytest.mark.parametrize("name", ["index.html", "foretag"])
def test_the_human_list_fits_a_phone_and_passes_axe(browser, site, name):
    out, _ = site
    path = out / name if name.endswith(".html") else next((out / name).glob("*.html"))
    page = Page(browser, path.as_uri())
    assert page.axe() == [] and page.fits() and page.problems == []
    page.close()

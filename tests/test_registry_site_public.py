"""The public ASF list a buyer reads: Swedish at / and English at /en/ in one build, each
page linked to its twin; sortable columns; the complaint flag that only the standard's
`policy.publish_complaints_under_investigation` turns on. In Chromium (Playwright,
Debian's Chromium, axe-core vendored) at 1280 and 390 px: no horizontal overflow, no
console error, axe finds nothing, sorting works from the keyboard."""

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import test_registry_signed as signed_tests
import test_registry_site as site_tests
from test_registry_signed import Page
from test_registry_site import AS_OF, files, valid_now
from trust_helpers import PASSPHRASE, cli

DAY = dt.timedelta(days=1)
# fixtures shared with the older modules; `browser` starts after this module's `site`
reg, synthetic, browser = site_tests.reg, site_tests.synthetic, signed_tests.browser


def build(reg: Path, out: Path, today: dt.date = AS_OF, standard: Path | None = None, secret: bytes | None = None):
    from asfcert.site.build import build as run

    return run(reg, out, today, "sv", secret=secret, standard=standard)


def standard_file(folder: Path, publish: bool) -> Path:
    """The shipped standard with `publish_complaints_under_investigation` set."""
    from asfcert.base.resources import default_standard

    text = default_standard().read_text(encoding="utf-8")
    assert "publish_complaints_under_investigation: false" in text
    path = folder / "standard.yaml"
    path.write_text(text.replace("publish_complaints_under_investigation: false", f"publish_complaints_under_investigation: {str(publish).lower()}"),
                    encoding="utf-8")
    return path


def complain(reg: Path, *complaints: tuple) -> None:
    """complaints.yaml through its saver: (id, certificate, received, [(date, status), ...])."""
    from asfcert.formats.complaint import Complaint
    from asfcert.records.complaints import save

    save(reg, [Complaint(id=i, certificate=n, received=r, summary="Uppgifter om arbetsmiljön stämmer inte",
                         history=[{"date": d, "status": s} for d, s in changes]) for i, n, r, changes in complaints])


def page_links(html: str) -> tuple[str, dict[str, str], tuple[str, str]]:
    """The page's lang, its hreflang alternates and its visible link to the other language."""
    lang = re.search(r'<html lang="(\w+)"', html).group(1)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))
    other = re.search(r'<nav class="lang"[^>]*><a href="([^"]+)" hreflang="(\w+)" lang="\w+">', html)
    return lang, alternates, (other.group(2), other.group(1))


def resolve(out: Path, page: str, href: str) -> str:
    """`href` on the page `page` (relative to the site), as a path relative to the site."""
    return urlsplit(urljoin(f"http://site/{page}", href)).path.lstrip("/")


def assert_twins(out: Path, pages: dict[str, str]) -> None:
    """Both pages exist, say their language, and link to themselves and each other."""
    for lang, page in pages.items():
        declared, alternates, (other_lang, other_href) = page_links((out / page).read_text(encoding="utf-8"))
        assert declared == lang, page
        assert {k: resolve(out, page, v) for k, v in alternates.items()} == pages, page
        assert other_lang != lang and resolve(out, page, other_href) == pages[other_lang], page


def test_one_build_holds_both_languages_linked_to_each_other(reg, tmp_path):
    out = tmp_path / "site"
    proc = cli("registry", "build", str(reg), "--out", str(out), "--as-of", AS_OF.isoformat(), "--lang", "en", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    entries = build(reg, out).listing.entries
    assert summary["lang"] == "en" and summary["pages_written"] == len(entries)  # --lang: the summary's language only
    assert_twins(out, {"sv": "index.html", "en": "en/index.html"})
    for e in entries:
        assert (e.page_in("sv"), e.page_in("en")) == (f"foretag/{e.slug}.html", f"en/companies/{e.slug}.html")
        assert_twins(out, {"sv": e.page_in("sv"), "en": e.page_in("en")})
    for lang, folder in (("sv", out), ("en", out / "en")):
        data = json.loads((folder / "asf-companies.json").read_text(encoding="utf-8"))
        assert data["lang"] == lang and [c["page"] for c in data["companies"]] == [e.page_in(lang) for e in entries]
        index = (folder / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<td data-label="[^"]+" data-sort="\d+"><a href="([^"]+)">', index)
        assert [resolve(out, f"{'en/' if lang == 'en' else ''}index.html", h) for h in links] == [e.page_in(lang) for e in entries]
    assert not (out / "en" / "foretag").exists()


def test_with_public_url_the_alternates_are_absolute(reg, tmp_path):
    with (reg / "registry.yaml").open("a", encoding="utf-8") as fh:
        fh.write("public_url: https://skoopi.example/asf/\n")
    out = tmp_path / "site"
    entry = build(reg, out).listing.entries[0]
    _, alternates, (_, other) = page_links((out / entry.page_in("en")).read_text(encoding="utf-8"))
    assert alternates == {"sv": f"https://skoopi.example/asf/{entry.page_in('sv')}", "en": f"https://skoopi.example/asf/{entry.page_in('en')}"}
    assert other == f"../../{entry.page_in('sv')}"  # the visible link works from disk too


def test_a_rebuild_removes_both_languages_pages(reg, tmp_path):
    from asfcert.certify.status import change

    out = tmp_path / "site"
    entry = build(reg, out).listing.entries[0]
    change(entry.record.number, "withdraw", "Verksamheten har upphört", registry_dir=reg, today=AS_OF)
    result = build(reg, out)
    assert not (out / entry.page_in("sv")).exists() and not (out / entry.page_in("en")).exists()
    assert result.to_dict()["pages_removed"] == [f"{entry.slug}.html"]  # counted once
    assert entry.record.number not in (out / "en" / "index.html").read_text(encoding="utf-8")


def test_sort_ranks_follow_swedish_order_with_empty_cells_last():
    from types import SimpleNamespace as NS

    from asfcert.render.site.html import SORT_COLUMNS, sort_ranks

    def entry(name, municipality, until, number):
        return NS(name=name, municipality=municipality, county=None, industries=[],
                  record=NS(valid_until=dt.date.fromisoformat(until), number=number))

    entries = [entry("Ängen", "Örebro", "2027-03-01", "ASF-2026-0002"), entry("Yngve", None, "2027-01-01", "ASF-2026-0003"),
               entry("Alfa", "Åre", "2028-01-01", "ASF-2026-0001")]
    ranks = sort_ranks(entries)
    assert [r["name"] for r in ranks] == [2, 1, 0]  # Alfa, Yngve, Ängen: å, ä, ö after the other letters
    assert [r["municipality"] for r in ranks] == [1, 2, 0]  # Åre, Örebro, then the empty one
    assert [r["valid_until"] for r in ranks] == [1, 0, 2] and [r["number"] for r in ranks] == [1, 2, 0]
    assert [r["county"] for r in ranks] == [0, 1, 2]  # all empty: in name order
    assert all(sorted(r[c] for r in ranks) == [0, 1, 2] for c in SORT_COLUMNS)


@pytest.fixture
def complained(reg):
    """Three complaints: one under investigation on the list's date, one dismissed before
    it, one received after it."""
    first, second, third = valid_now(reg)[:3]
    complain(reg, ("K-2026-001", first, AS_OF - 10 * DAY, [(AS_OF - 5 * DAY, "investigating")]),
             ("K-2026-002", second, AS_OF - 20 * DAY, [(AS_OF - 3 * DAY, "dismissed")]),
             ("K-2026-003", third, AS_OF + 3 * DAY, []))
    return reg, first, second


def test_complaints_under_investigation_are_published_when_the_standard_says_so(complained, tmp_path):
    reg, investigated, dismissed = complained
    out = tmp_path / "site"
    proc = cli("registry", "build", str(reg), "--out", str(out), "--as-of", AS_OF.isoformat(), "--standard",
               str(standard_file(tmp_path, True)), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["under_investigation"] == [investigated]
    entries = {e.record.number: e for e in build(reg, tmp_path / "again", standard=standard_file(tmp_path, True)).listing.entries}
    for lang, folder in (("sv", out), ("en", out / "en")):
        data = json.loads((folder / "asf-companies.json").read_text(encoding="utf-8"))
        flags = {c["certificate"]["number"]: c["certificate"]["under_investigation"] for c in data["companies"]}
        assert {n for n, flag in flags.items() if flag} == {investigated} and len(flags) == len(entries)
        rows = list(csv.reader(io.StringIO((folder / "asf-list.csv").read_text(encoding="utf-8-sig")), delimiter=";" if lang == "sv" else ","))
        flag = {r[6]: r[11] for r in rows[1:]}
        assert len(rows[0]) == 12 and [n for n, v in flag.items() if v == flag[investigated]] == [investigated]
        for number, entry in entries.items():
            page = (out / entry.page_in(lang)).read_text(encoding="utf-8")
            assert ('id="investigation"' in page) == (number == investigated), (number, lang)
    def open_on(day):  # as the list stood on an earlier day: a received complaint counts until it is dismissed
        listing = build(reg, tmp_path / day.isoformat(), today=day, standard=standard_file(tmp_path, True)).listing
        return sorted(e.record.number for e in listing.entries if e.under_investigation)

    assert open_on(AS_OF - 6 * DAY) == sorted([investigated, dismissed]) and open_on(AS_OF - 21 * DAY) == []


def test_with_the_setting_off_nothing_about_complaints_is_published(complained, tmp_path):
    reg = complained[0]
    out = tmp_path / "site"
    for standard in (None, standard_file(tmp_path, False)):  # the shipped standard has it off
        assert build(reg, out, standard=standard).to_dict()["under_investigation"] is None
        published = "".join(data.decode("utf-8-sig") for name, data in files(out).items())
        assert "under_investigation" not in published and 'id="investigation"' not in published
        assert "utreds" not in published and "investigat" not in published
        header = next(csv.reader(io.StringIO((out / "asf-list.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
        assert len(header) == 11
    (reg / "complaints.yaml").write_text("format: [\n", encoding="utf-8")
    assert build(reg, tmp_path / "off").listing.entries  # the file is not even read
    proc = cli("registry", "build", str(reg), "--out", str(tmp_path / "on"), "--standard", str(standard_file(tmp_path, True)), "-f", "json")
    assert proc.returncode == 2 and json.loads(proc.stdout)["code"] == "complaints-unusable"
    assert not (tmp_path / "on").exists()  # nothing written


# ---- signed, and in Chromium ------------------------------------------------------------


@pytest.fixture(scope="module")
def site(synthetic, tmp_path_factory):
    """The synthetic registry with keys and a complaint under investigation, built signed
    with the complaint flag on."""
    base = tmp_path_factory.mktemp("public")
    reg = base / "reg"
    shutil.copytree(synthetic, reg)
    proc = cli("registry", "keys", str(reg), "--create")
    assert proc.returncode == 0, proc.stderr
    investigated = valid_now(reg)[0]
    complain(reg, ("K-2026-001", investigated, AS_OF - 10 * DAY, [(AS_OF - 5 * DAY, "investigating")]))
    out = base / "site"
    proc = cli("registry", "build", str(reg), "--out", str(out), "--as-of", AS_OF.isoformat(), "--standard",
               str(standard_file(base, True)), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    listing = build(reg, base / "again", standard=standard_file(base, True), secret=PASSPHRASE.encode()).listing  # the same, in Python
    return out, listing, investigated


def test_verification_pages_in_both_languages(site):
    out, listing, _ = site
    numbers = sorted(p.stem for p in (out / "verify").glob("*.html"))
    assert numbers and numbers == sorted(p.stem for p in (out / "en" / "verify").glob("*.html"))
    assert (out / "en" / "verify.js").read_bytes() == (out / "verify.js").read_bytes()
    assert_twins(out, {"sv": "verify.html", "en": "en/verify.html"})
    assert_twins(out, {"sv": f"verify/{numbers[0]}.html", "en": f"en/verify/{numbers[0]}.html"})
    entry = listing.entries[0]
    for lang in ("sv", "en"):
        page = (out / entry.page_in(lang)).read_text(encoding="utf-8")
        href = re.search(r'<a href="([^"]+/verify/[^"]+)"', page).group(1)
        assert resolve(out, entry.page_in(lang), href) == f"{'en/' if lang == 'en' else ''}verify/{entry.record.number}.html"
        assert (out / resolve(out, entry.page_in(lang), href)).is_file()


def test_every_link_inside_the_site_leads_to_a_file(site):
    out = site[0]
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len(pages) > 4 * len(site[1].entries)  # both languages' indexes, company and verification pages
    for page in pages:
        html = (out / page).read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"]+)"', html):
            if not href.startswith(("http://", "https://", "data:", "#")):
                assert (out / resolve(out, page, href)).is_file(), (page, href)


def test_an_unsigned_rebuild_removes_the_english_verification_pages(site, tmp_path, synthetic):
    out = tmp_path / "site"
    shutil.copytree(site[0], out)
    build(synthetic, out)  # the registry without keys
    assert not any((out / "en" / name).exists() for name in ("verify.html", "verify.js"))
    assert list((out / "en" / "verify").glob("*.html")) == []


PAGES = ["index.html", "en/index.html", "investigated:sv", "investigated:en", "en/verify.html"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", PAGES)
def test_every_kind_of_page_fits_and_passes_axe(browser, site, name, width):
    out, listing, investigated = site
    if name.startswith("investigated:"):
        entry = next(e for e in listing.entries if e.record.number == investigated)
        name = entry.page_in(name.split(":")[1])
    page = Page(browser, (out / name).as_uri(), width=width)
    if "verify" in name:
        page.ready()
    assert page.axe() == [] and page.fits() and page.problems == [], name
    assert all(url.startswith(out.as_uri()) for url in page.requests), page.requests
    if "companies/" in name or "foretag/" in name:
        assert page.page.is_visible("#investigation")
    page.close()


def names_shown(page) -> list[str]:
    return page.page.evaluate("Array.from(document.querySelectorAll('#asf-table tbody tr')).map(r => r.cells[0].textContent.trim())")


def expected(listing, column: str, descending: bool = False) -> list[str]:
    from asfcert.render.site.html import sort_ranks

    ranked = sorted(zip(sort_ranks(listing.entries), listing.entries), key=lambda pair: pair[0][column], reverse=descending)
    return [e.name for _, e in ranked]


@pytest.mark.parametrize("width", [1280, 390])
def test_sorting_by_keyboard(browser, site, width):
    out, listing, _ = site
    page = Page(browser, (out / "index.html").as_uri(), width=width)
    assert names_shown(page) == expected(listing, "name")
    keyboard = page.page.keyboard
    target = 4  # "Giltigt till": the column header buttons come after the filters
    for _ in range(20):
        keyboard.press("Tab")
        if page.page.evaluate(f"document.activeElement === document.querySelectorAll('#asf-table th button')[{target}]"):
            break
    assert page.page.evaluate(f"document.activeElement === document.querySelectorAll('#asf-table th button')[{target}]")
    assert page.page.is_visible(f"#asf-table th:nth-child({target + 1}) button")  # on a phone too: above the cards
    keyboard.press("Enter")
    assert names_shown(page) == expected(listing, "valid_until")
    sorts = "Array.from(document.querySelectorAll('#asf-table th')).map(th => th.getAttribute('aria-sort'))"
    assert page.page.evaluate(sorts) == [None, None, None, None, "ascending", None]
    keyboard.press("Space")
    assert names_shown(page) == expected(listing, "valid_until", descending=True)
    assert page.page.evaluate(sorts)[target] == "descending"
    page.page.fill("#q", listing.entries[0].name.split()[1].lower())  # the filter still works on the sorted rows
    word = listing.entries[0].name.split()[1].lower()
    shown = page.page.evaluate("Array.from(document.querySelectorAll('#asf-table tbody tr:not([hidden])')).map(r => r.cells[0].textContent.trim())")
    assert shown == [n for n in expected(listing, "valid_until", descending=True) if word in n.lower()]
    other = page.page.evaluate("document.querySelector('nav.lang a').href")
    assert other.startswith((out / "en" / "index.html").as_uri()) and other.endswith(f"?q={word}")  # the selection goes along
    if width == 390:  # the card layout: one block per company
        assert page.page.evaluate("getComputedStyle(document.querySelector('#asf-table tbody tr:not([hidden])')).display") == "block"
    else:
        assert page.page.evaluate("getComputedStyle(document.querySelector('#asf-table tbody tr:not([hidden])')).display") == "table-row"
    assert page.axe() == [] and page.fits() and page.problems == []
    page.close()


def test_without_javascript_the_list_is_whole_and_the_headers_plain(browser, site):
    out, listing, _ = site
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto((out / "index.html").as_uri())
    assert page.locator("#asf-table th button").count() == 0
    assert page.locator("#asf-table tbody tr").count() == len(listing.entries)
    assert page.locator("#asf-table th[aria-sort='ascending']").count() == 1  # the list is in name order
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    context.close()

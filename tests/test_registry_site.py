"""`asfcert registry build`: the public ASF list, built from real registries (a real audit and
certificate, and the synthetic generator), and checked in a real headless Chromium."""

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cdp import CDPError, Chromium, find_chromium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
ASFCERT = str(Path(sys.executable).parent / "asfcert")
AS_OF = dt.date(2026, 11, 22)


def cli(*args, cwd=None):
    return subprocess.run([ASFCERT, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def build(reg: Path, out: Path, lang: str = "sv", today: dt.date = AS_OF):
    from asfcert.site.build import build as run

    return run(reg, out, today, lang)


def records(reg: Path) -> dict:
    from asfcert.records import registry

    return {r.number: r for r in registry.records(registry.find(None, reg))}


def update(reg: Path, number: str, **fields):
    from asfcert.records import registry

    return registry.update(registry.find(None, reg), number, lambda rec: rec.model_copy(update=fields))


def files(out: Path) -> dict:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A generated registry of 48 companies in six cohorts (HT2026 back to VT2024), with
    certificates that are valid, expired, and some with remarks."""
    from make_registry import build as generate

    root = tmp_path_factory.mktemp("synthetic") / "reg"
    generate(root, companies=48, pdfs=1, seed=7, per_cohort=8)
    return root


@pytest.fixture
def reg(synthetic, tmp_path):
    shutil.copytree(synthetic, tmp_path / "reg")
    return tmp_path / "reg"


def valid_now(reg: Path) -> list:
    from asfcert.records.certificates import state

    return sorted(n for n, r in records(reg).items() if state(r, AS_OF) == "valid")


def test_only_currently_valid_certificates_are_listed(reg, tmp_path):
    from asfcert.certify.status import change
    from asfcert.records.certificates import state

    valid = valid_now(reg)
    expired = sum(state(r, AS_OF) == "expired" for r in records(reg).values())
    assert len(valid) >= 6 and expired >= 3  # the generator made both
    suspended, withdrawn, replaced = valid[:3]
    change(suspended, "suspend", "SAM-utbildningen är inte gjord", registry_dir=reg, today=AS_OF)
    change(withdrawn, "withdraw", "Verksamheten har upphört", registry_dir=reg, today=AS_OF)
    old = records(reg)[replaced]  # re-certified: a new certificate replaces the old one from its decision date
    new_number = "ASF-2026-9001"
    new = old.model_copy(update={"number": new_number, "effective": AS_OF - dt.timedelta(days=10), "previous": replaced,
                                 "valid_until": AS_OF + dt.timedelta(days=720)})
    from asfcert.records import registry

    (reg / "certificates" / f"{new_number}.yaml").write_text(registry.dump(new), encoding="utf-8")
    update(reg, replaced, superseded_by=new_number, superseded_on=new.effective)

    result = build(reg, tmp_path / "site")
    listed = sorted(e.record.number for e in result.listing.entries)
    assert listed == sorted(set(valid) - {suspended, withdrawn, replaced} | {new_number})
    left = result.listing.left_out
    assert (left["suspended"], left["withdrawn"], left["superseded"]) == (1, 1, 1)
    assert (left["expired"], left["not-yet-valid"]) == (expired, 0)
    data = json.loads((tmp_path / "site" / "asf-companies.json").read_text(encoding="utf-8"))
    assert sorted(c["certificate"]["number"] for c in data["companies"]) == listed
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for number in (suspended, withdrawn, replaced):
        assert number not in index and number not in (tmp_path / "site" / "asf-list.csv").read_text(encoding="utf-8-sig")
    assert len(list((tmp_path / "site" / "foretag").glob("*.html"))) == len(listed)


def test_a_certificate_issued_after_the_date_does_not_exist_yet(reg, tmp_path):
    first = min(records(reg).values(), key=lambda r: r.issued)
    result = build(reg, tmp_path / "site", today=first.issued - dt.timedelta(days=1))
    assert result.listing.entries == [] and sum(result.listing.left_out.values()) == 0  # not even counted


def test_a_rebuild_removes_pages_of_companies_no_longer_listed(reg, tmp_path):
    from asfcert.certify.status import change

    out = tmp_path / "site"
    first = build(reg, out)
    entry = first.listing.entries[0]
    page = out / entry.page
    assert page.is_file()
    change(entry.record.number, "suspend", "Anmärkning ej åtgärdad", registry_dir=reg, today=AS_OF)
    proc = cli("registry", "build", str(reg), "--out", str(out), "--as-of", AS_OF.isoformat(), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["pages_removed"] == [page.name] and summary["listed"] == len(first.listing.entries) - 1
    assert not page.exists()


def test_real_certificate_page_and_details_from_the_company_folder(tmp_path, monkeypatch):
    from audit_helpers import DECIDED, NAME, ORG, certify, decide, setup
    from trust_helpers import PASSPHRASE

    monkeypatch.setenv("ASFCERT_KEY_PASSPHRASE", PASSPHRASE)  # the registry has keys: the build signs the list

    social = "Vi ger människor som stått länge utan arbete en väg tillbaka genom odling."
    company = setup(tmp_path, website="https://gronahander.example", industries=["café", "Trädgård"], social_value=social)
    decide(company)
    record = certify(company).record
    number = record.number
    reg = company.parents[1]
    with (reg / "registry.yaml").open("a", encoding="utf-8") as fh:
        fh.write("verify_url: https://skoopi.example/asf/{number}?code={code}\n")
    out = tmp_path / "site"
    today = DECIDED + dt.timedelta(days=1)
    assert build(reg, out, today=DECIDED - dt.timedelta(days=1)).listing.entries == []  # not valid before the decision
    result = build(reg, out, today=today)
    (entry,) = result.listing.entries
    assert (entry.county, entry.municipality, entry.industries) == ("Dalarnas län", "Falun", ["café", "Trädgård"])
    page = (out / entry.page).read_text(encoding="utf-8")
    assert entry.page == "foretag/grona-hander-pa-akern-ekonomisk-forening.html"
    for expected in [NAME, ORG, number, DECIDED.isoformat(), "2028-11-29", "SKOOPI", "Giltigt per 2026-12-01",
                     "Certifierad", "asf-pas10", "https://gronahander.example", "<svg", "CERTIFIERAT", "Dalarnas län"]:
        assert expected in page, expected
    assert f'href="../verify/{number}.html"' in page  # a signed build links its own verification page
    assert social in page  # the social value, in the company's own words
    assert json.loads((out / "asf-companies.json").read_text(encoding="utf-8"))["companies"][0]["social_value"] == social
    assert json.loads((out / "asf-companies.json").read_text(encoding="utf-8"))["companies"][0]["certificate"]["verify_url"].endswith(record.code)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-lan="Dalarnas län"' in index and 'data-bransch="cafe|tradgard"' in index and NAME in index
    page = (out / entry.page_in("en")).read_text(encoding="utf-8")  # the same build holds the English page
    assert entry.page_in("en") == "en/companies/grona-hander-pa-akern-ekonomisk-forening.html"
    assert "Valid as of 2026-12-01" in page and "CERTIFIED" in page and 'lang="en"' in page


def test_personal_identity_numbers_are_never_published(reg, tmp_path):
    number = valid_now(reg)[0]
    rec = records(reg)[number]
    update(reg, number, company=rec.company.model_copy(update={"org_number": "811218-9876", "name": "Fiktiv Firma 811218-9876"}))
    out = tmp_path / "site"
    entry = next(e for e in build(reg, out).listing.entries if e.record.number == number)
    assert entry.org_number is None
    for name, data in files(out).items():
        text = data.decode("utf-8-sig")
        assert not re.search(r"811218.?9876|8112189876", text), name
    assert "(enskild firma, visas inte)" in (out / entry.page).read_text(encoding="utf-8")


def test_missing_company_folder_and_unsafe_website_are_warnings(reg, tmp_path):
    gone, unsafe = valid_now(reg)[:2]
    shutil.rmtree(reg / records(reg)[gone].company.folder)
    yaml = reg / records(reg)[unsafe].company.folder / "company.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + 'website: "javascript:alert(1)"\n', encoding="utf-8")
    out = tmp_path / "site"
    proc = cli("registry", "build", str(reg), "--out", str(out), "--as-of", AS_OF.isoformat(), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "site-company-details-missing" in proc.stdout and "site-website-refused" in proc.stdout
    result = build(reg, out)
    codes = {f.code: f for f in result.listing.findings}
    assert codes["site-company-details-missing"].location.file == f"certificates/{gone}.yaml"
    missing = next(e for e in result.listing.entries if e.record.number == gone)
    assert (missing.county, missing.industries) == (None, [])
    assert "javascript:" not in "".join(d.decode("utf-8-sig") for d in files(out).values())


@pytest.mark.parametrize("where", ["certificates", "evidence", "not-empty", "registry", "a-file"])
def test_output_folder_guards(reg, tmp_path, where):
    company = reg / records(reg)[valid_now(reg)[0]].company.folder
    (tmp_path / "not-empty").mkdir()
    (tmp_path / "not-empty" / "notes.txt").write_text("mine")
    (tmp_path / "a-file").write_text("x")
    out = {"certificates": reg / "certificates" / "site", "evidence": company / "evidence" / "site",
           "not-empty": tmp_path / "not-empty", "registry": reg, "a-file": tmp_path / "a-file"}[where]
    before = files(reg)
    proc = cli("registry", "build", str(reg), "--out", str(out), "--as-of", AS_OF.isoformat(), "--lang", "en")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and str(out) in proc.stderr
    # inside a company folder, or not a folder: refused for every --out (io/outdir.py)
    code = {"evidence": "out-in-company-folder", "a-file": "out-not-a-folder"}.get(where)
    assert f"[{code}]" in proc.stderr if code else "Choose a new or empty folder" in proc.stderr
    assert files(reg) == before and (tmp_path / "not-empty" / "notes.txt").read_text() == "mine"


def test_no_registry_exits_2(tmp_path):
    proc = cli("registry", "build", str(tmp_path), "--out", str(tmp_path / "site"), "--lang", "en")
    assert proc.returncode == 2 and "registry.yaml" in proc.stderr and "Traceback" not in proc.stderr


def test_a_broken_certificate_record_exits_2_with_its_place(reg, tmp_path):
    number = valid_now(reg)[0]
    path = reg / "certificates" / f"{number}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("valid_until:", "valid_until: [", 1), encoding="utf-8")
    proc = cli("registry", "build", str(reg), "--out", str(tmp_path / "site"), "--lang", "en")
    assert proc.returncode == 2 and f"certificates/{number}.yaml:" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "site").exists()


def test_json_and_csv(reg, tmp_path):
    out = tmp_path / "site"
    listed = build(reg, out).listing.entries
    data = json.loads((out / "asf-companies.json").read_text(encoding="utf-8"))
    assert (data["format"], data["lang"], data["as_of"], data["count"]) == ("asfcert-asf-list/1", "sv", "2026-11-22", len(listed))
    first = data["companies"][0]
    assert set(first) == {"name", "org_number", "county", "municipality", "industries", "website", "social_value", "page", "certificate"}
    assert set(first["certificate"]) == {"number", "status", "outcome", "outcome_text", "valid_from", "valid_until", "certifier", "standard", "verify_url"}
    raw = (out / "asf-list.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Företag", "Organisationsnummer", "Län", "Kommun"] and len(rows) == len(listed) + 1
    assert [r[6] for r in rows[1:]] == [c["certificate"]["number"] for c in data["companies"]]
    raw = (out / "en" / "asf-list.csv").read_bytes()  # the same build, in English
    assert not raw.startswith("\ufeff".encode()) and raw.decode().startswith("Company,Organisation number,County")
    english = json.loads((out / "en" / "asf-companies.json").read_text(encoding="utf-8"))
    assert (english["lang"], english["count"]) == ("en", len(listed))
    assert [c["page"] for c in english["companies"]] == [e.page_in("en") for e in listed]
    assert [r[10] for r in csv.reader(io.StringIO(raw.decode()))][1:] == [e.page_in("en") for e in listed]


def test_the_build_is_deterministic_and_escapes_names(reg, tmp_path):
    number = valid_now(reg)[0]
    update(reg, number, company=records(reg)[number].company.model_copy(update={"name": "Kaféet <script>alert(1)</script> & Co"}))
    build(reg, tmp_path / "a")
    build(reg, tmp_path / "b")
    assert files(tmp_path / "a") == files(tmp_path / "b")
    html = "".join(d.decode() for n, d in files(tmp_path / "a").items() if n.endswith(".html"))
    assert "<script>alert(1)" not in html and "Kaféet &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


# ---- in a real browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    required = os.environ.get("ASFCERT_REQUIRE_BROWSER")
    path = find_chromium()
    if path is None:
        reason = "Chromium not found: run `make browser` (apt-get install chromium) or set ASFCERT_CHROMIUM"
        pytest.fail(reason + " ($ASFCERT_REQUIRE_BROWSER is set)") if required else pytest.skip(reason)
    try:
        with Chromium(path, tmp_path_factory.mktemp("chromium")) as browser:
            browser.call("Browser.getVersion")
            yield browser
    except CDPError as e:
        if required:
            raise
        pytest.skip(f"Chromium at {path} did not start: {e}")


@pytest.fixture(scope="module")
def site(synthetic, tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    return out, build(synthetic, out).listing


def visible(page) -> int:
    return page.evaluate("document.querySelectorAll('#asf-table tbody tr:not([hidden])').length")


def test_index_loads_offline_without_errors_and_filters(chromium, site):
    out, listing = site
    total = len(listing.entries)
    page = chromium.open((out / "index.html").as_uri())
    assert page.errors == []
    assert all(url.startswith("file://") for url in page.requests), page.requests  # nothing from the network
    assert page.evaluate("document.getElementById('filters').hidden") is False
    assert visible(page) == total and page.evaluate("document.getElementById('count').textContent") == f"Visar {total} av {total} företag"

    word = listing.entries[0].name.split()[1]  # e.g. "Bageriet": some companies, not all
    expected = sum(1 for e in listing.entries if word.lower() in e.name.lower())
    page.type("#q", word.lower())
    assert 0 < visible(page) == expected < total
    assert page.evaluate("new URLSearchParams(location.search).get('q')") == word.lower()  # a shareable address

    page.evaluate("document.getElementById('filters').reset()")
    page.evaluate("new Promise(r => setTimeout(r, 50))")
    assert visible(page) == total

    county = max(sorted({e.county for e in listing.entries}), key=lambda c: sum(e.county == c for e in listing.entries))
    in_county = [e for e in listing.entries if e.county == county]
    page.evaluate(f"(() => {{ const s = document.getElementById('lan'); s.value = {json.dumps(county)}; s.dispatchEvent(new Event('change')); }})()")
    assert visible(page) == len(in_county) < total
    options = page.evaluate("Array.from(document.getElementById('kommun').options).slice(1).map(o => o.value)")
    assert sorted(options) == sorted({e.municipality for e in in_county})

    from asfcert.render.site.html import industry_key

    for industry in sorted({i for e in in_county for i in e.industries}):  # those with å, ä, ö too
        key = industry_key(industry)
        page.evaluate(f"(() => {{ const s = document.getElementById('bransch'); s.value = {json.dumps(key)}; s.dispatchEvent(new Event('change')); }})()")
        assert page.evaluate("document.getElementById('bransch').value") == key
        assert visible(page) == sum(industry in e.industries for e in in_county) > 0, industry
    page.type("#q", "ingetföretagheterså")
    assert visible(page) == 0 and page.evaluate("document.getElementById('none').hidden") is False
    assert page.errors == []


def test_query_string_prefills_the_filter(chromium, site):
    out, listing = site
    county = listing.entries[-1].county
    page = chromium.open((out / "index.html").as_uri() + "?lan=" + county.replace(" ", "%20"))
    assert page.evaluate("document.getElementById('lan').value") == county
    assert visible(page) == sum(e.county == county for e in listing.entries)
    assert page.errors == []


def test_company_page_in_the_browser(chromium, site):
    out, listing = site
    entry = listing.entries[0]
    page = chromium.open((out / entry.page).as_uri())
    assert page.errors == [] and all(u.startswith("file://") for u in page.requests)
    assert page.evaluate("document.querySelector('figure.stamp svg text:nth-of-type(4)').textContent") == entry.record.number
    assert page.evaluate("document.querySelector('a[href=\"../index.html\"]') !== null") is True


def test_the_browser_check_sees_errors(chromium, site, tmp_path):
    """The negative control: a page whose script was altered after the build is refused by
    its Content-Security-Policy, and the test harness reports it."""
    out, _ = site
    copy = tmp_path / "index.html"
    copy.write_text((out / "index.html").read_text(encoding="utf-8").replace('"use strict";', '"use strict"; // edited', 1), encoding="utf-8")
    page = chromium.open(copy.as_uri())
    assert any("Content Security Policy" in e for e in page.errors), page.errors
    assert page.evaluate("document.getElementById('filters').hidden") is True  # no script: no half-working filters


def test_csv_never_carries_a_live_formula(reg, tmp_path):
    number = valid_now(reg)[0]
    update(reg, number, company=records(reg)[number].company.model_copy(update={"name": '=HYPERLINK("http://example.invalid","Klicka")'}))
    build(reg, tmp_path / "site")
    rows = list(csv.reader(io.StringIO((tmp_path / "site" / "asf-list.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    names = [r[0] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://example.invalid\",\"Klicka\")" in names
    assert not any(n.startswith("=") for n in names)

"""The workspace over HTTP (Starlette's TestClient): sessions, CSRF, the Host check, saves
that never lose anything, uploads that never overwrite, and the pages themselves."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import make_company, pdf_bytes, run
from workspace_client import client, form_fields, submit

EXAMPLES = Path(__file__).parents[1] / "examples" / "omgang-ht2026"
ORG = "829502-4247"


def kit(tmp_path: Path, name: str = "Gröna Verkstaden ek. för.") -> Path:
    from asfcert.kit.create import KitOptions, create_kit

    folder = tmp_path / "kit"
    create_kit(folder, KitOptions(name=name, org_number=ORG))
    return folder


def example(tmp_path: Path, name: str = "kvarnen") -> Path:
    return Path(shutil.copytree(EXAMPLES / name, tmp_path / name))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- who may use it ----------------------------------------------------------------------


def test_without_the_token_every_page_is_forbidden(tmp_path):
    c = client(make_company(tmp_path / "co"), login=False)
    for path in ("/", "/profile/pay", "/req/3.1.a", "/evidence", "/files/stadgar/stadgar.pdf"):
        r = c.get(path)
        assert r.status_code == 403 and 'data-code="no-session"' in r.text, path
    assert c.get("/?token=wrong").status_code == 403
    assert c.post("/profile/pay", data={"csrf": "x"}).status_code == 403


def test_the_token_works_once_and_becomes_an_http_only_session_cookie(tmp_path):
    from starlette.testclient import TestClient

    c = client(make_company(tmp_path / "co"), login=False)
    r = c.get("/req/3.1.a?token=" + c.guard.token + "&lang=en", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/req/3.1.a?lang=en"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and c.guard.token not in cookie
    assert c.get("/").status_code == 200
    other = TestClient(c.app, base_url=str(c.base_url))  # another browser with the used link
    assert other.get("/?token=" + c.guard.token).status_code == 403
    other.cookies.set(c.guard.cookie, "guessed")
    assert other.get("/").status_code == 403


def test_a_foreign_host_name_is_refused(tmp_path):
    """DNS rebinding: a hostile name that resolves to 127.0.0.1 sends its own Host header."""
    c = client(make_company(tmp_path / "co"))
    assert c.get("/", headers={"host": "attacker.example:8765"}).status_code == 421
    assert c.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert c.get("/static/style.css", headers={"host": "attacker.example"}).status_code == 421


@pytest.mark.parametrize("csrf", [None, "", "wrong"])
def test_a_post_without_the_right_csrf_token_is_refused_and_writes_nothing(tmp_path, csrf):
    folder = make_company(tmp_path / "co")
    c = client(folder)
    before = snapshot(folder)
    page = c.get("/profile/pay")
    data = form_fields(page.text, "/profile/pay")
    data["pay.0.monthly_sek"] = ["99999"]
    if csrf is None:
        del data["csrf"]
    else:
        data["csrf"] = [csrf]
    r = c.post("/profile/pay", data=data, follow_redirects=False)
    assert r.status_code == 403 and 'data-code="csrf"' in r.text
    r = c.post("/req/3.1.a", data={k: v for k, v in data.items() if k != "csrf"}, files={"upload": ("x.pdf", b"%PDF-1.4", "application/pdf")})
    assert r.status_code == 403
    assert snapshot(folder) == before


def test_security_headers_and_no_inline_script_or_style(tmp_path):
    c = client(example(tmp_path))
    for path in ("/", "/req/ASF-3.c", "/profile", "/profile/pay", "/evidence", "/nothing-here"):
        r = c.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp, path
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), path
        assert not re.search(r"\sstyle=|\son[a-z]+=", r.text), path


# ---- nothing from outside ----------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/files/%2e%2e/company.yaml", "/files/..%2fcompany.yaml", "/files/stadgar/%2e%2e/%2e%2e/company.yaml",
    "/files/%2fetc%2fpasswd", "/files/link/passwd", "/files/stadgar", "/static/%2e%2e%2fstyle.css",
    "/static/..%2f..%2fpyproject.toml", "/static/LICENSE-htmx.txt", "/company.yaml", "/files/",
])
def test_nothing_is_served_from_outside_evidence_or_the_apps_own_files(tmp_path, path):
    folder = make_company(tmp_path / "co")
    (folder / "evidence" / "link").symlink_to("/etc")
    c = client(folder)
    r = c.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "root:" not in r.text and "company.yaml" not in r.text.split("<h1")[0]


def test_an_evidence_file_is_served_for_reading(tmp_path):
    c = client(make_company(tmp_path / "co"))
    r = c.get("/files/stadgar/stadgar.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF") and r.headers["content-type"] == "application/pdf"


# ---- saving ------------------------------------------------------------------------------


def test_a_save_over_a_file_changed_on_disk_is_refused_and_shows_both_versions(tmp_path):
    folder = make_company(tmp_path / "co")
    c = client(folder)
    page = c.get("/profile/pay")
    data = form_fields(page.text, "/profile/pay")
    data["pay.0.monthly_sek"] = ["41000"]
    edited = (folder / "company.yaml").read_text(encoding="utf-8").replace("40000", "39000") + "# edited in an editor\n"
    (folder / "company.yaml").write_text(edited, encoding="utf-8")
    before = snapshot(folder)
    r = c.post("/profile/pay", data=data, follow_redirects=False)
    assert r.status_code == 409 and 'data-code="save-conflict"' in r.text
    assert "41000" in r.text and "39000" in r.text  # yours and the file's
    assert snapshot(folder) == before


def test_an_answer_saved_over_a_changed_file_is_refused_too(tmp_path):
    folder = make_company(tmp_path / "co")
    c = client(folder)
    page = c.get("/req/3.1.a")
    data = form_fields(page.text, "/req/3.1.a")
    data["description"] = ["Min nya text"]
    answers = folder / "self-assessment" / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8") + "# a second tab\n", encoding="utf-8")
    before = snapshot(folder)
    r = c.post("/req/3.1.a", data=data, files={"upload": ("ny.pdf", pdf_bytes("Ny"), "application/pdf")}, follow_redirects=False)
    assert r.status_code == 409 and "Min nya text" in r.text
    assert snapshot(folder) == before  # not even the upload


def test_a_field_error_stands_next_to_the_field_with_the_same_code_and_hint_as_check(tmp_path):
    folder = make_company(tmp_path / "co")
    c = client(folder)
    r = submit(c, "/profile/pay", {"pay.0.monthly_sek": "fyrtiotusen"})
    assert r.status_code == 303 and r.headers["location"] == "/profile/pay"
    finding = next(f for f in run(folder).findings if f.code == "schema-value")
    assert str(finding.location).startswith("company.yaml:")
    page = c.get("/profile/pay").text
    box = page.split('id="f-pay-0-monthly_sek-err"')[1].split("</div>")[0]
    assert 'data-code="schema-value"' in box and finding.message.sv.replace('"', "&#34;") in box
    assert 'aria-invalid="true"' in page.split('id="f-pay-0-monthly_sek"')[1].split(">")[0]


def test_the_flash_says_saved_and_nothing_changed(tmp_path):
    c = client(make_company(tmp_path / "co"))
    submit(c, "/profile/headcount")
    assert "Inget ändrades." in c.get("/profile/headcount").text
    submit(c, "/profile/headcount", {"headcount.employees": "11"})
    assert "Sparat." in c.get("/profile/headcount").text


def test_rows_are_added_and_removed_with_buttons(tmp_path):
    folder = make_company(tmp_path / "co")
    c = client(folder)
    r = submit(c, "/profile/pay", {"add": "pay"})
    assert r.status_code == 303 and r.headers["location"] == "/profile/pay?add=pay#f-pay"
    page = c.get(r.headers["location"]).text
    assert 'name="pay.rows" value="4"' in page and 'name="pay.3.role" value=""' in page
    r = submit(c, "/profile/pay?add=pay", {"pay.3.role": "Kock", "pay.3.monthly_sek": "25 000"}, action="/profile/pay")
    assert [p.role for p in _company(folder).pay] == ["Verksamhetsledare", "Arbetshandledare", "Medarbetare", "Kock"]
    submit(c, "/profile/pay", {"remove": "pay.1"})
    assert [p.role for p in _company(folder).pay] == ["Verksamhetsledare", "Medarbetare", "Kock"]


def _company(folder: Path):
    from asfcert.formats.company import Company
    from asfcert.io.yamlfile import parse

    return Company.model_validate(parse((folder / "company.yaml").read_bytes(), "company.yaml").data)


def test_a_public_sector_number_is_flagged_in_the_form_and_by_check_whatever_kind(tmp_path):
    folder = make_company(tmp_path / "co")
    c = client(folder)
    r = submit(c, "/profile/owners", {"owners.rows": "2", "owners.1.name": "Exempelby kommun", "owners.1.kind": "private-company",
                                      "owners.1.share_percent": "1", "owners.1.org_number": "212000-0001"})
    assert r.status_code == 303
    f = next(f for f in run(folder).findings if f.code == "public-owner")
    assert f.requirement == "ASF-4.b"
    page = c.get("/profile/owners").text
    assert 'data-code="public-sector-number"' in page
    assert 'data-code="public-owner"' in page.split('id="f-owners-1-org_number-err"')[1].split("</div>")[0]
    live = c.post("/preview/orgnr?field=x", data={"csrf": _csrf(c), "x": "232100-0016"})
    assert 'data-code="public-sector-number"' in live.text
    assert "public-sector-number" not in c.post("/preview/orgnr?field=x", data={"csrf": _csrf(c), "x": "556677-8899"}).text


def _csrf(c) -> str:
    return form_fields(c.get("/profile/pay").text, "/profile/pay")["csrf"][0]


def test_the_pay_ratio_is_recomputed_from_what_is_typed(tmp_path):
    c = client(make_company(tmp_path / "co"))
    r = c.post("/profile/pay/preview", data={"csrf": _csrf(c), "pay.rows": "2", "pay.0.role": "A", "pay.0.monthly_sek": "41 000",
                                              "pay.1.role": "B", "pay.1.monthly_sek": "16000 kr"})
    assert r.status_code == 200 and "41 000 / 16 000 = 2,56 &gt; 2,5" in r.text and 'data-passed="False"' in r.text
    assert "40 000 / 16 000 = 2,50 ≤ 2,5" in c.get("/profile/pay").text  # the saved rows, without JavaScript


# ---- uploads -----------------------------------------------------------------------------


def test_an_upload_never_overwrites_existing_evidence(tmp_path):
    folder = make_company(tmp_path / "co")
    c = client(folder)
    before = snapshot(folder)
    r = submit(c, "/req/3.1.a", {"folder": "stadgar"}, files={"upload": ("stadgar.pdf", pdf_bytes("Fake"), "application/pdf")})
    assert r.status_code == 409 and 'data-code="upload-exists"' in r.text
    assert snapshot(folder) == before
    r = c.post("/evidence", data={"csrf": _csrf(c), "folder": "stadgar"}, files={"upload": ("Stadgar.PDF", pdf_bytes("Fake"), "application/pdf")})
    assert r.status_code == 409 and snapshot(folder) == before


@pytest.mark.parametrize("name, content, folder, code", [
    ("program.exe", b"MZ", "stadgar", "upload-type"),
    ("noext", b"%PDF-1.4", "stadgar", "upload-type"),
    ("fake.pdf", b"<html>", "stadgar", "upload-not-pdf"),
    ("empty.pdf", b"", "stadgar", "upload-empty"),
    ("ok.pdf", b"%PDF-1.4", "../..", "upload-folder"),
    ("ok.pdf", b"%PDF-1.4", "stadgar/../../x", "upload-folder"),
])
def test_uploads_of_the_wrong_kind_or_place_are_refused(tmp_path, name, content, folder, code):
    root = make_company(tmp_path / "co")
    c = client(root)
    before = snapshot(root)
    r = c.post("/evidence", data={"csrf": _csrf(c), "folder": folder}, files={"upload": (name, content, "application/octet-stream")})
    assert r.status_code == 400 and f'data-code="{code}"' in r.text
    assert snapshot(root) == before


def test_an_upload_with_a_path_in_its_name_lands_in_its_kit_folder_only(tmp_path):
    root = make_company(tmp_path / "co")
    c = client(root)
    before = snapshot(root)
    r = c.post("/evidence", data={"csrf": _csrf(c), "folder": "protokoll"}, follow_redirects=False,
               files={"upload": ("../../../company.yaml/Årsmöte 2026 <b>.PDF", pdf_bytes("Protokoll"), "application/pdf")})
    assert r.status_code == 303
    after = snapshot(root)
    assert set(after) - set(before) == {"evidence/protokoll/arsmote-2026-b.pdf"}
    assert all(after[k] == v for k, v in before.items())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["co"]


def test_an_upload_into_a_symlinked_kit_folder_is_refused(tmp_path):
    root = make_company(tmp_path / "co")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "evidence" / "avtal").rename(tmp_path / "avtal-moved")
    (root / "evidence" / "avtal").symlink_to(outside)
    c = client(root)
    r = c.post("/evidence", data={"csrf": _csrf(c), "folder": "avtal"}, files={"upload": ("a.pdf", b"%PDF-1.4", "application/pdf")})
    assert r.status_code == 400 and 'data-code="upload-folder"' in r.text and not list(outside.iterdir())


def test_a_too_large_upload_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    from asfcert.workspace import uploads

    monkeypatch.setattr(uploads, "MAX_BYTES", 1000)
    root = make_company(tmp_path / "co")
    c = client(root)
    before = snapshot(root)
    r = c.post("/evidence", data={"csrf": _csrf(c), "folder": "stadgar"}, files={"upload": ("big.pdf", b"%PDF-" + b"x" * 2000, "application/pdf")})
    assert r.status_code == 400 and 'data-code="upload-too-large"' in r.text and snapshot(root) == before


# ---- the pages ---------------------------------------------------------------------------


def test_every_page_renders_in_swedish_and_in_english(tmp_path):
    from asfcert.workspace.profile import SECTIONS

    folder = example(tmp_path, "traden")
    c = client(folder)
    paths = ["/", "/profile", "/evidence"] + [f"/profile/{s.id}" for s in SECTIONS] + [f"/req/{r.id}" for r in run(folder).requirements]
    for path in paths:
        assert c.get(path).status_code == 200, path
    page = c.get("/?lang=en").text
    assert '<html lang="en">' in page and "What do we do next?" in page
    assert '<html lang="en">' in c.get("/profile/pay").text  # the choice stays for the session
    assert "Vad gör vi nu?" in c.get("/?lang=sv").text


def test_the_start_page_agrees_with_check(tmp_path):
    folder = example(tmp_path, "traden")
    result = run(folder)
    page = client(folder).get("/").text
    assert 'data-ready="no"' in page
    for r in result.requirements:
        assert f'href="/req/{r.id}"' in page
    for c in result.clauses:
        assert f'value="{c.ready + c.not_applicable}"' in page.split(f'href="#clause-{c.id}"')[1].split("</tr>")[0]
    pay = next(r for r in result.requirements if r.id == "ASF-3.c")
    assert pay.summary.sv in page


def test_a_fresh_kit_gets_three_plain_next_steps_that_link_to_their_pages(tmp_path):
    c = client(kit(tmp_path))
    page = c.get("/").text
    steps = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', page.split('class="steps"')[1].split("</ol>")[0])
    assert len(steps) == 3
    assert steps[0][1].startswith("Fyll i ") and "profilen" in steps[0][1]
    assert any(text.startswith("Besvara ") for _, text in steps)
    for url, _ in steps:
        assert c.get(url.split("#")[0]).status_code == 200


def test_a_ready_folder_says_so_and_has_nothing_left_to_do(tmp_path):
    folder = make_company(tmp_path / "co")
    assert run(folder).ready
    page = client(folder).get("/").text
    assert 'data-ready="yes"' in page and "Redo för revision" in page


def test_hostile_text_from_the_files_is_escaped(tmp_path):
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>\x1b[31m'
    folder = make_company(tmp_path / "co", name=hostile, pay=[{"role": hostile, "monthly_sek": 30000}, {"role": "B", "monthly_sek": 20000}])
    c = client(folder)
    for path in ("/", "/profile/pay", "/profile/company", "/req/ASF-3.c"):
        page = c.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page and "\x1b" not in page, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in c.get("/profile/company").text


def test_answering_a_requirement_from_a_fresh_kit_updates_its_findings(tmp_path):
    folder = kit(tmp_path)
    c = client(folder)
    assert 'data-code="answer-missing"' in c.get("/req/3.1.a").text
    r = submit(c, "/req/3.1.a", {"status": "met", "description": "Det står i 2 § i stadgarna.", "folder": "stadgar"},
               files={"upload": ("Stadgar 2024.pdf", pdf_bytes("Stadgar", "§ 2 Ändamål"), "application/pdf")})
    assert r.status_code == 303 and r.headers["location"] == "/req/3.1.a"
    page = c.get("/req/3.1.a").text
    assert "Uppladdat: evidence/stadgar/stadgar-2024.pdf" in page
    assert 'data-code="answer-missing"' not in page and 'data-code="answer-no-evidence"' not in page
    from helpers import requirement

    result = run(folder)
    assert requirement(result, "3.1.a").status == "ready"
    assert requirement(result, "3.1.a").evidence == ["evidence/stadgar/stadgar-2024.pdf"]
    text = next((folder / "self-assessment").glob("3.1-*.yaml")).read_text(encoding="utf-8")
    assert "# Så här svarar ni:" in text  # the kit's help comments survive the save


def test_a_broken_yaml_file_is_shown_with_its_error_and_not_saved_over(tmp_path):
    folder = make_company(tmp_path / "co")
    broken = "name: [\n"
    (folder / "company.yaml").write_text(broken, encoding="utf-8")
    c = client(folder)
    page = c.get("/profile/pay").text
    assert 'data-code="yaml-syntax"' in page
    r = submit(c, "/profile/pay", {"pay.0.role": "X"})
    assert r.status_code == 409 and (folder / "company.yaml").read_text(encoding="utf-8") == broken
    assert c.get("/").status_code == 200

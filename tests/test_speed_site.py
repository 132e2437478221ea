"""`registry build` with the cache (site/rebuild.py): a rebuild that would change nothing
writes nothing, and every rebuild leaves exactly what a fresh build (--no-cache, a new
folder) writes: the same bytes, and for the signed files the same signed statements (a
signature and its time of signing differ on every signing)."""

import base64
import datetime as dt
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from trust_helpers import PASSPHRASE, copy_keys

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
AS_OF = dt.date(2026, 11, 22)
_DATA = re.compile(rb'(<script id="asf-data" type="application/json">)(.*?)(</script>)', re.S)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated registry of 24 companies with the registry's keys: a signed list."""
    from make_registry import build as generate

    root = tmp_path_factory.mktemp("generated") / "reg"
    generate(root, companies=24, pdfs=1, seed=7, per_cohort=8)
    copy_keys(root)
    return root


@pytest.fixture
def reg(generated, tmp_path):
    shutil.copytree(generated, tmp_path / "reg")
    return tmp_path / "reg"


@pytest.fixture
def settled(monkeypatch):
    """Files count as settled at once (company/signatures.py's RACY_NS, two seconds, is
    for a file changed twice within one tick of the clock): the kept build is used on the
    next run instead of two seconds later. ctime still tells every edit."""
    from asfcert.company import signatures
    from asfcert.site import rebuild

    monkeypatch.setattr(signatures, "RACY_NS", 0)
    monkeypatch.setattr(rebuild, "RACY_NS", 0)


def build(reg: Path, out: Path, cache: bool = True, today: dt.date = AS_OF, secret: str = PASSPHRASE):
    from asfcert.io.cache import Cache
    from asfcert.site.build import build as run

    return run(reg, out, today, "sv", secret.encode(), cache=Cache(enabled=cache))


def state(out: Path) -> dict:
    """Every file of the site with its inode and times: what tells a file rewritten."""
    found = {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_ctime_ns)
             for p in out.rglob("*") if p.is_file()}
    return {"folder": out.stat().st_ino, **found}


def _payload(document: dict) -> dict:
    """A signed list's statement, without its time of signing."""
    text = document["payload"]
    payload = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    payload.pop("issued_at")
    return {"protected": document["protected"], "payload": payload}


def comparable(out: Path) -> dict:
    """Every file of the site: its bytes, or for a signed file what it states."""
    files = {}
    for p in sorted(out.rglob("*")):
        if not p.is_file():
            continue
        data = p.read_bytes()
        if p.name == "asf-list.json":
            data = _payload(json.loads(data))
        elif (match := _DATA.search(data)) and b'"list"' in match.group(2):
            inside = json.loads(match.group(2))
            inside["list"] = _payload(inside["list"])
            data = (data[:match.start(2)], inside, data[match.end(2):])
        files[p.relative_to(out).as_posix()] = data
    return files


def assert_as_fresh(reg: Path, out: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    build(reg, fresh, cache=False)
    assert comparable(out) == comparable(fresh)


def test_a_rebuild_that_changes_nothing_writes_nothing(reg, tmp_path, settled):
    out = tmp_path / "site"
    first = build(reg, out)
    before = state(out)
    again = build(reg, out)
    assert state(out) == before  # not a file rewritten, not the folder swapped
    assert again.listing is None and again.to_dict() == first.to_dict()
    assert_as_fresh(reg, out, tmp_path)


def test_the_cli_leaves_an_unchanged_site_as_it_is(reg, tmp_path):
    """Through the command, with the real two seconds: a rebuild a moment later writes
    nothing and says what the build before said, in JSON and on the terminal."""
    from trust_helpers import cli

    out = tmp_path / "site"
    time.sleep(2.1)  # the registry was just copied: its files are not settled yet
    args = ["registry", "build", str(reg), "--out", str(out), "--as-of", AS_OF.isoformat()]
    first = cli(*args, "-f", "json")
    assert first.returncode == 0, first.stderr
    shown = cli(*args)
    before = state(out)
    for _ in range(2):  # the first reads the new site's files once, the second trusts their signatures
        time.sleep(2.1)
        again = cli(*args, "-f", "json")
        assert again.returncode == 0 and again.stdout == first.stdout
        assert state(out) == before
    assert cli(*args).stdout == shown.stdout
    fresh = cli(*args, "-f", "json", "--no-cache")
    assert fresh.returncode == 0 and json.loads(fresh.stdout) == json.loads(first.stdout)
    assert state(out)["folder"] != before["folder"]  # --no-cache builds it anew


def _listed_record(reg: Path, out: Path) -> tuple[str, Path]:
    data = json.loads((out / "asf-companies.json").read_text(encoding="utf-8"))
    number = data["companies"][0]["certificate"]["number"]
    return number, reg / "certificates" / f"{number}.yaml"


def _company_file(reg: Path, record: Path) -> Path:
    folder = re.search(r"^  folder: (.+)$", record.read_text(encoding="utf-8"), re.M).group(1).strip()
    return reg / folder / "company.yaml"


def _suspend(reg: Path, out: Path) -> None:
    from asfcert.certify.status import change

    number, _ = _listed_record(reg, out)
    change(number, "suspend", "SAM-utbildningen är inte gjord", registry_dir=reg, today=AS_OF)


def _move_company(reg: Path, out: Path) -> None:
    company = _company_file(reg, _listed_record(reg, out)[1])
    text = company.read_text(encoding="utf-8")
    county = re.search(r"^county: (.+)$", text, re.M).group(1)
    company.write_text(text.replace(f"county: {county}", "county: Gotlands län"), encoding="utf-8")


def _edit_cohort(reg: Path, out: Path) -> None:
    cohort = next(reg.glob("*/cohort.yaml"))
    cohort.write_text(cohort.read_text(encoding="utf-8") + "# a note\n", encoding="utf-8")


@pytest.mark.parametrize("edit, site_changes", [(_suspend, True), (_move_company, True), (_edit_cohort, False)],
                         ids=["certificate-status", "company-yaml", "cohort-yaml"])
def test_a_rebuild_after_an_edit_leaves_what_a_fresh_build_writes(reg, tmp_path, settled, edit, site_changes):
    out = tmp_path / "site"
    build(reg, out)
    build(reg, out)  # the kept build is in use
    before = state(out)
    edit(reg, out)
    build(reg, out)
    assert (state(out) != before) == site_changes  # cohort.yaml is not read: the site stays as it is
    assert_as_fresh(reg, out, tmp_path)


def test_never_stale_a_same_size_edit_that_keeps_the_modification_time(reg, tmp_path, settled):
    out = tmp_path / "site"
    build(reg, out)
    build(reg, out)
    number, record = _listed_record(reg, out)
    st = record.stat()
    text = record.read_text(encoding="utf-8")
    name = re.search(r"^  name: (.+)$", text, re.M).group(1)
    renamed = name[:-1] + ("X" if name[-1] != "X" else "Y")
    record.write_text(text.replace(f"  name: {name}", f"  name: {renamed}", 1), encoding="utf-8")
    os.utime(record, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same size and modification time: only ctime tells
    assert (record.stat().st_size, record.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    build(reg, out)
    assert renamed in (out / "index.html").read_text(encoding="utf-8")
    assert_as_fresh(reg, out, tmp_path)


def test_a_changed_or_added_file_in_the_site_is_made_right(reg, tmp_path, settled):
    """A page edited in the site (the same size, the same modification time) is written
    again; a verification page no build made is removed; the publisher's own file stays."""
    out = tmp_path / "site"
    build(reg, out)
    build(reg, out)
    page = out / "index.html"
    st = page.stat()
    page.write_bytes(page.read_bytes().replace(b"<html", b"<HTML", 1))
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    build(reg, out)
    assert_as_fresh(reg, out, tmp_path)
    (out / "verify" / "ASF-1999-0001.html").write_text("stale", encoding="utf-8")
    (out / "CNAME").write_text("asf.example\n", encoding="utf-8")
    result = build(reg, out)
    assert [p.name for p in result.removed] == ["ASF-1999-0001.html"]
    assert (out / "CNAME").read_text(encoding="utf-8") == "asf.example\n"
    before = state(out)
    build(reg, out)
    assert state(out) == before  # the publisher's file does not stop a rebuild from writing nothing


def test_another_date_or_removed_keys_build_again(reg, tmp_path, settled):
    out = tmp_path / "site"
    build(reg, out)
    later = AS_OF + dt.timedelta(days=400)
    result = build(reg, out, today=later)
    assert result.listing is not None and result.as_of == later
    fresh = tmp_path / "fresh"
    build(reg, fresh, cache=False, today=later)
    assert comparable(out) == comparable(fresh)
    shutil.rmtree(reg / "keys")
    result = build(reg, out, today=later)
    assert result.fingerprint is None and not (out / "asf-list.json").exists()
    assert "site-unsigned" in [f.code for f in result.findings]


def test_a_wrong_passphrase_stops_an_unchanged_rebuild_too(reg, tmp_path, settled):
    from asfcert.base.errors import UserError

    out = tmp_path / "site"
    build(reg, out)
    build(reg, out)
    before = state(out)
    with pytest.raises(UserError) as err:
        build(reg, out, secret="fel lösenfras")
    assert err.value.code == "key-passphrase-wrong"
    assert state(out) == before


def _damage(cache_dir: Path, namespace: str, raw: bytes) -> int:
    entries = [p for p in (cache_dir / namespace).rglob("*.json")]
    for p in entries:
        p.write_bytes(raw)
    return len(entries)


@pytest.mark.parametrize("raw", [b"{not json", b'{"sources": 1, "files": []}', b"[]"], ids=["broken", "wrong-shape", "list"])
def test_a_damaged_cache_entry_is_ignored(reg, tmp_path, settled, raw):
    cache_dir = Path(os.environ["ASFCERT_CACHE_DIR"])
    out = tmp_path / "site"
    build(reg, out)
    build(reg, out)
    _move_company(reg, out)  # and the site must change: a damaged entry may not hide that
    assert _damage(cache_dir, "site-build", raw) == 1
    assert _damage(cache_dir, "signatures", raw) == 1
    assert _damage(cache_dir, "yaml", raw) > 3  # the companies' company.yaml
    assert _damage(cache_dir, "certificate-record", raw) == len(list((reg / "certificates").glob("*.yaml")))
    result = build(reg, out)
    assert result.listing is not None
    assert_as_fresh(reg, out, tmp_path)
    before = state(out)
    build(reg, out)
    assert state(out) == before  # the entries are made again


@pytest.mark.parametrize("spoil", [
    lambda kept: kept["summary"].update(findings=[{"code": 1}]),
    lambda kept: kept["summary"].update(under_investigation=7),
    lambda kept: kept["files"].update({"index.html": "not a signature"}),
    lambda kept: kept["files"].update({"index.html": [1, 2, 3]}),
], ids=["finding", "investigated", "file-entry", "short-entry"])
def test_a_kept_build_with_a_damaged_part_is_built_again(reg, tmp_path, settled, spoil):
    cache_dir = Path(os.environ["ASFCERT_CACHE_DIR"])
    out = tmp_path / "site"
    build(reg, out)
    (entry,) = (cache_dir / "site-build").rglob("*.json")
    kept = json.loads(entry.read_text(encoding="utf-8"))
    spoil(kept)
    entry.write_text(json.dumps(kept), encoding="utf-8")
    before = state(out)
    result = build(reg, out)
    assert result.listing is not None and state(out)["folder"] != before["folder"]
    assert_as_fresh(reg, out, tmp_path)
    before = state(out)
    build(reg, out)
    assert state(out) == before  # the entries are made again


def test_the_summary_shows_the_fingerprint_as_it_is(reg, tmp_path):
    """Each line is text, not rich markup: a fingerprint's `:CD:` is no emoji code."""
    import io

    from rich.console import Console

    from asfcert.render.site.terminal import render

    result = build(reg, tmp_path / "site")
    result.fingerprint = "66:2B:CC:1F:9C:EB:A7:1B:46:21:9F:2B:44:8C:76:1B:5C:CE:B8:71:0C:41:5D:CD:71:B2:D9:7C:D4:EB:7C:F0"
    console = Console(file=io.StringIO(), width=60, color_system=None)
    render(result, "sv", console)
    assert result.fingerprint in console.file.getvalue()


def _inodes(out: Path, folder: str) -> dict:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (out / folder).glob("*.html")}


def test_a_rebuild_after_an_edit_makes_only_the_pages_that_change(reg, tmp_path, settled):
    """The other pages are carried over from the site as it stands (the same files); the
    changed company's pages and its certificate's verification pages are made anew."""
    out = tmp_path / "site"
    build(reg, out)
    number, record = _listed_record(reg, out)
    slug = json.loads((out / "asf-companies.json").read_text(encoding="utf-8"))["companies"][0]["page"].rsplit("/", 1)[-1]
    before = {d: _inodes(out, d) for d in ("foretag", "en/companies", "verify", "en/verify")}
    _move_company(reg, out)
    build(reg, out)
    after = {d: _inodes(out, d) for d in before}
    for folder in ("foretag", "en/companies"):
        changed = {name for name in before[folder] if after[folder][name] != before[folder][name]}
        assert changed == {slug}
    assert after["verify"] == before["verify"] and after["en/verify"] == before["en/verify"]
    assert_as_fresh(reg, out, tmp_path)
    _suspend(reg, out)
    build(reg, out)
    again = {d: _inodes(out, d) for d in before}
    assert f"{number}.html" in again["verify"] and again["verify"][f"{number}.html"] != after["verify"][f"{number}.html"]
    assert {n: v for n, v in again["verify"].items() if n != f"{number}.html"} == {
        n: v for n, v in after["verify"].items() if n != f"{number}.html"}
    assert slug not in again["foretag"]  # suspended: no longer listed
    assert_as_fresh(reg, out, tmp_path)


def test_pages_are_not_reused_on_another_date_or_with_another_key(reg, tmp_path, settled):
    from asfcert.records import keys

    out = tmp_path / "site"
    build(reg, out)
    before = _inodes(out, "verify")
    build(reg, out, today=AS_OF + dt.timedelta(days=1))
    later = _inodes(out, "verify")
    assert not set(later.items()) & set(before.items())  # every page states another day
    keys.rotate(keys.open_store(reg), PASSPHRASE.encode())
    build(reg, out, today=AS_OF + dt.timedelta(days=1))
    assert not set(_inodes(out, "verify").items()) & set(later.items())


def test_the_summary_through_a_pipe_names_every_file_removed(reg, tmp_path):
    """The summary shown through a pipe is replayed from the cache (cli/replay.py) under
    everything it shows: an English page removed is named, though the JSON counts only
    the Swedish ones."""
    from trust_helpers import cli

    out = tmp_path / "site"
    args = ["registry", "build", str(reg), "--out", str(out), "--as-of", AS_OF.isoformat()]
    first = cli(*args)
    assert first.returncode == 0, first.stderr
    (out / "en" / "companies" / "gone-ab.html").write_text("stale", encoding="utf-8")
    removed = cli(*args)
    assert "en/companies/gone-ab.html" in removed.stdout and removed.stdout != first.stdout
    assert cli(*args).stdout == first.stdout


def test_right_after_an_edit_the_site_is_built_again_with_its_pages_reused(reg, tmp_path):
    """With the real two seconds: files changed just before a build may have changed while
    it ran, so the next build does not trust the kept digest; it still reuses the pages."""
    out = tmp_path / "site"
    os.utime(next((reg / "certificates").glob("*.yaml")))  # a record changed just now
    build(reg, out)
    before = _inodes(out, "verify")
    again = build(reg, out)
    assert again.listing is not None  # built, not taken as it stands
    assert _inodes(out, "verify") == before  # but every verification page carried over
    assert_as_fresh(reg, out, tmp_path)

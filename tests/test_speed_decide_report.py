"""The audit report's HTML template, compiled once and kept in the cache (Jinja's bytecode
cache, render/common/pdfdoc.environment): a later run loads it instead of compiling it.
These tests prove that the HTML is the same bytes as from a template compiled anew, that an
edited template is compiled again, that a damaged entry is compiled again and replaced,
and that --no-cache keeps nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from audit_helpers import decide, setup


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> dict:
    from asfcert.audit.report import view

    root = setup(tmp_path_factory.mktemp("report"))
    result = decide(root, comments={"3.1.a": "Bra.\n<b>Inte fetstil</b> & ”citat”"})
    return view(result, "sv", certifier="SKOOPI", folder=str(root))


@pytest.fixture
def compiles(monkeypatch) -> list:
    """The templates Jinja compiled from their source, in this test."""
    from jinja2 import Environment

    seen: list = []
    compile = Environment.compile

    def spy(self, source, name=None, filename=None, raw=False, defer_init=False):
        seen.append(name)
        return compile(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", spy)
    return seen


def _html(data: dict, compiled: Path | None) -> str:
    """The report's HTML as a new process makes it: nothing compiled in memory."""
    from asfcert.render.audit import report
    from asfcert.render.common import pdfdoc

    pdfdoc.environment.cache_clear()
    try:
        return report.html(data, str(compiled) if compiled else None)
    finally:
        pdfdoc.environment.cache_clear()


def test_the_html_from_the_kept_template_is_the_html_compiled_anew(data, tmp_path, compiles):
    plain = _html(data, None)
    assert compiles == ["audit-report.html.j2"]
    assert _html(data, tmp_path / "jinja") == plain
    assert len(compiles) == 2 and len(list((tmp_path / "jinja").iterdir())) == 1
    assert _html(data, tmp_path / "jinja") == plain
    assert len(compiles) == 2  # loaded, not compiled


def test_an_edited_template_is_compiled_again(data, tmp_path, monkeypatch, compiles):
    from asfcert.render.common import pdfdoc

    templates = tmp_path / "templates"
    shutil.copytree(pdfdoc.templates_dir(), templates)
    monkeypatch.setattr(pdfdoc, "templates_dir", lambda: templates)
    before = _html(data, tmp_path / "jinja")
    page = templates / "audit-report.html.j2"
    meta = '<meta charset="utf-8">\n'
    page.write_text(page.read_text(encoding="utf-8").replace(meta, meta + "<!-- ändrad -->\n", 1), encoding="utf-8")
    after = _html(data, tmp_path / "jinja")
    assert meta in before and after == before.replace(meta, meta + "<!-- ändrad -->\n", 1)
    assert len(compiles) == 2


@pytest.mark.parametrize("damage", ["empty", "garbage", "bad checksum", "cut short"])
def test_a_damaged_kept_template_is_compiled_again(data, tmp_path, damage, compiles):
    from jinja2.bccache import bc_magic

    plain = _html(data, None)
    _html(data, tmp_path / "jinja")
    (entry,) = (tmp_path / "jinja").iterdir()
    good = entry.read_bytes()
    entry.write_bytes({
        "empty": b"", "garbage": b"\x00\xffnot a template" * 10, "bad checksum": bc_magic + b"\x80\x04garbage",
        "cut short": good[: len(good) // 2],
    }[damage])
    assert _html(data, tmp_path / "jinja") == plain
    assert len(compiles) == 3
    assert _html(data, tmp_path / "jinja") == plain  # the entry was written again, whole
    assert len(compiles) == 3


def test_an_unwritable_cache_still_renders(data, tmp_path, compiles):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert _html(data, blocked / "jinja") == _html(data, None)


def test_no_cache_keeps_no_compiled_template(tmp_path):
    import os

    from audit_helpers import audit

    from asfcert.audit import report

    root = setup(tmp_path)
    result = decide(root)
    cache = Path(os.environ["ASFCERT_CACHE_DIR"])
    shutil.rmtree(cache / "jinja", ignore_errors=True)
    written = report.write(result, root, "sv", use_cache=False)
    assert [p.name for p in written] == ["audit-report-sv.html", "audit-report-sv.pdf"]
    assert not (cache / "jinja").exists()
    report.write(audit(root), root, "sv")
    assert len(list((cache / "jinja").rglob("*.cache"))) == 1


def test_a_report_written_before_and_unchanged_is_left_alone(tmp_path):
    import os

    from asfcert.audit import report

    root = setup(tmp_path)
    result = decide(root)
    html, pdf = report.write(result, root, "sv")
    before = {p: os.stat(p) for p in (html, pdf)}
    assert report.write(result, root, "sv") == [html, pdf]
    for path, st in before.items():  # the same file, never rewritten
        now = os.stat(path)
        assert (now.st_ino, now.st_mtime_ns) == (st.st_ino, st.st_mtime_ns)
    want = report.rendered(result, root, "sv", None, ("html", "pdf"))
    assert (html.read_text(encoding="utf-8"), pdf.read_bytes()) == want


@pytest.mark.parametrize("change", ["content", "mode", "link"])
def test_a_report_changed_on_disk_is_written_again(tmp_path, change):
    import os
    import stat

    from asfcert.audit import report

    root = setup(tmp_path)
    result = decide(root)
    html, _ = report.write(result, root, "sv")
    good = html.read_bytes()
    if change == "content":
        html.write_bytes(good.replace(b"<html", b"<html data-x", 1))
    elif change == "mode":
        html.chmod(0o600)
    else:
        elsewhere = tmp_path / "elsewhere.html"
        elsewhere.write_bytes(good)
        html.unlink()
        html.symlink_to(elsewhere)
    report.write(result, root, "sv")
    st = os.lstat(html)
    assert stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o644 and html.read_bytes() == good

"""The audit report's PDF written without fpdf2 (render/common/pdfwrite.py), its fonts'
metrics and subsets kept in the cache (render/common/pdffont.py): the same bytes with a
cold cache, a warm one and a damaged one, never a stale font, and text that reads back."""

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from audit_helpers import NAME, decide, setup

from asfcert.audit import report
from asfcert.io.cache import Cache
from asfcert.render.audit import report as render
from asfcert.render.common import pdffont
from asfcert.render.common.pdfdoc import fonts_dir

CREATED = dt.date(2027, 1, 15)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = setup(tmp_path_factory.mktemp("report-pdf"))
    result = decide(root, {"3.9.b": "remark"}, comments={"3.9.b": "Skyddsombudet har inte gått SAM-utbildning."})
    return report.view(result, "sv", CREATED, certifier="SKOOPI", folder=str(root))


def entries(namespace: str) -> list[Path]:
    return sorted((Cache().root / namespace).rglob("*.*"))


def fresh(monkeypatch, tmp_path, name: str) -> None:
    """A new, empty cache, and no font this process has read already."""
    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / name))
    monkeypatch.setattr(pdffont, "_LOADED", {})


def test_cold_warm_and_damaged_caches_give_the_same_bytes(data, monkeypatch, tmp_path):
    fresh(monkeypatch, tmp_path, "one")
    cold = render.pdf(data, CREATED)
    assert len(entries(pdffont.METRICS)) == 3
    monkeypatch.setattr(pdffont, "_LOADED", {})
    assert render.pdf(data, CREATED) == cold  # warm: read from the cache
    damaged = entries(pdffont.METRICS)
    damaged[0].write_bytes(damaged[0].read_bytes()[:1000])  # cut short
    damaged[1].write_text('{"name": "DejaVuSans", "cmap": [[65, 99999]], "widths": [600]}')  # readable, but no such glyph
    whole = json.loads(damaged[2].read_text())
    damaged[2].write_text(json.dumps(dict(whole, name="Dejavu) Tj (evil")))  # a name that would break the PDF
    monkeypatch.setattr(pdffont, "_LOADED", {})
    assert render.pdf(data, CREATED) == cold  # damaged entries are measured again
    fresh(monkeypatch, tmp_path, "two")
    assert render.pdf(data, CREATED) == cold  # and an empty cache gives the same file


def test_a_changed_font_file_is_never_served_from_the_cache(monkeypatch, tmp_path):
    fresh(monkeypatch, tmp_path, "cache")
    path = tmp_path / "font.ttf"
    shutil.copyfile(fonts_dir() / "DejaVuSans.ttf", path)
    regular = pdffont.font(path)
    shutil.copyfile(fonts_dir() / "DejaVuSansMono.ttf", path)  # the same name, other glyphs
    mono = pdffont.font(path)
    assert regular.digest != mono.digest and "Mono" in mono.name and "Mono" not in regular.name
    assert mono.width("iiii") == mono.width("WWWW") != regular.width("iiii")
    gids = {mono.cmap[ord("å")], mono.cmap[ord("Ö")]}
    assert pdffont.subset(mono, gids).program != pdffont.subset(regular, {regular.cmap[ord("å")], regular.cmap[ord("Ö")]}).program


def test_a_subset_keeps_the_outlines_drawn_and_what_they_are_made_of():
    """ttfsubset.py: every glyph keeps its number; those drawn (and the glyphs a composite
    one is made of) keep their outlines, the rest are empty; the file's checksums hold."""
    import zlib

    from fontTools.ttLib import TTFont

    font = pdffont.font(fonts_dir() / "DejaVuSans.ttf")
    drawn = {font.cmap[ord(c)] for c in "Åsa Öberg"}
    cut = pdffont.subset(font, drawn)
    raw = zlib.decompress(cut.program)
    whole, part = TTFont(io.BytesIO(font.data)), TTFont(io.BytesIO(raw), checkChecksums=2)
    order, numbers = whole.getGlyphOrder(), part.getGlyphOrder()  # the subset's glyphs have no names, only numbers
    assert len(raw) == cut.length and len(numbers) == len(order)
    kept = {g for g, name in enumerate(numbers) if part["glyf"][name].numberOfContours}
    made_of = {order.index(c.glyphName) for g in drawn if whole["glyf"][order[g]].isComposite()
               for c in whole["glyf"][order[g]].components}
    assert made_of and kept == ({0} | drawn | made_of) - {font.cmap[ord(" ")]}  # a space has no outline
    for g in kept:
        mine = part["glyf"][numbers[g]].getCoordinates(part["glyf"])[0]
        assert mine == whole["glyf"][order[g]].getCoordinates(whole["glyf"])[0]
        assert part["hmtx"][numbers[g]] == whole["hmtx"][order[g]]


def test_the_pdf_reads_back_with_its_fonts_and_metadata(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render.pdf(data, CREATED)))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert NAME in text and "Skyddsombudet har inte gått SAM-utbildning." in text and f"1/{len(reader.pages)}" in text
    assert reader.metadata.subject == NAME and reader.metadata.creation_date.date() == CREATED
    assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    fonts = {str(f["/BaseFont"]).split("+")[1] for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts == {"DejaVuSansBook", "DejaVuSansBold", "DejaVuSansMonoBook"}  # the names fpdf2 gave them


def test_poppler_reads_the_embedded_fonts_without_complaint(data, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("Poppler is not installed (make test-tools)")
    path = tmp_path / "report.pdf"
    path.write_bytes(render.pdf(data, CREATED))
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    assert done.stderr == "" and NAME in done.stdout


def test_a_warm_report_imports_neither_fpdf2_nor_fonttools(data, tmp_path):
    """What makes it fast, checked the way it can fail: in a new process."""
    code = (
        "import sys, pickle, datetime as dt\n"
        "from asfcert.render.audit import report\n"
        f"data = pickle.loads({__import__('pickle').dumps(data)!r})\n"
        f"report.pdf(data, dt.date(2027, 1, 15))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'fpdf', 'fontTools'}))\n"
    )
    env = {**__import__("os").environ, "ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()
            for _ in range(2)]
    assert runs == ["['fontTools']", "[]"]  # the first run fills the cache

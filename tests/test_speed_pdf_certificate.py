"""The certificate and its signature block written without fpdf2 (render/common/pdfwrite.py):
the same bytes for the same record, with a cold or a warm font cache, the certifier's mark
in any form Pillow reads shown as drawn, and no fpdf2 in the process."""

import io
import subprocess
import sys

import pytest
from trust_helpers import certificate_pdf, record

from asfcert.render.common import pdffont, pdfimage


def mark(kind: str) -> bytes:
    """The certifier's mark as a PNG or JPEG of one kind."""
    from PIL import Image

    image = Image.new("RGB", (60, 24), (47, 111, 79))
    image.paste((255, 255, 255), (20, 6, 40, 18))
    buf = io.BytesIO()
    if kind == "png":
        image.save(buf, "PNG")
    elif kind == "png-alpha":
        image.convert("RGBA").save(buf, "PNG")
    elif kind == "png-interlaced":
        image.save(buf, "PNG", interlace=1)
    elif kind == "png-16bit":
        image.convert("I;16").save(buf, "PNG")
    elif kind == "png-palette-transparent":
        image.convert("P").save(buf, "PNG", transparency=0)
    elif kind == "jpeg":
        image.save(buf, "JPEG", quality=95)
    elif kind == "jpeg-cmyk":
        image.convert("CMYK").save(buf, "JPEG", quality=95)
    return buf.getvalue()


def test_the_same_record_gives_the_same_bytes_with_a_cold_and_a_warm_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / "cold"))
    monkeypatch.setattr(pdffont, "_LOADED", {})
    cold = certificate_pdf(record(), logo=mark("png"))
    monkeypatch.setattr(pdffont, "_LOADED", {})
    assert certificate_pdf(record(), logo=mark("png")) == cold
    assert certificate_pdf(record(), "en") != cold


@pytest.mark.parametrize("kind", ["png", "png-alpha", "png-interlaced", "png-16bit", "png-palette-transparent", "jpeg", "jpeg-cmyk"])
def test_the_mark_is_shown_in_its_own_size_and_colours(kind):
    from PIL import Image
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(certificate_pdf(record(), logo=mark(kind)))).pages[0]
    (shown,) = [i.image for i in page.images if i.image.width != i.image.height]  # the QR code is square
    assert shown.size == (60, 24)
    drawn = Image.open(io.BytesIO(mark(kind))).convert("RGB")
    for at in ((5, 5), (30, 12)):  # the mark's colour, and the white inside it
        assert all(abs(a - b) < 12 for a, b in zip(shown.convert("RGB").getpixel(at), drawn.getpixel(at))), (at, kind)


def test_a_plain_png_goes_in_as_it_is():
    raw = mark("png")
    image = pdfimage.image(raw)
    assert image.mask is None and "/Predictor 15" in image.params and image.data in raw
    assert pdfimage.image(mark("png-alpha")).mask is not None
    with pytest.raises(ValueError):
        pdfimage.image(b"GIF89a")


def test_the_certificate_and_its_signature_block_import_no_fpdf2(tmp_path):
    code = (
        "import sys, datetime as dt\n"
        f"sys.path.insert(0, {str(__import__('pathlib').Path(__file__).parent)!r})\n"
        "from trust_helpers import certificate_pdf, record\n"
        "from asfcert.certify.signing import DEFAULT_BOX, Box\n"
        "from asfcert.render.common.pdfwrite import Document\n"
        "certificate_pdf(record())\n"
        "print('fpdf' in sys.modules)\n"
    )
    env = {**__import__("os").environ, "ASFCERT_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "False"

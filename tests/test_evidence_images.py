"""Images in evidence/ (JPEG, PNG, TIFF) are read by OCR (tests/test_ocr.py reads one);
one that cannot be decoded, or would decode to too many pixels, gets its own finding."""

from __future__ import annotations

import io

from helpers import codes, make_company, run


def test_images_that_cannot_be_decoded_or_are_bombs(tmp_path):
    from PIL import Image

    bomb = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(bomb, format="PNG")  # 144 million pixels in a few kB
    root = make_company(tmp_path / "c")
    (root / "evidence/ovrigt").mkdir()
    (root / "evidence/ovrigt/bomb.png").write_bytes(bomb.getvalue())
    (root / "evidence/ovrigt/foto.jpg").write_bytes(b"not a jpeg at all")
    result = run(root)
    found = {f.location.file: f.code for f in result.findings if f.location.file.startswith("evidence/ovrigt/")}
    assert found == {"evidence/ovrigt/bomb.png": "image-too-costly", "evidence/ovrigt/foto.jpg": "image-unreadable"}
    assert "evidence-not-inspected" not in codes(result)

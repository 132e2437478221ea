"""Read scanned images (JPEG, PNG, TIFF) by OCR. Runs only inside the bounded reader worker.

Pillow decodes the image; one that would decode to more than MAX_IMAGE_PIXELS (an image
bomb) is refused before it is decoded, and one larger than ocr.MAX_PIXELS is scaled down.
Each frame of a multi-page TIFF is a page.

problem: damaged (not an image Pillow can decode, or not the type its name says) | limit
(too many pixels)
"""

from __future__ import annotations

import io
import warnings

from asfcert.evidence import ocr
from asfcert.evidence.pdf_facts import apply_ocr, describe, empty, sniff

MAX_IMAGE_PIXELS = 100_000_000
_FORMATS = {"JPEG", "PNG", "TIFF", "MPO"}  # MPO: a JPEG from a phone camera


def _dpi(image) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0]))
    except (TypeError, ValueError, IndexError):
        return ocr.DPI
    return value if 70 <= value <= 1200 else ocr.DPI


def _frame(image, index: int):
    def load():
        image.seek(index)
        frame = image.convert("L")
        pixels = frame.width * frame.height
        if pixels > ocr.MAX_PIXELS:
            factor = (ocr.MAX_PIXELS / pixels) ** 0.5
            frame = frame.resize((max(1, int(frame.width * factor)), max(1, int(frame.height * factor))))
            return frame, max(70, round(_dpi(image) * factor))
        return frame, _dpi(image)

    return load


def read(data: bytes, budget: ocr.Budget | None) -> dict:
    """The facts of one image, in the shape of a PDF's: each frame a page, its text by OCR."""
    from PIL import Image

    facts = empty()
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in _FORMATS:
                facts.update(problem="damaged", detail=sniff(data))
                return facts
            frames = getattr(image, "n_frames", 1)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        facts.update(problem="limit", detail=describe(e))
        return facts
    except MemoryError:
        raise
    except Exception:  # UnidentifiedImageError, truncated headers, ...
        facts.update(problem="damaged", detail=sniff(data))
        return facts
    facts.update(pages=frames, texts=[""] * min(frames, ocr.MAX_PAGES), truncated=frames > ocr.MAX_PAGES)
    if budget is None:
        return facts
    apply_ocr(facts, ocr.read_pages(((i + 1, _frame(image, i)) for i in range(len(facts["texts"]))), budget))
    return facts

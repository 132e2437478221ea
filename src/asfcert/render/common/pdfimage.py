"""PNG and JPEG images as PDF image objects, for pdfwrite.py.

A plain PNG (grey, RGB or palette, not interlaced, no transparency), as segno writes the QR
code, goes in as it is: its compressed data is a PDF Flate stream with the PNG predictors.
A JPEG in grey or RGB goes in as it is too. Anything else (transparency, 16 bits, CMYK, an
interlaced PNG) is decoded with Pillow first: the certifier's mark may be any of them."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

_PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    data: bytes  # the stream's bytes
    params: str  # the image dictionary without /Length and /SMask
    mask: Image | None = None  # the alpha channel, as a grey image


def image(raw: bytes) -> Image:
    if raw.startswith(_PNG):
        return _png(raw) or _decoded(raw)
    if raw.startswith(b"\xff\xd8\xff"):
        return _jpeg(raw) or _decoded(raw)
    raise ValueError("not a PNG or JPEG image")


def _png(raw: bytes) -> Image | None:
    """The PNG's own data, when a PDF reader can use it unchanged."""
    chunks, at = {}, len(_PNG)
    idat = bytearray()
    while at + 8 <= len(raw):
        size = int.from_bytes(raw[at:at + 4], "big")
        kind, body = raw[at + 4:at + 8], raw[at + 8:at + 8 + size]
        if kind == b"IDAT":
            idat += body
        else:
            chunks.setdefault(kind, body)
        at += 12 + size
        if kind == b"IEND":
            break
    head = chunks.get(b"IHDR", b"")
    if len(head) != 13 or b"tRNS" in chunks:
        return None
    width, height = int.from_bytes(head[0:4], "big"), int.from_bytes(head[4:8], "big")
    depth, colour, interlace = head[8], head[9], head[12]
    if interlace or depth > 8 or colour not in (0, 2, 3):
        return None
    if colour == 3:
        palette = chunks.get(b"PLTE", b"")
        if not palette or len(palette) % 3:
            return None
        space = f"[/Indexed /DeviceRGB {len(palette) // 3 - 1} <{palette.hex()}>]"
    else:
        space = "/DeviceGray" if colour == 0 else "/DeviceRGB"
    colours = 3 if colour == 2 else 1
    params = (f"/Width {width} /Height {height} /ColorSpace {space} /BitsPerComponent {depth} /Filter /FlateDecode "
              f"/DecodeParms << /Predictor 15 /Colors {colours} /BitsPerComponent {depth} /Columns {width} >>")
    return Image(width, height, bytes(idat), params)


def _jpeg(raw: bytes) -> Image | None:
    import io

    from PIL import Image as Pillow

    with Pillow.open(io.BytesIO(raw)) as im:
        if im.mode not in ("L", "RGB"):
            return None
        space = "/DeviceGray" if im.mode == "L" else "/DeviceRGB"
        return Image(im.width, im.height, raw, f"/Width {im.width} /Height {im.height} /ColorSpace {space} /BitsPerComponent 8 "
                                               "/Filter /DCTDecode")


def _decoded(raw: bytes) -> Image:
    import io

    from PIL import Image as Pillow

    with Pillow.open(io.BytesIO(raw)) as im:
        im.load()
        alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info) or "transparency" in im.info
        rgba = im.convert("RGBA" if alpha else "RGB")
    mask = None
    if alpha:
        a = rgba.getchannel("A")
        mask = Image(a.width, a.height, zlib.compress(a.tobytes()),
                     f"/Width {a.width} /Height {a.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode")
        rgba = rgba.convert("RGB")
    return Image(rgba.width, rgba.height, zlib.compress(rgba.tobytes()),
                 f"/Width {rgba.width} /Height {rgba.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode", mask)

"""The certificate's QR code as a PNG: segno's encoder, and the PNG written here byte for
byte as `segno.make(text, error="m", micro=False).save(buf, kind="png", scale=SCALE,
border=BORDER, dark=DARK)` writes it (tests/test_speed_certify_qr.py compares the two).

Importing the `segno` package also imports its writers (SVG, EPS, PDF, …), whose
`xml.sax.saxutils` brings `urllib.request`, `http.client`, `email` and `ssl`: more than the
code itself costs in a `certify` run. The encoder module needs none of them (it imports only
`segno.consts`), so it is loaded from segno's own files under a private package name,
without running segno's `__init__`; where segno is imported already, that one is used."""

from __future__ import annotations

import struct
import sys
import zlib

SCALE = 8
BORDER = 2
DARK = (0x1B, 0x3D, 0x2C)  # "#1b3d2c"
LIGHT = (0xFF, 0xFF, 0xFF)  # segno's default for the light modules and the quiet zone
_PRIVATE = "_asfcert_segno"


def _encoder():
    if "segno" in sys.modules:
        return sys.modules["segno"].encoder
    if _PRIVATE + ".encoder" not in sys.modules:
        import importlib
        import importlib.util
        import types

        spec = importlib.util.find_spec("segno")  # found, not run
        package = types.ModuleType(_PRIVATE)
        package.__path__ = list(spec.submodule_search_locations)
        sys.modules[_PRIVATE] = package
        importlib.import_module(_PRIVATE + ".encoder")
    return sys.modules[_PRIVATE + ".encoder"]


def matrix(text: str) -> tuple:
    """The QR code's modules, row by row (1: dark), as segno.make(text, error="m") makes them."""
    return _encoder().encode(text, "m", None, None, None, None, False, False, boost_error=True).matrix


def png(text: str) -> bytes:
    """The QR code for `text` as segno writes it: an indexed PNG of bit depth 1 (the dark
    colour first in the palette, as segno sorts it), each module SCALE pixels, BORDER
    modules of quiet zone, each module row's repeated scanlines as PNG "Up" filter rows."""
    rows = matrix(text)
    size = len(rows)
    width = (size + 2 * BORDER) * SCALE
    row_bytes = (width + 7) // 8

    def scanline(bits: list[int], kind: bytes = b"\0") -> bytes:
        bits = bits + [0] * (-len(bits) % 8)
        return kind + bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8))

    light = scanline([1] * width)  # the palette: DARK is 0, LIGHT is 1
    up = (b"\2" + bytes(row_bytes)) * (SCALE - 1)
    quiet = [1] * (BORDER * SCALE)
    idat = bytearray(light * BORDER * SCALE)
    for row in rows:
        idat += scanline(quiet + [0 if module else 1 for module in row for _ in range(SCALE)] + quiet)
        idat += up
    idat += light * BORDER * SCALE
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", struct.pack(">2I5B", width, width, 1, 3, 0, 0, 0)),
        _chunk(b"PLTE", bytes(DARK) + bytes(LIGHT)),
        _chunk(b"IDAT", zlib.compress(bytes(idat), 9)),
        _chunk(b"IEND", b""),
    ))


def _chunk(name: bytes, data: bytes) -> bytes:
    head = name + data
    return struct.pack(">I", len(data)) + head + struct.pack(">I", zlib.crc32(head))

"""A TrueType font cut down to the glyphs a PDF draws, in plain Python and in milliseconds.

Every glyph keeps its number (a PDF's CIDToGIDMap names them); the glyphs not drawn are
left empty, with no advance, and the tables a PDF viewer does not read for an embedded
CID font (cmap, names, kerning, layout, hinting tables other than the instructions) are
left out, as PDF 2.0 9.9 allows. A glyph made of other glyphs (å is a and the ring)
keeps those too. fontTools' subsetter took longer than the rest of a certificate."""

from __future__ import annotations

import struct

# What a PDF viewer's TrueType rasteriser reads of an embedded CIDFontType2 font.
_KEEP = (b"OS/2", b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"post", b"prep")
_WORDS, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080


def _tables(data: bytes) -> dict[bytes, bytes]:
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = data[offset:offset + length]
    return tables


def _components(glyph: bytes) -> list[int]:
    """The glyphs a composite glyph is made of (none for a simple one)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found, at = [], 10
    while True:
        flags, index = struct.unpack_from(">HH", glyph, at)
        found.append(index)
        at += 4 + (4 if flags & _WORDS else 2)
        at += 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
        if not flags & _MORE:
            return found


def subset(data: bytes, gids: set[int]) -> bytes:
    """The font `data` with the outlines of `gids` (and .notdef) only."""
    tables = _tables(data)
    head, hhea, maxp = tables[b"head"], tables[b"hhea"], tables[b"maxp"]
    count = struct.unpack_from(">H", maxp, 4)[0]
    long_loca = struct.unpack_from(">h", head, 50)[0] == 1
    loca = struct.unpack(f">{count + 1}{'I' if long_loca else 'H'}", tables[b"loca"][: (count + 1) * (4 if long_loca else 2)])
    if not long_loca:
        loca = tuple(2 * o for o in loca)
    glyf = tables[b"glyf"]
    keep, todo = set(), [0, *gids]
    while todo:
        g = todo.pop()
        if g in keep or not 0 <= g < count:
            continue
        keep.add(g)
        todo.extend(_components(glyf[loca[g]:loca[g + 1]]))
    outlines, offsets = bytearray(), []
    for g in range(count):
        offsets.append(len(outlines))
        if g in keep:
            outlines += glyf[loca[g]:loca[g + 1]]
            outlines += b"\x00" * (-len(outlines) % 4)
    offsets.append(len(outlines))
    metrics_count = struct.unpack_from(">H", hhea, 34)[0]
    hmtx = bytearray(tables[b"hmtx"])
    for g in range(count):
        if g not in keep:  # no advance and no side bearing: the PDF's /W gives the widths
            at = 4 * g if g < metrics_count else 4 * metrics_count + 2 * (g - metrics_count)
            hmtx[at:at + (4 if g < metrics_count else 2)] = b"\x00" * (4 if g < metrics_count else 2)
    out = {tag: body for tag, body in tables.items() if tag in _KEEP}
    out[b"glyf"] = bytes(outlines)
    out[b"loca"] = struct.pack(f">{count + 1}I", *offsets)
    out[b"hmtx"] = bytes(hmtx)
    out[b"head"] = head[:8] + b"\x00\x00\x00\x00" + head[12:50] + struct.pack(">h", 1) + head[52:]
    if b"post" in out:  # version 3: no glyph names
        out[b"post"] = struct.pack(">I", 0x00030000) + out[b"post"][4:32]
    return _sfnt(out)


def _checksum(body: bytes) -> int:
    padded = body + b"\x00" * (-len(body) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _sfnt(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    power = 1
    while power * 2 <= len(tags):
        power *= 2
    header = struct.pack(">IHHHH", 0x00010000, len(tags), power * 16, power.bit_length() - 1, len(tags) * 16 - power * 16)
    offset = 12 + 16 * len(tags)
    directory, bodies = bytearray(), bytearray()
    for tag in tags:
        body = tables[tag]
        directory += struct.pack(">4sIII", tag, _checksum(body), offset + len(bodies), len(body))
        bodies += body + b"\x00" * (-len(body) % 4)
    font = bytearray(header + directory + bodies)
    at = 12 + 16 * len(tags) + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[: tags.index(b"head")])
    struct.pack_into(">I", font, at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)

"""The shipped TrueType fonts for the PDFs pdfwrite.py lays out: their metrics, kept in the
cache (io/cache.py) by the font file's SHA-256, so a run with a warm cache parses no font
and imports no fontTools; and the subset of glyphs a document uses (ttfsubset.py).

A font file is hashed on every run (about 2 ms for the three), so an edited or replaced
font is never served from an old entry; an entry that cannot be read is dropped and the
font measured again."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

from asfcert.io.cache import Cache, key

METRICS = "pdf-font"


@dataclass(frozen=True)
class Font:
    path: Path
    data: bytes  # the file as hashed: a subset is cut from these bytes, never from a file changed since
    digest: str  # SHA-256 of `data`
    name: str  # PostScript-like, without spaces
    cmap: dict[int, int]  # code point -> glyph id
    widths: dict[int, int]  # code point -> advance, in 1/1000 em
    glyph_widths: dict[int, int]  # glyph id -> advance, in 1/1000 em
    missing: int  # the advance of .notdef
    descriptor: dict  # Ascent, Descent, CapHeight, Flags, FontBBox, ItalicAngle, StemV

    def width(self, text: str) -> int:
        """The advance of `text` in 1/1000 em (one point at size 1000)."""
        get, missing = self.widths.get, self.missing
        return sum(get(ord(c), missing) for c in text)


_LOADED: dict[tuple[str, str], Font] = {}  # (path, digest): what this process has read already


def font(path: Path) -> Font:
    """The font at `path`, its metrics from the cache when it holds this file's."""
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if (str(path), digest) in _LOADED:
        return _LOADED[str(path), digest]
    cache, entry = Cache(), key("pdf-font-metrics/1", digest)
    stored = cache.get(METRICS, entry)
    try:
        made = _font(path, data, digest, stored)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        if stored is not None:
            cache.drop(METRICS, entry)
        stored = _measure(data)
        cache.put(METRICS, entry, stored)
        made = _font(path, data, digest, stored)
    _LOADED[str(path), digest] = made
    return made


def _font(path: Path, data: bytes, digest: str, stored) -> Font:
    """The font from its stored metrics; ValueError (or another lookup error) when they are
    not whole: every number an int, every glyph measured, a name a PDF can carry."""
    import re

    cmap = {int(c): int(g) for c, g in stored["cmap"]}
    glyph_widths = {i: int(w) for i, w in enumerate(stored["widths"])}
    d = stored["descriptor"]
    descriptor = {k: int(d[k]) for k in ("Ascent", "Descent", "CapHeight", "Flags", "ItalicAngle", "StemV")}
    descriptor["FontBBox"] = [int(v) for v in d["FontBBox"]]
    name = stored["name"]
    if len(descriptor["FontBBox"]) != 4 or not (isinstance(name, str) and re.fullmatch(r"[A-Za-z0-9_.-]{1,100}", name)):
        raise ValueError("not a font's metrics")
    return Font(Path(path), data, digest, name, cmap, {c: glyph_widths[g] for c, g in cmap.items()}, glyph_widths,
                glyph_widths[0], descriptor)


def _measure(data: bytes) -> dict:
    """What a PDF needs of the font, read with fontTools (as fpdf2 reads it)."""
    import io
    import re

    from fontTools import ttLib

    tt = ttLib.TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=True)
    scale = 1000 / tt["head"].unitsPerEm
    order = tt.getGlyphOrder()
    metrics = tt["hmtx"].metrics
    widths = [0 if metrics[name][0] == 65535 else round(scale * metrics[name][0] + 0.001) for name in order]
    ids = {name: i for i, name in enumerate(order)}
    cmap = sorted((code, ids[name]) for code, name in tt.getBestCmap().items())
    os2, post, head, hhea = tt["OS/2"], tt["post"], tt["head"], tt["hhea"]
    flags = 4 | (1 if post.isFixedPitch else 0) | (64 if post.italicAngle else 0) | (1 << 18 if os2.usWeightClass >= 600 else 0)
    return {
        "name": re.sub("[ ()]", "", tt["name"].getBestFullName()),
        "cmap": cmap,
        "widths": widths,
        "descriptor": {
            "Ascent": round(hhea.ascent * scale), "Descent": round(hhea.descent * scale),
            "CapHeight": round(getattr(os2, "sCapHeight", hhea.ascent) * scale), "Flags": flags,
            "FontBBox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
            "ItalicAngle": int(post.italicAngle), "StemV": round(50 + int(pow(os2.usWeightClass / 65, 2))),
        },
    }


@dataclass(frozen=True)
class Subset:
    program: bytes  # the subset font file, deflated (a PDF's FontFile2 stream, /FlateDecode)
    length: int  # its size inflated (/Length1)


def subset(f: Font, gids: set[int]) -> Subset:
    """The font cut down to the glyphs `gids` (and .notdef), each keeping its number."""
    from asfcert.render.common.ttfsubset import subset as cut

    data = cut(f.data, gids)
    return Subset(zlib.compress(data), len(data))

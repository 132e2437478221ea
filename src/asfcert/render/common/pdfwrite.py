"""A small PDF writer for documents of text lines and rectangles (the audit report): A4
pages, the shipped DejaVu fonts embedded as subsets (pdffont.py), fixed metadata, and the
same bytes for the same drawing calls.

fpdf2 costs more to import than `check` takes to run, and parses each font on every
document; this writer needs neither, and with a warm cache no fontTools either. Its
drawing calls are the ones of fpdf2 that render/audit/report_pdf.py uses, in the same
units (millimetres from the top-left corner), so the layout reads the same."""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections.abc import Callable

from asfcert.render.common import pdffont
from asfcert.render.common.pdfdoc import FONT, MONO, fonts_dir

K = 72 / 25.4  # points per millimetre
A4 = (210.0, 297.0)
_FILES = {(FONT, ""): "DejaVuSans.ttf", (FONT, "B"): "DejaVuSans-Bold.ttf", (MONO, ""): "DejaVuSansMono.ttf"}


def _num(value: float) -> str:
    return f"{value:.2f}"


def _text_string(text: str) -> bytes:
    """A PDF text string: literal when ASCII, else UTF-16BE with its byte order mark."""
    if text.isascii() and text.isprintable():
        return b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("ascii") + b")"
    return b"<feff" + text.encode("utf-16-be").hex().encode("ascii") + b">"


class _Used:
    """One font as a document uses it: a CID for each distinct character, in the order of
    first use (so the same calls give the same numbers)."""

    def __init__(self, font: pdffont.Font, number: int):
        self.font = font
        self.number = number
        self.cids: dict[str, int] = {}

    def encode(self, text: str) -> str:
        cids = self.cids
        for c in text:
            if c not in cids:
                cids[c] = len(cids) + 1
        return "".join(f"{cids[c]:04X}" for c in text)


class Document:
    """Pages of text and rectangles. fpdf2's names and units: millimetres, `y` down from
    the top of the page, font sizes in points."""

    def __init__(self, *, title: str, subject: str, keywords: str, creator: str, created: dt.date, lang: str,
                 margins: tuple[float, float, float] = (10, 10, 10), bottom: float = 20):
        self.w, self.h = A4
        self.l_margin, self.t_margin, self.r_margin = margins
        self.b_margin = bottom
        self.page_break_trigger = self.h - bottom
        self.epw = self.w - self.l_margin - self.r_margin
        self.info = {"Title": title, "Subject": subject, "Keywords": keywords, "Creator": creator}
        self.created = created
        self.lang = lang
        self.footer: Callable[[Document, int, int], None] | None = None  # (doc, page, pages), drawn when saved
        self.pages: list[list[str]] = []
        self._page = -1  # the page being drawn on
        self.y = self.t_margin
        self.font_size_pt = 10.0
        self.font_size = 10.0 / K
        self._used: dict[tuple[str, str], _Used] = {}
        self._font: _Used | None = None
        self._colour = (0, 0, 0)

    # state -----------------------------------------------------------------------
    def add_page(self) -> None:
        self.pages.append(["0.57 w 0 G"])
        self._page = len(self.pages) - 1
        self.y = self.t_margin

    def get_y(self) -> float:
        return self.y

    def set_y(self, y: float) -> None:
        self.y = y if y >= 0 else self.h + y

    def set_font(self, family: str, style: str = "", size: float | None = None) -> None:
        which = (family, style)
        if which not in self._used:
            self._used[which] = _Used(pdffont.font(fonts_dir() / _FILES[which]), len(self._used) + 1)
        self._font = self._used[which]
        if size is not None:
            self.font_size_pt = float(size)
            self.font_size = self.font_size_pt / K

    def set_text_color(self, r: int, g: int = None, b: int = None) -> None:
        self._colour = (r, r, r) if g is None else (r, g, b)

    def get_string_width(self, text: str) -> float:
        return self._font.font.width(text) * self.font_size_pt / 1000 / K

    # drawing ---------------------------------------------------------------------
    def text(self, x: float, y: float, text: str) -> None:
        """`text` on one line, its baseline at `y`."""
        if not text:
            return
        colour = "" if self._colour == (0, 0, 0) else " ".join(f"{c / 255:.4g}" for c in self._colour) + " rg "
        used = self._font
        self.pages[self._page].append(f"BT {colour}/F{used.number} {_num(self.font_size_pt)} Tf {_num(x * K)} {_num((self.h - y) * K)} Td "
                              f"<{used.encode(text)}> Tj ET")

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.pages[self._page].append(f"{_num(x * K)} {_num((self.h - y) * K)} {_num(w * K)} {_num(-h * K)} re S")

    # the file ----------------------------------------------------------------------
    def output(self) -> bytes:
        if self.footer:
            for self._page in range(len(self.pages)):
                self.footer(self, self._page + 1, len(self.pages))
        objects: list[bytes] = []

        def add(body: bytes) -> int:
            objects.append(body)
            return len(objects)

        def stream(data: bytes, extra: str = "", compress: bool = True) -> int:
            if compress:
                data = zlib.compress(data)
                extra = "/Filter /FlateDecode " + extra
            return add(f"<< {extra}/Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")

        fonts = " ".join(f"/F{u.number} {self._font_objects(u, add, stream)} 0 R" for u in self._used.values())
        resources = add(f"<< /Font << {fonts} >> /ProcSet [/PDF /Text] >>".encode())
        pages_id = len(objects) + 2 * len(self.pages) + 1
        kids = []
        for content in self.pages:
            contents = stream("\n".join(content).encode("ascii"))
            kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /Resources {resources} 0 R /Contents {contents} 0 R >>".encode()))
        media = f"[0 0 {_num(self.w * K)} {_num(self.h * K)}]"
        add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} /MediaBox {media} >>".encode())
        lang = "sv-SE" if self.lang == "sv" else "en-GB"
        catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R /Lang ({lang}) /PageLayout /OneColumn >>".encode())
        info = b"<< " + b" ".join(f"/{k} ".encode() + _text_string(v) for k, v in self.info.items() if v)
        info = add(info + f" /CreationDate (D:{self.created:%Y%m%d}000000Z) >>".encode())
        return _file(objects, catalog, info)

    def _font_objects(self, used: _Used, add, stream) -> int:
        """The Type0 font (Identity-H) over a CIDFontType2 whose CIDs are the document's
        characters, mapped to the subset's glyphs, with a ToUnicode map for copying text."""
        font = used.font
        chars = sorted(used.cids.items(), key=lambda item: item[1])
        glyphs = [font.cmap.get(ord(c), 0) for c, _ in chars]
        cut = pdffont.subset(font, set(glyphs))
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(repr(sorted(cut.gids)).encode()).digest()[:6])
        name = f"{tag}+{font.name}"
        program = stream(cut.program, f"/Filter /FlateDecode /Length1 {cut.length} ", compress=False)  # deflated in the cache
        d = font.descriptor
        descriptor = add((f"<< /Type /FontDescriptor /FontName /{name} /Flags {int(d['Flags'])} "
                          f"/FontBBox [{' '.join(str(int(v)) for v in d['FontBBox'])}] /ItalicAngle {int(d['ItalicAngle'])} "
                          f"/Ascent {int(d['Ascent'])} /Descent {int(d['Descent'])} /CapHeight {int(d['CapHeight'])} "
                          f"/StemV {int(d['StemV'])} /MissingWidth {font.missing} /FontFile2 {program} 0 R >>").encode())
        to_gid = stream(b"\x00\x00" + b"".join(cut.gids[g].to_bytes(2, "big") for g in glyphs))
        widths = " ".join(str(font.glyph_widths.get(g, font.missing)) for g in glyphs)
        cid_font = add((f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
                        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                        f"/FontDescriptor {descriptor} 0 R /DW {font.missing} /W [1 [{widths}]] /CIDToGIDMap {to_gid} 0 R >>").encode())
        to_unicode = stream(_to_unicode(chars))
        return add((f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                    f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>").encode())


def _to_unicode(chars: list[tuple[str, int]]) -> bytes:
    entries = [f"<{cid:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c, cid in chars]
    blocks = "".join(f"{len(entries[i:i + 100])} beginbfchar\n" + "\n".join(entries[i:i + 100]) + "\nendbfchar\n"
                     for i in range(0, len(entries), 100))
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{blocks}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend").encode("ascii")


def _file(objects: list[bytes], catalog: int, info: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    file_id = hashlib.md5(bytes(out)).hexdigest().upper()  # noqa: S324 - an identifier, not a security measure
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R /ID [<{file_id}> <{file_id}>] >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)

"""A small PDF writer for the documents asfcert draws (the audit report, the certificate
and its signature block): one page size per document, text in the shipped DejaVu fonts
embedded as subsets (pdffont.py), rectangles, PNG and JPEG images (pdfimage.py), fixed
metadata, and the same bytes for the same drawing calls.

fpdf2 costs more to import than `check` takes to run, and parses each font on every
document; this writer needs neither, and with a warm cache no fontTools either. Its calls
are the fpdf2 calls asfcert used, with fpdf2's units and conventions (millimetres, `y`
down from the top of the page, font sizes in points, a cell's text 1 mm from its edge and
its baseline 0.3 font sizes below the cell's middle), so a page lays out as it did."""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from asfcert.render.common import pdffont, pdfimage
from asfcert.render.common.pdfdoc import FONT, MONO, fonts_dir

K = 72 / 25.4  # points per millimetre
A4 = (210.0, 297.0)
CELL_MARGIN = 1.0  # mm between a cell's edge and its text
_FILES = {(FONT, ""): "DejaVuSans.ttf", (FONT, "B"): "DejaVuSans-Bold.ttf", (MONO, ""): "DejaVuSansMono.ttf"}
_KAPPA = 0.5523  # a quarter circle as one Bézier curve


def _num(value: float) -> str:
    return f"{value:.2f}"


def _colour(rgb: tuple[int, int, int], op: str) -> str:
    return " ".join(f"{c / 255:.4g}" for c in rgb) + f" {op}"


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
    """Pages of text, rectangles and images."""

    def __init__(self, *, title: str, subject: str, keywords: str, created: dt.date, lang: str,
                 margins: tuple[float, float, float] = (10, 10, 10), bottom: float = 20, size: tuple[float, float] = A4):
        import asfcert

        self.w, self.h = size
        self.info = {"Title": title, "Subject": subject, "Keywords": keywords, "Creator": f"asfcert {asfcert.__version__}"}
        self.created = created
        self.lang = lang
        self.set_margins(*margins)
        self.set_bottom(bottom)
        self.footer: Callable[[Document, int, int], None] | None = None  # (doc, page, pages), drawn when saved
        self.pages: list[list[str]] = []
        self._page = -1  # the page being drawn on
        self._state: dict[str, str] = {}  # what the page's stream has set: fill, stroke, width, spacing
        self.x, self.y = self.l_margin, self.t_margin
        self.font_size_pt = 10.0
        self.font_size = 10.0 / K
        self.char_spacing = 0.0  # points between characters
        self.line_width = 0.2
        self._used: dict[tuple[str, str], _Used] = {}
        self._font: _Used | None = None
        self._text, self._fill, self._draw = (0, 0, 0), (0, 0, 0), (0, 0, 0)
        self._images: dict[bytes, tuple[int, pdfimage.Image]] = {}

    # state -----------------------------------------------------------------------
    def set_margins(self, left: float, top: float, right: float) -> None:
        self.l_margin, self.t_margin, self.r_margin = left, top, right
        self.epw = self.w - left - right

    def set_bottom(self, bottom: float) -> None:
        self.b_margin = bottom
        self.page_break_trigger = self.h - bottom

    def add_page(self) -> None:
        self.pages.append([])
        self._page = len(self.pages) - 1
        self._state = {}
        self.x, self.y = self.l_margin, self.t_margin

    def get_y(self) -> float:
        return self.y

    def set_y(self, y: float) -> None:
        self.x, self.y = self.l_margin, (y if y >= 0 else self.h + y)

    def set_x(self, x: float) -> None:
        self.x = x

    def set_xy(self, x: float, y: float) -> None:
        self.set_y(y)
        self.x = x

    def ln(self, h: float) -> None:
        self.x, self.y = self.l_margin, self.y + h

    def set_font(self, family: str, style: str = "", size: float | None = None) -> None:
        which = (family, style)
        if which not in self._used:
            self._used[which] = _Used(pdffont.font(fonts_dir() / _FILES[which]), len(self._used) + 1)
        self._font = self._used[which]
        if size is not None:
            self.font_size_pt = float(size)
            self.font_size = self.font_size_pt / K

    def set_text_color(self, r: int, g: int | None = None, b: int | None = None) -> None:
        self._text = (r, r, r) if g is None else (r, g, b)

    def set_fill_color(self, r: int, g: int | None = None, b: int | None = None) -> None:
        self._fill = (r, r, r) if g is None else (r, g, b)

    def set_draw_color(self, r: int, g: int | None = None, b: int | None = None) -> None:
        self._draw = (r, r, r) if g is None else (r, g, b)

    def set_line_width(self, width: float) -> None:
        self.line_width = width

    def set_char_spacing(self, points: float) -> None:
        self.char_spacing = points

    def get_string_width(self, text: str) -> float:
        return (self._font.font.width(text) * self.font_size_pt / 1000 + self.char_spacing * len(text)) / K

    def wrap(self, text: str, width: float) -> list[str]:
        """`text` in lines no wider than `width` (mm) in the current font: at spaces, and
        inside a word only when the word alone is wider (paths, hashes)."""
        width_of = self.get_string_width
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if width_of(candidate) <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = ""
                while width_of(word) > width and len(word) > 1:
                    cut = 1
                    while cut < len(word) and width_of(word[:cut + 1]) <= width:
                        cut += 1
                    lines.append(word[:cut])
                    word = word[cut:]
                line = word
            lines.append(line)
        return lines

    def _set(self, key: str, value: str) -> None:
        """`value` into the page's stream, unless it is what the stream has already."""
        if self._state.get(key) != value:
            self._state[key] = value
            self.pages[self._page].append(value)

    # drawing ---------------------------------------------------------------------
    def text(self, x: float, y: float, text: str) -> None:
        """`text` on one line, its baseline at `y`."""
        if not text:
            return
        self._set("fill", _colour(self._text, "rg"))
        self._set("spacing", f"BT {_num(self.char_spacing)} Tc ET")
        used = self._font
        self.pages[self._page].append(f"BT /F{used.number} {_num(self.font_size_pt)} Tf {_num(x * K)} {_num((self.h - y) * K)} Td "
                                      f"<{used.encode(text)}> Tj ET")

    def cell(self, w: float, h: float, text: str, align: str = "L", then: str = "right") -> None:
        """`text` in the box `w` × `h` at the current position (`w` 0: to the right margin),
        then on to its `right`, to the `next` line at the left margin, or `below` it."""
        w = w or self.w - self.r_margin - self.x
        width = self.get_string_width(text)
        dx = {"L": CELL_MARGIN, "R": w - CELL_MARGIN - width, "C": (w - width) / 2}[align]
        self.text(self.x + dx, self.y + 0.5 * h + 0.3 * self.font_size, text)
        if then == "right":
            self.x += w
        else:
            self.x, self.y = (self.l_margin if then == "next" else self.x), self.y + h

    def multi_cell(self, w: float, h: float, text: str, align: str = "L", then: str = "next") -> None:
        """`text` wrapped to the width `w`, a cell of height `h` a line."""
        x = self.x
        for line in self.wrap(text, w - 2 * CELL_MARGIN):
            self.x = x
            self.cell(w, h, line, align, then="below")
        self.x = self.l_margin if then == "next" else x

    def rect(self, x: float, y: float, w: float, h: float, style: str = "", radius: float = 0) -> None:
        """A rectangle, stroked (`style` ""), filled ("F") or both ("DF"), its corners
        rounded to `radius`."""
        if "F" in style:
            self._set("fill", _colour(self._fill, "rg"))
        if style != "F":
            self._set("stroke", _colour(self._draw, "RG"))
            self._set("width", f"{_num(self.line_width * K)} w")
        op = {"": "S", "D": "S", "F": "f", "DF": "B", "FD": "B"}[style]
        left, top, right, bottom = x * K, (self.h - y) * K, (x + w) * K, (self.h - y - h) * K
        if not radius:
            self.pages[self._page].append(f"{_num(left)} {_num(top)} {_num(w * K)} {_num(-h * K)} re {op}")
            return
        r = radius * K
        c = r * _KAPPA
        n = _num
        self.pages[self._page].append(" ".join([
            f"{n(left + r)} {n(top)} m {n(right - r)} {n(top)} l",
            f"{n(right - r + c)} {n(top)} {n(right)} {n(top - r + c)} {n(right)} {n(top - r)} c",
            f"{n(right)} {n(bottom + r)} l {n(right)} {n(bottom + r - c)} {n(right - r + c)} {n(bottom)} {n(right - r)} {n(bottom)} c",
            f"{n(left + r)} {n(bottom)} l {n(left + r - c)} {n(bottom)} {n(left)} {n(bottom + r - c)} {n(left)} {n(bottom + r)} c",
            f"{n(left)} {n(top - r)} l {n(left)} {n(top - r + c)} {n(left + r - c)} {n(top)} {n(left + r)} {n(top)} c h {op}",
        ]))

    def image(self, raw: bytes, x: float, y: float, w: float, h: float) -> None:
        """A PNG or JPEG image (`raw`, its file's bytes) in the box `w` × `h` at `x`, `y`."""
        if raw not in self._images:
            self._images[raw] = (len(self._images) + 1, pdfimage.image(raw))
        number, _ = self._images[raw]
        self.pages[self._page].append(f"q {_num(w * K)} 0 0 {_num(h * K)} {_num(x * K)} {_num((self.h - y - h) * K)} cm /I{number} Do Q")

    # the file ----------------------------------------------------------------------
    def output(self, signature: Signature | None = None) -> bytes:
        """The file; with `signature`, signed in the same pass (see `Signature`)."""
        if self.footer:
            for self._page in range(len(self.pages)):
                self._state = {}  # unknown at the end of the page: set again what the footer needs
                self.footer(self, self._page + 1, len(self.pages))
        form = self._draw_form(signature) if signature else None
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
        images = " ".join(f"/I{number} {_image_object(image, stream)} 0 R" for number, image in self._images.values())
        resources = add(f"<< /Font << {fonts} >> /XObject << {images} >> /ProcSet [/PDF /Text /ImageB /ImageC /ImageI] >>".encode())
        if signature:
            x, y, w, h = signature.box
            appearance = stream(form, f"/Type /XObject /Subtype /Form /BBox [0 0 {_num(w * K)} {_num(h * K)}] /Resources {resources} 0 R ")
            value = add(signature.dictionary())
        pages_id = len(objects) + 2 * len(self.pages) + 1
        widget = pages_id + 1  # the signature field and its widget, right after the page tree
        kids = []
        for number, content in enumerate(self.pages):
            contents = stream("\n".join(content).encode("ascii"))
            annots = f"/Annots [{widget} 0 R] " if signature and number == signature.page else ""
            kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /Resources {resources} 0 R {annots}/Contents {contents} 0 R >>".encode()))
        media = f"[0 0 {_num(self.w * K)} {_num(self.h * K)}]"
        add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} /MediaBox {media} >>".encode())
        form_entries = ""
        if signature:
            rect = f"[{_num(x * K)} {_num((self.h - y - h) * K)} {_num((x + w) * K)} {_num((self.h - y) * K)}]"
            add((f"<< /Type /Annot /Subtype /Widget /FT /Sig /T {_text_string(signature.field).decode('ascii')} /V {value} 0 R "
                 f"/F 132 /Rect {rect} /P {kids[signature.page]} 0 R /AP << /N {appearance} 0 R >> >>").encode())
            form_entries = (f" /AcroForm << /Fields [{widget} 0 R] /SigFlags 3 >> "
                            "/Extensions << /ESIC << /Type /DeveloperExtensions /BaseVersion /1.7 /ExtensionLevel 1 >> >>")
        lang = "sv-SE" if self.lang == "sv" else "en-GB"
        catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R /Lang ({lang}) /PageLayout /OneColumn{form_entries} >>".encode())
        info = b"<< " + b" ".join(f"/{k} ".encode() + _text_string(v) for k, v in self.info.items() if v)
        info = add(info + f" /CreationDate (D:{self.created:%Y%m%d}000000Z) >>".encode())
        if not signature:
            return _file(objects, catalog, info)
        offsets: list[int] = []
        pdf = _file(objects, catalog, info, version=b"1.7", offsets=offsets)
        return _signed(pdf, offsets[value - 1], signature)

    def _draw_form(self, signature: Signature) -> bytes:
        """What `signature.draw` draws, as the content of a form the size of its box: drawn
        as on a page of that size (y down from the box's top), in this document's fonts."""
        saved = (self.w, self.h, self.l_margin, self.t_margin, self.r_margin, self._page, self._state)
        self.w, self.h = signature.box[2:]
        self.set_margins(0, 0, 0)
        self.pages.append([])
        self._page, self._state = len(self.pages) - 1, {}
        try:
            signature.draw(self)
        finally:
            content = self.pages.pop()
            self.w, self.h, self.l_margin, self.t_margin, self.r_margin, self._page, self._state = saved
            self.set_margins(self.l_margin, self.t_margin, self.r_margin)
        return "\n".join(content).encode("ascii")

    def _font_objects(self, used: _Used, add, stream) -> int:
        """The Type0 font (Identity-H) over a CIDFontType2 whose CIDs are the document's
        characters, mapped to the subset's glyphs, with a ToUnicode map for copying text."""
        font = used.font
        chars = sorted(used.cids.items(), key=lambda item: item[1])
        glyphs = [font.cmap.get(ord(c), 0) for c, _ in chars]
        cut = pdffont.subset(font, set(glyphs))
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(repr(sorted(set(glyphs))).encode()).digest()[:6])
        name = f"{tag}+{font.name}"
        program = stream(cut.program, f"/Filter /FlateDecode /Length1 {cut.length} ", compress=False)  # deflated already
        d = font.descriptor
        descriptor = add((f"<< /Type /FontDescriptor /FontName /{name} /Flags {int(d['Flags'])} "
                          f"/FontBBox [{' '.join(str(int(v)) for v in d['FontBBox'])}] /ItalicAngle {int(d['ItalicAngle'])} "
                          f"/Ascent {int(d['Ascent'])} /Descent {int(d['Descent'])} /CapHeight {int(d['CapHeight'])} "
                          f"/StemV {int(d['StemV'])} /MissingWidth {font.missing} /FontFile2 {program} 0 R >>").encode())
        to_gid = stream(b"\x00\x00" + b"".join(g.to_bytes(2, "big") for g in glyphs))  # the subset keeps the numbers
        widths = " ".join(str(font.glyph_widths.get(g, font.missing)) for g in glyphs)
        cid_font = add((f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
                        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                        f"/FontDescriptor {descriptor} 0 R /DW {font.missing} /W [1 [{widths}]] /CIDToGIDMap {to_gid} 0 R >>").encode())
        to_unicode = stream(_to_unicode(chars))
        return add((f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                    f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>").encode())


def _image_object(image: pdfimage.Image, stream) -> int:
    mask = f"/SMask {_image_object(image.mask, stream)} 0 R " if image.mask else ""
    return stream(image.data, f"/Type /XObject /Subtype /Image {image.params} {mask}", compress=False)


def _to_unicode(chars: list[tuple[str, int]]) -> bytes:
    entries = [f"<{cid:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c, cid in chars]
    blocks = "".join(f"{len(entries[i:i + 100])} beginbfchar\n" + "\n".join(entries[i:i + 100]) + "\nendbfchar\n"
                     for i in range(0, len(entries), 100))
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{blocks}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend").encode("ascii")


def _file(objects: list[bytes], catalog: int, info: int, version: bytes = b"1.4", offsets: list[int] | None = None) -> bytes:
    """The file: each object's offset into `offsets`, when given."""
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = [] if offsets is None else offsets
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


# signing -------------------------------------------------------------------------------
CONTENTS_BYTES = 8192  # room for the CMS: asfcert's is about 1,540 bytes with its two certificates
_RANGE_WIDTH = 48  # "[0 a b c]", padded with spaces, written before its numbers are known


@dataclass(frozen=True)
class Signature:
    """A signature field with a visible appearance, signed as the file is written: the
    /Sig dictionary holds a /ByteRange that covers the whole file but its /Contents, and
    /Contents the CMS that `sign` returns for those bytes (PAdES: /SubFilter
    /ETSI.CAdES.detached). `draw(document)` draws the appearance in `box` (x, y, width,
    height in mm from the page's top-left corner) on `page`; `entries` are the
    dictionary's text entries (/Name, /Reason); `when` is its /M."""

    field: str
    box: tuple[float, float, float, float]
    draw: Callable[[Document], None]
    sign: Callable[[bytes], bytes]
    when: dt.datetime
    entries: tuple[tuple[str, str], ...] = ()
    page: int = 0

    def dictionary(self) -> bytes:
        texts = b"".join(f" /{k} ".encode() + _text_string(v) for k, v in self.entries)
        return (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange " + b"[0 0 0 0]".ljust(_RANGE_WIDTH)
                + b" /Contents <" + b"0" * (2 * CONTENTS_BYTES) + b"> /M " + _text_string(f"D:{self.when:%Y%m%d%H%M%S}Z") + texts + b" >>")


def _signed(pdf: bytes, offset: int, signature: Signature) -> bytes:
    """`pdf` with the /ByteRange and /Contents of the signature dictionary at `offset` filled."""
    at = pdf.index(b"/ByteRange [0 0 0 0]", offset)
    start = pdf.index(b"/Contents <", at) + len(b"/Contents ")
    end = start + 2 * CONTENTS_BYTES + 2
    ranges = f"[0 {start} {end} {len(pdf) - end}]".encode().ljust(_RANGE_WIDTH)
    out = bytearray(pdf)
    out[at + len(b"/ByteRange ") : at + len(b"/ByteRange ") + _RANGE_WIDTH] = ranges
    cms = signature.sign(bytes(out[:start]) + bytes(out[end:])).hex().upper().encode("ascii")
    if len(cms) > 2 * CONTENTS_BYTES:
        raise ValueError(f"the signature takes {len(cms) // 2} bytes, more than the {CONTENTS_BYTES} kept for it")
    out[start + 1 : start + 1 + len(cms)] = cms
    return bytes(out)

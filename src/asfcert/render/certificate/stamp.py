"""The certification stamp for the company's website and e-mail: SVG from a Jinja2
template, and PNG drawn with Pillow in the same design.

Pillow is the raster renderer (it also reads an unusual certifier's mark): it draws text
with the shipped DejaVu TTF through FreeType, and it writes PNG directly.
Rasterising the SVG instead would need cairosvg and the Cairo C library. Pure functions
of `data` (`asfcert.certify.issue.stamp_view`)."""

from __future__ import annotations

import io
import re

from asfcert.base.safetext import visible
from asfcert.render.common.pdfdoc import environment, fonts_dir, templates_dir

SIZE = 240  # the SVG's user units; the PNG is drawn at `scale` times this


def _sizes(data: dict) -> dict:
    """Font sizes that keep long words inside the circle."""
    return {
        "heading_size": min(16.0, 170 / max(1, 0.68 * len(data["heading"]))),
        "certifier_size": min(15.0, 150 / max(1, 0.62 * len(data["certifier"]))),
    }


def svg(data: dict) -> str:
    values = {**data, **_sizes(data)}
    return _substituted(templates_dir() / "stamp.svg.j2", values) or environment().get_template("stamp.svg.j2").render(**values)


_FIELD = re.compile(r"\{\{ (\w+) \}\}")
_COMMENT = re.compile(r"\s*\{#-.*?#\}\n?", re.S)  # `{#- … #}`: the space before it and, by trim_blocks, the newline after
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def _substituted(path, values: dict) -> str | None:
    """The template at `path` rendered as pdfdoc.environment() renders it, when all it
    holds is text, `{{ name }}` fields and `{#- … #}` comments: each value made visible when
    it is text, then escaped as markupsafe escapes (tests compare the two). Jinja2 alone
    costs more to import than the rest of the stamp; any other template is its to render
    (None)."""
    parts = _FIELD.split(_COMMENT.sub("", path.read_text(encoding="utf-8")))
    texts, names = parts[::2], parts[1::2]
    if any(mark in t for t in texts for mark in ("{{", "}}", "{%", "%}", "{#", "#}")) or not set(names) <= values.keys():
        return None
    if any(type(values[name]) not in (str, int, float) for name in names):
        return None  # Markup, None, …: as Jinja2 treats them
    out = [texts[0]]
    for name, text in zip(names, texts[1:]):
        value = values[name]
        out += [(visible(value) if type(value) is str else str(value)).translate(_ESCAPES), text]
    return "".join(out)


def png(data: dict, scale: int = 2) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    s = scale
    colour = data["colour"]
    img = Image.new("RGBA", (SIZE * s, SIZE * s), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    c = SIZE * s / 2
    draw.ellipse([c - 114 * s, c - 114 * s, c + 114 * s, c + 114 * s], fill="#ffffff", outline=colour, width=7 * s)
    draw.ellipse([c - 101 * s, c - 101 * s, c + 101 * s, c + 101 * s], outline=colour, width=max(1, round(1.5 * s)))
    regular = str(fonts_dir() / "DejaVuSans.ttf")
    bold = str(fonts_dir() / "DejaVuSans-Bold.ttf")
    sizes = _sizes(data)
    for text, baseline, size, font in (
        (data["heading"], 64, sizes["heading_size"], bold),
        ("ASF", 122, 54, bold),
        (data["certifier"], 150, sizes["certifier_size"], bold),
        (data["number"], 176, 12, regular),
        (data["until"], 195, 11, regular),
    ):
        face = ImageFont.truetype(font, round(size * s))
        draw.text((c, baseline * s), text, font=face, fill=colour, anchor="ms")  # middle, baseline: as the SVG
    buf = io.BytesIO()
    # zlib's default level: optimize=True searched for a 7 % smaller file at three times the
    # cost (about 40 ms of each certify); the pixels are the same
    img.save(buf, format="PNG")
    return buf.getvalue()

"""The certification stamp for the company's website and e-mail: SVG from a Jinja2
template, and PNG drawn with Pillow in the same design.

Pillow is the raster renderer (it also reads an unusual certifier's mark): it draws text
with the shipped DejaVu TTF through FreeType, and it writes PNG directly.
Rasterising the SVG instead would need cairosvg and the Cairo C library. Pure functions
of `data` (`asfcert.certify.issue.stamp_view`)."""

from __future__ import annotations

import io

from asfcert.render.common.pdfdoc import environment, fonts_dir

SIZE = 240  # the SVG's user units; the PNG is drawn at `scale` times this


def _sizes(data: dict) -> dict:
    """Font sizes that keep long words inside the circle."""
    return {
        "heading_size": min(16.0, 170 / max(1, 0.68 * len(data["heading"]))),
        "certifier_size": min(15.0, 150 / max(1, 0.62 * len(data["certifier"]))),
    }


def svg(data: dict) -> str:
    return environment().get_template("stamp.svg.j2").render(**data, **_sizes(data))


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
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()

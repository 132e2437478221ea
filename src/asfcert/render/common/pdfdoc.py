"""What every PDF asfcert writes shares: the DejaVu fonts shipped in templates/fonts (so å,
ä and ö render and can be extracted on any machine), fixed metadata and a fixed creation
date, so the same input always gives the same bytes. Also the Jinja2 environment for the
templates in templates/. fpdf2 and jinja2 are imported only when a document is made."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

FONT = "DejaVu"
MONO = "DejaVuMono"  # for file paths and hashes, which must read character by character


def templates_dir() -> Path:
    from asfcert.base.resources import data_dir

    return data_dir("templates")


def fonts_dir() -> Path:
    return templates_dir() / "fonts"


def new_pdf(*, title: str, subject: str, keywords: str, created: dt.date, lang: str, cls=None):
    """An A4 FPDF with the DejaVu fonts registered and deterministic metadata."""
    from fpdf import FPDF

    import asfcert

    pdf = (cls or FPDF)(orientation="portrait", unit="mm", format="A4")
    pdf.set_creation_date(dt.datetime(created.year, created.month, created.day, tzinfo=dt.timezone.utc))
    pdf.set_title(title)
    pdf.set_subject(subject)
    pdf.set_keywords(keywords)
    pdf.set_creator(f"asfcert {asfcert.__version__}")
    pdf.set_lang("sv-SE" if lang == "sv" else "en-GB")
    fonts = fonts_dir()
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font(MONO, "", str(fonts / "DejaVuSansMono.ttf"))
    pdf.set_font(FONT, size=10)
    return pdf


@lru_cache(maxsize=2)  # one per autoescape setting: its templates are compiled once per process
def environment(*, html: bool = True):
    """Jinja2 over templates/, autoescaping HTML and SVG, with an `nl2br` filter. Every text
    from the data is shown with its control and bidi-override characters made visible."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup, escape

    from asfcert.base.safetext import visible

    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=lambda value: visible(value) if type(value) is str else value,
    )
    env.filters["nl2br"] = lambda text: Markup("<br>").join(escape(visible(line)) for line in str(text).split("\n"))
    return env

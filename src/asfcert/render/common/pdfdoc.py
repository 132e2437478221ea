"""What every PDF asfcert writes shares: the DejaVu fonts shipped in templates/fonts (so å,
ä and ö render and can be extracted on any machine), by the names pdfwrite.py knows them.
Also the Jinja2 environment for the templates in templates/, imported only when a
document is made."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT = "DejaVu"
MONO = "DejaVuMono"  # for file paths and hashes, which must read character by character


def templates_dir() -> Path:
    from asfcert.base.resources import data_dir

    return data_dir("templates")


def fonts_dir() -> Path:
    return templates_dir() / "fonts"


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

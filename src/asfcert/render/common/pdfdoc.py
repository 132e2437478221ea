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


@lru_cache(maxsize=4)  # one per autoescape setting and folder: its templates are compiled once per process
def environment(*, html: bool = True, compiled: str | None = None):
    """Jinja2 over templates/, autoescaping HTML and SVG, with an `nl2br` filter. Every text
    from the data is shown with its control and bidi-override characters made visible.
    `compiled`: a folder of this environment's own (its settings are not in Jinja's keys)
    where the compiled templates are kept, each checked against its template's source, so
    that a later run loads a template instead of compiling it (30 ms for the audit report)."""
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
        bytecode_cache=_compiled(compiled) if compiled else None,
    )
    env.filters["nl2br"] = lambda text: Markup("<br>").join(escape(visible(line)) for line in str(text).split("\n"))
    return env


def _compiled(folder: str):
    """Jinja's bytecode cache in `folder`, where a damaged or unreadable entry is compiled
    again and a failed write is left out (Jinja itself writes atomically)."""
    import os

    from jinja2 import FileSystemBytecodeCache

    class Compiled(FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - any damage: compile the template as without a cache
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return Compiled(folder)

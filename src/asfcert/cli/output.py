"""Write a result in the chosen format to standard output."""

from __future__ import annotations

import sys

from asfcert.cli.app import Format


def console():
    from rich.console import Console

    from asfcert.cli.safe_output import guard_rich

    guard_rich()
    return Console(highlight=False, soft_wrap=False)


def emit(result, format: Format, lang: str, *, terminal=None, markdown=None) -> None:
    """Render `result` with the renderer modules given, or the check renderers."""
    if format is Format.json:
        from asfcert.render.common import jsonout

        sys.stdout.write(jsonout.render(result, lang))
    elif format is Format.markdown:
        from asfcert.cli.safe_output import visible
        from asfcert.render.check import markdown as md

        sys.stdout.write(visible((markdown or md).render(result, lang)))
    else:
        from asfcert.render.check import terminal as term

        (terminal or term).render(result, lang, console())

"""A terminal view through a pipe, kept and replayed: `asfcert check DIR | less` run again
on an unchanged folder prints the text it printed before without starting rich (its
console and tables cost more than the rest of a warm check).

The text is kept in the cache under everything it depends on: the result (its whole
`to_dict()`, which is all such a view shows, or `view_data()` where the view shows more), the view, the language, the encoding of
standard output, what rich reads from the environment and the terminal (the width, the
colour settings) and rich itself. Anything else changed means another key, never a stale
text."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from collections.abc import Callable

# What rich's Console reads from the environment (console.py: size, colour, terminal).
_RICH_ENVIRONMENT = (
    "COLUMNS", "LINES", "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR",
    "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES",
)


def replay(result, lang: str, view: str, render: Callable[[object], None], use_cache: bool = True) -> None:
    """Write the text `render(stream)` writes for `result` to standard output, from the
    cache when it was rendered before under the same conditions."""
    from asfcert.io.cache import Cache

    if not use_cache:  # --no-cache: nothing read, nothing kept
        sys.stdout.write(rendered(render))
        return
    cache = Cache()
    digest = view_key(result, lang, view)
    hit = cache.get("view", digest)
    text = hit.get("text") if isinstance(hit, dict) else None
    if not isinstance(text, str):
        text = rendered(render)
        cache.put("view", digest, {"text": text})
    sys.stdout.write(text)


def rendered(render: Callable[[object], None]) -> str:
    """The text `render` writes to a stream like standard output (its encoding, not a
    terminal, padding trimmed)."""
    from asfcert.cli.output import _Trimmed

    buffer = io.StringIO()
    stream = _Trimmed(buffer, encoding=getattr(sys.stdout, "encoding", None))
    render(stream)
    stream.flush()
    return buffer.getvalue()


def view_key(result, lang: str, view: str) -> str:
    from asfcert.io.cache import key

    shown = result.view_data() if hasattr(result, "view_data") else result.to_dict()  # a view showing more than to_dict() says so
    data = json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str)
    return key("view", view, lang, hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest(), _conditions())


def _conditions() -> str:
    import rich

    sizes = []
    for fd in (0, 1, 2):  # rich takes the width of the first of these that is a terminal
        try:
            sizes.append(tuple(os.get_terminal_size(fd)))
        except (AttributeError, ValueError, OSError):
            sizes.append(None)
    base = os.path.dirname(rich.__file__)
    installed = []
    for name in ("__init__.py", "console.py", "table.py", "text.py"):
        try:
            st = os.stat(os.path.join(base, name))
            installed.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            installed.append((name, None))
    return repr((
        getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None), sys.platform,
        [(name, os.environ.get(name)) for name in _RICH_ENVIRONMENT], sizes, base, installed,
    ))

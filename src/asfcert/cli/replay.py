"""What a warm `check` need not do again.

A command line, remembered: what click made of `asfcert check DIR --as-of …` (the folder,
the format, the language, the date, …) is kept under everything it depends on (the exact
arguments, the working folder, every ASFCERT_* variable, asfcert, typer and Python
themselves), so the same command line run again goes straight to the check, without
loading typer (half of the time of a warm check). Only the check is remembered, and
never with --no-cache; any other command line is parsed as always.

A terminal view through a pipe, kept and replayed: `asfcert check DIR | less` run again
on an unchanged folder prints the text it printed before without starting rich (its
console and tables cost more than the rest of a warm check).

The text is kept in the cache under everything it depends on: the result (its whole
`to_dict()`, which is all such a view shows, or `view_data()` where the view shows more), the view, the language, the encoding of
standard output, what rich reads from the environment and the terminal (the width, the
colour settings) and rich itself. Anything else changed means another key, never a stale
text."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

# What rich's Console reads from the environment (console.py: size, colour, terminal).
_RICH_ENVIRONMENT = (
    "COLUMNS", "LINES", "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR",
    "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES",
)


_ARGV_VERSION = 1  # bump when what is remembered of a command line changes


def replayed(args: list[str], loaded: Callable[[], None]) -> int | None:
    """Run `args` as click parsed them before, without typer: the exit code; None when
    they were never parsed here (then they are, and the check remembers them). `loaded`
    is called once the check is about to run."""
    if "--no-cache" in args:  # not a single read of the cache
        return None
    params = _remembered(args)
    if params is None:
        return None
    from asfcert.assess.checker import CheckOptions, check
    from asfcert.cli.output import present
    from asfcert.cli.state import State

    State.lang, State.format = params["lang"], params["format"]
    loaded()
    options = CheckOptions(
        standard=Path(params["standard"]) if params["standard"] is not None else None,
        today=dt.date.fromisoformat(params["as_of"]) if params["as_of"] is not None else None,
        strict_privacy=params["strict_privacy"],
    )
    result = check(Path(params["folder"]), options)
    present(result, params["format"], params["lang"])
    return result.exit_code


def remember_check(folder: Path, format: str, lang: str, standard: Path | None, as_of: dt.date | None, no_cache: bool, strict_privacy: bool) -> None:
    """Keep what click made of the program's command line, a `check` (never with --no-cache;
    nothing in-process, where `main(argv)` has no command line of its own)."""
    from asfcert.cli.state import State

    if State.program_args is None or no_cache:
        return
    from asfcert.io.cache import Cache

    params = {
        "folder": str(folder), "format": str(format), "lang": str(lang), "standard": str(standard) if standard is not None else None,
        "as_of": as_of.isoformat() if as_of is not None else None, "strict_privacy": bool(strict_privacy),
    }
    digest = _argv_key(State.program_args)
    if digest is not None:
        Cache().put("argv", digest, {"command": "check", "params": params})


_PARAMS = {"folder": (str,), "format": (str,), "lang": (str,), "standard": (str, type(None)), "as_of": (str, type(None)), "strict_privacy": (bool,)}


def _remembered(args: list[str]) -> dict | None:
    from asfcert.io.cache import Cache

    digest = _argv_key(args)
    hit = Cache().get("argv", digest) if digest is not None else None
    params = hit.get("params") if isinstance(hit, dict) and hit.get("command") == "check" else None
    if not isinstance(params, dict) or params.keys() != _PARAMS.keys():
        return None
    if not all(isinstance(params[name], types) for name, types in _PARAMS.items()):
        return None
    if params["format"] not in ("terminal", "json", "markdown") or params["lang"] not in ("sv", "en"):
        return None
    try:
        if params["as_of"] is not None:
            dt.date.fromisoformat(params["as_of"])
    except ValueError:
        return None
    return params


def _argv_key(args: list[str]) -> str | None:
    """The key of a command line: everything that decides what click makes of it."""
    import importlib.util

    from asfcert.io.cache import key

    try:
        here = os.getcwd()
    except OSError:  # the working folder is gone: parse as always
        return None
    spec = importlib.util.find_spec("typer")
    typer = os.path.dirname(spec.origin) if spec is not None and spec.origin else None
    installed = [_stat(typer, name) for name in _TYPER_FILES] if typer else None
    variables = sorted((name, value) for name, value in os.environ.items() if name.startswith("ASFCERT_"))
    what = json.dumps([list(args), here, variables, sys.prefix, sys.version, typer, installed])  # sys.prefix: python, python3 and python3.11 of one venv are one; ASCII: any text survives
    return key("argv", _ARGV_VERSION, what)


# typer's modules that parse a command line (the version is in the first): an upgrade is another key
_TYPER_FILES = ("__init__.py", "main.py", "core.py", "params.py", "models.py", "_click/core.py", "_click/types.py", "_click/parser.py")


def _stat(base: str, name: str):
    try:
        st = os.stat(os.path.join(base, name))
    except OSError:
        return [name, None]
    return [name, st.st_size, st.st_mtime_ns]


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
    import importlib.util

    sizes = []
    for fd in (0, 1, 2):  # rich takes the width of the first of these that is a terminal
        try:
            sizes.append(tuple(os.get_terminal_size(fd)))
        except (AttributeError, ValueError, OSError):
            sizes.append(None)
    spec = importlib.util.find_spec("rich")  # where it is, without importing it (the plain view does not)
    base = os.path.dirname(spec.origin) if spec is not None and spec.origin else None
    installed = []
    for name in ("__init__.py", "console.py", "table.py", "text.py"):
        try:
            if base is None:
                raise OSError("rich is not installed")
            st = os.stat(os.path.join(base, name))
            installed.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            installed.append((name, None))
    return repr((
        getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None), sys.platform,
        [(name, os.environ.get(name)) for name in _RICH_ENVIRONMENT], sizes, base, installed,
    ))

"""The one emitter: every result, note, progress bar and JSON error reaches the user here.

Three kinds of output, each with one way out:
- the terminal: rich, through `console()`, which first makes rich show the control and
  bidi characters of people's texts visibly (`guard_rich`);
- plain text (Markdown, notes on standard error): `write_text`, which shows them visibly
  whether or not the stream is a terminal (only rich may write escape sequences);
- JSON: `write_json`, with every text in the chosen language, ASCII-escaped where the
  stream's encoding could not carry the text unchanged."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

T = TypeVar("T")


def console(*, stderr: bool = False):
    """The rich console every terminal renderer prints on. No markup and no emoji codes:
    renderers style with Text, a name like "Kvarnen [/x]" from a file is text, not a rich
    tag, and a key fingerprint's ":CD:" is not a disc."""
    from rich.console import Console

    from asfcert.cli.safe_output import guard_rich

    guard_rich()
    stream = sys.stderr if stderr else sys.stdout
    if _is_terminal(stream):
        return Console(highlight=False, soft_wrap=False, markup=False, emoji=False, stderr=stderr)
    return _plain_console(_Trimmed(stream))


# The terminal views whose text through a pipe is kept and replayed (cli/replay.py): those
# that show nothing but their result's `to_dict()` (or its `view_data()`).
REPLAYED = frozenset({"asfcert.render.check.terminal:render", "asfcert.render.site.terminal:render",
                      "asfcert.render.audit.terminal:render_verify"})


# The views drawn for a pipe without rich where rich's bytes are certain (render/common/plaintext.py)
PLAIN = {"asfcert.render.check.terminal:render": "asfcert.render.check.plain:render",
         "asfcert.render.audit.terminal:render_audit_run": "asfcert.render.audit.plain:render_audit_run",
         "asfcert.render.audit.terminal:render_certify": "asfcert.render.audit.plain:render_certify",
         "asfcert.render.audit.terminal:render_verify": "asfcert.render.audit.plain:render_verify"}


def draw_piped(view: str, result, lang: str, stream) -> str:
    """Write the terminal `view` of `result` to `stream`, which is not a terminal: without
    rich where the view has a plain drawing that holds, else with rich. Says which drew."""
    from asfcert.base.lasting import lasting
    from asfcert.cli.presenters import function

    if view in PLAIN:
        from asfcert.render.common.plaintext import Fallback, console_width

        try:
            text = function(PLAIN[view])(result, lang, console_width(stream))
        except Fallback:
            pass
        else:
            stream.write(text)
            return "plain"
    # rich's modules, imported by the first view drawn, are built without collections
    with lasting():
        function(view)(result, lang, _plain_console(stream))
    return "rich"


def _plain_console(file):
    """The console for output that is not a terminal (a pipe, a file)."""
    from rich.console import Console

    from asfcert.cli.safe_output import guard_rich

    guard_rich()
    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False, file=file)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Trimmed:
    """A stream that drops the spaces rich pads lines with, for output to a pipe or a file:
    a table's title and wrapped text end at their last character, as a diff or grep wants."""

    def __init__(self, stream, encoding: str | None = None):
        self.stream = stream
        self.encoding = encoding or getattr(stream, "encoding", None) or "utf-8"
        self._line = ""

    def write(self, text: str) -> int:
        *lines, self._line = (self._line + text).split("\n")
        if lines:
            self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._line:  # a last line without its newline yet: keep it whole, rich may go on
            self.stream.write(self._line)
            self._line = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.stream.fileno()


def write_text(text: str, *, stderr: bool = False) -> None:
    from asfcert.base.safetext import visible

    (sys.stderr if stderr else sys.stdout).write(visible(text))


def _unicode(stream) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding.startswith("utf")


def write_json(data: dict, lang: str) -> None:
    from asfcert.render.common.jsonout import dumps

    sys.stdout.write(dumps(data, lang, ascii_only=not _unicode(sys.stdout)))


def present(result, format: str, lang: str, *, use_cache: bool = True) -> None:
    """Show `result` in `format` with the presenter of its type (`use_cache`: False for
    --no-cache, which neither reads nor keeps a replayed view)."""
    from asfcert.base.lasting import lasting
    from asfcert.cli.presenters import function, presenter

    shown = presenter(result)
    if format == "json":
        write_json(shown.data(result), lang)
    elif format == "markdown":
        write_text(function(shown.markdown)(result, lang))
    elif shown.terminal in REPLAYED and not _is_terminal(sys.stdout):
        from asfcert.cli.replay import replay

        replay(result, lang, shown.terminal, lambda stream: draw_piped(shown.terminal, result, lang, stream), use_cache)
    elif shown.terminal in PLAIN and not _is_terminal(sys.stdout):
        stream = _Trimmed(sys.stdout)
        draw_piped(shown.terminal, result, lang, stream)
        stream.flush()
    else:
        with lasting():
            function(shown.terminal)(result, lang, console())
    if shown.notes:
        for line in function(shown.notes)(result, lang, format):
            write_text(line + "\n", stderr=True)


def finish(result, format: str, lang: str, *, use_cache: bool = True) -> NoReturn:
    """Present `result` and end the command with its exit code."""
    import typer

    present(result, format, lang, use_cache=use_cache)
    raise typer.Exit(result.exit_code)


def with_progress(label: str, work: Callable[..., T]) -> T:
    """Run `work(on_start=, on_done=)` with a progress bar on standard error when that is a
    terminal. The bar shows folder names, which come from people's files."""
    if not sys.stderr.isatty():
        return work(on_start=None, on_done=None)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    # markup=False: a folder named "[/x]" is a name, not rich markup
    columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=None)
        return work(
            on_start=lambda n: progress.update(task, total=n),
            on_done=lambda path: progress.update(task, advance=1, description=path.name),
        )


def run_and_exit(run: Callable[[], None]) -> NoReturn:
    """Run the whole command, then end the process without the interpreter's teardown (it
    frees every object one by one: up to a tenth of a second after a check). Output is
    flushed and the exit hooks run first; where a thread of the command still runs, or the
    exit code is not a number, the ordinary exit does it all."""
    try:
        run()
        code = 0
    except SystemExit as done:
        code = 0 if done.code is None else done.code
    threading = sys.modules.get("threading")
    others = threading is not None and any(
        t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread())
    if not isinstance(code, int) or others:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the interpreter reports it as it always has
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()  # worker processes, temporary folders (weakref.finalize), logging
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)

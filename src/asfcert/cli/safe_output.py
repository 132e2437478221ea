"""Nothing asfcert prints can control the terminal or hide text.

Names, descriptions, file names and the text of PDFs come from people's files, and can hold
characters a terminal obeys rather than shows: escape sequences that clear the screen, move
the cursor over earlier lines or set the window title, other control characters, and the
bidirectional overrides that make text read differently from what it is. asfcert prints
each of them visibly, as `<U+001B>` (see asfcert/safetext.py), and never raw.

`install()` puts a filter on standard output and error for the whole run: the text of every
renderer, error message, JSON and Markdown passes it. On a terminal the filter must let
rich's own colour sequences (ESC) and progress bars (carriage returns) through, so
`guard_rich()` makes rich replace those characters in the data it renders, and messages
printed without rich use `visible()`."""

from __future__ import annotations

import io

from asfcert.base.safetext import VISIBLE, visible  # noqa: F401  (visible: for messages printed without rich)

# On a terminal rich writes colour sequences (ESC) and, for progress bars, carriage returns.
_TERMINAL = {code: text for code, text in VISIBLE.items() if code not in (0x1B, 0x0D)}


class SafeStream(io.TextIOBase):
    """A text stream that passes everything on to `stream` but the characters above."""

    def __init__(self, stream):
        self._stream = stream
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError, OSError):
            tty = False
        self._table = _TERMINAL if tty else VISIBLE

    def write(self, text: str) -> int:
        self._stream.write(text.translate(self._table))
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self):
        return self._stream.encoding

    @property
    def errors(self):
        return self._stream.errors

    def __getattr__(self, name):  # buffer, reconfigure, ...
        return getattr(self._stream, name)


def install() -> None:
    """Filter standard output and error for the rest of the run. Whatever their encoding
    (PYTHONIOENCODING=ascii, a latin-1 locale), a character it cannot carry is printed as
    `?` rather than failing the command."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):  # not a TextIOWrapper (a test's capture), or closed
            pass
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)


def guard_rich() -> None:
    """Make rich replace the characters in every Text it renders (it removes only a few
    control characters by itself). Called where a rich Console is made: importing rich
    costs start-up time that JSON output does not pay."""
    from rich import control

    control._CONTROL_STRIP_TRANSLATE.update(VISIBLE)

"""What the error boundary needs to know about the running command: the language and the
output format it asked for. Apart from the options that set it (cli/options.py), so that a
remembered command line (cli/replay.py) sets it without loading typer."""

from __future__ import annotations

import os


class State:
    """What the error boundary needs to know about the running command."""

    lang: str = "sv"
    format: str = "terminal"
    program_args: list[str] | None = None  # the program's own command line; None in-process (cli/replay.py)

    @classmethod
    def reset(cls, program_args: list[str] | None = None) -> None:
        """Before a command line is parsed (main may run more than once in a process)."""
        cls.lang = os.environ.get("ASFCERT_LANG", "sv") if os.environ.get("ASFCERT_LANG") in ("sv", "en") else "sv"
        cls.format = "terminal"
        cls.program_args = list(program_args) if program_args is not None else None


State.reset()

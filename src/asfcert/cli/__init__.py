"""The command-line interface. Commands parse options, call a core function, render its
result and exit with its code; `main` is the single error boundary."""

from __future__ import annotations

import os
import sys

import importlib
from pathlib import Path

from asfcert.cli.app import State, app

# Each command lives in its own `*_cmd.py` module and registers itself on import.
for _module in sorted(Path(__file__).parent.glob("*_cmd.py")):
    importlib.import_module(f"asfcert.cli.{_module.stem}")


def main(argv: list[str] | None = None) -> None:
    from asfcert.cli.errors import EXIT_INTERNAL, print_user_error, report_crash
    from asfcert.errors import UserError

    try:
        app(args=argv, prog_name="asfcert")  # standalone: usage errors exit 2, and it always raises SystemExit
    except UserError as err:
        print_user_error(err, State.lang)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # the last resort: a bug must not show the user a traceback
        if os.environ.get("ASFCERT_DEBUG"):
            raise
        report_crash(err, State.lang)
        sys.exit(EXIT_INTERNAL)

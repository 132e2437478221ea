"""The command-line interface. Commands parse options, call a core function, render its
result and exit with its code; `main` is the single error boundary."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

from asfcert.cli.app import State, app

# Each command lives in its own module and registers itself on import. Only the module of
# the command being run is imported (each one costs start-up time); `--help`, no command
# or an unknown one imports them all. tests/test_cli.py keeps this table complete.
COMMANDS = {
    "new": "new_cmd",
    "check": "check_cmd",
    "serve": "serve_cmd",
    "standard": "standard_cmd",
    "intake": "intake_cmd",
    "audit": "audit_cmd",
    "certify": "certify_cmd",
    "verify": "verify_cmd",
    "cohort": "cohort_cmd",
    "registry": "registry_cmd",
}


def load_commands(argv: list[str]) -> None:
    name = next((a for a in argv if not a.startswith("-")), None)
    module = COMMANDS.get(name)
    if module and (Path(__file__).parent / f"{module}.py").exists():
        importlib.import_module(f"asfcert.cli.{module}")
        return
    present = {p.stem for p in Path(__file__).parent.glob("*_cmd.py")}
    ordered = [m for m in COMMANDS.values() if m in present] + sorted(present - set(COMMANDS.values()))
    for stem in ordered:  # in the table's order: the help lists them in the order of the work
        importlib.import_module(f"asfcert.cli.{stem}")


def main(argv: list[str] | None = None) -> None:
    from asfcert.base.errors import UserError
    from asfcert.cli.errors import EXIT_INTERNAL, print_user_error, report_crash
    from asfcert.cli.safe_output import install

    install()  # nothing printed can control the terminal (names and texts come from people's files)

    args = sys.argv[1:] if argv is None else argv
    State.format = "terminal"  # until --format says otherwise (main may run more than once in a process)
    try:
        load_commands(args)
        app(args=args, prog_name="asfcert")  # standalone: usage errors exit 2, and it always raises SystemExit
    except UserError as err:
        print_user_error(err, State.lang, State.format)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # the last resort: a bug must not show the user a traceback
        if os.environ.get("ASFCERT_DEBUG"):
            raise
        report_crash(err, State.lang)
        sys.exit(EXIT_INTERNAL)

"""The command-line interface. Commands parse options, call a core function, render its
result and exit with its code; `main` is the single error boundary."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from pathlib import Path

from asfcert.base.i18n import L10n
from asfcert.cli.state import State


def __getattr__(name: str):
    """`app`, the typer application, loaded when first asked for: a remembered command line
    (cli/replay.py) runs without typer."""
    if name != "app":
        raise AttributeError(name)
    from asfcert.cli.typer_app import app

    globals()["app"] = app
    return app


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


_ABORTED = L10n("Avbrutet: inget svar gavs.", "Stopped: no answer was given.")


def _early_state(args: list[str]) -> None:
    """--lang and --format as given, for a usage error click raises before it parses them."""
    for i, arg in enumerate(args):
        for name, attr, allowed in (("--lang", "lang", ("sv", "en")), ("--format", "format", ("terminal", "json", "markdown"))):
            value = args[i + 1] if arg == name and i + 1 < len(args) else arg[len(name) + 1:] if arg.startswith(name + "=") else None
            if value in allowed:
                setattr(State, attr, value)


def _swedish(command) -> None:
    """Swedish help texts, headings and placeholders, only when help or a usage error is
    shown: the table is not loaded for an ordinary run."""
    if State.lang == "sv" and command is not None:
        from asfcert.cli import help_sv

        help_sv.apply(command)


def main(argv: list[str] | None = None) -> None:
    """The `asfcert` command. Called with `argv` (in-process, as the tests do) it ends with
    SystemExit; as the program itself it ends the process once its output is flushed, and
    runs a command line it has parsed before without parsing it again (cli/replay.py)."""
    if argv is not None:
        return _main(argv)
    from asfcert.cli.output import run_and_exit

    # Start-up builds only what lives as long as the process (modules, classes, the command
    # tree): a collection could free none of it, yet typer's import alone set off enough of
    # them to cost a tenth of a warm check. None runs until the command is loaded, and what
    # was built is then frozen out of every later collection's way.
    collecting = gc.isenabled()
    gc.disable()
    run_and_exit(lambda: _main(sys.argv[1:], program=True, collecting=collecting))


class _Unraised(Exception):
    """Stands for typer's and click's exceptions where typer was never loaded."""


def _typer(module: str, name: str):
    """typer's (or its click's) exception `name`, or one never raised when typer is not
    loaded: a remembered command line runs without it."""
    if "typer" not in sys.modules:
        return _Unraised
    if module == "click":
        from asfcert.cli.usage import click_modules

        return getattr(click_modules(), name)
    return getattr(sys.modules["typer"], name)


def _loaded(collecting: bool) -> None:
    """The command's modules are loaded: collections as before, past what is built."""
    if collecting and not gc.isenabled():
        gc.freeze()
        gc.enable()


def _compile_kept(args: list[str]) -> None:
    """What Python compiles from text, compiled once and kept per command (io/compiled.py);
    nothing with --no-cache."""
    if "--no-cache" not in args:
        from asfcert.io.cache import Cache
        from asfcert.io.compiled import install

        install(Cache(), next((a for a in args if not a.startswith("-")), ""))


def _main(args: list[str], program: bool = False, collecting: bool = False) -> None:
    from asfcert.base.errors import UserError
    from asfcert.cli.errors import EXIT_INTERNAL, print_user_error, report_crash
    from asfcert.cli.safe_output import install

    install()  # nothing printed can control the terminal (names and texts come from people's files)

    State.reset(args if program else None)  # until --lang and --format say otherwise
    _early_state(args)
    command = None
    try:
        if program:
            from asfcert.cli.replay import replayed

            _compile_kept(args)

            code = replayed(args, lambda: _loaded(collecting))
            if code is not None:
                sys.exit(code)
        import typer.main

        load_commands(args)
        # Not standalone: click's usage errors come here, to be said in the user's language.
        command = typer.main.get_command(__getattr__("app"))
        _loaded(collecting)
        if "--help" in args or not args:
            _swedish(command)
        code = command.main(args=args, prog_name="asfcert", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except _typer("click", "NoArgsIsHelpError") as err:  # `asfcert cohort`: its help, as click does
        _swedish(command)  # the help is formatted here, from the same command objects
        if err.ctx is not None:  # its help was formatted when raised: format it again, in Swedish
            err.ctx.formatter_class = err.ctx.command.context_class.formatter_class
        sys.stderr.write((err.ctx.get_help() if err.ctx is not None else err.format_message()) + "\n")
        sys.exit(2)
    except _typer("click", "UsageError") as err:
        from asfcert.cli.usage import explain

        _swedish(command)  # the placeholders (MAPP, FIL) the message names
        print_user_error(explain(err, args), State.lang, State.format)
        sys.exit(2)
    except _typer("typer", "Abort"):  # end of input at a question
        print_user_error(UserError(_ABORTED), State.lang, State.format)
        sys.exit(1)
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

"""Usage errors (an unknown option, a date that is not a date, a missing argument) in the
user's language, with a stable code, instead of click's English.

click raises them before any command runs; `main` runs the app in click's non-standalone
mode, catches them and hands them here. Each becomes an `Abort` of a catalogued kind, so
the one error boundary prints it (and as JSON with --format json) and exits with 2. What
click's message holds (English, with Python's date formats) is never shown; the facts
come from the exception's parameter and the command line."""

from __future__ import annotations

import difflib
import importlib
import os
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Severity, made_by
from asfcert.base.i18n import L10n

_HELP = L10n("Se `{command} --help`.", "See `{command} --help`.")


_E = {"severity": Severity.ERROR, "effect": Effect.ABORTS}

UNKNOWN_COMMAND = Kind(
    "usage-unknown-command",
    L10n("Okänt kommando", "Unknown command"),
    L10n("Kommandot {name} finns inte{suggestion}", "There is no command {name}{suggestion}"),
    _HELP,
    **_E,
)
MISSING_COMMAND = Kind(
    "usage-missing-command",
    L10n("Kommando saknas", "Command missing"),
    L10n("Ange ett kommando: {choices}", "Give a command: {choices}"),
    _HELP,
    **_E,
)
UNKNOWN_OPTION = Kind(
    "usage-unknown-option",
    L10n("Okänt val", "Unknown option"),
    L10n("Valet {name} finns inte för {command}{suggestion}", "{command} has no option {name}{suggestion}"),
    _HELP,
    **_E,
)
MISSING_VALUE = Kind(
    "usage-missing",
    L10n("Värde saknas", "Value missing"),
    L10n("{name} saknas", "{name} is missing"),
    _HELP,
    **_E,
)
NEEDS_VALUE = Kind(
    "usage-option-needs-value",
    L10n("Valet behöver ett värde", "The option needs a value"),
    L10n("{name} ska följas av ett värde", "{name} must be followed by a value"),
    _HELP,
    **_E,
)
BAD_VALUE = Kind(
    "usage-bad-value",
    L10n("Ogiltigt värde", "Invalid value"),
    L10n("{name}: {value} {problem}", "{name}: {value} {problem}"),
    _HELP,
    **_E,
)
EXTRA_ARGUMENT = Kind(
    "usage-extra-argument",
    L10n("Oväntat argument", "Unexpected argument"),
    L10n("{command} tar inte emot {value}", "{command} does not take {value}"),
    _HELP,
    **_E,
)
EXCLUSIVE = Kind(
    "usage-exclusive-options",
    L10n("Val som utesluter varandra", "Options that exclude each other"),
    L10n("Välj en av {names}", "Choose one of {names}"),
    _HELP,
    **_E,
)
USAGE = Kind(
    "usage-error",
    L10n("Felaktigt kommando", "Incorrect command"),
    L10n("Kommandoraden kan inte tolkas", "The command line cannot be understood"),
    _HELP,
    **_E,
)

_PROBLEMS = {
    "date": L10n("är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-11-22", "is not a date; write YYYY-MM-DD, e.g. 2026-11-22"),
    "choice": L10n("är inget av: {choices}", "is not one of: {choices}"),
    "int": L10n("är inget heltal", "is not a whole number"),
    "float": L10n("är inget tal", "is not a number"),
    "range": L10n("ligger utanför det tillåtna ({range})", "is outside what is allowed ({range})"),
    "missing": L10n("finns inte", "does not exist"),
    "not-dir": L10n("är ingen mapp", "is not a folder"),
    "not-file": L10n("är ingen fil", "is not a file"),
    "unreadable": L10n("kan inte läsas", "cannot be read"),
    "other": L10n("kan inte användas här", "cannot be used here"),
}
_DID_YOU_MEAN = L10n(". Menade du {close}?", ". Did you mean {close}?")


def click_modules():
    """click's exceptions module as typer uses it: typer 0.28 carries its own copy of click
    (`typer._click`), whose exceptions are not the `click` package's."""
    import typer

    return importlib.import_module(typer.BadParameter.__module__)


def explain(err, args: list[str]) -> Abort:
    """The Abort for click's usage error `err` raised for the command line `args`."""
    try:
        return _explained(err, args)
    except Exception:  # noqa: BLE001 - an unforeseen shape of error is still a usage error, said plainly
        return _abort(USAGE, {"command": "asfcert"})


def _explained(err, args: list[str]) -> Abort:
    exceptions = click_modules()
    ctx = getattr(err, "ctx", None)
    command = ctx.command_path if ctx is not None else "asfcert"
    where = {"command": command}
    if isinstance(err, exceptions.NoSuchOption):
        return _abort(UNKNOWN_OPTION, where, name=err.option_name, suggestion=_close(err.option_name, err.possibilities))
    if isinstance(err, exceptions.MissingParameter):
        return _abort(MISSING_VALUE, where, name=_name(err.param))
    if isinstance(err, exceptions.BadParameter):
        return _bad_value(err, args, where)
    if isinstance(err, exceptions.BadOptionUsage):
        return _abort(NEEDS_VALUE, where, name=err.option_name)
    if type(err).__name__ == "NoSuchCommand" or _fail_of(err, "No such command"):
        name = getattr(err, "cmd_name", None) or _quoted(err.message)
        choices = sorted(getattr(err, "possibilities", None) or (ctx.command.list_commands(ctx) if ctx else []))
        return _abort(UNKNOWN_COMMAND, where, name=name, suggestion=_close(name, choices))
    if _fail_of(err, "Missing command"):
        return _abort(MISSING_COMMAND, where, choices=", ".join(ctx.command.list_commands(ctx)) if ctx else "")
    if _fail_of(err, "Got unexpected extra argument"):
        extra = err.message.rpartition("(")[2].rpartition(")")[0]
        return _abort(EXTRA_ARGUMENT, where, value=extra)
    return _abort(USAGE, where)


def bad_choice(name: str, value: str, choices, command: str = "asfcert") -> Abort:
    """For an option whose callback checks its value itself (e.g. --lang)."""
    problem = _PROBLEMS["choice"].format(choices=", ".join(choices))
    return _abort(BAD_VALUE, {"command": command}, name=name, value=repr(value), problem=problem)


def exclusive(names: list[str], command: str) -> Abort:
    return _abort(EXCLUSIVE, {"command": command}, names=", ".join(names))


def _abort(kind: Kind, where: dict, **params) -> Abort:
    """Params may be L10n (the did-you-mean, the problem): each language gets its own."""
    if "{suggestion}" in kind.message.sv:
        params.setdefault("suggestion", "")
    params = {k: ("" if v is None else v) for k, v in {**params, **where}.items()}
    err = Abort(kind, **params)
    err.params = {k: (v.en if isinstance(v, L10n) else str(v)) for k, v in params.items() if k != "suggestion"}
    return err


def _close(name: str | None, possibilities) -> L10n | str:
    close = difflib.get_close_matches(name or "", sorted(possibilities or ()), n=1, cutoff=0.6)
    return _DID_YOU_MEAN.format(close=close[0]) if close else ""


def _fail_of(err, start: str) -> bool:
    return type(err).__name__ == "UsageError" and str(getattr(err, "message", "")).startswith(start)


def _quoted(message: str) -> str:
    parts = message.split("'")
    return parts[1] if len(parts) >= 3 else message


def _name(param) -> str:
    if param is None:
        return "?"
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "option" and opts:
        return max(opts, key=len)
    return (param.metavar or param.name or "?").strip("{}").upper() if hasattr(param, "metavar") else param.name


def _given(param, args: list[str]) -> str | None:
    """The value the command line gave `param` (an option's), as typed."""
    opts = getattr(param, "opts", None) or []
    for i, arg in enumerate(args):
        for opt in opts:
            if arg == opt and i + 1 < len(args):
                return args[i + 1]
            if opt.startswith("--") and arg.startswith(opt + "="):
                return arg[len(opt) + 1:]
    return None


def _bad_value(err, args: list[str], where: dict) -> Abort:
    # By class name: typer has its own Choice and its own copy of click's types.
    param = err.param
    kind = getattr(param, "type", None)
    names = {c.__name__ for c in type(kind).__mro__}
    value = _given(param, args) if param is not None else None
    envvar = getattr(param, "envvar", None)
    from_env = value is None and isinstance(envvar, str) and os.environ.get(envvar) is not None
    if from_env:  # the value came from the environment: name the variable, not the option
        value = os.environ[envvar]
    problem = _PROBLEMS["other"]
    if "DateTime" in names:
        problem = _PROBLEMS["date"]
    elif getattr(kind, "choices", None):
        problem = _PROBLEMS["choice"].format(choices=", ".join(str(getattr(c, "value", c)) for c in kind.choices))
    elif names & {"IntRange", "FloatRange"} and _is_number(value, names):
        problem = _PROBLEMS["range"].format(range=kind._describe_range())
    elif names & {"IntRange", "IntParamType"}:
        problem = _PROBLEMS["int"]
    elif names & {"FloatRange", "FloatParamType"}:
        problem = _PROBLEMS["float"]
    elif "Path" in names:
        problem = _path_problem(value, kind)
    shown = repr(value) if value is not None else ""
    return _abort(BAD_VALUE, where, name=f"${envvar}" if from_env else _name(param), value=shown, problem=problem)


def _is_number(value: str | None, names: set[str]) -> bool:
    try:
        (float if "FloatRange" in names else int)(value)
        return True
    except (TypeError, ValueError):
        return False


def _path_problem(value: str | None, kind) -> L10n:
    if value is None:
        return _PROBLEMS["other"]
    path = Path(value)
    if not path.exists():
        return _PROBLEMS["missing"]
    if not getattr(kind, "file_okay", True) and not path.is_dir():
        return _PROBLEMS["not-dir"]
    if not getattr(kind, "dir_okay", True) and path.is_dir():
        return _PROBLEMS["not-file"]
    return _PROBLEMS["unreadable"]


KINDS = made_by(
    "cli",
    UNKNOWN_COMMAND,
    MISSING_COMMAND,
    UNKNOWN_OPTION,
    MISSING_VALUE,
    NEEDS_VALUE,
    BAD_VALUE,
    EXTRA_ARGUMENT,
    EXCLUSIVE,
    USAGE,
)

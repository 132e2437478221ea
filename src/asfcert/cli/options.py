"""Every option and argument more than one command takes, declared once.

A command names them in its signature (`lang: LangOpt = None`); the help text, the
metavar and the conversion live here. `--lang` and `--format` also record themselves in
`State` as they are parsed, so the error boundary prints an error raised by the command
in the language and the format asked for."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer._click.types import DateTime as _DateTime

from asfcert.base.i18n import LANGS
from asfcert.cli.state import State


# StrEnums: typer makes their values the choices, and a member is the str itself.
class Format(StrEnum):
    """--format where the results read well as Markdown too."""

    terminal = "terminal"
    json = "json"
    markdown = "markdown"


class DataFormat(StrEnum):
    """--format where the results are records: the terminal or JSON. A command offers only
    the formats the presenters of its results have (cli/presenters.py)."""

    terminal = "terminal"
    json = "json"


def _lang(value: str | None) -> str:
    """The language the command speaks: --lang, else $ASFCERT_LANG, else Swedish. A plain
    str (not an enum member): it goes into records and worker processes."""
    if value is not None:
        if value not in LANGS:
            from asfcert.cli.usage import bad_choice

            raise bad_choice("--lang", value, LANGS)
        State.lang = str(value)
    return State.lang


def use_lang(value: str | None = None) -> str:
    """The language of the running command."""
    return _lang(value)


def _format(value: str) -> str:
    State.format = str(value)
    return value


def _day(value: dt.datetime | None) -> dt.date | None:
    """Commands get the date itself (click parses the text as a datetime)."""
    return value.date() if isinstance(value, dt.datetime) else value


class _Day(_DateTime):  # typer's own copy of click's type: typer catches its errors
    """click's date type, with the usual YYYY-MM-DD read without `strptime`: its first
    call imports `_strptime` and builds locale tables, about 7 ms on every command given
    --as-of. Any other text goes to click, which accepts or refuses it as before."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and _ISO_DAY.fullmatch(value):
            try:
                return dt.datetime(int(value[:4]), int(value[5:7]), int(value[8:]))
            except ValueError:
                pass  # 2027-02-30: click words the refusal
        return super().convert(value, param, ctx)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# The command receives "sv" or "en": the callback resolves the default.
LangOpt = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="<sv|en>", callback=_lang, help="Language of the output: sv (default, or $ASFCERT_LANG) or en.", show_default=False),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", callback=_format, help="terminal, json or markdown.")]
DataFormatOpt = Annotated[DataFormat, typer.Option("--format", "-f", callback=_format, help="terminal or json.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the cache of derived facts.")]
# The command receives a datetime.date.
AsOfOpt = Annotated[
    Optional[dt.datetime],
    typer.Option("--as-of", click_type=_Day(["%Y-%m-%d"]), metavar="YYYY-MM-DD", callback=_day, envvar="ASFCERT_AS_OF", show_envvar=False,
                 help="Act as if today were this date (YYYY-MM-DD; default: $ASFCERT_AS_OF, else today).", show_default=False),
]
StandardOpt = Annotated[
    Optional[Path],
    typer.Option("--standard", metavar="FILE", help="A standard file to use instead of the shipped one.", show_default=False),
]
CohortOpt = Annotated[
    Optional[Path],
    typer.Option("--cohort", metavar="FILE", help="The cohort file; default: cohort.yaml next to the company folder.", show_default=False),
]
NoCohortOpt = Annotated[
    bool,
    typer.Option("--no-cohort", help="Audit without a cohort file: impartiality is checked against the owners only, and the record says so."),
]
RegistryOpt = Annotated[
    Optional[Path],
    typer.Option("--registry", metavar="DIR", help="The registry folder (holds registry.yaml); default: found above the folder, or $ASFCERT_REGISTRY.", show_default=False),
]
AuditorOpt = Annotated[
    Optional[str],
    typer.Option("--auditor", metavar="NAME", help="The auditor's name, as in cohort.yaml. Needed for a new record.", show_default=False),
]
OutOpt = Annotated[
    Optional[Path],
    typer.Option("--out", "-o", metavar="DIR", help="The folder to write the files into (created when needed; never inside a company folder).", show_default=False),
]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core).", show_default=False)]
CompanyArg = Annotated[Path, typer.Argument(metavar="DIR", help="The company folder (the one holding company.yaml).", show_default=False)]

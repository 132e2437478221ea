"""The single error boundary: turns a UserError into a message and an exit code, and any
unexpected exception into a short notice plus a crash log, never a traceback.

The message goes to standard error. With `--format json` the error is also printed on
standard output as JSON (`asfcert-error/1`: code, file, line, column, message, hint,
params, findings, exit_code), so a program that asked for JSON can read the error too.
A crash (exit code 70) is only ever the short notice."""

from __future__ import annotations

import os
import traceback

from asfcert.base.errors import UserError
from asfcert.base.i18n import L10n

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in asfcert, not a problem with the input
ERROR_FORMAT = "asfcert-error/1"


_CRASH = L10n("asfcert: internt fel ({error}). Det är ett fel i asfcert, inte i era filer.",
              "asfcert: internal error ({error}). This is a bug in asfcert, not in your files.")
_CRASH_SAVED = L10n("  Detaljerna finns i {where}; bifoga dem i en felrapport.",
                    "  The details are saved in {where}; please attach them to a bug report.")


def print_user_error(err: UserError, lang: str, format: str = "terminal") -> None:
    from asfcert.cli.output import write_json, write_text

    if format == "json":
        write_json({"format": ERROR_FORMAT, **err.to_dict()}, lang)
    code = f" [{err.code}]" if err.code else ""
    lines = [f"asfcert: {err.message.get(lang)}{code}"]
    for f in err.findings:
        lines.append(f"  {f.location}: {f.code}: {f.message.get(lang)}")
        if f.hint:
            lines.append(f"    {f.hint.get(lang)}")
    if err.hint:
        lines.append(f"  {err.hint.get(lang)}")
    write_text("\n".join(lines) + "\n", stderr=True)  # the messages quote values and names from the files


def report_crash(exc: BaseException, lang: str) -> None:
    from asfcert.cli.output import write_text
    from asfcert.io import atomic
    from asfcert.io.cache import cache_root

    text = "".join(traceback.format_exception(exc))
    where = None
    try:
        where = cache_root() / "crashes" / f"crash-{os.getpid()}.txt"
        atomic.write_text(where, text)
    except Exception:  # noqa: BLE001 - the notice below must be printed whatever happens here
        where = None
    lines = [_CRASH.get(lang).format(error=f"{type(exc).__name__}: {exc}")]
    if where:
        lines.append(_CRASH_SAVED.get(lang).format(where=where))
    write_text("\n".join(lines) + "\n", stderr=True)

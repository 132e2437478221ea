"""The single error boundary: turns a UserError into a message and an exit code, and any
unexpected exception into a short notice plus a crash log, never a traceback."""

from __future__ import annotations

import os
import sys
import traceback

from asfcert.errors import UserError

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in asfcert, not a problem with the input


def print_user_error(err: UserError, lang: str) -> None:
    out = sys.stderr
    print(f"asfcert: {err.message.get(lang)}", file=out)
    for f in err.findings:
        print(f"  {f.location}: {f.code}: {f.message.get(lang)}", file=out)
        if f.hint:
            print(f"    {f.hint.get(lang)}", file=out)
    if err.hint:
        print(f"  {err.hint.get(lang)}", file=out)


def report_crash(exc: BaseException, lang: str) -> None:
    from asfcert.cache import cache_root

    text = "".join(traceback.format_exception(exc))
    where = None
    try:
        folder = cache_root() / "crashes"
        folder.mkdir(parents=True, exist_ok=True)
        where = folder / f"crash-{os.getpid()}.txt"
        where.write_text(text, encoding="utf-8")
    except OSError:
        pass
    if lang == "en":
        print(f"asfcert: internal error ({type(exc).__name__}: {exc}). This is a bug in asfcert, not in your files.", file=sys.stderr)
        if where:
            print(f"  The details are saved in {where}; please attach them to a bug report.", file=sys.stderr)
    else:
        print(f"asfcert: internt fel ({type(exc).__name__}: {exc}). Det är ett fel i asfcert, inte i era filer.", file=sys.stderr)
        if where:
            print(f"  Detaljerna finns i {where}; bifoga dem i en felrapport.", file=sys.stderr)

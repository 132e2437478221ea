"""`asfcert verify CERT.pdf|NUMBER`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from asfcert.cli.app import LangOpt, app, use_lang
from asfcert.cli.audit_cmd import AsOfOpt, OutFormat, OutFormatOpt, emit_json
from asfcert.cli.certify_cmd import RegistryOpt


@app.command()
def verify(
    target: Annotated[str, typer.Argument(metavar="CERT.pdf|NUMBER", help="The certificate's PDF, or its number (e.g. ASF-2026-0007).", show_default=False)],
    code: Annotated[
        Optional[str], typer.Option("--code", metavar="CODE", help="The verification code printed on the certificate, to compare with the registry.", show_default=False)
    ] = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    format: OutFormatOpt = OutFormat.terminal,
    lang: LangOpt = None,
) -> None:
    """Is the certificate valid? valid, expired, suspended, withdrawn, unknown or altered.

    Exit code 0: valid; 1: any other verdict; 2: the input cannot be used.
    """
    from asfcert.certify.verify import verify as run_verify

    lang = use_lang(lang)
    result = run_verify(target, registry_dir=registry, today=as_of.date() if as_of else None, code=code)
    if format is OutFormat.json:
        emit_json(result.to_dict(), lang)
    else:
        from asfcert.cli.output import console
        from asfcert.render.audit.terminal import render_verify

        render_verify(result, lang, console())
    raise typer.Exit(result.exit_code)

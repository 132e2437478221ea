"""`asfcert verify CERT.pdf|NUMBER`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from asfcert.cli.app import app
from asfcert.cli.options import AsOfOpt, DataFormatOpt, LangOpt, RegistryOpt


@app.command()
def verify(
    target: Annotated[str, typer.Argument(metavar="CERT.pdf|NUMBER", help="The certificate's PDF, or its number (e.g. ASF-2026-0007).", show_default=False)],
    code: Annotated[
        Optional[str], typer.Option("--code", metavar="CODE", help="The verification code printed on the certificate, to compare with the registry.", show_default=False)
    ] = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    format: DataFormatOpt = "terminal",
    lang: LangOpt = None,
) -> None:
    """Is the certificate valid? valid, expired, suspended, withdrawn, unknown or altered.

    Exit code 0: valid; 1: any other verdict; 2: the input cannot be used.
    """
    from asfcert.certify.verify import verify as run
    from asfcert.cli.output import finish

    finish(run(target, registry_dir=registry, today=as_of, code=code), format, lang)

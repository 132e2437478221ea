"""`asfcert verify CERT.pdf|NUMBER|TOKEN`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.options import AsOfOpt, DataFormatOpt, LangOpt, RegistryOpt
from asfcert.cli.typer_app import app


@app.command()
def verify(
    target: Annotated[
        Optional[str],
        typer.Argument(metavar="CERT.pdf|NUMBER|TOKEN", help="The certificate's PDF, its number (e.g. ASF-2026-0007), or the token in its QR code.",
                       show_default=False),
    ] = None,
    code: Annotated[
        Optional[str], typer.Option("--code", metavar="CODE", help="The verification code printed on the certificate, checked with its number.", show_default=False)
    ] = None,
    trust: Annotated[
        Optional[Path], typer.Option("--trust", metavar="ROOT.pem", help="The certifier's root certificate: the only one trusted. "
                                     "Default: the registry's, else the one saved with --save-trust.", show_default=False)
    ] = None,
    save_trust: Annotated[
        bool, typer.Option("--save-trust", help="Keep the --trust root certificate for later checks (shows its fingerprint).")
    ] = False,
    status: Annotated[
        Optional[Path], typer.Option("--status", metavar="asf-list.json|SITE", help="The certifier's signed list, or the folder "
                                     "`registry build` wrote. Default: the registry's records.", show_default=False)
    ] = None,
    registry: RegistryOpt = None,
    as_of: AsOfOpt = None,
    format: DataFormatOpt = "terminal",
    lang: LangOpt = None,
) -> None:
    """Is the certificate valid? valid, expired, suspended, withdrawn, superseded, altered,
    unknown-issuer, unknown, or status-not-checked (the signature is the certifier's, and
    no list or registry was at hand).

    Exit code 0: valid; 1: any other verdict; 2: the input cannot be used; 3: signature
    valid, status not checked.
    """
    from asfcert.base.errors import Abort
    from asfcert.certify.verify import NO_TARGET
    from asfcert.certify.verify import save_trust as keep
    from asfcert.certify.verify import verify as run
    from asfcert.certify.verify_sources import NO_TRUST
    from asfcert.cli.output import finish

    saved = None
    if save_trust:
        if trust is None:
            raise Abort(NO_TRUST)
        saved = keep(trust)
        if target is None:
            finish(saved, format, lang)
    elif target is None:
        raise Abort(NO_TARGET)
    result = run(target, registry_dir=registry, today=as_of, code=code, trust=trust, status=status)
    result.saved = saved
    finish(result, format, lang)

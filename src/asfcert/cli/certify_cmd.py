"""`asfcert certify DIR`, and `asfcert certify --suspend|--reinstate|--withdraw NUMBER --reason …`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.options import (
    AsOfOpt,
    CohortOpt,
    DataFormatOpt,
    LangOpt,
    NoCacheOpt,
    NoCohortOpt,
    RegistryOpt,
    StandardOpt,
)
from asfcert.cli.typer_app import app


@app.command()
def certify(
    folder: Annotated[Optional[Path], typer.Argument(metavar="DIR", help="The company folder with a decided audit.", show_default=False)] = None,
    suspend: Annotated[Optional[str], typer.Option("--suspend", metavar="NUMBER", help="Suspend the certificate NUMBER.", show_default=False)] = None,
    reinstate: Annotated[Optional[str], typer.Option("--reinstate", metavar="NUMBER", help="Lift the suspension of NUMBER.", show_default=False)] = None,
    withdraw: Annotated[Optional[str], typer.Option("--withdraw", metavar="NUMBER", help="Withdraw the certificate NUMBER (final).", show_default=False)] = None,
    close_remark: Annotated[Optional[str], typer.Option("--close-remark", metavar="NUMBER", help="Record that a remark on NUMBER is fixed (with --requirement and --reason).", show_default=False)] = None,
    requirement: Annotated[Optional[str], typer.Option("--requirement", metavar="ID", help="The requirement whose remark is fixed, with --close-remark.", show_default=False)] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", metavar="TEXT", help="Why: required with --suspend, --reinstate, --withdraw and --close-remark.", show_default=False)] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Withdraw without asking for a confirmation (needed without a terminal).")] = False,
    tsa: Annotated[Optional[str], typer.Option("--tsa", metavar="URL", help="Add an RFC 3161 timestamp from this timestamp authority to the signature (off by default; needs the network).", show_default=False)] = None,
    registry: RegistryOpt = None,
    cohort: CohortOpt = None,
    no_cohort: NoCohortOpt = False,
    standard: StandardOpt = None,
    as_of: AsOfOpt = None,
    format: DataFormatOpt = "terminal",
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Issue the certificate an audit decision allows: number, signed PDF, stamp, record.

    The PDF is signed with the registry's signing key; its passphrase comes from
    $ASFCERT_KEY_PASSPHRASE or is asked for in a terminal. --withdraw shows the
    certificate and asks before withdrawing it (--yes: do not ask).

    Exit code 0: issued (or completed); 1: refused (no decision, not certified, files
    changed after the audit, impartiality, a status change that is not allowed); 2: the
    input cannot be used (no registry, no keys, a wrong passphrase, broken files).
    """
    from asfcert.certify.dispatch import Request, run
    from asfcert.certify.issue import CertifyOptions
    from asfcert.cli.output import finish

    options = CertifyOptions(registry=registry, cohort=cohort, no_cohort=no_cohort, standard=standard, today=as_of, use_cache=not no_cache,
                             lang=lang, tsa=tsa)
    request = Request(folder, suspend, reinstate, withdraw, close_remark, requirement, reason, options, None if yes else _ask(lang))
    finish(run(request), format, lang)


def _ask(lang: str):
    """Show the certificate about to be withdrawn and ask, on the terminal (stderr, so
    that --format json stays clean); without a terminal, refuse and point to --yes."""
    import sys

    def confirm(record) -> bool:
        from asfcert.base.i18n import L10n
        from asfcert.certify import status

        if not sys.stdin.isatty():
            raise status.unconfirmed(record.number)
        for line in status.withdraw_summary(record, lang):
            typer.echo(line, err=True)
        question = L10n("Återkalla certifikatet? Det går inte att ångra. [j/N] ", "Withdraw the certificate? This cannot be undone. [y/N] ")
        typer.echo(question.get(lang), err=True, nl=False)
        return sys.stdin.readline().strip().lower() in ("j", "ja", "y", "yes")

    return confirm

"""`asfcert certify DIR`, and `asfcert certify --suspend|--reinstate|--withdraw NUMBER --reason …`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.app import LangOpt, NoCacheOpt, app, use_lang
from asfcert.cli.audit_cmd import (
    AsOfOpt,
    CohortOpt,
    NoCohortOpt,
    OutFormat,
    OutFormatOpt,
    StandardOpt,
    emit_json,
)

RegistryOpt = Annotated[
    Optional[Path],
    typer.Option("--registry", metavar="DIR", help="The registry folder (holds registry.yaml); default: found above the folder, or $ASFCERT_REGISTRY.", show_default=False),
]


@app.command()
def certify(
    folder: Annotated[Optional[Path], typer.Argument(metavar="DIR", help="The company folder with a decided audit.", show_default=False)] = None,
    suspend: Annotated[Optional[str], typer.Option("--suspend", metavar="NUMBER", help="Suspend the certificate NUMBER.", show_default=False)] = None,
    reinstate: Annotated[Optional[str], typer.Option("--reinstate", metavar="NUMBER", help="Lift the suspension of NUMBER.", show_default=False)] = None,
    withdraw: Annotated[Optional[str], typer.Option("--withdraw", metavar="NUMBER", help="Withdraw the certificate NUMBER (final).", show_default=False)] = None,
    close_remark: Annotated[Optional[str], typer.Option("--close-remark", metavar="NUMBER", help="Record that a remark on NUMBER is fixed (with --requirement and --reason).", show_default=False)] = None,
    requirement: Annotated[Optional[str], typer.Option("--requirement", metavar="ID", help="The requirement whose remark is fixed, with --close-remark.", show_default=False)] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", metavar="TEXT", help="Why: required with --suspend, --reinstate, --withdraw and --close-remark.", show_default=False)] = None,
    registry: RegistryOpt = None,
    cohort: CohortOpt = None,
    no_cohort: NoCohortOpt = False,
    standard: StandardOpt = None,
    as_of: AsOfOpt = None,
    format: OutFormatOpt = OutFormat.terminal,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Issue the certificate an audit decision allows: number, PDF, stamp, record.

    Exit code 0: issued (or completed); 1: refused (no decision, not certified, files
    changed after the audit, impartiality, a status change that is not allowed); 2: the
    input cannot be used (no registry, broken files).
    """
    from asfcert.base.errors import UserError
    from asfcert.base.i18n import L10n

    lang = use_lang(lang)
    today = as_of.date() if as_of else None
    actions = {k: v for k, v in (("suspend", suspend), ("reinstate", reinstate), ("withdraw", withdraw), ("close-remark", close_remark)) if v}
    if len(actions) > 1 or (actions and folder is not None) or (not actions and folder is None):
        raise UserError(
            L10n("Ange antingen en företagsmapp eller en av --suspend, --reinstate, --withdraw, --close-remark",
                 "Give either a company folder or one of --suspend, --reinstate, --withdraw, --close-remark"),
            hint=L10n("Se `asfcert certify --help`.", "See `asfcert certify --help`."),
        )
    if "close-remark" in actions:
        from asfcert.certify.status import close_remark as run_close
        from asfcert.render.audit.terminal import render_status as show

        if not requirement:
            raise UserError(L10n("--close-remark behöver --requirement ID", "--close-remark needs --requirement ID"),
                            hint=L10n("Till exempel --requirement 3.9.b.", "For example --requirement 3.9.b."))
        result = run_close(actions["close-remark"], requirement.strip(), reason or "", registry_dir=registry, today=today)
    elif actions:
        from asfcert.certify.status import change
        from asfcert.render.audit.terminal import render_status as show

        (action, number), = actions.items()
        result = change(number, action, reason or "", registry_dir=registry, today=today)
    else:
        from asfcert.certify.issue import CertifyOptions
        from asfcert.certify.issue import certify as run_certify
        from asfcert.render.audit.terminal import render_certify as show

        result = run_certify(folder, CertifyOptions(
            registry=registry, cohort=cohort, no_cohort=no_cohort, standard=standard, today=today,
            use_cache=not no_cache, lang=lang,
        ))
    if format is OutFormat.json:
        emit_json(result.to_dict(), lang)
    else:
        from asfcert.cli.output import console

        show(result, lang, console())
    raise typer.Exit(result.exit_code)

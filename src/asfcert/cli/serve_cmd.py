"""`asfcert serve DIR`: the workspace in the browser (docs/workspace.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asfcert.cli.options import AsOfOpt, LangOpt, StandardOpt
from asfcert.cli.typer_app import app

# serve's own argument: besides a company folder it takes a cohort folder or a registry
FolderArg = Annotated[Path, typer.Argument(
    metavar="DIR", help="A company folder (with company.yaml), a cohort folder (with cohort.yaml) or a registry of cohorts.",
    show_default=False,
)]


@app.command()
def serve(
    folder: FolderArg,
    port: Annotated[int, typer.Option("--port", metavar="N", help="The port; 0 (the default) picks a free one.", min=0, max=65535)] = 0,
    host: Annotated[
        str, typer.Option("--host", metavar="ADDRESS", help="The address to listen on. Anything but 127.0.0.1 lets other computers try to connect.")
    ] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open the workspace in the web browser.")] = False,
    lang: LangOpt = None,
    standard: StandardOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Open the company folder as a workspace in the web browser: forms instead of YAML.

    On a cohort folder or a registry: the coordinator's overview (the data of `cohort
    report`), every company's workspace, and the audit view for the appointed auditor:
    results, decision, audit report, certificate and its status. The signing key's
    passphrase comes from $ASFCERT_KEY_PASSPHRASE or is typed on the page; never stored.
    Prints a link with a one-time key; open it in the browser on this computer. Ctrl-C stops.
    Every save writes the same files `asfcert check` reads.
    Exit code 0: stopped with Ctrl-C; 2: the folder, the standard or the address cannot be used.
    """
    import sys

    from asfcert.cli.output import write_text
    from asfcert.workspace.server import ServeOptions
    from asfcert.workspace.server import serve as run

    def say(text: str, stderr: bool) -> None:
        write_text(text + "\n", stderr=stderr)
        (sys.stderr if stderr else sys.stdout).flush()  # the link must be readable while it serves

    options = ServeOptions(host=host, port=port, open_browser=open_browser, lang=lang, standard=standard, today=as_of)
    report = _cohort_report(folder, options)
    cohort = report is not None
    run(folder, options, say, report=report, start_audit=_start_audit(options) if cohort else None,
        actions=actions(options) if cohort else None)


def _cohort_report(folder: Path, options):
    """For a cohort folder or a registry: the function that makes its cohort report, as
    `cohort report` does (the workspace may not import the cohort workflow; the CLI joins
    them). None for a company folder."""
    from asfcert.workspace.cohorts import is_cohort_folder

    if not is_cohort_folder(folder):
        return None
    from asfcert.assess.checker import CheckOptions
    from asfcert.cohort.api import CohortOptions, run

    cohort_options = CohortOptions(check=CheckOptions(standard=options.standard, today=options.today))
    return lambda: run(folder, cohort_options)


def _start_audit(options):
    """`asfcert audit DIR --auditor NAME` for the audit view's *Start the audit*."""
    from asfcert.audit.session import AuditOptions, audit

    def start(folder: Path, auditor: str, lang: str):
        return audit(folder, AuditOptions(auditor=auditor, standard=options.standard, today=options.today, lang=lang))

    return start


def actions(options):
    """The audit view's decide, report, certify and status changes: the same functions as
    `asfcert audit --decide`, `audit --report` and `certify` (workspace/actions.py)."""
    from asfcert.workspace.actions import Actions

    return Actions(decide=_decide(options), report=_report(options), certify=_certify(options), status=_status(options))


def _decide(options):
    from asfcert.audit.session import AuditOptions, audit

    def decide(folder: Path, auditor: str, lang: str):
        return audit(folder, AuditOptions(auditor=auditor, standard=options.standard, today=options.today, lang=lang, decide=True))

    return decide


def _report(options):
    """The audit report of a decided audit, as `audit --report` renders it, in memory (a
    decided record is only read, never written, by `audit`)."""
    from asfcert.audit import report
    from asfcert.audit.session import AuditOptions, audit

    def rendered(folder: Path, auditor: str, lang: str, kind: str):
        result = audit(folder, AuditOptions(auditor=auditor, standard=options.standard, today=options.today, lang=lang))
        return report.rendered(result, folder, lang, options.today, (kind,))[0]

    return rendered


def _certify(options):
    """`asfcert certify DIR`. The passphrase is the one typed on the page, else the server's
    $ASFCERT_KEY_PASSPHRASE; a server never asks on its terminal."""
    from asfcert.certify.issue import CertifyOptions, certify
    from asfcert.records import keys

    def refuse(_prompt: str) -> str:
        from asfcert.base.errors import Abort

        raise Abort(keys.PASSPHRASE_MISSING)

    def issue(folder: Path, lang: str, passphrase: str | None):
        secret = passphrase.encode("utf-8") if passphrase else keys.passphrase(new=False, lang=lang, ask=refuse)
        return certify(folder, CertifyOptions(standard=options.standard, today=options.today, lang=lang, passphrase=secret))

    return issue


def _status(options):
    """`asfcert certify --suspend|--reinstate|--withdraw|--close-remark NUMBER`, in the
    registry that holds the company folder; the page has asked for the withdrawal's
    confirmation (confirm=None: decided already)."""
    from asfcert.certify.dispatch import Request, run
    from asfcert.certify.issue import CertifyOptions
    from asfcert.records import registry

    def change(folder: Path, action: str, number: str, reason: str, day, requirement: str | None):
        certify_options = CertifyOptions(registry=registry.find(folder).root, standard=options.standard, today=day)
        asked = {"suspend": None, "reinstate": None, "withdraw": None, "close_remark": None}
        asked[action.replace("-", "_")] = number
        return run(Request(None, **asked, requirement=requirement, reason=reason, options=certify_options))

    return change

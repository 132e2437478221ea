"""`asfcert audit DIR --auditor NAME`."""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.cli.app import LangOpt, NoCacheOpt, app, use_lang


class OutFormat(str, Enum):
    terminal = "terminal"
    json = "json"


OutFormatOpt = Annotated[OutFormat, typer.Option("--format", "-f", help="terminal or json.")]
AsOfOpt = Annotated[
    Optional[dt.datetime],
    typer.Option("--as-of", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Act as if today were this date (YYYY-MM-DD).", show_default=False),
]
CohortOpt = Annotated[
    Optional[Path],
    typer.Option("--cohort", metavar="FILE", help="The cohort file; default: cohort.yaml next to the company folder.", show_default=False),
]
NoCohortOpt = Annotated[
    bool,
    typer.Option("--no-cohort", help="Audit without a cohort file: impartiality is checked against the owners only, and the record says so."),
]
StandardOpt = Annotated[
    Optional[Path], typer.Option("--standard", metavar="FILE", help="A standard file to use instead of the shipped one.", show_default=False)
]


def emit_json(data: dict, lang: str) -> None:
    import json

    from asfcert.render.common.jsonout import localise

    sys.stdout.write(json.dumps({**localise(data, lang), "lang": lang}, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def audit(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The company folder (the one holding company.yaml).", show_default=False)],
    auditor: Annotated[
        Optional[str], typer.Option("--auditor", metavar="NAME", help="The auditor's name, as in cohort.yaml. Needed for a new record.", show_default=False)
    ] = None,
    decide: Annotated[bool, typer.Option("--decide", help="Record the decision (every requirement needs a result).")] = False,
    refresh_evidence: Annotated[
        bool, typer.Option("--refresh-evidence", help="Take a new snapshot of the submitted files after reviewing the changes.")
    ] = False,
    new: Annotated[bool, typer.Option("--new", help="Close a decided audit (moved to audit/history/) and start a new one.")] = False,
    report: Annotated[bool, typer.Option("--report", help="Write the audit report as HTML and PDF into audit/.")] = False,
    cohort: CohortOpt = None,
    no_cohort: NoCohortOpt = False,
    standard: StandardOpt = None,
    as_of: AsOfOpt = None,
    format: OutFormatOpt = OutFormat.terminal,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Create or update the auditor's record audit/audit.yaml, and decide.

    Exit code 0: every requirement has a result (or the audit is decided) and no file
    changed after the snapshot; 1: results missing, files changed, or the auditor is
    refused (impartiality); 2: the input cannot be used.
    """
    from asfcert.audit.session import AuditOptions
    from asfcert.audit.session import audit as run_audit

    lang = use_lang(lang)
    options = AuditOptions(
        auditor=auditor, cohort=cohort, no_cohort=no_cohort, standard=standard,
        today=as_of.date() if as_of else None, use_cache=not no_cache, decide=decide,
        refresh=refresh_evidence, new=new, lang=lang,
    )
    result = run_audit(folder, options)
    written = []
    if report:
        from asfcert.audit import report as audit_report

        written = audit_report.write(result, Path(folder), lang, options.today)
    if format is OutFormat.json:
        emit_json({**result.to_dict(), "reports": [str(p) for p in written]}, lang)
    else:
        from asfcert.cli.output import console
        from asfcert.render.audit.labels import word
        from asfcert.render.audit.terminal import render_audit

        out = console()
        render_audit(result, lang, out)
        for path in written:
            out.print(f"{word('reports_written', lang)}: {path}", style="dim")
    raise typer.Exit(result.exit_code)

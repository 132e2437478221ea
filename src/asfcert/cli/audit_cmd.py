"""`asfcert audit DIR --auditor NAME`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from asfcert.cli.options import (
    AsOfOpt,
    AuditorOpt,
    CohortOpt,
    CompanyArg,
    DataFormatOpt,
    LangOpt,
    NoCacheOpt,
    NoCohortOpt,
    StandardOpt,
)
from asfcert.cli.typer_app import app


@dataclass
class AuditRun:
    """The audit's result and the report files written from it (--report)."""

    result: object  # audit.session.AuditResult
    reports: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return self.result.exit_code

    def to_dict(self) -> dict:
        return {**self.result.to_dict(), "reports": [str(p) for p in self.reports]}


@app.command()
def audit(
    folder: CompanyArg,
    auditor: AuditorOpt = None,
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
    format: DataFormatOpt = "terminal",
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Create or update the auditor's record audit/audit.yaml, and decide.

    Exit code 0: every requirement has a result (or the audit is decided) and no file
    changed after the snapshot; 1: results missing, files changed, or the auditor is
    refused (impartiality); 2: the input cannot be used.
    """
    from asfcert.audit.session import AuditOptions
    from asfcert.audit.session import audit as run
    from asfcert.cli.output import finish

    options = AuditOptions(
        auditor=auditor, cohort=cohort, no_cohort=no_cohort, standard=standard, today=as_of,
        use_cache=not no_cache, decide=decide, refresh=refresh_evidence, new=new, lang=lang,
    )
    done = AuditRun(run(folder, options))
    if report:
        from asfcert.audit import report as audit_report

        done.reports = audit_report.write(done.result, folder, lang, as_of, use_cache=not no_cache)
    finish(done, format, lang)

"""`asfcert registry build DIR --out SITE`: the public ASF list as a static site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asfcert.base.vocab import ComplaintOutcome, ComplaintStatus
from asfcert.cli.options import (
    AsOfOpt,
    DataFormatOpt,
    LangOpt,
    NoCacheOpt,
    OutOpt,
    StandardOpt,
)
from asfcert.cli.typer_app import app

registry_app = typer.Typer(help="The certifier's registry: create it, its keys, and publish the public ASF list.", no_args_is_help=True)
app.add_typer(registry_app, name="registry")


@registry_app.command("build")
def build(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The registry folder (holds registry.yaml and certificates/).", show_default=False)],
    out: OutOpt,
    as_of: AsOfOpt = None,
    format: DataFormatOpt = "terminal",
    lang: LangOpt = None,
    standard: StandardOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Build the public ASF list: index.html with search, filters and sorting, a page per
    company, asf-companies.json and asf-list.csv, into --out: a new or empty folder, or an
    earlier ASF list. Swedish at the root and English in en/, both in every build (--lang
    is the language of this command's output only). Only certificates valid on the date
    are listed. With the registry's keys (passphrase from ASFCERT_KEY_PASSPHRASE, or asked
    in a terminal) also asf-list.json: every certificate issued by the date with its
    status, signed; root.pem and root-fingerprint.txt; verify.html and
    verify/NUMBER.html. Every dated event is taken as it stood on --as-of. The standard's
    policy.publish_complaints_under_investigation decides whether the list says that a
    certificate is under investigation after a complaint. A rebuild that would change
    nothing leaves the site as it is (--no-cache builds it anew).

    Exit code 0: built; 2: the registry, a record, the keys, the passphrase or the output
    folder cannot be used (nothing is written).
    """
    from asfcert.cli.output import finish
    from asfcert.io import outdir
    from asfcert.io.cache import Cache
    from asfcert.site.build import build as run

    finish(run(folder, outdir.check(out), as_of, lang, standard=standard, cache=Cache(enabled=not no_cache)), format, lang)



@registry_app.command("complaint")
def complaint(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The registry folder (holds registry.yaml).", show_default=False)],
    certificate: Annotated[Optional[str], typer.Option("--certificate", metavar="NUMBER", help="Record a new complaint against the certificate NUMBER (with --summary).", show_default=False)] = None,
    summary: Annotated[Optional[str], typer.Option("--summary", metavar="TEXT", help="What the complaint is about, without personal data.", show_default=False)] = None,
    id: Annotated[Optional[str], typer.Option("--id", metavar="K-YYYY-NNN", help="Change the complaint with this id (with --status).", show_default=False)] = None,
    status: Annotated[Optional[ComplaintStatus], typer.Option("--status", help="The complaint's new status.", show_default=False)] = None,
    outcome: Annotated[ComplaintOutcome, typer.Option("--outcome", help="With --status upheld: what it led to; a suspension or withdrawal must be in the certificate record first.")] = ComplaintOutcome.NONE,
    requirement: Annotated[Optional[str], typer.Option("--requirement", metavar="ID", help="With --outcome remark: the requirement of the remark.", show_default=False)] = None,
    as_of: AsOfOpt = None,
    format: DataFormatOpt = "terminal",
    lang: LangOpt = None,
) -> None:
    """Record a complaint against a certificate, change its status and outcome, or (with
    neither) list the registry's complaints. Kept in complaints.yaml in the registry.

    Exit code 0: done; 2: the registry, the certificate or the complaint cannot be used,
    personal data in the summary, or an outcome the certificate record does not show.
    """
    from asfcert.cli.output import finish
    from asfcert.cohort.complaint import Request, run

    request = Request(folder, certificate, summary, id, str(status) if status else None, str(outcome), requirement, as_of)
    finish(run(request), format, lang)


from asfcert.cli import registry_keys  # noqa: E402,F401 - registers `registry init` and `registry keys`

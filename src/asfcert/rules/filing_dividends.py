"""`filing-dividends`: no digital annual report (iXBRL) in `evidence/arsredovisning/` tags a
dividend above 0 for the `years` most recent fiscal years, whatever company.yaml says.

A dividend is a proposed one in the appropriation of profit (`se-gen-base:
ForslagDispositionUtdelning` and its parts) or one paid during the year, a change in
equity (`se-gen-base:ForandringEgetKapital…Utdelning`, filed as a negative change). Each
tag gives one finding with its amount and context. The years count back from the newest
filing's last day. Solidarity allocations are not tagged as dividends and do not count.

Passes with `evidence/arsredovisning/arsredovisning-2025.xhtml` proposing::

    Balanseras i ny räkning   se-gen-base:ForslagDispositionBalanserasINyRakning   85 000

Fails (`filing-dividend`)::

    Utdelning                 se-gen-base:ForslagDispositionUtdelning             50 000
    Balanseras i ny räkning   se-gen-base:ForslagDispositionBalanserasINyRakning   35 000
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import Kind, Location, made_by
from asfcert.base.i18n import L10n, number
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "filing-dividends"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["filing-dividends"]
        years: int = Field(3, ge=1, le=20)

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


FILING_DIVIDEND = Kind(
    "filing-dividend",
    L10n("Vinstutdelning i årsredovisningen", "Dividend in the annual report"),
    L10n(
        "{file} anger en utdelning på {amount:num} kr ({tag}, {when}, kontext {context})",
        "{file} states a dividend of {amount:num} SEK ({tag}, {when}, context {context})",
    ),
    L10n(
        "Ett ASF delar inte ut vinst, oavsett vad company.yaml säger. Överskott återinvesteras; solidarisk avsättning (julbonus, pension) före bokslut är tillåten.",
        "An ASF does not pay dividends, whatever company.yaml says. Surplus is reinvested; a solidarity allocation (bonus, pension) before closing is allowed.",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    from asfcert.base.dates import add_months
    from asfcert.rules.annual_report_filing import readable_filings

    filings = [(d, f) for d, f in readable_filings(ctx) if f.fiscal_year]
    outcome = Outcome(figures={"filings": len(filings), "filing_dividends": []})
    if not filings:
        return outcome
    newest = max(f.fiscal_year[1] for _, f in filings)
    since = add_months(newest, -12 * opts.years)  # facts dated after this day are within the years
    for doc, filing in filings:
        for figure in filing.dividends():
            if figure.day is None or figure.day <= since:
                continue
            amount = abs(figure.amount)
            when = L10n(f"per {figure.day}", f"as of {figure.day}") if "instant" in figure.period else L10n(
                f"{figure.period.get('start')} – {figure.day}", f"{figure.period.get('start')} – {figure.day}")
            outcome.figures["filing_dividends"].append({"file": doc.rel, **figure.to_dict()})
            outcome.findings.append(FILING_DIVIDEND(
                location=Location(doc.rel), severity=ctx.severity, requirement=ctx.requirement.id,
                file=doc.rel, amount=amount, tag=figure.concept, when=when, context=figure.context, figure=figure.to_dict(),
            ))
    found = outcome.figures["filing_dividends"]
    names = ", ".join(dict.fromkeys(doc.name for doc, _ in filings))
    outcome.summary = L10n(
        f"{names}: " + ("; ".join(f"{f['tag']} {number(abs(Decimal(f['amount'])), 'sv')} kr" for f in found) if found
                        else f"ingen utdelning taggad efter {since}"),
        f"{names}: " + ("; ".join(f"{f['tag']} {number(abs(Decimal(f['amount'])), 'en')} SEK" for f in found) if found
                        else f"no dividend tagged after {since}"),
    )
    return outcome


KINDS = made_by(ID, FILING_DIVIDEND)

"""`annual-report-filing`: the figures in company.yaml are the figures the company filed.

For every digital annual report (iXBRL) in `evidence/arsredovisning/`, the fiscal year it
covers is looked up under `finances` by the year it ends in. That entry's last day must be
the filing's (`fiscal_year_end` for a year that does not end on 31 December), and its
`revenue_sek` and `result_sek` must be the net revenue (`se-gen-base:Nettoomsattning`) and
the year's result (`se-gen-base:AretsResultat`, or the result after financial items,
`se-gen-base:ResultatEfterFinansiellaPoster`, which the profile's field also describes)
tagged for exactly that year. Rounding to whole kronor is allowed, and to thousands where
the filing states thousands (`decimals="-3"`); any other difference is a finding with both
numbers and the arithmetic. A figure left empty in company.yaml is not compared (the filing
can fill it: `asfcert new --from-annual-report`). The organisation number and the age of
the filing are checked by `annual-report`, exactly as for a PDF.

Passes with `evidence/arsredovisning/arsredovisning-2025.xhtml` tagging
`Nettoomsattning` 3 200 000 and `AretsResultat` 85 000 for 2025-01-01 – 2025-12-31::

    finances: [{year: 2025, revenue_sek: 3200000, result_sek: 85000, dividends_sek: 0}]

Fails (`filing-revenue-differs`, `filing-fiscal-year-differs`)::

    finances: [{year: 2025, fiscal_year_end: 2025-06-30, revenue_sek: 3250000, result_sek: 85000}]
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from asfcert.base.findings import Kind, Location, made_by
from asfcert.base.i18n import L10n, number
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand

ID = "annual-report-filing"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["annual-report-filing"]

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


_FIX = L10n(
    "Skriv beloppet så som det står i den inlämnade årsredovisningen, i hela kronor, eller lägg in rätt års årsredovisning.",
    "Write the amount as it stands in the filed annual report, in whole kronor, or attach the right year's annual report.",
)
FILING_REVENUE_DIFFERS = Kind(
    "filing-revenue-differs",
    L10n("Nettoomsättningen skiljer sig från årsredovisningen", "Net revenue differs from the annual report"),
    L10n(
        "Nettoomsättningen {year} i company.yaml är inte den som {file} anger: {arithmetic}",
        "Net revenue {year} in company.yaml is not what {file} states: {arithmetic}",
    ),
    _FIX,
)
FILING_RESULT_DIFFERS = Kind(
    "filing-result-differs",
    L10n("Resultatet skiljer sig från årsredovisningen", "Result differs from the annual report"),
    L10n(
        "Resultatet {year} i company.yaml är inte det som {file} anger: {arithmetic}",
        "The result {year} in company.yaml is not what {file} states: {arithmetic}",
    ),
    _FIX,
)
FILING_FISCAL_YEAR_DIFFERS = Kind(
    "filing-fiscal-year-differs",
    L10n("Räkenskapsåret skiljer sig från årsredovisningen", "Fiscal year differs from the annual report"),
    L10n("{file} gäller räkenskapsåret {first} – {last}, men {profile}", "{file} covers the fiscal year {first} – {last}, but {profile}"),
    L10n(
        "Skriv räkenskapsåret under finances som i årsredovisningen: `year: {year}` och, om året inte slutar 31 december, `fiscal_year_end: {last}`.",
        "Write the fiscal year under finances as in the annual report: `year: {year}` and, if the year does not end on 31 December, `fiscal_year_end: {last}`.",
    ),
)


def readable_filings(ctx: RuleContext) -> list:
    """The digital annual reports of the folder that could be read: (document, Filing)."""
    from asfcert.evidence.filing import Filing
    from asfcert.evidence.ixbrl import KIND

    docs = ctx.documents.of_kind(KIND) if ctx.documents else []
    return [(d, Filing(d.facts, d.rel)) for d in docs if d.is_filing and d.facts and not d.problem]


def within(profile: Decimal, figure) -> bool:
    """Equal but for rounding to the precision the filing states (whole kronor at least)."""
    return abs(Decimal(profile) - figure.amount) < figure.precision


def arithmetic(profile: Decimal, figure) -> L10n:
    """`3 250 000 (company.yaml) − 3 200 000 (filed: the tag …) = 50 000 kr; rounding explains
    less than 1 kr`."""
    diff = Decimal(profile) - figure.amount

    def line(lang) -> str:
        filed = "inlämnat" if lang == "sv" else "filed"
        kr = "kr" if lang == "sv" else "SEK"
        rounding = "avrundning förklarar mindre än" if lang == "sv" else "rounding explains less than"
        shown = number(abs(diff), lang)
        return (
            f"{number(profile, lang)} (company.yaml) − {number(figure.amount, lang)} ({filed}: {figure.label(lang)}) "
            f"= {'−' if diff < 0 else ''}{shown} {kr}; {rounding} {number(figure.precision, lang)} {kr}"
        )

    return L10n(line("sv"), line("en"))


def _entry(ctx: RuleContext, year: int) -> int | None:
    years = ctx.company.finances or []
    return next((i for i, y in enumerate(years) if y.year == year), None)


def _compare(ctx, outcome, kind, i, field, figures, doc, year):
    """One profile figure against the candidates the filing tags for it (any may match)."""
    value = getattr(ctx.company.finances[i], field)
    if value is None or not figures:
        return
    match = next((f for f in figures if within(value, f)), None)
    shown = match or figures[0]
    outcome.figures.setdefault("compared", []).append(
        {"field": field, "year": year, "profile": float(value), "filed": float(shown.amount), "tag": shown.concept,
         "matches": match is not None, "file": doc.rel}
    )
    if match is None:
        outcome.findings.append(ctx.finding(
            kind, "finances", i, field, year=year, file=doc.rel, tag=shown.concept, arithmetic=arithmetic(value, shown),
            profile=value, filed=shown.amount, figure=shown.to_dict(),
        ))


def _fiscal_year(ctx, outcome, doc, first: dt.date, last: dt.date) -> int | None:
    """The profile entry for the filing's year, or None after a finding saying why not."""
    i = _entry(ctx, last.year)
    common = dict(file=doc.rel, first=first.isoformat(), last=last.isoformat(), year=last.year)
    if i is None:
        profile = L10n(f"company.yaml har inget räkenskapsår {last.year} under finances",
                       f"company.yaml has no fiscal year {last.year} under finances")
        outcome.findings.append(ctx.finding(FILING_FISCAL_YEAR_DIFFERS, "finances", profile=profile, **common))
        return None
    entry = ctx.company.finances[i]
    if entry.end != last:
        profile = L10n(f"enligt company.yaml slutar räkenskapsåret {last.year} den {entry.end}",
                       f"according to company.yaml the fiscal year {last.year} ends on {entry.end}")
        field = "fiscal_year_end" if entry.fiscal_year_end else "year"
        outcome.findings.append(ctx.finding(FILING_FISCAL_YEAR_DIFFERS, "finances", i, field, profile=profile, **common))
        return None
    return i


def check(ctx: RuleContext, opts: Options) -> Outcome:
    from asfcert.evidence.filing import RESULT, RESULT_AFTER_FINANCIAL, REVENUE

    filings = readable_filings(ctx)
    outcome = Outcome(figures={"filings": len(filings)})
    if not filings or ctx.company is None or not ctx.company.finances:  # nothing to compare; `finances-reported` asks for finances
        return outcome
    lines_sv, lines_en = [], []
    for doc, filing in filings:
        period = filing.fiscal_year
        if period is None:  # `annual-report` says why the year cannot be read
            continue
        first, last = period
        i = _fiscal_year(ctx, outcome, doc, first, last)
        if i is None:
            continue
        revenue = [f for f in [filing.figure(REVENUE, first, last)] if f]
        result = [f for c in (RESULT, RESULT_AFTER_FINANCIAL) if (f := filing.figure(c, first, last))]
        before = len(outcome.findings)
        _compare(ctx, outcome, FILING_REVENUE_DIFFERS, i, "revenue_sek", revenue, doc, last.year)
        _compare(ctx, outcome, FILING_RESULT_DIFFERS, i, "result_sek", result, doc, last.year)
        agree = len(outcome.findings) == before
        lines_sv.append(f"{doc.name}: {first} – {last} {'stämmer med' if agree else 'skiljer sig från'} company.yaml")
        lines_en.append(f"{doc.name}: {first} – {last} {'agrees with' if agree else 'differs from'} company.yaml")
    if lines_sv:
        outcome.summary = L10n("; ".join(lines_sv), "; ".join(lines_en))
    return outcome


# ---- for `annual-report`: the organisation number and the fiscal year of a filing ----------------


def _names(tagged: list[str], number_text: str) -> str | None:
    """The tagged form of the company's number, or None."""
    from asfcert.rules.org_number import is_personal, normalise

    digits = normalise(number_text)
    for value in tagged:
        if is_personal(digits) and value.startswith(digits[:6]) and value.endswith("-****"):
            return value  # a sole trader's number is masked in the facts
        if normalise(value) == digits:
            return value
    return None


def check_filed(ctx: RuleContext, max_age_months: int, filings: list) -> Outcome:
    """`annual-report` for digital annual reports: the newest filing's tagged organisation
    number and fiscal year, with the same findings as for a PDF."""
    from asfcert.base.dates import months_between, older_than
    from asfcert.evidence.review import needs_review
    from asfcert.rules.annual_report import ANNUAL_REPORT_OUTDATED
    from asfcert.rules.documents import DOCUMENT_ORG_NUMBER_MISSING
    from asfcert.rules.org_number import masked

    dated = [(d, f) for d, f in filings if f.fiscal_year]
    if not dated:
        return Outcome([needs_review(ctx, d, f.fiscal_year_problem()) for d, f in filings], figures={"documents": len(filings)})
    doc, filing = max(dated, key=lambda pair: pair[1].fiscal_year[1])
    first, end = filing.fiscal_year
    months = months_between(end, ctx.today)
    own = ctx.company.org_number if ctx.company is not None else None  # intake may have no profile yet
    found = _names(filing.org_numbers, own) if own else None
    filed = ", ".join(masked(n) for n in filing.org_numbers) or "–"
    outcome = Outcome(
        figures={
            "file": doc.rel, "fiscal_year_start": first.isoformat(), "fiscal_year_end": end.isoformat(),
            "months_since_end": months, "max_age_months": max_age_months, "org_number_page": None,
            "org_number_tagged": filed, "adopted": filing.adopted.isoformat() if filing.adopted else None,
        },
        summary=L10n(
            f"{doc.name} (digital): räkenskapsåret {first} – {end} ({months} mån. sedan, högst {max_age_months})"
            + (f"; org.nr {found} taggat" if found else f"; taggat org.nr {filed}" if own else ""),
            f"{doc.name} (digital): the fiscal year {first} – {end} ({months} months ago, at most {max_age_months})"
            + (f"; org. no. {found} tagged" if found else f"; tagged org. no. {filed}" if own else ""),
        ),
    )
    common = dict(location=Location(doc.rel), severity=ctx.severity, requirement=ctx.requirement.id, file=doc.rel)
    if own and found is None:
        other = L10n(f" (den taggar {filed})", f" (it tags {filed})")
        outcome.findings.append(DOCUMENT_ORG_NUMBER_MISSING(org_number=masked(own), other=other, filed=filed, **common))
    if older_than(end, max_age_months, ctx.today):
        outcome.findings.append(ANNUAL_REPORT_OUTDATED(end=end.isoformat(), months=months, max=max_age_months, **common))
    return outcome


KINDS = made_by(ID, FILING_REVENUE_DIFFERS, FILING_RESULT_DIFFERS, FILING_FISCAL_YEAR_DIFFERS)

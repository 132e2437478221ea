"""`annual-report`: the annual report in `evidence/` names the company's organisation
number and covers a fiscal year that ended at most `max_age_months` months ago.

The number counts in any of its written forms: 769612-3456, 7696123456, 769612 3456,
16769612-3456 or the VAT number SE769612345601. The fiscal year is read from a period
(`Räkenskapsåret 2025-01-01 – 2025-12-31`, broken years too) or a year (`Årsredovisning
2025`). The newest report is checked. A scanned report, or one whose fiscal year the text
does not show, is `document-needs-review`: never a pass. A folder with no annual report
at all gets `evidence-kind-missing`. A digital annual report (iXBRL: an XHTML, HTML or ZIP
file) is read by its tags instead of its text: `se-cd-base:Organisationsnummer` and
`se-cd-base:RakenskapsarSistaDag`, with the same findings; when there is one, it decides.

Passes on 2026-11-22 with `max_age_months: 18` and `org_number: "769612-3456"`::

    evidence/arsredovisning/arsredovisning-2025.pdf:
      Årsredovisning för Exempel ekonomisk förening, org.nr 769612-3456
      Räkenskapsåret 2025-01-01 – 2025-12-31

Fails (`annual-report-org-number-missing`, `annual-report-outdated`)::

    evidence/arsredovisning/arsredovisning-2023.pdf:
      Årsredovisning för Annat AB, org.nr 556036-0793
      Räkenskapsåret 2023-01-01 – 2023-12-31
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from asfcert.base.dates import months_between, older_than
from asfcert.base.findings import Kind, Location
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions

ID = "annual-report"
KIND = "annual-report"


class Options(RuleOptions):
    rule: Literal["annual-report"]
    max_age_months: int = Field(18, ge=1, le=120)


ANNUAL_REPORT_ORG_NUMBER_MISSING = Kind(
    "annual-report-org-number-missing",
    L10n("Årsredovisningen nämner inte organisationsnumret", "Annual report does not name the organisation number"),
    L10n(
        "{file} nämner inte organisationsnumret {org_number} i någon form; är det rätt företags årsredovisning?",
        "{file} does not name the organisation number {org_number} in any form; is it the right company's annual report?",
    ),
    L10n(
        "Lägg in den fastställda årsredovisningen för företaget med organisationsnummer {org_number}, eller rätta numret i company.yaml.",
        "Add the adopted annual report of the company with organisation number {org_number}, or correct the number in company.yaml.",
    ),
)
ANNUAL_REPORT_OUTDATED = Kind(
    "annual-report-outdated",
    L10n("Årsredovisningen är för gammal", "Annual report too old"),
    L10n(
        "{file} gäller räkenskapsåret som slutade {end}, för {months} månader sedan (högst {max})",
        "{file} covers the fiscal year that ended on {end}, {months} months ago (at most {max})",
    ),
    L10n("Lägg in årsredovisningen för det senaste räkenskapsåret.", "Add the annual report for the latest fiscal year."),
)


def _names_number(texts: list[str], number: str) -> tuple[int, str] | None:
    from asfcert.evidence.text import find_org_number
    from asfcert.rules.org_number import is_personal, normalise

    digits = normalise(number)
    if len(digits) != 10 or not digits.isdigit():
        return None
    if is_personal(digits):  # a sole trader's number is masked in the text: match the masked form
        wanted = digits[:6] + "-****"
        return next(((i, wanted) for i, t in enumerate(texts, 1) if wanted in t), None)
    return find_org_number(texts, digits)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    from asfcert.evidence.review import needs_review, scans
    from asfcert.evidence.text import fiscal_year_ends
    from asfcert.rules.annual_report_filing import check_filed, readable_filings
    from asfcert.rules.org_number import masked

    if filings := readable_filings(ctx):  # a digital annual report is read by its tags, not its text
        return check_filed(ctx, opts.max_age_months, filings)
    docs = [d for d in ctx.documents.of_kind(KIND) if not d.is_filing] if ctx.documents else []
    readable = [d for d in docs if d.has_text]
    if not readable:
        return Outcome(scans(ctx, docs), figures={"documents": len(docs)})
    ends = {d.rel: fiscal_year_ends("\n".join(d.texts)) for d in readable}
    dated = [d for d in readable if ends[d.rel]]
    if not dated:
        reason = L10n("räkenskapsåret framgår inte av texten", "the text does not show the fiscal year")
        return Outcome([needs_review(ctx, d, reason) for d in readable], figures={"documents": len(docs)})
    newest = max(dated, key=lambda d: ends[d.rel][-1])
    end = ends[newest.rel][-1]
    months = months_between(end, ctx.today)
    found = _names_number(newest.texts, ctx.company.org_number)
    shown = masked(ctx.company.org_number)
    outcome = Outcome(
        figures={
            "file": newest.rel, "fiscal_year_end": end.isoformat(), "months_since_end": months,
            "max_age_months": opts.max_age_months, "org_number_page": found[0] if found else None,
        },
        summary=L10n(
            f"{newest.name}: räkenskapsåret slutade {end.isoformat()} ({months} mån. sedan, högst {opts.max_age_months})"
            + (f"; org.nr {found[1]} på sidan {found[0]}" if found else "; org.nr hittades inte"),
            f"{newest.name}: the fiscal year ended on {end.isoformat()} ({months} months ago, at most {opts.max_age_months})"
            + (f"; org. no. {found[1]} on page {found[0]}" if found else "; org. no. not found"),
        ),
    )
    common = dict(location=Location(newest.rel), severity=ctx.severity, requirement=ctx.requirement.id, file=newest.rel)
    if found is None:
        outcome.findings.append(ANNUAL_REPORT_ORG_NUMBER_MISSING(org_number=shown, **common))
    if older_than(end, opts.max_age_months, ctx.today):
        outcome.findings.append(ANNUAL_REPORT_OUTDATED(end=end.isoformat(), months=months, max=opts.max_age_months, **common))
    return outcome

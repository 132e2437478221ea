"""`annual-report`: the annual report in `evidence/` names the company's organisation
number and covers a fiscal year that ended at most `max_age_months` months ago.

The number counts in any of its written forms: 769612-3456, 7696123456, 769612 3456,
16769612-3456 or the VAT number SE769612345601. The fiscal year is read from a period
(`Räkenskapsåret 2025-01-01 – 2025-12-31`, broken years too) or a year (`Årsredovisning
2025`); a year that has not ended yet (a budget) does not count. The newest report is
checked. A scanned report is read by OCR (docs/evidence.md): when its confidence reaches
the standard's `policy.ocr_min_confidence` it is checked like a text PDF, and the summary,
the figures (`ocr_confidence`) and the findings say that the text was read by OCR. A scan
OCR cannot read well enough, or a report whose fiscal year the text does not show, is
`document-needs-review`: never a pass. A folder with no annual report at all gets
`evidence-kind-missing`. A digital annual report (iXBRL: an XHTML, HTML or ZIP file) is
read by its tags instead of its text: `se-cd-base:Organisationsnummer` and
`se-cd-base:RakenskapsarSistaDag`, with the same findings; when there is one, it decides.

Passes on 2026-11-22 with `max_age_months: 18` and `org_number: "769612-3456"`::

    evidence/arsredovisning/arsredovisning-2025.pdf:
      Årsredovisning för Exempel ekonomisk förening, org.nr 769612-3456
      Räkenskapsåret 2025-01-01 – 2025-12-31

Fails (`document-org-number-missing`, `annual-report-outdated`)::

    evidence/arsredovisning/arsredovisning-2023.pdf:
      Årsredovisning för Annat AB, org.nr 556036-0793
      Räkenskapsåret 2023-01-01 – 2023-12-31
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.dates import months_between, older_than
from asfcert.base.findings import OUTDATED, Kind, Location, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand
from asfcert.rules.documents import org_number_named

ID = "annual-report"
EVIDENCE_KIND = "annual-report"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["annual-report"]
        max_age_months: int = Field(18, ge=1, le=120)

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


ANNUAL_REPORT_OUTDATED = Kind(
    "annual-report-outdated",
    L10n("Årsredovisningen är för gammal", "Annual report too old"),
    L10n(
        "{file} gäller räkenskapsåret som slutade {end}, för {months} månader sedan (högst {max})",
        "{file} covers the fiscal year that ended on {end}, {months} months ago (at most {max})",
    ),
    L10n(
        "Lägg in den fastställda årsredovisningen för det senaste räkenskapsåret, med räkenskapsåret utskrivet (till exempel ”Räkenskapsåret 2025-01-01 – 2025-12-31”).",
        "Add the adopted annual report for the latest fiscal year, with the fiscal year written out (for example \"Räkenskapsåret 2025-01-01 – 2025-12-31\").",
    ),
    tags={OUTDATED},
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    from asfcert.evidence.read_review import from_ocr, ocr_note
    from asfcert.evidence.review import needs_review, scans
    from asfcert.evidence.text import fiscal_year_ends
    from asfcert.rules.annual_report_filing import check_filed, readable_filings

    if filings := readable_filings(ctx):  # a digital annual report is read by its tags, not its text
        return check_filed(ctx, opts.max_age_months, filings)
    docs = [d for d in ctx.documents.of_kind(EVIDENCE_KIND) if not d.is_filing] if ctx.documents else []
    readable = [d for d in docs if d.has_text]
    if not readable:
        return Outcome(scans(ctx, docs), figures={"documents": len(docs)})
    # a year that has not ended yet (a budget, a plan) is not what the report covers
    ends = {d.rel: [e for e in fiscal_year_ends("\n".join(d.texts)) if e <= ctx.today] for d in readable}
    dated = [d for d in readable if ends[d.rel]]
    if not dated:
        reason = L10n("räkenskapsåret framgår inte av texten", "the text does not show the fiscal year")
        return Outcome([needs_review(ctx, d, reason) for d in readable], figures={"documents": len(docs)})
    newest = max(dated, key=lambda d: (ends[d.rel][-1], d.rel))
    end = ends[newest.rel][-1]
    months = months_between(end, ctx.today)
    found, unnamed = org_number_named(ctx, newest)
    named = L10n("", "") if ctx.company is None else (
        L10n(f"; org.nr {found[1]} på sidan {found[0]}", f"; org. no. {found[1]} on page {found[0]}") if found
        else L10n("; org.nr hittades inte", "; org. no. not found")
    )
    ocr = ocr_note(newest)
    outcome = Outcome(
        figures={
            "file": newest.rel, "fiscal_year_end": end.isoformat(), "months_since_end": months,
            "max_age_months": opts.max_age_months, "org_number_page": found[0] if found else None,
            **({"ocr_confidence": newest.ocr_confidence} if newest.ocr_confidence is not None else {}),
        },
        summary=L10n(
            f"{newest.name}: räkenskapsåret slutade {end.isoformat()} ({months} mån. sedan, högst {opts.max_age_months}){named.sv}{ocr.sv}",
            f"{newest.name}: the fiscal year ended on {end.isoformat()} ({months} months ago, at most {opts.max_age_months}){named.en}{ocr.en}",
        ),
    )
    if unnamed:
        outcome.findings.append(unnamed)
    if older_than(end, opts.max_age_months, ctx.today):
        outcome.findings.append(from_ocr(ANNUAL_REPORT_OUTDATED(
            location=Location(newest.rel), severity=ctx.severity, requirement=ctx.requirement.id, file=newest.rel,
            end=end.isoformat(), months=months, max=opts.max_age_months,
        ), newest))
    return outcome


KINDS = made_by(ID, ANNUAL_REPORT_OUTDATED)

"""`minutes-dated`: every set of minutes in `evidence/` carries a date in its text.

A date in the file name does not count: the document itself must show when the meeting
was held. Dates are recognised as 2026-03-12, 12 mars 2026, 12 March 2026, March 12, 2026
and 12/3 2026; the first one found is taken as the meeting date and shown. A scanned
document is `document-needs-review`.

Passes::

    evidence/protokoll/styrelsemote-2026-03-12.pdf:
      Protokoll fört vid styrelsemöte. Datum 2026-03-12, kl. 17.30.

Fails (`minutes-undated`)::

    evidence/protokoll/styrelsemote.pdf:
      Protokoll fört vid styrelsemöte. Närvarande: ordföranden, två ledamöter.
"""

from __future__ import annotations

from typing import Literal

from asfcert.base.findings import Kind, Location
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions

ID = "minutes-dated"
KIND = "minutes"


class Options(RuleOptions):
    rule: Literal["minutes-dated"]


MINUTES_UNDATED = Kind(
    "minutes-undated",
    L10n("Protokoll utan datum", "Minutes without a date"),
    L10n("{file} har inget datum i texten", "{file} has no date in its text"),
    L10n(
        "Ett protokoll ska visa när mötet hölls. Lägg in det justerade protokollet med datum, till exempel \"Datum 2026-03-12\".",
        "Minutes must show when the meeting was held. Add the approved minutes with the date, for example \"Datum 2026-03-12\".",
    ),
)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    from asfcert.evidence.review import scans
    from asfcert.evidence.text import dates

    docs = ctx.documents.of_kind(KIND) if ctx.documents else []
    outcome = Outcome(scans(ctx, docs), figures={"minutes": {}})
    for doc in docs:
        if not doc.has_text:
            continue
        found = dates("\n".join(doc.texts))
        outcome.figures["minutes"][doc.rel] = found[0].isoformat() if found else None
        if not found:
            outcome.findings.append(
                MINUTES_UNDATED(location=Location(doc.rel), severity=ctx.severity, requirement=ctx.requirement.id, file=doc.rel)
            )
    dated = sorted(d for d in outcome.figures["minutes"].values() if d)
    if docs:
        n, m = len(docs), len(dated)
        outcome.summary = L10n(
            f"{m} av {n} protokoll har datum" + (f": {', '.join(dated)}" if dated else ""),
            f"{m} of {n} minutes are dated" + (f": {', '.join(dated)}" if dated else ""),
        )
    return outcome

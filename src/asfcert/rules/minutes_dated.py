"""`minutes-dated`: every set of minutes in `evidence/` carries a date in its text.

A date in the file name does not count: the document itself must show when the meeting
was held. Dates are recognised as 2026-03-12, 12 mars 2026, 12 March 2026, March 12, 2026
and 12/3 2026. The meeting date is the first date written just after a word such as
`Datum`, `Protokoll` or `styrelsemöte` (or `date`, `meeting`, `minutes`), else the first
date in the text; a date after today (the next meeting) does not count. A scanned
document is read by OCR; one OCR cannot read well enough is `document-needs-review`, and a
finding drawn from OCR text says so (figures: `ocr_confidence` per file).

Options for a stricter reading (`asfcert intake` uses all three):

- `board_only`: only minutes of the board or a general meeting count: `styrelse`,
  `stämma`, `årsmöte` (or `board`, `general meeting`, `annual meeting`) in the file name
  or at the start of the first page. Minutes of staff meetings alone are
  `minutes-not-board`.
- `max_age_months`: the newest minutes were held at most this many months ago
  (`minutes-outdated`).
- `org_number`: the newest minutes name the company's organisation number
  (`document-org-number-missing`, see `annual-report` for the forms that count).

Passes::

    evidence/protokoll/styrelsemote-2026-03-12.pdf:
      Protokoll fört vid styrelsemöte. Datum 2026-03-12, kl. 17.30.

Fails (`minutes-undated`)::

    evidence/protokoll/styrelsemote.pdf:
      Protokoll fört vid styrelsemöte. Närvarande: ordföranden, två ledamöter.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from asfcert.base.findings import OUTDATED, Kind, Location, made_by
from asfcert.base.i18n import L10n
from asfcert.rules.base import Outcome, RuleContext, RuleOptions, options_on_demand
from asfcert.rules.documents import org_number_named

ID = "minutes-dated"
EVIDENCE_KIND = "minutes"


def _options() -> type:
    class Options(RuleOptions):
        rule: Literal["minutes-dated"]
        board_only: bool = False
        max_age_months: int | None = Field(None, ge=1, le=120)
        org_number: bool = False

    return Options


__getattr__ = options_on_demand(__name__, _options)  # Options: built where a standard is validated
if TYPE_CHECKING:  # the model, as the module's `Options` is once asked for
    Options = _options()


MINUTES_UNDATED = Kind(
    "minutes-undated",
    L10n("Protokoll utan datum", "Minutes without a date"),
    L10n("{file} har inget datum i texten", "{file} has no date in its text"),
    L10n(
        "Ett protokoll ska visa när mötet hölls. Lägg in det justerade protokollet med datum, till exempel ”Datum 2026-03-12”.",
        "Minutes must show when the meeting was held. Add the approved minutes with the date, for example \"Datum 2026-03-12\".",
    ),
)
MINUTES_OUTDATED = Kind(
    "minutes-outdated",
    L10n("Protokollen är för gamla", "Minutes too old"),
    L10n("{file}: det senaste protokollet är från {date}, för {months} månader sedan (högst {max})",
         "{file}: the newest minutes are from {date}, {months} months ago (at most {max})"),
    L10n(
        "Lägg in justerade protokoll från ett styrelsemöte under det senaste året, med mötets datum i texten (till exempel ”Datum 2026-03-12”).",
        "Add approved minutes of a board meeting in the last year, with the meeting's date in the text (for example \"Datum 2026-03-12\").",
    ),
    tags={OUTDATED},
)
MINUTES_NOT_BOARD = Kind(
    "minutes-not-board",
    L10n("Inget protokoll från styrelsen eller stämman", "No minutes of the board or a general meeting"),
    L10n(
        "Inget av protokollen ({files}) är från ett styrelsemöte, en stämma eller ett årsmöte",
        "None of the minutes ({files}) is from a board meeting, a general meeting or an annual meeting",
    ),
    L10n(
        "Lägg in justerade protokoll från ett styrelsemöte; ordet styrelsemöte (eller stämma, årsmöte) ska stå i filnamnet eller i protokollets rubrik.",
        "Add approved minutes of a board meeting; the word styrelsemöte (or stämma, årsmöte) must be in the file name or the heading of the minutes.",
    ),
)

# Words that mark minutes of the board or a general meeting, in the file name or the start
# of the first page (staff meetings, arbetsplatsträffar, are not what `board_only` asks for).
BOARD_WORDS = ("styrelse", "stämma", "stamma", "årsmöte", "arsmote", "board", "general meeting", "annual meeting")
_HEADING_CHARS = 400
_MEETING_WORDS = re.compile(r"datum|date|möte|mote|sammanträde|protokoll|meeting|minutes", re.IGNORECASE)
_NEAR = 25  # characters after a meeting word in which its date is looked for


def is_board_minutes(doc) -> bool:
    """Minutes of the board or a general meeting: a board word in the file name or at the
    start of the first page."""
    text = (doc.name + " " + (doc.texts[0][:_HEADING_CHARS] if doc.texts else "")).casefold()
    return any(w in text for w in BOARD_WORDS)


def meeting_date(texts: list[str], today: dt.date) -> dt.date | None:
    """When the meeting was held: the first date written just after a meeting word, else
    the first date in the text. Dates after `today` (the next meeting) do not count."""
    from asfcert.evidence.text import dates

    text = "\n".join(texts)
    for m in _MEETING_WORDS.finditer(text):
        near = [d for d in dates(text[m.end(): m.end() + _NEAR]) if d <= today]
        if near:
            return near[0]
    return next((d for d in dates(text) if d <= today), None)


def check(ctx: RuleContext, opts: Options) -> Outcome:
    from asfcert.evidence.read_review import from_ocr
    from asfcert.evidence.review import scans

    docs = sorted(ctx.documents.of_kind(EVIDENCE_KIND), key=lambda d: d.rel) if ctx.documents else []
    outcome = Outcome(scans(ctx, docs), figures={"minutes": {}})
    common = dict(severity=ctx.severity, requirement=ctx.requirement.id)
    judged = [d for d in docs if d.has_text]
    if opts.board_only and judged:
        board = [d for d in judged if is_board_minutes(d)]
        if not board:
            files = ", ".join(d.name for d in judged)
            outcome.findings.append(MINUTES_NOT_BOARD(location=Location(judged[0].rel), files=files, **common))
        judged = board
    held = {d.rel: meeting_date(d.texts, ctx.today) for d in judged}
    for doc in judged:
        outcome.figures["minutes"][doc.rel] = held[doc.rel].isoformat() if held[doc.rel] else None
        if doc.ocr_confidence is not None:
            outcome.figures.setdefault("ocr_confidence", {})[doc.rel] = doc.ocr_confidence
        if held[doc.rel] is None:
            outcome.findings.append(from_ocr(MINUTES_UNDATED(location=Location(doc.rel), file=doc.rel, **common), doc))
    dated = sorted(d for d in outcome.figures["minutes"].values() if d)
    if docs:
        n, m = len(docs), len(dated)
        outcome.summary = L10n(
            f"{m} av {n} protokoll har datum" + (f": {', '.join(dated)}" if dated else ""),
            f"{m} of {n} minutes are dated" + (f": {', '.join(dated)}" if dated else ""),
        )
    if judged and (opts.max_age_months or opts.org_number):
        _newest(ctx, opts, judged, held, outcome)
    return outcome


def _newest(ctx: RuleContext, opts: Options, judged: list, held: dict, outcome: Outcome) -> None:
    """The stricter options, on the newest minutes (the first ones when none is dated)."""
    from asfcert.base.dates import months_between, older_than
    from asfcert.evidence.read_review import from_ocr

    dated = [d for d in judged if held[d.rel]]
    newest = max(dated, key=lambda d: (held[d.rel], d.rel)) if dated else judged[0]
    day = held[newest.rel]
    outcome.figures.update(file=newest.rel, max_age_months=opts.max_age_months)
    if day is not None:
        months = months_between(day, ctx.today)
        outcome.figures.update(meeting_date=day.isoformat(), months_since_meeting=months)
        if opts.max_age_months and older_than(day, opts.max_age_months, ctx.today):
            outcome.findings.append(from_ocr(MINUTES_OUTDATED(
                location=Location(newest.rel), severity=ctx.severity, requirement=ctx.requirement.id,
                file=newest.rel, date=day.isoformat(), months=months, max=opts.max_age_months,
            ), newest))
    if opts.org_number:
        found, unnamed = org_number_named(ctx, newest)
        outcome.figures["org_number_page"] = found[0] if found else None
        outcome.findings += [unnamed] if unnamed else []


KINDS = made_by(ID, MINUTES_UNDATED, MINUTES_OUTDATED, MINUTES_NOT_BOARD)

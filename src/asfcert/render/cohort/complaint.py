"""`registry complaint`: the complaints of the registry as they stand, the one just recorded
or changed first."""

from __future__ import annotations

from asfcert.base import vocab
from asfcert.base.i18n import L10n, Lang
from asfcert.base.vocab import ComplaintOutcome, ComplaintStatus
from asfcert.render.cohort.labels import word

_RECORDED = L10n("Registrerade {id}.", "Recorded {id}.")
_NONE = L10n("Inga klagomål i registret.", "No complaints in the registry.")
_HEADERS = ("complaints", "certificate", "received", "status", "outcome", "summary")


def render(result, lang: Lang, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if result.changed:
        console.print(Text(_RECORDED.get(lang).format(id=result.changed), style="bold"))
    if not result.complaints:
        console.print(_NONE.get(lang))
        return
    table = Table(box=box.SIMPLE_HEAD)
    for header in _HEADERS:
        table.add_column(word(header, lang), overflow="fold")
    for c in sorted(result.complaints, key=lambda c: c.id != result.changed):
        outcome = vocab.name(ComplaintOutcome(c.outcome), lang)
        if c.action is not None and c.action.date:
            outcome += f" ({c.action.date.isoformat()})"
        elif c.action is not None and c.action.requirement:
            outcome += f" ({c.action.requirement})"
        table.add_row(c.id, c.certificate, c.received.isoformat(), vocab.name(ComplaintStatus(c.status), lang), outcome, Text(c.summary))
    console.print(table)

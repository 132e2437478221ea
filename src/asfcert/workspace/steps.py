"""What to do next: the three most useful steps, in plain Swedish (or English).

A fresh kit has about forty findings; nobody knows where to begin. The findings are sorted
into tasks (fix a file, fix a figure, fill in the profile, answer, attach documents,
reconsider your own "not met"), most severe first: what stops the check before what
blocks certification, before what would be a remark. One step per task, each with a link
to the page where it is done."""

from __future__ import annotations

from dataclasses import dataclass

from asfcert.assess.answers import (
    ANSWER_MISSING,
    ANSWER_NA_REFUSED,
    ANSWER_NO_DESCRIPTION,
    ANSWER_NO_EVIDENCE,
    ANSWER_NOT_MET,
    ANSWER_PARTLY_MET,
)
from asfcert.base.findings import Finding, Severity, report_order
from asfcert.base.i18n import L10n, Lang
from asfcert.base.vocab import SEVERITY_ORDER
from asfcert.company.folder import (
    EVIDENCE_NOT_A_FILE,
    EVIDENCE_NOT_FOUND,
    EVIDENCE_OUTSIDE,
)
from asfcert.evidence.review import EVIDENCE_KIND_MISSING
from asfcert.rules.base import PROFILE_MISSING
from asfcert.workspace.places import Places

# The task each kind of finding asks for; any other finding asks to fix what it names.
_TASKS = {
    PROFILE_MISSING: "profile",
    ANSWER_MISSING: "answer",
    ANSWER_NO_DESCRIPTION: "answer",
    ANSWER_NO_EVIDENCE: "attach",
    EVIDENCE_KIND_MISSING: "attach",
    EVIDENCE_NOT_FOUND: "attach",
    EVIDENCE_OUTSIDE: "attach",
    EVIDENCE_NOT_A_FILE: "attach",
    ANSWER_NOT_MET: "reconsider",
    ANSWER_PARTLY_MET: "reconsider",
    ANSWER_NA_REFUSED: "reconsider",
}
_TASK_OF_CODE = {kind.code: task for kind, task in _TASKS.items()}
_ORDER = ("input", "fix", "profile", "answer", "attach", "reconsider")

_WHY = {
    Severity.ERROR: L10n("asfcert kan inte läsa filen förrän det är rättat.", "asfcert cannot read the file until this is fixed."),
    Severity.BLOCKER: L10n("Det hindrar certifiering.", "It blocks certification."),
    Severity.REMARK: L10n("Annars blir det en anmärkning vid revisionen.", "Otherwise it becomes a remark at the audit."),
    Severity.WARNING: L10n("Bra att se över före revisionen.", "Worth a look before the audit."),
    Severity.OBSERVATION: L10n("Ett tips inför revisionen.", "A tip before the audit."),
}
DONE = L10n("Allt är klart. Skicka mappen till er revisor.", "Everything is done. Send the folder to your auditor.")


@dataclass
class Step:
    text: str
    why: str
    url: str | None


def task(finding: Finding) -> str:
    if finding.severity == Severity.ERROR:
        return "input"
    return _TASK_OF_CODE.get(finding.code, "fix")


def next_steps(result, places: Places, lang: Lang, limit: int = 3) -> list[Step]:
    titles = {r.id: r.title for r in result.requirements}
    groups: dict[tuple, list[Finding]] = {}
    for f in sorted(result.findings, key=report_order):
        t = task(f)
        key = (SEVERITY_ORDER[f.severity], _ORDER.index(t), t, f.requirement if t == "fix" else "")
        groups.setdefault(key, []).append(f)
    steps = []
    for key in sorted(groups, key=lambda k: (k[0], k[1])):
        found = groups[key]
        steps.append(_step(key[2], found, places, titles, lang))
        if len(steps) == limit:
            break
    if not steps:
        steps.append(Step(DONE.get(lang), "", None))
    return steps


def _step(kind: str, found: list[Finding], places: Places, titles: dict, lang: Lang) -> Step:
    first = found[0]
    place = places.of(first)
    why = _WHY[first.severity].get(lang)
    reqs = list(dict.fromkeys(f.requirement for f in found if f.requirement))
    n = len(reqs)
    start = ""
    if reqs:
        title = titles.get(reqs[0])
        start = f"{reqs[0]} {title.get(lang)}" if title else reqs[0]
    if kind == "input":
        text = L10n(f"Rätta {place.where.sv}: {first.message.sv}", f"Fix {place.where.en}: {first.message.en}")
    elif kind == "fix":
        head = f"{start}: " if start else ""
        text = L10n(head + first.message.sv, head + first.message.en)
    elif kind == "profile":
        sections = list(dict.fromkeys(places.of(f).where for f in found))
        names_sv = _join([s.sv.removeprefix("Profil: ") for s in sections], "och", "delar till")
        names_en = _join([s.en.removeprefix("Profile: ") for s in sections], "and", "more parts")
        text = L10n(f"Fyll i {names_sv.lower()} i profilen.", f"Fill in {names_en.lower()} in the profile.")
    elif kind == "answer":
        text = L10n(f"Besvara {_count(n, 'krav', 'krav')} med status, beskrivning och underlag. Börja med {start}.",
                    f"Answer {_count(n, 'requirement', 'requirements')} with status, description and evidence. Start with {start}.")
    elif kind == "attach":
        text = L10n(f"Bifoga dokument till {_count(n, 'krav', 'krav')}. Börja med {start}.",
                    f"Attach documents to {_count(n, 'requirement', 'requirements')}. Start with {start}.")
    else:
        text = L10n(f"Ni bedömer själva att {_count(n, 'krav', 'krav')} inte är uppfyllt helt. Börja med {start}.",
                    f"You judge {_count(n, 'requirement', 'requirements')} as not fully met. Start with {start}.")
    return Step(text.get(lang), why, place.url)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _join(items: list[str], word: str, more: str) -> str:
    """`a`, `a och b`, `a, b och c`, and past three `a, b, c och 4 delar till`."""
    if len(items) > 3:
        return ", ".join(items[:3]) + f" {word} {len(items) - 3} {more}"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]

"""`asfcert registry complaint`: record a complaint against a certificate, follow it
(received → investigating → upheld or dismissed) and link its outcome to what was done to
the certificate (a remark, a suspension, a withdrawal). The summary never holds personal
data: a personal identity number or an e-mail address in it is refused."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n

_E = Severity.ERROR
ONE_ACTION = Kind(
    "complaint-one-action",
    L10n("Ett nytt klagomål eller en ändring", "A new complaint or a change"),
    L10n("Ange --certificate och --summary för ett nytt klagomål, eller --id och --status för att ändra ett",
         "Give --certificate and --summary for a new complaint, or --id and --status to change one"),
    L10n("Se `asfcert registry complaint --help`.", "See `asfcert registry complaint --help`."),
    _E, effect=Effect.ABORTS,
)
UNKNOWN = Kind(
    "complaint-unknown",
    L10n("Okänt klagomål", "Unknown complaint"),
    L10n("Klagomålet {id} finns inte i {file}", "The complaint {id} is not in {file}"),
    L10n("Kör `asfcert registry complaint DIR` för att se alla klagomål.", "Run `asfcert registry complaint DIR` to see every complaint."),
    _E, effect=Effect.ABORTS,
)
PERSONAL_DATA = Kind(
    "complaint-personal-data",
    L10n("Personuppgifter i sammanfattningen", "Personal data in the summary"),
    L10n("Sammanfattningen innehåller {what}; den får inte ha personuppgifter", "The summary contains {what}; it must hold no personal data"),
    L10n("Beskriv vad klagomålet gäller utan namn, personnummer eller kontaktuppgifter; de hör hemma i certifierarens ärendehantering.",
         "Describe what the complaint is about without names, personal identity numbers or contact details; those belong in the certifier's case files."),
    _E, effect=Effect.ABORTS,
)
ACTION_MISSING = Kind(
    "complaint-action-missing",
    L10n("Åtgärden saknas i certifikatposten", "The action is missing from the certificate record"),
    L10n("Utfallet `{outcome}` ska höra till en åtgärd på {number}, men certifikatet har ingen sådan sedan {received}",
         "The outcome {outcome} must be linked to an action on {number}, but the certificate has none since {received}"),
    L10n("Gör åtgärden först: {command}", "Take the action first: {command}"),
    _E, effect=Effect.ABORTS,
)
REQUIREMENT_MISSING = Kind(
    "complaint-requirement-missing",
    L10n("Kravet saknas", "The requirement is missing"),
    L10n("Utfallet `remark` behöver --requirement ID", "The outcome remark needs --requirement ID"),
    L10n("Ange kravet anmärkningen gäller, till exempel --requirement 3.9.b.", "Give the requirement the remark is about, for example --requirement 3.9.b."),
    _E, effect=Effect.ABORTS,
)
DATE_BEFORE = Kind(
    "complaint-date-before-received",
    L10n("Datumet ligger före klagomålet", "The date is before the complaint"),
    L10n("{date} ligger före {received}, då klagomålet {id} kom in", "{date} is before {received}, when the complaint {id} came in"),
    L10n("Ange ett senare datum med --as-of.", "Give a later date with --as-of."),
    _E, effect=Effect.ABORTS,
)

OUTCOME_NEEDS_UPHELD = Kind(
    "complaint-outcome-needs-upheld",
    L10n("Ett utfall kräver ett befogat klagomål", "An outcome needs an upheld complaint"),
    L10n("Utfallet `{outcome}` kan bara följa på statusen `upheld`", "The outcome {outcome} can only follow the status upheld"),
    L10n("Ange --status upheld tillsammans med --outcome.", "Give --status upheld together with --outcome."),
    _E, effect=Effect.ABORTS,
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_EVENTS = {"suspension": ("suspended", "--suspend"), "withdrawal": ("withdrawn", "--withdraw")}


@dataclass
class ComplaintResult:
    registry: Path
    complaints: list = field(default_factory=list)  # formats.complaint.Complaint, as they stand on `as_of`
    as_of: dt.date = field(default_factory=dt.date.today)
    changed: str | None = None  # the id recorded or changed by this run
    exit_code: int = 0

    def to_dict(self) -> dict:
        return {"format": "asfcert-complaints-result/1", "registry": str(self.registry), "as_of": self.as_of.isoformat(),
                "changed": self.changed, "complaints": [c.model_dump(mode="json", exclude_none=True) for c in self.complaints],
                "exit_code": self.exit_code}


@dataclass(frozen=True)
class Request:
    registry: Path
    certificate: str | None = None  # a new complaint against this certificate
    summary: str | None = None
    id: str | None = None  # a change to this complaint
    status: str | None = None
    outcome: str = "none"
    requirement: str | None = None  # with outcome remark
    today: dt.date | None = None


def run(request: Request) -> ComplaintResult:
    from asfcert.records import complaints
    from asfcert.records.registry import find, locked

    reg = find(None, request.registry)
    today = request.today or dt.date.today()
    new = request.certificate is not None or request.summary is not None
    change = request.id is not None or request.status is not None
    if new and change:
        raise Abort(ONE_ACTION)
    if not new and not change:
        return ComplaintResult(reg.root, complaints.load(reg.root), today)
    if new and not (request.certificate and request.summary) or change and not (request.id and request.status):
        raise Abort(ONE_ACTION)
    with locked(reg, "complaints"):
        items = complaints.load(reg.root)
        if new:
            item = _new(reg, items, request, today)
            items.append(item)
        else:
            index = next((i for i, c in enumerate(items) if c.id == request.id), None)
            if index is None:
                raise Abort(UNKNOWN, location=Location(complaints.COMPLAINTS_FILE), id=request.id, file=complaints.COMPLAINTS_FILE)
            item = items[index] = _changed(reg, items[index], request, today)
        complaints.save(reg.root, items)
    return ComplaintResult(reg.root, items, today, item.id)


def _new(reg, items: list, request: Request, today: dt.date):
    from asfcert.evidence import privacy
    from asfcert.formats.complaint import Change, Complaint
    from asfcert.records.registry import get, unknown

    if get(reg, request.certificate) is None:
        raise unknown(reg, request.certificate)
    summary = " ".join(request.summary.split())
    hits = privacy.find(summary, today)
    if hits or _EMAIL.search(summary):
        what = L10n("ett personnummer", "a personal identity number") if hits else L10n("en e-postadress", "an e-mail address")
        raise Abort(PERSONAL_DATA, location=Location("--summary"), what=what)
    year = today.year
    taken = [int(c.id.rsplit("-", 1)[1]) for c in items if c.id.startswith(f"K-{year:04d}-")]
    number = f"K-{year:04d}-{max(taken, default=0) + 1:03d}"
    return Complaint(id=number, certificate=request.certificate, received=today, summary=summary,
                     history=[Change(date=today, status="received")])


def _changed(reg, item, request: Request, today: dt.date):
    from asfcert.formats.complaint import Action, Change, Complaint
    from asfcert.records.registry import get

    if today < item.received:
        raise Abort(DATE_BEFORE, location=Location("--as-of"), date=today.isoformat(), received=item.received.isoformat(), id=item.id)
    data = item.model_dump()
    outcome = request.outcome or "none"
    if outcome != "none" and request.status != "upheld":
        raise Abort(OUTCOME_NEEDS_UPHELD, location=Location("--outcome"), outcome=outcome)
    action = None
    if outcome == "remark":
        if not request.requirement:
            raise Abort(REQUIREMENT_MISSING, location=Location("--requirement"))
        action = Action(event="remark", requirement=request.requirement)
    elif outcome in _EVENTS:
        event, option = _EVENTS[outcome]
        record = get(reg, item.certificate)
        done = [e for e in (record.events if record else []) if e.action == event and item.received <= e.date <= today]
        if not done:
            command = shlex.join(["asfcert", "certify", option, item.certificate, "--reason", f"Klagomål {item.id}", "--registry", str(reg.root)])
            raise Abort(ACTION_MISSING, location=Location("--outcome"), outcome=outcome, number=item.certificate,
                        received=item.received.isoformat(), command=command)
        action = Action(event=event, date=done[-1].date)
    data.update(status=request.status, outcome=outcome, action=action.model_dump() if action else None,
                history=[*data["history"], Change(date=today, status=request.status, outcome=outcome).model_dump()])
    return Complaint.model_validate(data)


KINDS = made_by("complaint", ONE_ACTION, UNKNOWN, PERSONAL_DATA, ACTION_MISSING, REQUIREMENT_MISSING, DATE_BEFORE, OUTCOME_NEEDS_UPHELD)

"""The certificate's status in the browser: what it is now, and suspend, reinstate,
withdraw and close a remark, each with a reason and a date (today unless changed).

The change itself is the certify workflow's (`asfcert certify --suspend|--reinstate|
--withdraw|--close-remark NUMBER`), handed in by `asfcert serve`. A withdrawal cannot be
undone: it is made only from its own confirmation page, which names the company and the
certificate number. Who made a change is written with its reason (the event's date is
when), in the registry's record and the company's copy."""

from __future__ import annotations

import datetime as dt

from asfcert.base.errors import UserError
from asfcert.base.i18n import Lang
from asfcert.records import certificates, registry
from asfcert.render.audit.labels import verdict_name
from asfcert.workspace import audit_pages
from asfcert.workspace.actions import Actions
from asfcert.workspace.audit_pages import Closed
from asfcert.workspace.decide_pages import head_of, problem
from asfcert.workspace.labels import label
from asfcert.workspace.state import Workspace

ACTIONS = ("suspend", "reinstate", "withdraw", "close-remark")
_FROM = {"suspend": {"valid"}, "reinstate": {"suspended"}, "withdraw": {"valid", "suspended"}}  # what each form is offered for


def page(ws: Workspace, actions: Actions, auditor: str | None, lang: Lang, base: str, failed: dict | None = None,
         typed: dict | None = None) -> dict:
    """The certificate of the company's audit, its status and the forms that change it."""
    try:
        opened = audit_pages.open_for(ws, auditor, lang, base)
    except Closed as closed:
        return closed.context
    today = ws.today or dt.date.today()
    head = {**head_of(ws, opened, lang, base, "/status"), "template": "status.html.j2", "problem": failed,
            "today": today.isoformat(), "typed": typed or dict.fromkeys(("action", "reason", "date", "requirement"), "")}
    made = opened.record.decision if opened.record is not None else None
    if made is None or not made.certificate:
        return {**head, "status": 404, "certificate": None}
    try:
        rec = registry.get(registry.find(ws.root), made.certificate)
    except UserError as err:
        return {**head, "status": 409, "certificate": None, "problem": problem(err, lang)}
    if rec is None:
        return {**head, "status": 404, "certificate": None}
    state = certificates.state(rec, today)  # as recorded: a suspension dated ahead is shown, never "valid"
    titles = {r.requirement: (r.title_sv if lang == "sv" else r.title_en) for r in rec.remarks}
    shown = {
        "number": rec.number, "state": state, "state_name": verdict_name(state, lang),
        "effective": rec.effective.isoformat(), "valid_until": rec.valid_until.isoformat(),
        "remarks": [{"id": r.requirement, "title": titles[r.requirement], "deadline": r.deadline.isoformat()} for r in certificates.open_remarks(rec)],
        "events": [{"date": e.date.isoformat(), "action": label(f"event_{e.action}", lang), "reason": e.reason or ""} for e in rec.events],
    }
    offered = [a for a in ACTIONS if rec.status in _FROM.get(a, set())] + (["close-remark"] if shown["remarks"] and rec.status != "withdrawn" else [])
    return {**head, "status": failed["status"] if failed else 200, "certificate": shown, "offered": offered,
            "can_change": actions.status is not None}


def change(ws: Workspace, actions: Actions, auditor: str | None, action: str, form, lang: Lang, base: str) -> dict | None:
    """Make the change the form asks for; None when made, else the page to show (refused,
    or, for a withdrawal not yet confirmed, its confirmation page: nothing is written)."""
    typed = {"action": action, "reason": _text(form, "reason"), "date": _text(form, "date"), "requirement": _text(form, "requirement")}
    with audit_pages.LOCK:
        current = page(ws, actions, auditor, lang, base, typed=typed)
        cert = current.get("certificate")
        if cert is None or not current.get("can_change") or action not in current.get("offered", ()):
            return {**current, "status": 404 if cert is None else 409}
        try:
            day = dt.date.fromisoformat(typed["date"]) if typed["date"] else (ws.today or dt.date.today())
        except ValueError:
            return page(ws, actions, auditor, lang, base, _bad_date(typed["date"], lang), typed)
        if action == "withdraw" and _text(form, "confirm") != cert["number"]:
            return {**current, "template": "withdraw_confirm.html.j2", "here": "/status", "status": 200, "day": day.isoformat()}
        reason = typed["reason"]
        if reason:  # who made the change, with the reason; the event's date is when
            reason = f"{reason} ({current['auditor']}, asfcert serve)"
        try:
            actions.status(ws.root, action, cert["number"], reason, day, typed["requirement"] or None)
        except UserError as err:
            return page(ws, actions, auditor, lang, base, problem(err, lang), typed)
    return None


def _bad_date(typed: str, lang: Lang) -> dict:
    return {"code": "date-invalid", "message": label("date_invalid", lang, date=typed), "hint": label("date_hint", lang),
            "reasons": [], "status": 400}


def _text(form, name: str) -> str:
    """A posted field, trimmed; one line unless it is the reason."""
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    return value.strip() if name == "reason" else " ".join(value.split())

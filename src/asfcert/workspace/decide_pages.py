"""Decide and issue in the browser: the decision preview, the recorded decision, the audit
report and the certificate, for the auditor the audit view's gate lets in.

The preview is `decision.propose`, the grading `asfcert audit --decide` records; recording
it, rendering the report and issuing the certificate are the audit and certify workflows'
own functions, handed in by `asfcert serve` (workspace/actions.py). What they refuse is
shown as their coded message; they write nothing then (certify is a transaction)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from base64 import b64encode

from asfcert.assess import decision as decisions
from asfcert.base.errors import UserError
from asfcert.base.i18n import Lang
from asfcert.records import snapshot as changes
from asfcert.render.audit.labels import outcome_name
from asfcert.rules.org_number import masked
from asfcert.workspace import audit_pages
from asfcert.workspace.actions import Actions
from asfcert.workspace.audit_pages import Closed
from asfcert.workspace.security import HEADERS
from asfcert.workspace.state import Workspace


def preview(ws: Workspace, actions: Actions, auditor: str | None, lang: Lang, base: str, problem: dict | None = None) -> dict:
    """The decision page: the recorded decision, or what `--decide` would record now."""
    try:
        opened = audit_pages.open_for(ws, auditor, lang, base)
    except Closed as closed:
        return closed.context
    record = opened.record
    head = head_of(ws, opened, lang, base, "/decide")
    if record is None:
        return {**head, "template": "decide.html.j2", "status": 404, "record": False, "problem": problem}
    case = opened.case
    titles = {req.id: req.title.l10n.get(lang) for req in case.standard.enabled}
    made = record.decision
    if made is not None:
        shown = {
            "final": True, "key": made.outcome, "outcome": outcome_name(made.outcome, lang), "date": made.date.isoformat(),
            "by": made.auditor, "certificate": made.certificate,
            "remarks": [{"id": r.requirement, "title": titles.get(r.requirement, ""), "deadline": r.deadline.isoformat()} for r in made.remarks],
            "majors": [{"id": rid, "title": titles.get(rid, "")} for rid in made.nonconformities],
            "blockers": [], "missing": [], "problems": [], "changes": [],
        }
    else:
        today = ws.today or dt.date.today()
        proposal = decisions.propose(case.standard, case.check, record.model, record.doc, today)
        moved = [f for f in case.check.findings if changes.is_change(f)]
        missing = [i for i in proposal.items if not i.result]
        shown = {
            "final": False, "key": decisions.certain_outcome(proposal) or "pending",
            "outcome": outcome_name(proposal.outcome, lang) if proposal.outcome else "",
            "date": today.isoformat(), "by": opened.auditor, "certificate": None,
            "remarks": [{"id": i.id, "title": i.title.get(lang), "deadline": proposal.deadline.isoformat()} for i in proposal.with_grade("remark")],
            "majors": [{"id": i.id, "title": i.title.get(lang)} for i in proposal.with_grade("major")],
            "blockers": [_finding(f, lang) for f in proposal.general_blockers],
            "missing": [{"id": i.id, "title": i.title.get(lang)} for i in missing],
            "problems": [_finding(f, lang) for f in proposal.findings if f.code != decisions.RESULTS_MISSING.code],
            "changes": [_finding(f, lang) for f in moved],
            "can_decide": proposal.complete and not moved and actions.decide is not None,
        }
    return {
        **head, "template": "decide.html.j2", "status": 200 if problem is None else problem["status"], "record": True,
        "decision": shown, "problem": problem,
        "can_report": made is not None and actions.report is not None,
        "can_certify": made is not None and made.outcome != decisions.NOT_CERTIFIED and not made.certificate and actions.certify is not None,
        "command": f'asfcert audit {ws.shown} --decide',
    }


def decide(ws: Workspace, actions: Actions, auditor: str | None, lang: Lang, base: str) -> dict | None:
    """Record the decision as `asfcert audit DIR --decide` does (who: the record's auditor,
    when: today, in audit/audit.yaml's `decision`); None when recorded, else the page."""
    if actions.decide is None:
        return {**preview(ws, actions, auditor, lang, base), "status": 404}
    with audit_pages.LOCK:
        try:
            opened = audit_pages.open_for(ws, auditor, lang, base)
            actions.decide(ws.root, opened.auditor, lang)
        except Closed as closed:
            return closed.context
        except UserError as err:
            return preview(ws, actions, auditor, lang, base, problem(err, lang))
    return None


def report(ws: Workspace, actions: Actions, auditor: str | None, lang: Lang, kind: str):
    """The audit report of the decided audit, as `audit --report` renders it: HTML with the
    workspace's headers (its own style allowed by hash, nothing else), or the PDF inline."""
    from starlette.responses import HTMLResponse, Response

    try:
        opened = audit_pages.open_for(ws, auditor, lang, "")
    except Closed:
        return None
    if actions.report is None or opened.record is None or opened.record.decision is None:
        return None
    made = actions.report(ws.root, opened.auditor, lang, kind)
    if kind == "pdf":
        return Response(made, media_type="application/pdf", headers={
            "content-disposition": f'inline; filename="audit-report-{lang}.pdf"',
            "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        })
    return HTMLResponse(made, headers={"content-security-policy": report_policy(made)})


def report_policy(html: str) -> str:
    """The workspace's policy, with the report's own <style> and style attributes allowed by
    their hashes (CSP level 3): still no inline script, no other style."""
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    attributes = sorted(set(re.findall(r'\sstyle="([^"]*)"', html)))
    hashes = " ".join(f"'sha256-{b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in [*styles, *attributes])
    extra = (" 'unsafe-hashes'" if attributes else "") + (" " + hashes if hashes else "")
    return HEADERS["content-security-policy"].replace("style-src 'self'", "style-src 'self'" + extra)


def confirm_certify(ws: Workspace, actions: Actions, auditor: str | None, lang: Lang, base: str, problem: dict | None = None) -> dict:
    """The confirmation before `certify`: which company, which decision."""
    page = preview(ws, actions, auditor, lang, base, problem)
    if page.get("template") != "decide.html.j2" or not page.get("record"):
        return page
    if not page["decision"]["final"] or actions.certify is None:
        return {**page, "status": 409 if problem is None else problem["status"]}
    return {**page, "template": "certify_confirm.html.j2", "here": "/certify"}


def certify(ws: Workspace, actions: Actions, auditor: str | None, form, lang: Lang, base: str) -> tuple[dict | None, str | None]:
    """Issue the certificate; (None, number) when issued, else (the page, None). The typed
    passphrase is used for this call only: never stored, logged or shown again."""
    typed = form.get("passphrase")
    passphrase = typed if isinstance(typed, str) and typed else None
    with audit_pages.LOCK:
        try:
            audit_pages.open_for(ws, auditor, lang, base)
        except Closed as closed:
            return closed.context, None
        if actions.certify is None:
            return {**confirm_certify(ws, actions, auditor, lang, base), "status": 404}, None
        try:  # without a decision too: the workflow's own refusal shows, with its code
            issued = actions.certify(ws.root, lang, passphrase)
        except UserError as err:
            return confirm_certify(ws, actions, auditor, lang, base, problem(err, lang)), None
    return None, issued.record.number


def problem(err: UserError, lang: Lang) -> dict:
    """A refusal as the page shows it: the coded message, its hint and located reasons;
    409 for a refusal of the workflow (exit code 1), 400 for input it cannot use."""
    return {
        "code": getattr(err, "code", "refused"), "message": err.message.get(lang), "hint": err.hint.get(lang) if err.hint else "",
        "reasons": [_finding(f, lang) for f in err.findings], "status": 409 if err.exit_code == 1 else 400,
    }


def _finding(f, lang: Lang) -> dict:
    return {"code": f.code, "message": f.message.get(lang), "where": str(f.location) if f.location else ""}


def head_of(ws: Workspace, opened, lang: Lang, base: str, here: str) -> dict:
    company = opened.case.company
    return {
        "lang": lang, "base": base, "here": here, "folder": ws.shown, "auditor": opened.auditor,
        "as_of": opened.case.check.as_of, "company": company.name, "org_number": masked(company.org_number),
    }

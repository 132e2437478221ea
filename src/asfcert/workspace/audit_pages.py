"""The audit view: the appointed auditor works through audit/audit.yaml in the browser.

Nothing opens before the gate: an auditor chosen from cohort.yaml, impartial for this
company (assess/impartiality.py, the same check as `asfcert audit`), and, once a record
exists, the record's own auditor. Per requirement the page shows the company's answer and
evidence beside the PDF, the machine's findings and figures, the files changed since the
audit snapshot, and the auditor's result and comment. A save goes through the one loader
and saver of audit.yaml (records/audit_record.py): the round-trip data, a digest of the
bytes the page was made from (a record changed since is a conflict: nothing is written),
read back before it is written, atomically; the written result carries who and when."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from asfcert.assess import case as cases
from asfcert.assess import impartiality
from asfcert.base.dates import add_months
from asfcert.base.errors import UserError
from asfcert.base.i18n import L10n, Lang
from asfcert.base.layout import EVIDENCE_DIR
from asfcert.records import audit_record
from asfcert.records import snapshot as changes
from asfcert.workspace import pages
from asfcert.workspace.labels import label
from asfcert.workspace.security import HEADERS
from asfcert.workspace.stamp import stamp
from asfcert.workspace.state import Workspace

RESULTS = ("conform", "remark", "major", "not-applicable", "observation")
_RESULT_NAMES = {
    "conform": L10n("Överensstämmer", "Conform"),
    "remark": L10n("Anmärkning (mindre avvikelse)", "Remark (minor nonconformity)"),
    "major": L10n("Större avvikelse", "Major nonconformity"),
    "not-applicable": L10n("Ej tillämplig", "Not applicable"),
    "observation": L10n("Observation (förbättringsmöjlighet)", "Observation (opportunity for improvement)"),
}
# The requirement page shows the PDF beside the form: it may frame this server's own files.
FRAMING_CSP = HEADERS["content-security-policy"] + "; frame-src 'self'"
LOCK = threading.Lock()  # one save at a time: read, compare and write are one step


@dataclass
class Opened:
    case: object  # assess.case.Case, assessed
    record: object | None  # records.audit_record.Record, or None before `asfcert audit` made one
    auditor: str


class Closed(Exception):
    """The audit view does not open: `context` is the page that says why."""

    def __init__(self, context: dict):
        super().__init__(context.get("code"))
        self.context = context


def open_for(ws: Workspace, auditor: str | None, lang: Lang, base: str) -> Opened:
    """The gate. Raises `Closed` with the page that explains the refusal."""
    today = ws.today or dt.date.today()
    common = {"lang": lang, "base": base, "here": "/audit", "folder": ws.shown, "company": ws.root.name, "reasons": [],
              "auditor": auditor, "as_of": today, "hint": ""}
    if not auditor:
        raise Closed({**common, "template": "audit_closed.html.j2", "status": 403, "code": "auditor-not-chosen",
                      "title": label("audit_choose_first", lang)})
    try:
        case = cases.load(ws.root, ws.standard_path, today, ws.use_cache)
        impartiality.check(auditor, root=case.root, company=case.company, company_doc=case.company_doc, cohort_path=None, no_cohort=False)
    except UserError as err:
        raise Closed(refusal(common, err, lang, 403)) from None
    record = case.record
    if record is not None and not impartiality.same_name(record.model.auditor, auditor):
        raise Closed({**common, "template": "audit_closed.html.j2", "status": 403, "code": "audit-other-auditor",
                      "title": label("audit_other_auditor", lang, who=record.model.auditor)})
    return Opened(case, record, auditor)


def overview(ws: Workspace, auditor: str | None, lang: Lang, base: str, can_start: bool = False) -> dict:
    try:
        opened = open_for(ws, auditor, lang, base)
    except Closed as closed:
        return closed.context
    result, record = opened.case.check, opened.record
    company = opened.case.company
    rows = []
    entries = record.model.requirements if record else {}
    answers = {r.id: r for r in result.requirements}
    for req in opened.case.standard.enabled:
        entry = entries.get(req.id)
        checked = answers.get(req.id)
        rows.append({
            "id": req.id, "title": req.title.l10n.get(lang),
            "machine": pages.status_view(checked.status, lang)["name"] if checked else "",
            "result": _result_name(entry.result, lang) if entry and entry.result else "",
            "comment": (entry.comment or "") if entry else "",
        })
    return {
        **_head(ws, opened, lang, base, "/audit"),
        "template": "audit.html.j2", "status": 200,
        "company": company.name, "rows": rows, "record": record is not None,
        "command": f'asfcert audit {ws.shown} --auditor "{opened.auditor}"',
        "can_start": record is None and can_start,
    }


def requirement(ws: Workspace, auditor: str | None, rid: str, lang: Lang, base: str, shown: str | None = None,
                typed: dict | None = None, conflict: bool = False) -> dict:
    try:
        opened = open_for(ws, auditor, lang, base)
    except Closed as closed:
        return closed.context
    company = pages.requirement(ws, rid, lang)
    if company is None or opened.record is None:
        return {"lang": lang, "base": base, "template": "error.html.j2", "status": 404, "title": label("not_found", lang), "code": "not-found"}
    entry = opened.record.model.requirements.get(rid)
    machine = entry.machine if entry else None
    pdfs = [f["path"] for f in company["files"] if f["exists"] and f["checked"] and f["path"].lower().endswith(".pdf")]
    shown = shown if shown in pdfs else (pdfs[0] if pdfs else None)
    policy = opened.case.standard.policy
    today = ws.today or dt.date.today()
    saved = {"result": (entry.result or "") if entry else "", "comment": (entry.comment or "") if entry else ""}
    return {
        **_head(ws, opened, lang, base, f"/audit/{rid}"),
        "template": "audit_requirement.html.j2", "status": 409 if conflict else 200,
        "headers": {"content-security-policy": FRAMING_CSP},
        "company": opened.case.company.name,
        "req": company["req"], "answer": company["answer"], "company_status": company["status"],
        "answer_name": dict(company["statuses"]).get(company["answer"]["status"], ""),
        "summary": company["summary"], "findings": company["findings"],
        "files": company["files"], "pdfs": pdfs, "shown": shown,
        "machine": {"status": machine.status, "findings": machine.findings, "figures": machine.figures or ""} if machine else None,
        "results": [(v, _result_name(v, lang)) for v in RESULTS],
        "saved": saved, "typed": typed or saved, "conflict": conflict,
        "remark_deadline": add_months(today, policy.remark_deadline_months).isoformat(),
        "remark_months": policy.remark_deadline_months,
        "decided": opened.record.decision is not None,
        "prev_next": company["prev_next"],
    }


def save(ws: Workspace, auditor: str | None, rid: str, form, lang: Lang, base: str) -> dict | None:
    """Write the posted result and comment of `rid`; None when written (or unchanged), else
    the page to show (refused, conflict)."""
    from ruamel.yaml.comments import CommentedMap

    result = str(form.get("result") or "")
    typed = {"result": result if result in RESULTS else "", "comment": str(form.get("comment") or "").strip()}
    with LOCK:
        try:
            opened = open_for(ws, auditor, lang, base)
        except Closed as closed:
            return closed.context
        record = opened.record
        if record is None or rid not in record.model.requirements or record.decision is not None:
            again = requirement(ws, auditor, rid, lang, base, typed=typed)
            return {**again, "status": 409 if record is not None and record.decision is not None else 404}
        if digest(record.raw) != str(form.get("digest") or ""):
            return requirement(ws, auditor, rid, lang, base, typed=typed, conflict=True)
        data = record.editable()
        entry = data["requirements"].get(rid)
        if entry is None:
            entry = data["requirements"][rid] = CommentedMap()
        if (entry.get("result") or "") == typed["result"] and (entry.get("comment") or "") == typed["comment"]:
            return None
        today = ws.today or dt.date.today()
        entry["result"] = typed["result"] or None
        entry["comment"] = typed["comment"] or None
        stamp(entry, "result", opened.auditor, today)  # who and when
        data["updated"] = today
        written = audit_record.checked(ws.root, audit_record.dump(data))
        audit_record.save(written)
    return None


def start(ws: Workspace, auditor: str | None, start_audit, lang: Lang, base: str) -> dict | None:
    """Create the record through the audit workflow (`start_audit`); None when made, else
    the page that says why not."""
    try:
        opened = open_for(ws, auditor, lang, base)
    except Closed as closed:
        return closed.context
    if opened.record is not None or start_audit is None:
        return overview(ws, auditor, lang, base, start_audit is not None)
    with LOCK:
        try:
            start_audit(ws.root, opened.auditor, lang)
        except UserError as err:
            common = {"lang": lang, "base": base, "here": "/audit", "folder": ws.shown, "company": ws.root.name,
                      "auditor": auditor, "as_of": ws.today or dt.date.today()}
            return refusal(common, err, lang, 409)
    return None


def refusal(common: dict, err: UserError, lang: Lang, status: int) -> dict:
    """The page that says why the audit does not open, with every located reason."""
    reasons = [{"code": f.code, "message": f.message.get(lang), "where": str(f.location)} for f in err.findings]
    return {**common, "template": "audit_closed.html.j2", "status": status, "code": getattr(err, "code", "refused"),
            "title": err.message.get(lang), "hint": err.hint.get(lang) if err.hint else "", "reasons": reasons}


def pdf(ws: Workspace, auditor: str | None, rel: str):
    """A PDF of the company's evidence, for the frame beside the form: only for the auditor
    the gate lets in, only files inside evidence/, only PDFs."""
    from starlette.responses import FileResponse

    from asfcert.company.folder import CompanyFolder

    try:
        open_for(ws, auditor, "sv", "")
    except Closed:
        return None
    resolved = CompanyFolder(ws.root).resolve(f"{EVIDENCE_DIR}/{rel}")
    if not resolved.ok or not resolved.rel.startswith(EVIDENCE_DIR + "/") or not resolved.rel.lower().endswith(".pdf"):
        return None
    name = Path(resolved.rel).name.encode("ascii", "replace").decode().replace('"', "_")
    return FileResponse(resolved.path, media_type="application/pdf", headers={
        "content-disposition": f'inline; filename="{name}"',
        "content-security-policy": "default-src 'none'; frame-ancestors 'self'",
        "x-frame-options": "SAMEORIGIN",
    })


def digest(raw: bytes | None) -> str:
    return hashlib.sha256(raw).hexdigest() if raw else "absent"


def _head(ws: Workspace, opened: Opened, lang: Lang, base: str, here: str) -> dict:
    record = opened.record
    found = [f for f in opened.case.check.sorted_findings() if changes.is_change(f)]
    return {
        "lang": lang, "base": base, "here": here, "folder": ws.shown, "auditor": opened.auditor,
        "as_of": opened.case.check.as_of, "digest": digest(record.raw) if record else "absent",
        "changes": [{"code": f.code, "message": f.message.get(lang), "where": str(f.location)} for f in found],
    }


def _result_name(value: str, lang: Lang) -> str:
    return _RESULT_NAMES[value].get(lang) if value in _RESULT_NAMES else value

"""The data of every page, as plain values for the templates: the start page, a
requirement, a profile section, the evidence list and the page a refused save shows."""

from __future__ import annotations

from decimal import Decimal

from asfcert.base.findings import Finding, Severity
from asfcert.base.i18n import L10n, Lang, number
from asfcert.base.layout import COMPANY_FILE
from asfcert.base.vocab import Status, name
from asfcert.workspace import forms
from asfcert.workspace.answers import STATUSES, canonical_status, locate
from asfcert.workspace.fields import shown
from asfcert.workspace.files import read
from asfcert.workspace.labels import label
from asfcert.workspace.places import Places, on_page
from asfcert.workspace.profile import BY_ID, SECTIONS
from asfcert.workspace.state import Workspace
from asfcert.workspace.steps import next_steps

# The profile sections a machine rule reads, for the link from its requirement's page.
RULE_SECTIONS = {
    "org-number": "company", "profit-unit": "company", "no-public-owner": "owners",
    "target-group": "headcount", "wage-subsidy-share": "headcount", "pay-ratio": "pay",
    "supervisors-not-public": "supervisors", "finances-reported": "finances", "no-dividends": "finances",
    "collective-agreement": "agreements", "work-environment": "agreements",
    "participation": "participation", "employee-membership": "participation",
    "annual-report": None, "minutes-dated": None, "statutes-wording": None,
}


def common(ws: Workspace, result, lang: Lang, here: str) -> dict:
    company = result.company or {}
    return {
        "lang": lang,
        "here": here,
        "company": company.get("name") or ws.shown,
        "org_number": company.get("org_number") or "",
        "folder": ws.shown,
        "verdict": _verdict(result, lang),
        "ready": result.ready,
        "as_of": result.as_of,
    }


def _verdict(result, lang: Lang) -> str:
    if not result.usable:
        return label("unusable", lang)
    return label("ready" if result.ready else "not_ready", lang)


def finding_view(f: Finding, places: Places, lang: Lang) -> dict:
    place = places.of(f)
    return {
        "code": f.code,
        "severity": str(f.severity),
        "severity_name": name(f.severity, lang),
        "message": f.message.get(lang),
        "hint": f.hint.get(lang) if f.hint else "",
        "location": str(f.location),
        "url": place.url,
        "where": place.where.get(lang),
    }


def status_view(status: str, lang: Lang) -> dict:
    return {"value": status, "name": name(Status(status), lang)}


# ---- the start page --------------------------------------------------------------------


def start(ws: Workspace, lang: Lang) -> dict:
    from asfcert.render.common.labels import counts_line

    result = ws.result()
    places = Places(ws.root, lang)
    reqs = {r.id: r for r in result.requirements}
    clauses = []
    for c in result.clauses:
        items = [r for r in result.requirements if r.clause == c.id]
        clauses.append({
            "id": c.id, "title": c.title.get(lang), "total": c.total, "done": c.ready + c.not_applicable,
            "percent": c.percent_ready, "blockers": c.blockers,
            "requirements": [{"id": r.id, "title": r.title.get(lang), "status": status_view(r.status, lang),
                              "decided_by": r.decided_by} for r in items],
        })
    figures = [{"id": r.id, "title": r.title.get(lang), "summary": r.summary.get(lang)} for r in result.requirements if r.summary]
    errors = [finding_view(f, places, lang) for f in result.sorted_findings() if f.severity == Severity.ERROR]
    return {
        **common(ws, result, lang, "/"),
        "counts": counts_line(result.counts(), lang),
        "steps": next_steps(result, places, lang),
        "clauses": clauses,
        "figures": figures,
        "errors": errors,
        "known": reqs,
    }


# ---- a requirement ---------------------------------------------------------------------


def requirement(ws: Workspace, rid: str, lang: Lang, *, form=None, refused=None) -> dict | None:
    std = ws.standard
    req = next((r for r in std.enabled if r.id == rid), None)
    if req is None:
        return None
    result = ws.result()
    places = Places(ws.root, lang)
    checked = next((r for r in result.requirements if r.id == rid), None)
    where = locate(ws.root, std, rid)
    entry = where.answer(rid)
    if form is not None:
        status = str(form.get("status") or "")
        description = str(form.get("description") or "")
        chosen = [v for v in form.getlist("evidence") if isinstance(v, str) and v]
    else:
        status = canonical_status(entry.get("status")) or ""
        description = shown(entry.get("description"), "textarea")
        chosen = forms.references(entry.get("evidence"))
    kinds = {k.id: k for k in std.evidence_kinds}
    expected = [kinds[k] for k in req.evidence if k in kinds]
    by_path = {e.path: e for e in result.evidence}
    listed = [e.path for e in result.evidence]
    files = [{"path": p, "checked": p in chosen, "exists": True, "kind": _kind_name(by_path[p].kind, kinds, lang),
              "expected": by_path[p].kind in req.evidence} for p in listed]
    files += [{"path": p, "checked": True, "exists": False, "kind": "", "expected": False} for p in chosen if p not in by_path]
    files.sort(key=lambda f: (not f["checked"], not f["expected"]))  # what is chosen, then what the requirement asks for
    mine = [f for f in result.sorted_findings() if f.requirement == rid]
    statuses = [(v, t.get(lang)) for v, t in STATUSES if v != "not-applicable" or req.allow_not_applicable or status == v]
    default_folder = kinds[req.evidence[0]].folder if req.evidence and req.evidence[0] in kinds else ""
    sections = [BY_ID[s] for s in dict.fromkeys(RULE_SECTIONS.get(c.rule) for c in req.checks) if s]
    return {
        **common(ws, result, lang, f"/req/{rid}"),
        "req": {
            "id": req.id, "title": req.title.l10n.get(lang), "easy": req.easy.l10n.get(lang), "text": req.text.l10n.get(lang),
            "guidance": req.guidance.l10n.get(lang) if req.guidance else "", "machine": req.decided_by == "machine",
            "severity": name(Severity(req.severity), lang), "clause": req.clause,
        },
        "status": status_view(checked.status, lang) if checked else None,
        "summary": checked.summary.get(lang) if checked and checked.summary else "",
        "answer": {"status": status, "description": description, "file": where.rel, "digest": where.loaded.digest},
        "statuses": statuses,
        "expected": [{"name": k.name.l10n.get(lang), "folder": f"evidence/{k.folder}/"} for k in expected],
        "files": files,
        "folders": [(folder, ", ".join(k.name.l10n.get(lang) for k in ks)) for folder, ks in ws.folders],
        "default_folder": default_folder,
        "findings": [finding_view(f, places, lang) for f in mine],
        "sections": [{"id": s.id, "title": s.title.get(lang)} for s in sections],
        "refused": refused,
        "unreadable": finding_view(where.loaded.problem, places, lang) if where.loaded.problem else None,
        "prev_next": _neighbours(std, rid),
    }


def _kind_name(kind_id, kinds: dict, lang: Lang) -> str:
    kind = kinds.get(kind_id)
    return kind.name.l10n.get(lang) if kind else label("unknown_kind", lang)


def _neighbours(std, rid: str) -> tuple[str | None, str | None]:
    ids = [r.id for r in std.enabled]
    i = ids.index(rid)
    return (ids[i - 1] if i > 0 else None, ids[i + 1] if i + 1 < len(ids) else None)


# ---- the profile -----------------------------------------------------------------------


def profile_index(ws: Workspace, lang: Lang) -> dict:
    result = ws.result()
    places = Places(ws.root, lang)
    counts: dict[str, int] = {}
    for f in result.findings:
        url = places.of(f).url or ""
        if url.startswith("/profile/"):
            sid = url.split("/")[2].split("#")[0]
            counts[sid] = counts.get(sid, 0) + 1
    sections = [{"id": s.id, "title": s.title.get(lang), "intro": _intro(ws, s, lang), "open": counts.get(s.id, 0)} for s in SECTIONS]
    return {**common(ws, result, lang, "/profile"), "sections": sections}


def _intro(ws: Workspace, section, lang: Lang) -> str:
    return section.intro.format(max=ws.pay_ratio_max or Decimal("2.5")).get(lang)


def profile_section(ws: Workspace, sid: str, lang: Lang, *, form=None, add: str | None = None) -> dict | None:
    section = BY_ID.get(sid)
    if section is None:
        return None
    result = ws.result()
    places = Places(ws.root, lang)
    loaded = read(ws.root, COMPANY_FILE)
    source = forms.form_source(form) if form is not None else forms.data_source(loaded.data)
    evidence = [e.path for e in result.evidence]
    views = forms.build(section.parts, source, lang, evidence=evidence, add=add)
    by_field, rest = on_page(result.sorted_findings(), places, f"/profile/{sid}")
    rest = [finding_view(f, places, lang) for f in rest]
    rest += forms.attach(views, {name: [finding_view(f, places, lang) for f in found] for name, found in by_field.items()})
    return {
        **common(ws, result, lang, f"/profile/{sid}"),
        "section": {"id": section.id, "title": section.title.get(lang), "intro": _intro(ws, section, lang)},
        "views": views,
        "findings": rest,
        "digest": loaded.digest,
        "unreadable": finding_view(loaded.problem, places, lang) if loaded.problem else None,
        "pay": pay_ratio(ws, source, lang) if sid == "pay" else None,
        "sections": [{"id": s.id, "title": s.title.get(lang)} for s in SECTIONS],
    }


def pay_ratio(ws: Workspace, source: forms.Source, lang: Lang) -> dict:
    """The pay ratio of the rows as they stand (in the file, or as typed): the same
    arithmetic as the `pay-ratio` rule."""
    from pydantic import TypeAdapter, ValidationError

    from asfcert.formats.types import Amount
    from asfcert.rules.pay_ratio import arithmetic

    amounts = []
    adapter = TypeAdapter(Amount)
    for i in range(source.rows("pay")):
        role = source.value(f"pay.{i}.role", "text")
        try:
            value = adapter.validate_python(source.value(f"pay.{i}.monthly_sek", "amount"))
        except ValidationError:
            continue
        if value > 0:
            amounts.append((value, role))
    limit = ws.pay_ratio_max or Decimal("2.5")
    if not amounts:
        return {"text": label("pay_ratio_none", lang), "passed": None}
    high, low = max(amounts), min(amounts)
    shown: L10n = arithmetic(high[0], low[0], limit)
    passed = high[0] / low[0] <= limit
    return {"text": shown.get(lang), "passed": passed, "high": high[1], "low": low[1]}


# ---- evidence and refused saves ----------------------------------------------------------


def evidence(ws: Workspace, lang: Lang, *, refused=None, uploaded: str | None = None) -> dict:
    result = ws.result()
    kinds = {k.id: k for k in ws.standard.evidence_kinds}
    rows = [{"path": e.path, "kind": _kind_name(e.kind, kinds, lang), "size": number(e.size, lang)} for e in result.evidence]
    return {
        **common(ws, result, lang, "/evidence"),
        "rows": rows,
        "folders": [(folder, ", ".join(k.name.l10n.get(lang) for k in ks)) for folder, ks in ws.folders],
        "refused": refused,
        "uploaded": uploaded,
    }


def conflict(ws: Workspace, lang: Lang, current, rows: list[tuple[str, str, str]], back: str) -> dict:
    result = ws.result()
    return {
        **common(ws, result, lang, back),
        "file": current.rel,
        "rows": rows,
        "text": current.text,
        "back": back,
    }


def answer_changes(form, entry: dict, lang: Lang) -> list[tuple[str, str, str]]:
    """The two versions of an answer, for a refused save."""
    out = []
    mine = str(form.get("status") or "")
    theirs = canonical_status(entry.get("status")) or ""
    names = dict((v, t.get(lang)) for v, t in STATUSES)
    if mine != theirs:
        out.append((label("status", lang), names.get(mine, label("not_answered", lang)), names.get(theirs, label("not_answered", lang))))
    description = str(form.get("description") or "").replace("\r\n", "\n").strip()
    if description != shown(entry.get("description"), "textarea").strip():
        out.append((label("description", lang), description, shown(entry.get("description"), "textarea")))
    chosen = [v for v in form.getlist("evidence") if isinstance(v, str) and v]
    if chosen != forms.references(entry.get("evidence")):
        out.append((label("documents", lang), "\n".join(chosen), "\n".join(forms.references(entry.get("evidence")))))
    return out

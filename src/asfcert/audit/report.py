"""The audit report: its content as plain data (for the HTML and PDF templates), and
writing `audit/audit-report-<lang>.html` and `.pdf` into the company folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import asfcert
from asfcert.base.i18n import Lang, number
from asfcert.base.layout import AUDIT_DIR
from asfcert.records.snapshot import is_change
from asfcert.render.audit.labels import (
    impartiality_text,
    outcome_name,
    result_name,
    word,
    words,
)

SHORT_HASH = 16  # hex digits of a SHA-256 the PDF shows; the HTML and the record keep all 64


def view(result, lang: Lang, today: dt.date | None = None, *, certifier: str | None = None, folder: str | None = None) -> dict:
    """Everything the report shows, in `lang`, as strings, lists and dicts. `certifier`:
    who certifies (registry.yaml, else the cohort file); `folder`: the company folder, so
    the cohort file is named by its folder, not by a relative path."""
    W = lambda name, **p: word(name, lang, **p)  # noqa: E731
    p = result.proposal
    d = result.decision
    deadline = (d.remarks[0].deadline if d and d.remarks else p.deadline).isoformat()
    titles = {c.id: c.title.get(lang) for c in result.check.clauses}
    clauses: dict[str, dict] = {}
    for i in p.items:
        title = titles.get(i.clause, "")
        heading = title if title.startswith(i.clause) else f"{i.clause} {title}".strip()  # not "SKOOPI SKOOPI:s …"
        clause = clauses.setdefault(i.clause, {"id": i.clause, "title": title, "heading": heading, "rows": []})
        clause["rows"].append({
            "id": i.id, "title": i.title.get(lang), "severity": W(f"severity_{i.severity}"),
            "machine": W(f"status_{i.machine_status}"), "decider": W(f"decider_{i.decided_by}"),
            "result": result_name(i.result, lang), "grade": result_name(i.grade, lang) if i.grade else "–",
            "grade_key": i.grade or "none", "comment": i.comment or "",
            "figures": i.summary.get(lang) if i.summary else "",
        })

    def listed(grade: str) -> list[dict]:
        return [{"id": i.id, "title": i.title.get(lang), "comment": i.comment or "", "deadline": deadline} for i in p.with_grade(grade)]

    if d is not None:
        decision = {"final": True, "outcome": outcome_name(d.outcome, lang), "key": d.outcome, "date": d.date.isoformat()}
    elif p.outcome:
        decision = {"final": False, "outcome": outcome_name(p.outcome, lang), "key": p.outcome, "date": None}
    else:
        decision = {"final": False, "outcome": W("pending"), "key": "pending", "date": None}
    imp = result.impartiality
    names = result.kind_names
    evidence = [
        {
            "path": f.path, "kind": names[f.kind].get(lang) if f.kind in names else (f.kind or ""),
            "pages": f.pages if f.pages is not None else "–", "size": number(f.size, lang), "sha256": f.sha256,
            "sha256_short": f.sha256[:SHORT_HASH], "path_pdf": f.path,
        }
        for f in result.snapshot
    ]
    changes = [f.message.get(lang) for f in result.findings if is_change(f)]
    since = None
    if result.since_certificate:
        s = result.since_certificate
        lines = [f"{W('added')}: {x.path}" for x in s.files.added] + [f"{W('removed')}: {x.path}" for x in s.files.removed]
        lines += [f"{W('changed')}: {n.path}" for _, n in s.files.changed]
        lines += [f"{r['id']}: {W(r['change'])}" for r in s.requirements]
        since = {"title": W("since_cert", number=s.number, date=s.effective.isoformat()), "lines": lines}
    return {
        "lang": lang,
        "w": words(lang),
        "draft": d is None,
        "company": result.company,
        "standard": {"title": result.standard["title"][lang], "id": result.standard["id"], "version": result.standard["version"]},
        "auditor": result.auditor,
        "impartiality": impartiality_text(imp, folder, lang),
        "certifier": certifier or "–",
        "started": result.started.isoformat(),
        "snapshot_taken": result.snapshot_taken.isoformat(),
        "decision": decision,
        "certificate": d.certificate if d else None,
        "summary": result.summary or "",
        "clauses": list(clauses.values()),
        "remarks": listed("remark"),
        "nonconformities": listed("major"),
        "observations": listed("observation"),
        "evidence": evidence,
        "changes": changes,
        "since": since,
        "generated": W("generated", version=asfcert.__version__, date=(today or dt.date.today()).isoformat()),
    }


def write(result, root: Path, lang: Lang, today: dt.date | None = None, *, use_cache: bool = True) -> list[Path]:
    """Render the report in `lang` and write it as HTML and PDF into audit/."""
    from asfcert.io import atomic

    html, pdf = rendered(result, root, lang, today, ("html", "pdf"), use_cache=use_cache)
    html_path = Path(root) / AUDIT_DIR / f"audit-report-{lang}.html"
    pdf_path = Path(root) / AUDIT_DIR / f"audit-report-{lang}.pdf"
    for path, content in ((html_path, html.encode("utf-8")), (pdf_path, pdf)):
        if not _holds(path, content):  # a report written before, unchanged, is left alone: no write, no fsync
            atomic.write_bytes(path, content)
    return [html_path, pdf_path]


def _holds(path: Path, content: bytes) -> bool:
    """Whether `path` is a regular file with exactly these bytes and the mode a write gives."""
    import os
    import stat

    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or stat.S_IMODE(st.st_mode) != 0o644 or st.st_size != len(content):
            return False
        with open(path, "rb") as fh:
            return fh.read(len(content) + 1) == content
    except OSError:
        return False


def rendered(result, root: Path, lang: Lang, today: dt.date | None, kinds: tuple[str, ...], *, use_cache: bool = True) -> tuple:
    """The report in `lang`, one item per kind asked for: "html" (text) or "pdf" (bytes).
    `write` saves both; the workspace shows the one the browser opens. With `use_cache`,
    the compiled HTML template is kept in the cache."""
    from asfcert.render.audit import report as audit_report

    data = view(result, lang, today, certifier=_certifier(root), folder=str(root))
    made = {
        "html": lambda: audit_report.html(data, _compiled() if use_cache else None),
        "pdf": lambda: audit_report.pdf(data, today or dt.date.today()),
    }
    return tuple(made[kind]() for kind in kinds)


def _compiled() -> str:
    """The cache's folder for compiled templates: one per asfcert (whose source holds the
    environment's settings) and Jinja version."""
    import jinja2

    from asfcert.io.cache import cache_root, key

    return str(cache_root() / "jinja" / key("jinja", jinja2.__version__)[:32])


def _certifier(root: Path) -> str | None:
    """Who certifies: registry.yaml above the company folder, else its cohort file."""
    from asfcert.base.errors import Abort
    from asfcert.records import cohort_file, registry

    try:
        return registry.find(Path(root)).model.certifier
    except Abort as err:
        if err.code != registry.REGISTRY_NOT_FOUND.code:
            raise
    path = cohort_file.for_company(Path(root), None)
    if path is None:
        return None
    loaded = cohort_file.read(path, str(path), within=Path(root).parent)
    return loaded.cohort.certifier if loaded.cohort is not None else None

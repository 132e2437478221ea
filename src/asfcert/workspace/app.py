"""The Starlette application: the routes, and what each GET shows and each POST saves.

Every POST follows the same order: the CSRF token, then the file's digest (a file changed
since the page was loaded is a conflict: nothing is written, both versions are shown),
then the upload if any (a new file only), then the round-trip save, then a redirect to the
page (post/redirect/get), which shows the findings of the folder as it is now."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from asfcert.base.errors import Abort
from asfcert.base.layout import COMPANY_FILE, EVIDENCE_DIR
from asfcert.company.folder import CompanyFolder
from asfcert.workspace import files, forms, pages, uploads
from asfcert.workspace.labels import label
from asfcert.workspace.security import Guard, SecurityMiddleware, Session
from asfcert.workspace.state import Workspace

MAX_FORM_BYTES = uploads.MAX_BYTES + 2**20  # the largest upload and the fields around it
STATIC = {  # the app's own files: name -> content type; nothing else is served from the app
    "style.css": "text/css; charset=utf-8",
    "htmx.min.js": "text/javascript; charset=utf-8",
    "icon.svg": "image/svg+xml",
}


class Views:
    """Renders the templates in templates/workspace/."""

    def __init__(self, base: str = "", home: str | None = None):
        from jinja2 import Environment, FileSystemLoader, StrictUndefined

        from asfcert.base.resources import data_dir
        from asfcert.base.safetext import visible

        self.root = data_dir("templates") / "workspace"
        self.env = Environment(
            loader=FileSystemLoader(str(self.root)), autoescape=True, undefined=StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.do"],
            finalize=lambda value: visible(value) if type(value) is str else value,  # control characters shown, never obeyed
        )
        self.base = base  # where the company's pages are: "" alone, "/c/<cohort>/<company>" under a cohort
        self.home = home  # the coordinator's overview, when the company is served as part of a cohort
        self.static = {name: (self.root / "static" / name).read_bytes() for name in STATIC}

    def page(self, template: str, context: dict, session: Session, status: int = 200) -> HTMLResponse:
        lang = context.get("lang", session.lang)
        flash, session.flash = list(session.flash), []
        html = self.env.get_template(template).render(
            **{"base": self.base, "home": self.home, **context}, csrf=session.csrf, flash=flash, t=lambda name, **kw: label(name, lang, **kw),
        )
        return HTMLResponse(html, status_code=status)


def create_app(ws: Workspace, guard: Guard) -> Starlette:
    """The workspace of one company folder, behind the security middleware."""
    return company_app(ws, guard, middleware=[Middleware(SecurityMiddleware, guard=guard, max_body=MAX_FORM_BYTES)])


def company_app(ws: Workspace, guard: Guard, *, base: str = "", home: str | None = None, middleware=(), who=None) -> Starlette:
    """The pages of one company folder. Under a cohort (`base` "/c/<cohort>/<company>") the
    coordinator's app mounts it behind its own middleware; every link and redirect carries
    `base`, and nothing in it names another company. `who(session)`: the name a save is
    stamped with (workspace/stamp.py); None, alone: the company's own people, unnamed."""
    views = Views(base, home)

    def signed(request: Request, edit, place):
        import datetime as dt

        from asfcert.workspace.stamp import signed as stamped

        return stamped(edit, place, who(request.state.session) if who else None, ws.today or dt.date.today())

    async def posted(request: Request):
        return await posted_form(request, guard)

    async def start(request: Request):
        lang = lang_of(request)
        return views.page("start.html.j2", await run_in_threadpool(pages.start, ws, lang), request.state.session)

    async def requirement(request: Request):
        lang = lang_of(request)
        context = await run_in_threadpool(pages.requirement, ws, request.path_params["rid"], lang)
        if context is None:
            raise HTTPException(404)
        return views.page("requirement.html.j2", context, request.state.session)

    async def save_requirement(request: Request):
        session: Session = request.state.session
        form = await posted(request)
        rid = request.path_params["rid"]
        lang = session.lang
        context = await run_in_threadpool(pages.requirement, ws, rid, lang)
        if context is None:
            raise HTTPException(404)
        rel = context["answer"]["file"]
        expected = str(form.get("digest") or "")
        current = files.read(ws.root, rel)
        if current.digest != expected:
            return await _conflict(request, current, pages.answer_changes(form, _entry(current, rid), lang), f"/req/{rid}")
        status = str(form.get("status") or "")
        status = status if status in {v for v, _ in context["statuses"]} else ""
        chosen = [v for v in form.getlist("evidence") if isinstance(v, str) and v]
        if _has_upload(form):
            try:
                made = await store(form)
            except uploads.Refused as refused:
                why = _refused(refused, lang)
                again = await run_in_threadpool(lambda: pages.requirement(ws, rid, lang, form=form, refused=why))
                return views.page("requirement.html.j2", again, session, _status(refused))
            chosen.append(made)
            session.flash.append(label("uploaded", lang, file=made))
        from asfcert.workspace.answers import editor

        edit = signed(request, editor(rid, status or None, str(form.get("description") or ""), chosen), lambda d: (d["answers"][rid], "status"))
        return await _save(request, rel, expected, edit, f"/req/{rid}",
                           lambda c: pages.answer_changes(form, _entry(c, rid), lang),
                           lambda: pages.requirement(ws, rid, lang, form=form))

    async def profile(request: Request):
        lang = lang_of(request)
        return views.page("profile.html.j2", await run_in_threadpool(pages.profile_index, ws, lang), request.state.session)

    async def section(request: Request):
        lang = lang_of(request)
        add = request.query_params.get("add")
        context = await run_in_threadpool(lambda: pages.profile_section(ws, request.path_params["sid"], lang, add=add))
        if context is None:
            raise HTTPException(404)
        return views.page("section.html.j2", context, request.state.session)

    async def save_section(request: Request):
        from asfcert.workspace.profile import BY_ID

        form = await posted(request)
        sid = request.path_params["sid"]
        section = BY_ID.get(sid)
        if section is None:
            raise HTTPException(404)
        lang = request.state.session.lang
        remove, add = form.get("remove"), form.get("add")

        def edit(data, plain):
            forms.apply(section.parts, data, plain, form, remove=remove if isinstance(remove, str) else None)

        back = f"/profile/{sid}"
        after = back + (f"?add={add}#{forms.html_id(add)}" if isinstance(add, str) and _row_name(add) else "")
        def place(data):
            key = next((k for k in section.keys if k in data), None)
            return (data, key) if key is not None else None

        return await _save(request, COMPANY_FILE, str(form.get("digest") or ""), signed(request, edit, place), after,
                           lambda c: forms.changes(section.parts, form, c.data, lang),
                           lambda: pages.profile_section(ws, sid, lang, form=form))

    async def pay_preview(request: Request):
        form = await posted(request)
        lang = request.state.session.lang
        context = {"pay": await run_in_threadpool(pages.pay_ratio, ws, forms.form_source(form), lang), "lang": lang}
        return views.page("_pay.html.j2", context, request.state.session)

    async def orgnr_preview(request: Request):
        from asfcert.rules.public_bodies import public_sector

        form = await posted(request)
        value = form.get(request.query_params.get("field", ""))
        context = {"public": public_sector(value if isinstance(value, str) else ""), "lang": request.state.session.lang}
        return views.page("_orgnr.html.j2", context, request.state.session)

    async def evidence(request: Request):
        lang = lang_of(request)
        return views.page("evidence.html.j2", await run_in_threadpool(pages.evidence, ws, lang), request.state.session)

    async def upload(request: Request):
        session: Session = request.state.session
        form = await posted(request)
        lang = session.lang
        if not _has_upload(form):
            return RedirectResponse(base + "/evidence", 303)
        try:
            made = await store(form)
        except uploads.Refused as refused:
            why = _refused(refused, lang)
            context = await run_in_threadpool(lambda: pages.evidence(ws, lang, refused=why))
            return views.page("evidence.html.j2", context, session, _status(refused))
        session.flash.append(label("uploaded", lang, file=made))
        return RedirectResponse(base + "/evidence", 303)

    async def evidence_file(request: Request):
        """A document from evidence/, to read in the browser; nothing outside evidence/."""
        rel = f"{EVIDENCE_DIR}/{request.path_params['path']}"
        resolved = CompanyFolder(ws.root).resolve(rel)
        if not resolved.ok or not resolved.rel.startswith(EVIDENCE_DIR + "/"):
            raise HTTPException(404)
        pdf = resolved.rel.lower().endswith(".pdf")
        name = Path(resolved.rel).name.encode("ascii", "replace").decode().replace('"', "_")
        return FileResponse(resolved.path, media_type="application/pdf" if pdf else "application/octet-stream", headers={
            "content-disposition": f'{"inline" if pdf else "attachment"}; filename="{name}"',
            "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        })

    async def static(request: Request):
        name = request.path_params["name"]
        if name not in STATIC:
            raise HTTPException(404)
        return Response(views.static[name], media_type=STATIC[name], headers={"cache-control": "no-cache"})

    async def store(form) -> str:
        """The uploaded file as a new file in evidence/<folder>/; raises `uploads.Refused`."""
        item = form.get("upload")
        data = await item.read(uploads.MAX_BYTES + 1)
        folder = str(form.get("folder") or "")
        return await run_in_threadpool(uploads.create_evidence, ws.root, folder, item.filename, data, _folders(ws))

    async def _save(request, rel: str, expected: str, edit, after: str, changes, again):
        session: Session = request.state.session
        lang = session.lang
        try:
            changed = await run_in_threadpool(files.save, ws.root, rel, expected, edit)
        except files.Conflict as c:
            return await _conflict(request, c.current, changes(c.current), after.split("?")[0].split("#")[0])
        except (files.Unreadable, Abort) as err:
            if isinstance(err, Abort):  # the operating system refused the write: say why, keep what was typed
                session.flash.append(f"{err.message.get(lang)} [{err.code}]")
            elif err.finding is None:
                session.flash.append(label("unfaithful", lang))
            context = await run_in_threadpool(again)
            return views.page("requirement.html.j2" if rel != COMPANY_FILE else "section.html.j2", context, session, 409)
        session.flash.append(label("saved" if changed else "unchanged", lang))
        return RedirectResponse(base + after, 303)

    async def _conflict(request, current, rows, back: str):
        session: Session = request.state.session
        context = await run_in_threadpool(pages.conflict, ws, session.lang, current, rows, back)
        return views.page("conflict.html.j2", context, session, 409)

    async def http_error(request: Request, exc: HTTPException):
        return error_page(views, request, exc)

    routes = [
        Route("/", start),
        Route("/req/{rid}", requirement),
        Route("/req/{rid}", save_requirement, methods=["POST"]),
        Route("/profile", profile),
        Route("/profile/pay/preview", pay_preview, methods=["POST"]),
        Route("/profile/{sid}", section),
        Route("/profile/{sid}", save_section, methods=["POST"]),
        Route("/preview/orgnr", orgnr_preview, methods=["POST"]),
        Route("/evidence", evidence),
        Route("/evidence", upload, methods=["POST"]),
        Route("/files/{path:path}", evidence_file),
        Route("/static/{name}", static),
    ]
    return Starlette(routes=routes, middleware=list(middleware), exception_handlers={HTTPException: http_error})


ERROR_CODES = {403: "csrf", 404: "not-found", 413: "too-large"}


def lang_of(request: Request) -> str:
    """The session's language, switched by `?lang=sv|en`."""
    session: Session = request.state.session
    wanted = request.query_params.get("lang")
    if wanted in ("sv", "en"):
        session.lang = wanted
    return session.lang


async def posted_form(request: Request, guard: Guard, max_files: int = 1, max_fields: int = 2000):
    """The form of a POST, after the CSRF check (the middleware limits its size)."""
    form = await request.form(max_files=max_files, max_fields=max_fields)
    if not guard.csrf_ok(request.state.session, form.get("csrf")):
        raise HTTPException(403, label("csrf_text", request.state.session.lang))
    return form


def error_page(views: Views, request: Request, exc: HTTPException) -> Response:
    session = getattr(request.state, "session", None)
    if session is None:
        return Response(str(exc.detail), status_code=exc.status_code)
    title = label("not_found", session.lang) if exc.status_code == 404 else str(exc.detail)
    context = {"lang": session.lang, "title": title, "status": exc.status_code, "code": ERROR_CODES.get(exc.status_code, "error")}
    return views.page("error.html.j2", context, session, exc.status_code)


def _entry(current: files.Loaded, rid: str) -> dict:
    from asfcert.workspace.answers import entry_of

    return entry_of(current.data, rid)


def _folders(ws: Workspace) -> set[str]:
    return {folder for folder, _ in ws.folders}


def _refused(refused: uploads.Refused, lang: str) -> dict:
    return {"code": refused.code, "message": refused.message.get(lang), "hint": refused.hint.get(lang) if refused.hint else ""}


def _has_upload(form) -> bool:
    item = form.get("upload")
    return item is not None and not isinstance(item, str) and bool(item.filename)


def _status(refused: uploads.Refused) -> int:
    return 409 if refused.code == "upload-exists" else 400


def _row_name(name: str) -> bool:
    import re

    return bool(re.fullmatch(r"[a-z_]+(\.\d+\.[a-z_]+)*", name))

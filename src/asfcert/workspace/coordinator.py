"""The coordinator's workspace: `asfcert serve` on a cohort folder or a registry.

    /                             the cohort dashboard (the data of `cohort report`), the
                                  companies by lifecycle state, remarks due, certificates
                                  expiring, supervisor load, and the choice of auditor
    POST /auditor                 act as an auditor listed in cohort.yaml ("did you mean")
    /c/<cohort>/<company>/...     that company's own workspace (app.company_app), scoped to it
    /c/<cohort>/<company>/audit   the audit view, for the appointed, impartial auditor only

One security middleware (token, session, CSRF, Host check, CSP) stands in front of all of
it; the company apps are mounted behind it."""

from __future__ import annotations

import threading

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route

from asfcert.workspace import audit_pages, cohort_pages, decide_routes
from asfcert.workspace.app import (
    MAX_FORM_BYTES,
    STATIC,
    Views,
    company_app,
    error_page,
    lang_of,
    posted_form,
)
from asfcert.workspace.cohorts import Cohorts, match
from asfcert.workspace.labels import label
from asfcert.workspace.security import Guard, SecurityMiddleware, Session
from asfcert.workspace.state import Workspace


def create_coordinator_app(cohorts: Cohorts, guard: Guard) -> Starlette:
    views = Views()
    apps: dict[tuple[str, str], tuple[Workspace, Starlette]] = {}
    lock = threading.Lock()

    def company(request: Request) -> tuple[Workspace, Starlette]:
        """The company named in the URL, if a cohort here lists or holds it; else 404."""
        key = (request.path_params["cohort"], request.path_params["company"])
        with lock:
            if key not in apps:
                path = cohorts.company(*key)
                if path is None:
                    raise HTTPException(404)
                ws = Workspace(path, standard=cohorts.standard_path, today=cohorts.today)
                base = f"/c/{key[0]}/{key[1]}"
                apps[key] = (ws, company_app(ws, guard, base=base, home="/", who=_who))
            return apps[key]

    async def posted(request: Request):
        return await posted_form(request, guard, max_files=0, max_fields=200)

    async def dashboard(request: Request):
        lang = lang_of(request)
        session: Session = request.state.session
        context = await run_in_threadpool(cohort_pages.dashboard, cohorts, lang, session.auditor)
        return views.page("cohort.html.j2", context, session)

    async def choose_auditor(request: Request):
        session: Session = request.state.session
        form = await posted(request)
        typed = " ".join(str(form.get("auditor") or "").split())
        if not typed:
            session.auditor = None
            return RedirectResponse("/#auditor", 303)
        known, near = match(typed, await run_in_threadpool(cohorts.auditors))
        if known is None:
            context = await run_in_threadpool(cohort_pages.dashboard, cohorts, session.lang, session.auditor)
            context["auditor_error"] = {"typed": typed, "near": near}
            return views.page("cohort.html.j2", context, session, 400)
        session.auditor = known
        session.flash.append(label("auditor_chosen", session.lang, who=known))
        return RedirectResponse("/#auditor", 303)

    async def audit(request: Request):
        lang = lang_of(request)
        session: Session = request.state.session
        ws, _ = company(request)
        context = await run_in_threadpool(audit_pages.overview, ws, session.auditor, lang, _base(request), cohorts.start_audit is not None)
        return views.page(context.pop("template"), context, session, context.pop("status"))

    async def start_audit(request: Request):
        """Create audit/audit.yaml as `asfcert audit DIR --auditor NAME` does (its own
        impartiality check included), then show the audit view."""
        session: Session = request.state.session
        await posted(request)
        ws, _ = company(request)
        base = _base(request)
        context = await run_in_threadpool(audit_pages.start, ws, session.auditor, cohorts.start_audit, session.lang, base)
        if context is None:
            session.flash.append(label("record_created", session.lang))
            return RedirectResponse(f"{base}/audit", 303)
        return views.page(context.pop("template"), context, session, context.pop("status"))

    async def audit_requirement(request: Request):
        lang = lang_of(request)
        session: Session = request.state.session
        ws, _ = company(request)
        rid, shown = request.path_params["rid"], request.query_params.get("file")
        context = await run_in_threadpool(audit_pages.requirement, ws, session.auditor, rid, lang, _base(request), shown)
        return _audit_page(views, context, session)

    async def save_result(request: Request):
        session: Session = request.state.session
        form = await posted(request)
        ws, _ = company(request)
        rid = request.path_params["rid"]
        base = _base(request)
        context = await run_in_threadpool(audit_pages.save, ws, session.auditor, rid, form, session.lang, base)
        if context is None:  # saved
            session.flash.append(label("result_saved", session.lang))
            return RedirectResponse(f"{base}/audit/{rid}", 303)
        return _audit_page(views, context, session)

    async def audit_file(request: Request):
        ws, _ = company(request)
        response = await run_in_threadpool(audit_pages.pdf, ws, request.state.session.auditor, request.path_params["path"])
        if response is None:
            raise HTTPException(404)
        return response

    async def company_pages(scope, receive, send):
        request = Request(scope, receive)
        try:
            _, app = company(request)
        except HTTPException as e:
            return await error_page(views, request, e)(scope, receive, send)
        await app(scope, receive, send)

    async def static(request: Request):
        name = request.path_params["name"]
        if name not in STATIC:
            raise HTTPException(404)
        return Response(views.static[name], media_type=STATIC[name], headers={"cache-control": "no-cache"})

    async def http_error(request: Request, exc: HTTPException):
        return error_page(views, request, exc)

    company_path = "/c/{cohort}/{company}"
    routes = [
        Route("/", dashboard),
        Route("/auditor", choose_auditor, methods=["POST"]),
        Route(company_path + "/audit", audit),
        Route(company_path + "/audit", start_audit, methods=["POST"]),
        Route(company_path + "/audit/{rid}", audit_requirement),
        Route(company_path + "/audit/{rid}", save_result, methods=["POST"]),
        Route(company_path + "/audit-file/{path:path}", audit_file),
        *decide_routes.routes(company_path, company, cohorts, views, posted),
        Mount(company_path, app=company_pages),
        Route("/static/{name}", static),
    ]
    return Starlette(routes=routes, middleware=[Middleware(SecurityMiddleware, guard=guard, max_body=MAX_FORM_BYTES)],
                     exception_handlers={HTTPException: http_error})



def _who(session: Session) -> str:
    """Whom a save in a company's workspace is stamped with: the auditor the session acts
    as, else the coordinator."""
    return session.auditor or label("coordinator_person", session.lang)


def _base(request: Request) -> str:
    return f"/c/{request.path_params['cohort']}/{request.path_params['company']}"


def _audit_page(views: Views, context: dict, session: Session):
    headers = context.pop("headers", {})
    response = views.page(context.pop("template"), context, session, context.pop("status"))
    response.headers.update(headers)
    return response

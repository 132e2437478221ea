"""The routes of deciding and issuing, under a company of the coordinator's app:

    /c/<cohort>/<company>/decide              the decision preview, or the decision
    POST /c/<cohort>/<company>/decide         record it (`asfcert audit --decide`)
    /c/<cohort>/<company>/report.html|.pdf    the audit report of the decided audit
    /c/<cohort>/<company>/certify             the confirmation that names the company
    POST /c/<cohort>/<company>/certify        issue the certificate (`asfcert certify`)
    /c/<cohort>/<company>/status              the certificate's status and its changes
    POST /c/<cohort>/<company>/status/<act>   suspend, reinstate, withdraw, close-remark

Every one is behind the audit view's gate (the chosen auditor, appointed and impartial)
and the coordinator app's middleware (session, CSRF, Host, CSP)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from asfcert.workspace import decide_pages, status_pages
from asfcert.workspace.app import lang_of
from asfcert.workspace.labels import label


def routes(company_path: str, company, cohorts, views, posted) -> list[Route]:
    """`company(request)` is the coordinator's (Workspace, app) of the URL's company (404
    for anything else); `posted(request)` the form after its CSRF check."""
    actions = cohorts.actions

    def base(request: Request) -> str:
        return f"/c/{request.path_params['cohort']}/{request.path_params['company']}"

    def shown(context: dict, session):
        return views.page(context.pop("template"), context, session, context.pop("status"))

    def view(render):
        """A page of one company's decision or certificate: `render(ws, actions, auditor, lang, base)`."""
        async def handler(request: Request):
            lang, session = lang_of(request), request.state.session
            ws, _ = company(request)
            return shown(await run_in_threadpool(render, ws, actions, session.auditor, lang, base(request)), session)
        return handler

    async def decide(request: Request):
        session = request.state.session
        await posted(request)
        ws, _ = company(request)
        context = await run_in_threadpool(decide_pages.decide, ws, actions, session.auditor, session.lang, base(request))
        if context is not None:
            return shown(context, session)
        session.flash.append(label("decision_recorded", session.lang))
        return RedirectResponse(f"{base(request)}/decide", 303)

    async def report(request: Request):
        lang, session = lang_of(request), request.state.session
        if request.path_params["kind"] not in ("html", "pdf"):
            raise HTTPException(404)
        ws, _ = company(request)
        response = await run_in_threadpool(decide_pages.report, ws, actions, session.auditor, lang, request.path_params["kind"])
        if response is None:
            raise HTTPException(404)
        return response

    async def certify(request: Request):
        session = request.state.session
        form = await posted(request)
        ws, _ = company(request)
        context, number = await run_in_threadpool(decide_pages.certify, ws, actions, session.auditor, form, session.lang, base(request))
        if context is not None:
            return shown(context, session)
        session.flash.append(label("certificate_issued", session.lang, number=number))
        return RedirectResponse(f"{base(request)}/status", 303)

    async def change(request: Request):
        session = request.state.session
        action = request.path_params["action"]
        if action not in status_pages.ACTIONS:
            raise HTTPException(404)
        form = await posted(request)
        ws, _ = company(request)
        context = await run_in_threadpool(status_pages.change, ws, actions, session.auditor, action, form, session.lang, base(request))
        if context is not None:
            return shown(context, session)
        session.flash.append(label(f"changed_{action}", session.lang))
        return RedirectResponse(f"{base(request)}/status", 303)

    return [
        Route(company_path + "/decide", view(decide_pages.preview)),
        Route(company_path + "/decide", decide, methods=["POST"]),
        Route(company_path + "/report.{kind:str}", report),
        Route(company_path + "/certify", view(decide_pages.confirm_certify)),
        Route(company_path + "/certify", certify, methods=["POST"]),
        Route(company_path + "/status", view(status_pages.page)),
        Route(company_path + "/status/{action}", change, methods=["POST"]),
    ]

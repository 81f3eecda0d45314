"""The analyse page and its jobs; signing in with the write token."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from oplens.errors import OplensError
from oplens.web import submit
from oplens.web.app import Web, render, web
from oplens.web.jobs import JobRecord
from oplens.web.pages import IndexPage, index_page
from oplens.web.security import AUTH_COOKIE, CSRF_COOKIE, CSRF_FIELD, FORM_OVERHEAD

router = APIRouter()
App = Annotated[Web, Depends(web)]
# 120 s: a URL's fetch time-out (20 s by default) plus the slowest analysis we measured
# (a 1.6 MB page, about 30 s with the model loading) with room to spare.
WAIT_LIMIT_S = 120.0


class AnalyseRequest(BaseModel):
    """An article to analyse: its text (plain, HTML, or Analysis JSON) or its URL."""

    text: str | None = Field(default=None, description="the article, as text or HTML")
    url: str | None = Field(default=None, description="an http(s) URL to fetch instead")
    published: str | None = Field(default=None, description="YYYY-MM-DD", examples=["2020-01-03"])
    wait: bool = Field(default=False, description="answer when the job is done (up to 120 s)")


def _index(app: Web, request: Request) -> IndexPage:
    return index_page(
        app.store,
        max_bytes=app.settings.max_bytes,
        token_required=app.guard.token_required,
        signed_in=app.guard.may_write(request),
    )


@router.get("/index.json", tags=["pages"], summary="The analyse page's data")
def index_json(request: Request, app: App) -> IndexPage:
    """The limits of the analyse form and the ten articles stored last."""
    return _index(app, request)


@router.get("/", include_in_schema=False)
def index(request: Request, app: App) -> Response:
    return render(request, "index.html", {"page": _index(app, request), "form": {}})


def _check_write(app: Web, request: Request) -> None:
    app.guard.check_write(request)


def _start(app: Web, given: submit.Submission) -> JobRecord:
    policy = app.policy
    return app.jobs.submit(
        given.source,
        given.plan,
        lambda step: submit.run(given, app.store, app.settings, policy, step),
    )


@router.post("/analyse", include_in_schema=False)
async def analyse_form(request: Request, app: App) -> Response:
    limit = app.settings.max_bytes
    form = await request.form(max_files=1, max_fields=16, max_part_size=limit + FORM_OVERHEAD)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    kept = {k: fields.get(k, "") for k in ("url", "published")}
    try:
        _check_write(app, request)
        app.guard.check_csrf(request.cookies.get(CSRF_COOKIE), fields.get(CSRF_FIELD))
        upload = form.get("file")
        data = filename = None
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(limit + 1)
            filename = upload.filename
        text = fields.get("text", "").replace("\r\n", "\n")  # browsers send CRLF line ends
        given = submit.submission(
            text=text,
            data=data,
            filename=filename,
            url=fields.get("url"),
            published=fields.get("published"),
            settings=app.settings,
            policy=app.policy,
        )
    except OplensError as error:
        code = 413 if "-byte limit" in str(error) else 400
        context = {"page": _index(app, request), "error": str(error), "form": kept}
        return render(request, "index.html", context, code)
    job = _start(app, given)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post(
    "/api/analyses",
    tags=["analyses"],
    status_code=202,
    responses={400: {"description": "bad input"}, 401: {"description": "token needed"}},
)
async def analyse_api(request: Request, body: AnalyseRequest, app: App) -> JobRecord:
    """Analyse and store an article; returns its job (``wait``: once it is done)."""
    _check_write(app, request)
    try:
        given = submit.submission(
            text=body.text,
            data=None,
            filename=None,
            url=body.url,
            published=body.published,
            settings=app.settings,
            policy=app.policy,
        )
    except OplensError as error:
        raise HTTPException(400, str(error)) from None
    job = _start(app, given)
    if body.wait:
        return await run_in_threadpool(app.jobs.wait, job.id, WAIT_LIMIT_S) or job
    return job


def _job(app: Web, job_id: str) -> JobRecord:
    found = app.jobs.get(job_id)
    if found is None:
        raise HTTPException(404, f"no job {job_id} (jobs are kept until the server restarts)")
    return found


@router.get("/jobs/{job_id}.json", tags=["analyses"], summary="An analysis job")
def job_json(job_id: str, app: App) -> JobRecord:
    """What a job is doing: its state, steps done, the error or the article it stored."""
    return _job(app, job_id)


@router.get("/jobs/{job_id}", include_in_schema=False)
def job_page(job_id: str, request: Request, app: App) -> Response:
    job = _job(app, job_id)
    if job.state == "done" and job.article_id:
        return RedirectResponse(f"/articles/{job.article_id}", status_code=303)
    return render(request, "job.html", {"job": job, "steps": app.jobs.progress(job_id)})


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", {"next": safe_next(next)})


def safe_next(target: str) -> str:
    """A local path to go back to after a form (never another site: no open redirect)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.post("/login", include_in_schema=False)
async def login(request: Request, app: App) -> Response:
    form = await request.form(max_files=0, max_fields=8)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    target = safe_next(fields.get("next", "/"))
    app.guard.check_csrf(request.cookies.get(CSRF_COOKIE), fields.get(CSRF_FIELD))
    given = fields.get("token", "")
    if not app.guard.token_required or not app.guard.valid_token(given):
        await asyncio.sleep(0.5)  # slows guessing down to two tries a second
        message = (
            "that is not this server's write token"
            if app.guard.token_required
            else ("this server has no write token: nothing to sign in to")
        )
        context = {"next": target, "error": message}
        return render(request, "login.html", context, 401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        AUTH_COOKIE, app.guard.signed_in_value(), httponly=True, samesite="strict", path="/"
    )
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request, app: App) -> Response:
    form = await request.form(max_files=0, max_fields=8)
    field = form.get(CSRF_FIELD)
    app.guard.check_csrf(request.cookies.get(CSRF_COOKIE), field if isinstance(field, str) else "")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(AUTH_COOKIE, path="/")
    return response

"""The web application: ``create_app`` wires the ledger, templates, security and routes.

>>> from oplens.web import create_app
>>> app = create_app(load_settings(db="ledger.db"))      # doctest: +SKIP
>>> uvicorn.run(app, host="127.0.0.1", port=8000)        # doctest: +SKIP

Pages are server-rendered (Jinja2, autoescaped); each has a JSON twin built from the same
record (``oplens.web.pages``), and the JSON API is described at ``/docs``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from oplens import __version__
from oplens.settings import Settings, load_settings
from oplens.store import Store
from oplens.web import filters
from oplens.web.jobs import Jobs
from oplens.web.security import (
    CSRF_COOKIE,
    FORM_OVERHEAD,
    BodyLimit,
    Guard,
    RefusedError,
    cross_site,
)
from oplens.web.ssrf import Policy, is_public

HERE = Path(__file__).resolve().parent


@dataclass
class Web:
    """What every route needs: the ledger, settings, guard, jobs, templates and the date."""

    store: Store
    settings: Settings
    guard: Guard
    jobs: Jobs
    templates: Jinja2Templates
    today: Callable[[], date]

    @property
    def policy(self) -> Policy | None:
        """Which addresses URL analysis may fetch from (None: any)."""
        return None if self.settings.allow_private_urls else is_public


def web(request: Request) -> Web:
    """The app's ``Web`` (a FastAPI dependency)."""
    found: Web = request.app.state.web
    return found


def wants_json(request: Request) -> bool:
    """Whether an error should be answered as JSON (API and .json paths, non-browsers)."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json"):
        return True
    return "text/html" not in request.headers.get("accept", "")


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render a page, handing it a CSRF token (and setting its cookie when new)."""
    app = web(request)
    cookie = request.cookies.get(CSRF_COOKIE)
    token = cookie if cookie and app.guard.valid_csrf(cookie) else app.guard.new_csrf()
    response = app.templates.TemplateResponse(
        request,
        template,
        {
            **context,
            "csrf_token": token,
            "token_required": app.guard.token_required,
            "signed_in": app.guard.may_write(request),
            "version": __version__,
        },
        status_code=status,
    )
    if token != cookie:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def error_response(request: Request, status: int, message: str) -> Response:
    """An error as JSON (``{"detail": ...}``) or as the error page."""
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status)


# No inline script or style anywhere, no resource from elsewhere: even if some text slipped
# through unescaped, a browser would run none of it.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _handlers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method not in ("GET", "HEAD", "OPTIONS") and cross_site(request):
            response = error_response(request, 403, "cross-site writes are refused")
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return error_response(request, error.status_code, str(error.detail))

    @app.exception_handler(RefusedError)
    async def refused(request: Request, error: RefusedError) -> Response:
        return error_response(request, error.status, error.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        message = f"bad {where or 'request'}: {first.get('msg', 'invalid')}"
        return error_response(request, 422, message)


def templates() -> Jinja2Templates:
    """The page templates, autoescaped, with the number and date filters."""
    found = Jinja2Templates(directory=str(HERE / "templates"))
    found.env.autoescape = True  # every template, whatever its name: article text is hostile
    found.env.filters.update(filters.FILTERS)
    found.env.globals["url_with"] = filters.url_with
    return found


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    *,
    today: Callable[[], date] = date.today,
    secret: bytes | None = None,
) -> FastAPI:
    """Build the web app over a ledger.

    Args:
        settings: options (``db``, ``max_bytes``, ``token``, ``allow_private_urls``, ...).
        store: the ledger; opened from ``settings.db`` when not given (and then closed
            when the app shuts down).
        today: the date that decides what is due (a fixed one for reproducible pages).
        secret: the CSRF signing key (random per process when not given).

    Raises:
        StoreError: the database cannot be opened.
    """
    from oplens.web.routes import ROUTERS

    settings = settings or load_settings()
    owned = store is None
    ledger = store or Store.open(settings.db)
    jobs = Jobs()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()
        if owned:
            ledger.close()

    app = FastAPI(
        title="oplens",
        version=__version__,
        summary="What opinion writing argues, whom it quotes and what it predicts; "
        "the ledger of predictions and the scores of their authors.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.web = Web(ledger, settings, Guard(settings.token, secret), jobs, templates(), today)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _handlers(app)
    app.add_middleware(BodyLimit, limit=settings.max_bytes + FORM_OVERHEAD)
    return app

"""The prediction queue, one prediction, and resolving it through the ledger."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from oplens.errors import InputError, StoreError
from oplens.store import Resolved
from oplens.store.records import Outcome
from oplens.web.app import Web, render, web
from oplens.web.pages import (
    Filters,
    PredictionPage,
    PredictionsPage,
    QueueStatus,
    prediction_page,
    predictions_page,
)
from oplens.web.routes.analyse import safe_next
from oplens.web.routes.articles import PageNumber, PerPage, found
from oplens.web.security import CSRF_COOKIE, CSRF_FIELD

router = APIRouter()
App = Annotated[Web, Depends(web)]
OUTCOMES: tuple[str, ...] = get_args(Outcome)


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"bad {name} {value!r}: expected YYYY-MM-DD") from None


def _filters(default: QueueStatus) -> Callable[..., Filters]:
    """A dependency reading a listing's filters from the query string (blank means none)."""

    def read(
        status: Annotated[
            QueueStatus,
            Query(description="open: unresolved; due: past its due date; overdue: 30+ days"),
        ] = default,
        author: Annotated[str, Query(description="part of an author's name")] = "",
        due_after: Annotated[str, Query(description="due on or after (YYYY-MM-DD)")] = "",
        due_before: Annotated[str, Query(description="due before (YYYY-MM-DD)")] = "",
        order: Annotated[Literal["due", "id"], Query(description="soonest due, or by id")] = "due",
    ) -> Filters:
        return Filters(
            status=status,
            author=author.strip() or None,
            due_after=_date(due_after, "due_after"),
            due_before=_date(due_before, "due_before"),
            order=order,
        )

    return read


QueryFilters = Annotated[Filters, Depends(_filters("open"))]
AllFilters = Annotated[Filters, Depends(_filters("all"))]


@router.get("/predictions.json", tags=["pages"], summary="The prediction queue")
def predictions_json(
    app: App, filters: QueryFilters, page: PageNumber = 1, per_page: PerPage = 50
) -> PredictionsPage:
    """A page of predictions, filtered by status, author and due date."""
    return predictions_page(app.store, filters, page=page, per_page=per_page, today=app.today())


@router.get("/predictions", include_in_schema=False)
def predictions(
    request: Request, app: App, filters: QueryFilters, page: PageNumber = 1, per_page: PerPage = 50
) -> Response:
    data = predictions_page(app.store, filters, page=page, per_page=per_page, today=app.today())
    return render(request, "predictions.html", {"page": data})


@router.get("/predictions/{prediction_id}.json", tags=["pages"], summary="One prediction")
def prediction_json(prediction_id: int, app: App) -> PredictionPage:
    """A prediction with its resolution, audit trail and the scores of its authors."""
    return found(lambda: prediction_page(app.store, prediction_id, app.today()))


@router.get("/predictions/{prediction_id}", include_in_schema=False)
def prediction(prediction_id: int, request: Request, app: App, done: int = 0) -> Response:
    page = found(lambda: prediction_page(app.store, prediction_id, app.today()))
    context = {"page": page, "outcomes": OUTCOMES, "form": {}, "done": bool(done)}
    return render(request, "prediction.html", context)


class ResolveRequest(BaseModel):
    """A resolution: what happened, when, the evidence and a note."""

    outcome: Outcome
    date: str | None = Field(default=None, description="YYYY-MM-DD [default: today]")
    evidence: str | None = Field(default=None, description="an http(s) URL")
    note: str | None = None
    by: str | None = Field(default=None, description="who resolved it [default: web]")


def _resolve(app: Web, prediction_id: int, body: ResolveRequest) -> Resolved:
    on = _date(body.date, "date")
    found(lambda: app.store.prediction(prediction_id))
    return app.store.resolve(
        prediction_id,
        body.outcome,
        on=on,
        evidence=body.evidence or None,
        note=body.note or None,
        by=(body.by or "").strip() or "web",
    )


def _check_write(app: Web, request: Request) -> None:
    app.guard.check_write(request)


@router.post(
    "/api/predictions/{prediction_id}/resolution",
    tags=["predictions"],
    responses={400: {"description": "bad resolution"}, 401: {"description": "token needed"}},
)
async def resolve_api(
    prediction_id: int, body: ResolveRequest, request: Request, app: App
) -> Resolved:
    """Resolve (or correct) a prediction; returns it and its authors' new scores."""
    _check_write(app, request)
    try:
        return await run_in_threadpool(_resolve, app, prediction_id, body)
    except StoreError as error:
        raise HTTPException(400, str(error)) from None


@router.post("/predictions/{prediction_id}/resolve", include_in_schema=False)
async def resolve_form(prediction_id: int, request: Request, app: App) -> Response:
    form = await request.form(max_files=0, max_fields=16, max_part_size=64 * 1024)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    _check_write(app, request)
    app.guard.check_csrf(request.cookies.get(CSRF_COOKIE), fields.get(CSRF_FIELD))
    try:
        if fields.get("outcome") not in OUTCOMES:
            raise InputError(f"choose an outcome: {', '.join(OUTCOMES)}")
        body = ResolveRequest.model_validate(
            {k: fields.get(k) for k in ResolveRequest.model_fields}
        )
        await run_in_threadpool(_resolve, app, prediction_id, body)
    except (StoreError, InputError, HTTPException) as error:
        message = error.detail if isinstance(error, HTTPException) else str(error)
        page = found(lambda: prediction_page(app.store, prediction_id, app.today()))
        context = {"page": page, "outcomes": OUTCOMES, "form": fields, "error": message}
        return render(request, "prediction.html", context, 400)
    target = safe_next(fields.get("next") or f"/predictions/{prediction_id}?done=1")
    return RedirectResponse(target, status_code=303)

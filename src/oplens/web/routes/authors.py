"""The authors' table and each author's scorecard with its calibration plot."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from oplens.web.app import Web, render, web
from oplens.web.pages import AuthorPage, AuthorsPage, SortKey, author_page, authors_page
from oplens.web.plots import calibration_plot
from oplens.web.routes.articles import PageNumber, PerPage, found
from oplens.web.routes.predictions import AllFilters

router = APIRouter()
App = Annotated[Web, Depends(web)]
Sort = Annotated[SortKey, Query(description="the column to sort by")]
Descending = Annotated[bool, Query(description="largest first")]
# Sorted by Brier score, best (lowest) first, unless asked otherwise.
DEFAULT_SORT: SortKey = "brier"


@router.get("/authors.json", tags=["pages"], summary="Every author with scores")
def authors_json(app: App, sort: Sort = DEFAULT_SORT, desc: Descending = False) -> AuthorsPage:
    """Every author with counts, Brier and log score, sorted; unscored authors last."""
    return authors_page(app.store, sort, desc, app.today())


@router.get("/authors", include_in_schema=False)
def authors(
    request: Request, app: App, sort: Sort = DEFAULT_SORT, desc: Descending = False
) -> Response:
    page = authors_page(app.store, sort, desc, app.today())
    return render(request, "authors.html", {"page": page})


def _author(app: Web, author_id: int, filters: AllFilters, page: int, per_page: int) -> AuthorPage:
    return found(
        lambda: author_page(
            app.store, author_id, filters, page=page, per_page=per_page, today=app.today()
        )
    )


@router.get("/authors/{author_id}.json", tags=["pages"], summary="An author's scorecard")
def author_json(
    author_id: int,
    app: App,
    filters: AllFilters,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> AuthorPage:
    """An author's counts, scores, calibration bins, articles and a page of predictions.

    The predictions are filtered like ``/predictions.json`` (here ``status`` defaults to
    ``all``).
    """
    return _author(app, author_id, filters, page, per_page)


@router.get("/authors/{author_id}", include_in_schema=False)
def author(
    author_id: int,
    request: Request,
    app: App,
    filters: AllFilters,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> Response:
    data = _author(app, author_id, filters, page, per_page)
    plot = calibration_plot(data.card.score.calibration if data.card else ())
    return render(request, "author.html", {"page": data, "plot": plot})

"""The article pages: the list of stored articles, and one article annotated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from oplens.errors import StoreError
from oplens.store import ArticleSummary
from oplens.web.app import Web, render, web
from oplens.web.article import stage_marks, text_html
from oplens.web.pages import MAX_PER_PAGE, PER_PAGE, ArticlePage, Page, Paging, article_page

router = APIRouter()
App = Annotated[Web, Depends(web)]
T = TypeVar("T")


def found(lookup: Callable[[], T]) -> T:
    """Run a lookup; an unknown id becomes a 404 with the store's one-line message."""
    try:
        return lookup()
    except StoreError as error:
        raise HTTPException(404, str(error)) from None


class ArticlesPage(Page):
    """A page of stored articles, the latest stored first."""

    paging: Paging
    articles: tuple[ArticleSummary, ...]


def _articles(app: Web, page: int, per_page: int) -> ArticlesPage:
    # One more than a page tells whether there is a next one without counting every row.
    rows = app.store.articles(limit=per_page + 1, offset=(page - 1) * per_page)
    total = (page - 1) * per_page + len(rows)
    return ArticlesPage(
        paging=Paging(page=page, per_page=per_page, total=total),
        articles=tuple(rows[:per_page]),
    )


PageNumber = Annotated[int, Query(ge=1, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="rows per page")]


@router.get("/articles.json", tags=["pages"], summary="Stored articles")
def articles_json(app: App, page: PageNumber = 1, per_page: PerPage = PER_PAGE) -> ArticlesPage:
    """Stored articles, the latest stored first, with authors and prediction counts.

    ``paging.total`` counts the rows up to the next page only (enough for paging).
    """
    return _articles(app, page, per_page)


@router.get("/articles", include_in_schema=False)
def articles(
    request: Request, app: App, page: PageNumber = 1, per_page: PerPage = PER_PAGE
) -> Response:
    return render(request, "articles.html", {"page": _articles(app, page, per_page)})


@router.get("/articles/{article_id}.json", tags=["pages"], summary="An annotated article")
def article_json(article_id: str, app: App) -> ArticlePage:
    """An article: its ledger record, its latest Analysis record, its layers and findings.

    ``article_id`` is an article id, a copy's document id, or a unique prefix of one.
    """
    return found(lambda: article_page(app.store, article_id, app.today()))


@router.get("/articles/{article_id}", include_in_schema=False)
def article(article_id: str, request: Request, app: App) -> Response:
    page = found(lambda: article_page(app.store, article_id, app.today()))
    body = Markup(text_html(page.analysis, list(page.findings), stage_marks(page.analysis)))
    author_ids = dict(zip(page.article.authors, page.article.author_ids, strict=False))
    context = {"page": page, "text_html": body, "author_ids": author_ids}
    return render(request, "article.html", context)

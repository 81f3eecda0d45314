"""The data of every page: one record per page, which its HTML renders and its JSON twin is.

Each builder reads the ledger through ``Store`` and returns a frozen record; the HTML route
hands the record to a template, the ``.json`` route returns the record itself, so the two
cannot show different data.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from oplens.schema import Analysis
from oplens.scoring import Score
from oplens.store import (
    ArticleRecord,
    ArticleSummary,
    AuditRecord,
    AuthorRecord,
    AuthorScore,
    PredictionRecord,
    Store,
)
from oplens.web.article import Finding, LayerInfo, findings, layers, stage_marks
from oplens.web.status import OVERDUE_DAYS, Shown, shown

PER_PAGE = 50
MAX_PER_PAGE = 200

QueueStatus = Literal["all", "open", "due", "overdue", "resolved"]
SortKey = Literal["name", "articles", "predictions", "resolved", "scored", "brier", "log"]


class Page(BaseModel):
    """Base of the page records: immutable."""

    model_config = ConfigDict(frozen=True)


class IndexPage(Page):
    """The analyse page: the limits of the form, and the latest articles."""

    max_bytes: int
    token_required: bool
    signed_in: bool
    articles: tuple[ArticleSummary, ...]


class QueuedPrediction(Page):
    """A prediction as a queue shows it, with its status as the queue sees it."""

    prediction: PredictionRecord
    shown: Shown
    days_overdue: int | None = None


class ArticlePage(Page):
    """An article: its ledger record, its Analysis record, the layers and the findings."""

    article: ArticleRecord
    analysis: Analysis
    layers: tuple[LayerInfo, ...]
    findings: tuple[Finding, ...]


class Filters(Page):
    """The filters of a prediction listing."""

    status: QueueStatus = "open"
    author: str | None = None
    due_after: date | None = None
    due_before: date | None = None
    order: Literal["due", "id"] = "due"


class Paging(Page):
    """Where a listing is: page number, size, and how many match."""

    page: int = Field(ge=1)
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def offset(self) -> int:
        """Rows before this page."""
        return (self.page - 1) * self.per_page


class PredictionsPage(Page):
    """A page of the prediction queue."""

    filters: Filters
    paging: Paging
    today: date
    items: tuple[QueuedPrediction, ...]


class PredictionPage(Page):
    """One prediction: its record, status, resolution history and its authors' scores."""

    item: QueuedPrediction
    audit: tuple[AuditRecord, ...]
    scores: tuple[AuthorScore, ...]
    today: date


class AuthorLine(Page):
    """One author in the table of authors: counts and scores."""

    author: AuthorRecord
    scored: int
    brier: float | None
    log_score: float | None
    brier_vs_pooled: float | None


class AuthorsPage(Page):
    """Every author, sorted, and the pooled score they are compared with."""

    sort: SortKey
    descending: bool
    authors: tuple[AuthorLine, ...]
    pooled: Score


class AuthorPage(Page):
    """An author: counts, scores, calibration, articles and a page of predictions."""

    author: AuthorRecord
    card: AuthorScore | None
    pooled: Score
    articles: tuple[ArticleSummary, ...]
    predictions: PredictionsPage


def shown_status(prediction: PredictionRecord, today: date) -> QueuedPrediction:
    """A prediction with the queue's status: open, due, overdue or resolved."""
    status, late = shown(prediction.status, prediction.due, today)
    return QueuedPrediction(prediction=prediction, shown=status, days_overdue=late)


def index_page(store: Store, *, max_bytes: int, token_required: bool, signed_in: bool) -> IndexPage:
    """The analyse page: form limits and the ten articles stored last."""
    return IndexPage(
        max_bytes=max_bytes,
        token_required=token_required,
        signed_in=signed_in,
        articles=tuple(store.articles(limit=10)),
    )


def article_page(store: Store, article_id: str, today: date) -> ArticlePage:
    """An article by id (or a copy's id, or a unique prefix), with its latest analysis.

    Raises:
        StoreError: no such article.
    """
    article = store.article(article_id, today=today)
    analysis = store.get_analysis(article.document_id)
    found = findings(analysis, article, today)
    marks = stage_marks(analysis)
    return ArticlePage(
        article=article,
        analysis=analysis,
        layers=tuple(layers(analysis, found, marks)),
        findings=tuple(found),
    )


def predictions_page(
    store: Store,
    filters: Filters,
    *,
    page: int,
    per_page: int,
    today: date,
    author_id: int | None = None,
) -> PredictionsPage:
    """A page of predictions matching the filters (of one author when ``author_id``).

    "overdue" asks the store for "due" predictions due over ``OVERDUE_DAYS`` days ago.
    """
    status = None if filters.status == "all" else filters.status
    before = filters.due_before
    if status == "overdue":
        status = "due"
        cutoff = today - timedelta(days=OVERDUE_DAYS)
        before = cutoff if before is None else min(before, cutoff)
    total = store.count_predictions(
        author=filters.author,
        author_id=author_id,
        due_after=filters.due_after,
        due_before=before,
        status=status,
        today=today,
    )
    paging = Paging(page=page, per_page=per_page, total=total)
    records = store.predictions(
        author=filters.author,
        author_id=author_id,
        due_after=filters.due_after,
        due_before=before,
        status=status,
        order=filters.order,
        limit=per_page,
        offset=paging.offset,
        today=today,
    )
    return PredictionsPage(
        filters=filters,
        paging=paging,
        today=today,
        items=tuple(shown_status(record, today) for record in records),
    )


def prediction_page(store: Store, prediction_id: int, today: date) -> PredictionPage:
    """One prediction with its audit trail and the current scores of its authors.

    Raises:
        StoreError: no such prediction.
    """
    record = store.prediction(prediction_id, today=today)
    report = store.scores(as_of=today)
    names = set(record.authors)
    return PredictionPage(
        item=shown_status(record, today),
        audit=tuple(store.audit([prediction_id])),
        scores=tuple(card for card in report.authors if card.name in names),
        today=today,
    )


def _sort_value(line: AuthorLine, key: SortKey) -> float | str | None:
    if key == "name":
        return line.author.name.lower()
    if key in ("articles", "predictions", "resolved"):
        value: int = getattr(line.author, key)
        return value
    if key == "scored":
        return line.scored
    return line.brier if key == "brier" else line.log_score


def authors_page(store: Store, sort: SortKey, descending: bool, today: date) -> AuthorsPage:
    """Every author with counts and scores, sorted by ``sort``; unscored ones last."""
    report = store.scores(as_of=today)
    cards = {card.author_id: card for card in report.authors}
    lines = []
    for author in store.authors():
        card = cards.get(author.id)
        lines.append(
            AuthorLine(
                author=author,
                scored=card.score.scored if card else 0,
                brier=card.score.brier if card else None,
                log_score=card.score.log_score if card else None,
                brier_vs_pooled=card.brier_vs_pooled if card else None,
            )
        )
    lines.sort(key=lambda line: line.author.name.lower())
    valued = [line for line in lines if _sort_value(line, sort) is not None]
    valued.sort(key=lambda line: _sort_value(line, sort) or 0, reverse=descending)
    unvalued = [line for line in lines if _sort_value(line, sort) is None]
    return AuthorsPage(
        sort=sort, descending=descending, authors=(*valued, *unvalued), pooled=report.pooled
    )


def author_page(
    store: Store, author_id: int, filters: Filters, *, page: int, per_page: int, today: date
) -> AuthorPage:
    """One author's scorecard, articles and a page of their predictions.

    Raises:
        StoreError: no such author.
    """
    author = store.author(author_id)
    report = store.scores(author=author.name, as_of=today)
    card = next((c for c in report.authors if c.author_id == author_id), None)
    return AuthorPage(
        author=author,
        card=card,
        pooled=report.pooled,
        articles=tuple(store.articles(author_id=author_id)),
        predictions=predictions_page(
            store, filters, page=page, per_page=per_page, today=today, author_id=author_id
        ),
    )

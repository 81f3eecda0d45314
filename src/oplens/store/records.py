"""Typed records the store returns: what a CLI, web page or export reads, never raw rows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from oplens.schema import Analysis

Outcome = Literal["true", "false", "partial", "ambiguous"]
Status = Literal["open", "due", "resolved"]
AddStatus = Literal["new", "reanalysed", "copy"]
Order = Literal["id", "due"]


class StoreRecord(BaseModel):
    """Base of the store's records: immutable."""

    model_config = ConfigDict(frozen=True)


class AddResult(StoreRecord):
    """What storing one analysis did.

    ``status`` is ``new`` (a new article), ``reanalysed`` (the same text stored again: its
    analysis replaced) or ``copy`` (another copy of a stored article, e.g. republished).
    """

    document_id: str
    article_id: str
    status: AddStatus
    title: str | None
    predictions: int
    resolutions_kept: int


class ResolutionRecord(StoreRecord):
    """What happened to a prediction, as a person resolved it."""

    outcome: Outcome
    resolved_on: date
    evidence: str | None = None
    note: str | None = None
    resolved_by: str
    resolved_at: datetime


class PredictionRecord(StoreRecord):
    """A stored prediction with its article, authors and resolution.

    ``holder`` is ``author``, or the id of the attribution whose speaker the author quotes
    (then ``holder_name`` is that speaker, and the prediction is not scored for the author).
    """

    id: int
    article_id: str
    local_id: str
    text: str
    event: str
    polarity: str
    probability: float
    horizon: str | None
    due: date | None
    holder: str
    title: str | None
    published: date | None
    authors: tuple[str, ...]
    status: Status
    resolution: ResolutionRecord | None
    holder_name: str | None = None


class AuthorRecord(StoreRecord):
    """A writer with how many articles and predictions of theirs are stored."""

    id: int
    name: str
    affiliation: str | None
    articles: int
    predictions: int
    resolved: int


class SourceRecord(StoreRecord):
    """One stored copy of an article."""

    document_id: str
    source: str | None
    site: str | None
    published: date | None
    stored_at: datetime


class ArticleRecord(StoreRecord):
    """An article: its copies, authors, and the predictions of its latest analysis."""

    id: str
    title: str | None
    published: date | None
    outlet: str | None
    document_id: str
    authors: tuple[str, ...]
    sources: tuple[SourceRecord, ...]
    predictions: tuple[PredictionRecord, ...]
    attributions: int
    units: int
    author_ids: tuple[int, ...] = ()  # the ledger ids of ``authors``, in the same order


class ArticleSummary(StoreRecord):
    """An article as a listing shows it: title, date, authors and how many predictions."""

    id: str
    title: str | None
    published: date | None
    outlet: str | None
    document_id: str
    authors: tuple[str, ...]
    predictions: int
    updated_at: datetime
    author_ids: tuple[int, ...] = ()  # the ledger ids of ``authors``, in the same order


class AuditRecord(StoreRecord):
    """One change of a resolution."""

    id: int
    prediction_id: int | None
    article_id: str
    old_outcome: Outcome | None
    new_outcome: Outcome
    old_value: str | None
    new_value: str
    changed_at: datetime
    changed_by: str


class ExportQuery(StoreRecord):
    """Which articles (and predictions) an export takes.

    ``author`` matches part of an author's name, as ``oplens predictions --author`` does;
    ``since`` and ``until`` bound the article's publication date, both inclusive (an article
    with no date is then left out); ``status`` keeps the predictions of that status only,
    judged as of ``today``, and the articles that have one.
    """

    author: str | None = None
    since: date | None = None
    until: date | None = None
    status: Status | None = None
    today: date | None = None


class ExportedArticle(StoreRecord):
    """An article as an export reads it: its latest Analysis record and ledger predictions."""

    id: str
    document_id: str
    source: str | None
    title: str | None
    published: date | None
    outlet: str | None
    authors: tuple[str, ...]
    analysis: Analysis
    predictions: tuple[PredictionRecord, ...]

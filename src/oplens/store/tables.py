"""The ledger's tables, as typed SQLAlchemy models (the migrations create exactly these).

An article is one piece of writing, however many copies of it were stored: its ``id`` is the
document id of the first copy, and ``body_key`` (a hash of its normalised body text) joins
republished copies to it. Each copy is a row of ``documents`` with its full Analysis JSON.
Predictions, attributions and argument units are rows derived from the article's latest
stored analysis. Resolutions are keyed by article and normalised prediction text, not by
prediction row, so that re-analysis can replace the predictions and keep every resolution;
their ``prediction_id`` is re-linked after each re-analysis so that queries join on integers.
Timestamps are UTC.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

OUTCOMES = ("true", "false", "partial", "ambiguous")
_ID = String(71)  # "sha256:" and 64 hex digits
_KEY = String(64)
# Ids people type (`oplens resolve 12`) must never be handed out again after a delete;
# SQLite reuses the highest rowid unless told otherwise.
_NO_REUSE = {"sqlite_autoincrement": True}


class Base(DeclarativeBase):
    """Base of every ledger table."""


class Article(Base):
    """One piece of writing, keyed by the document id of its first stored copy."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(_ID, primary_key=True)
    body_key: Mapped[str] = mapped_column(_KEY, unique=True)
    document_id: Mapped[str] = mapped_column(_ID, comment="the copy the rows come from")
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    outlet: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class StoredDocument(Base):
    """One stored copy of an article, with its full Analysis record as JSON."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(_ID, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    analysis: Mapped[str] = mapped_column(Text)
    stored_at: Mapped[datetime] = mapped_column(DateTime)


class AuthorRow(Base):
    """A writer, joined across articles by normalised name and affiliation."""

    __tablename__ = "authors"
    __table_args__ = (
        Index("ix_authors_key", "name_key", "affiliation_key", unique=True),
        _NO_REUSE,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    affiliation: Mapped[str | None] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)
    affiliation_key: Mapped[str] = mapped_column(Text, comment="'' when unknown")


class ArticleAuthor(Base):
    """An author of an article, in byline order."""

    __tablename__ = "article_authors"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"), index=True)
    role: Mapped[str | None] = mapped_column(Text)


class PredictionRow(Base):
    """A prediction of an article's latest analysis; ``id`` survives re-analysis."""

    __tablename__ = "predictions"
    __table_args__ = (
        Index("ix_predictions_key", "article_id", "text_key", unique=True),
        _NO_REUSE,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    local_id: Mapped[str] = mapped_column(String(32))
    text_key: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    event: Mapped[str] = mapped_column(Text)
    polarity: Mapped[str] = mapped_column(String(8))
    probability: Mapped[float] = mapped_column(Float)
    cue: Mapped[str | None] = mapped_column(Text)
    horizon: Mapped[str | None] = mapped_column(Text)
    due_start: Mapped[date | None] = mapped_column(Date)
    due: Mapped[date | None] = mapped_column(Date, index=True)
    condition: Mapped[str | None] = mapped_column(Text)
    holder: Mapped[str] = mapped_column(String(32))


class Resolution(Base):
    """What happened to a prediction, keyed by article and normalised prediction text."""

    __tablename__ = "resolutions"
    __table_args__ = (
        CheckConstraint(
            "outcome IN ('true', 'false', 'partial', 'ambiguous')", name="ck_resolutions_outcome"
        ),
    )

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    text_key: Mapped[str] = mapped_column(Text, primary_key=True)
    prediction_id: Mapped[int | None] = mapped_column(
        ForeignKey("predictions.id", ondelete="SET NULL"),
        index=True,
        comment="the prediction row with this text now; NULL while the analysis lacks it",
    )
    outcome: Mapped[str] = mapped_column(String(9))
    value: Mapped[float | None] = mapped_column(
        Float, comment="the outcome as scored: true 1, false 0, partial 0.5, ambiguous NULL"
    )
    resolved_on: Mapped[date] = mapped_column(Date)
    evidence: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """One change of a resolution: the old and new values (JSON), when and by whom."""

    __tablename__ = "resolution_audit"
    __table_args__ = (_NO_REUSE,)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    text_key: Mapped[str] = mapped_column(Text)
    prediction_id: Mapped[int | None] = mapped_column(index=True)
    old_outcome: Mapped[str | None] = mapped_column(String(9))
    new_outcome: Mapped[str] = mapped_column(String(9))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(Text)


class AttributionRow(Base):
    """Who said what in an article's latest analysis."""

    __tablename__ = "attributions"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    local_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    speaker: Mapped[str] = mapped_column(Text)
    speaker_entity: Mapped[str | None] = mapped_column(String(32))
    cue: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int]
    content_end: Mapped[int]
    kind: Mapped[str] = mapped_column(String(8))
    stance: Mapped[str] = mapped_column(String(8))


class UnitRow(Base):
    """An argument unit of an article's latest analysis."""

    __tablename__ = "argument_units"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    local_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

"""Queries that stream the ledger out for exports: one page at a time, by key.

A page is read in its own short transaction and handed over before the next is read, so an
export of millions of articles holds one page in memory and never a long transaction. Pages
are cut by key (the last row's sort key, not an offset): each page costs the same however
deep into the table it starts, and rows stored while the export runs are not skipped.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select, true
from sqlalchemy.orm import Session

from oplens.schema import Analysis
from oplens.store.reading import _RESOLVED, _filtered, _prediction_select, _records, author_refs
from oplens.store.records import ExportedArticle, ExportQuery
from oplens.store.rows import normalise
from oplens.store.tables import (
    Article,
    ArticleAuthor,
    AuthorRow,
    PredictionRow,
    Resolution,
    StoredDocument,
)

DocumentKey = tuple[datetime, str]
ArticleKey = tuple[datetime, str]


def _articles_matching(query: ExportQuery, today: date) -> Any:
    """The conditions on ``Article`` that an export query sets."""
    conditions: list[ColumnElement[bool]] = []
    if query.author:
        conditions.append(
            Article.id.in_(
                select(ArticleAuthor.article_id)
                .join(AuthorRow, AuthorRow.id == ArticleAuthor.author_id)
                .where(AuthorRow.name_key.contains(normalise(query.author), autoescape=True))
            )
        )
    if query.since:
        conditions.append(Article.published >= query.since)
    if query.until:
        conditions.append(Article.published <= query.until)
    if query.status:
        having = _filtered(
            select(PredictionRow.article_id).outerjoin(Resolution, _RESOLVED),
            today=today,
            author=None,
            author_id=None,
            due_after=None,
            due_before=None,
            status=query.status,
        )
        conditions.append(Article.id.in_(having))
    return and_(true(), *conditions)


def has_author(session: Session, name: str) -> bool:
    """Tell whether any stored author's name contains ``name`` (as ``--author`` matches)."""
    found = session.scalar(
        select(AuthorRow.id)
        .where(AuthorRow.name_key.contains(normalise(name), autoescape=True))
        .limit(1)
    )
    return found is not None


def _after(columns: tuple[Any, Any], key: tuple[Any, Any] | None) -> Any:
    """The keyset condition: rows strictly after ``key`` in ``(time, id)`` order."""
    if key is None:
        return true()
    time, ident = columns
    return or_(time > key[0], and_(time == key[0], ident > key[1]))


def document_page(
    session: Session, query: ExportQuery, after: DocumentKey | None, size: int, today: date
) -> list[tuple[DocumentKey, Analysis]]:
    """Return the next ``size`` stored copies after ``after``, in the order they were stored.

    Every copy of every matching article is returned (a republished copy too), each as the
    exact Analysis record stored.
    """
    rows = session.execute(
        select(StoredDocument.stored_at, StoredDocument.id, StoredDocument.analysis)
        .join(Article, Article.id == StoredDocument.article_id)
        .where(
            _articles_matching(query, today),
            _after((StoredDocument.stored_at, StoredDocument.id), after),
        )
        .order_by(StoredDocument.stored_at, StoredDocument.id)
        .limit(size)
    ).all()
    return [((at, ident), Analysis.model_validate_json(text)) for at, ident, text in rows]


def _article_select(
    query: ExportQuery, after: ArticleKey | None, today: date
) -> Select[Article, str | None, str]:
    return (
        select(Article, StoredDocument.source, StoredDocument.analysis)
        .join(StoredDocument, StoredDocument.id == Article.document_id)
        .where(_articles_matching(query, today), _after((Article.added_at, Article.id), after))
        .order_by(Article.added_at, Article.id)
    )


def article_page(
    session: Session, query: ExportQuery, after: ArticleKey | None, size: int, today: date
) -> list[tuple[ArticleKey, ExportedArticle]]:
    """Return the next ``size`` articles after ``after``, in the order they were first stored.

    Each comes with the Analysis record of its latest copy (the one its predictions come
    from) and its predictions, those of ``query.status`` only when it is set.
    """
    rows = session.execute(_article_select(query, after, today).limit(size)).all()
    ids = [article.id for article, _, _ in rows]
    predictions = _records(
        session,
        _filtered(
            _prediction_select().where(PredictionRow.article_id.in_(ids)),
            today=today,
            author=None,
            author_id=None,
            due_after=None,
            due_before=None,
            status=query.status,
        ).order_by(PredictionRow.id),
        today,
    )
    by_article: dict[str, list[Any]] = {}
    for record in predictions:
        by_article.setdefault(record.article_id, []).append(record)
    refs = author_refs(session, ids)
    return [
        (
            (article.added_at, article.id),
            ExportedArticle(
                id=article.id,
                document_id=article.document_id,
                source=source,
                title=article.title,
                published=article.published,
                outlet=article.outlet,
                authors=tuple(name for _, name in refs.get(article.id, [])),
                analysis=Analysis.model_validate_json(text),
                predictions=tuple(by_article.get(article.id, [])),
            ),
        )
        for article, source, text in rows
    ]

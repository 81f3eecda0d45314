"""Queries that stream the ledger out for exports: one page at a time, by key.

A page is read in its own short transaction and handed over before the next is read, so an
export of millions of articles holds one page in memory and never a long transaction. Pages
are cut by key along an index (the article id, the primary key; for copies, the article id
and then the time stored), not by offset: each page costs an index search however deep into
the table it starts. An export is not a snapshot: an article stored while it runs comes out
if its id sorts after the page being read.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, literal, select, true, tuple_
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

DocumentKey = tuple[str, datetime, str]  # article id, time stored, document id
ArticleKey = str  # article id: pages follow the primary key


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


def _after_document(key: DocumentKey | None) -> Any:
    """Copies after ``key`` in ``(article, time stored, id)`` order.

    The row comparison alone would do; the extra ``article_id >=`` lets both SQLite and
    PostgreSQL start from the article index instead of scanning the table for each page.
    """
    if key is None:
        return true()
    columns = (StoredDocument.article_id, StoredDocument.stored_at, StoredDocument.id)
    return and_(columns[0] >= key[0], tuple_(*columns) > tuple_(*map(literal, key)))


def document_page(
    session: Session, query: ExportQuery, after: DocumentKey | None, size: int, today: date
) -> list[tuple[DocumentKey, Analysis]]:
    """Return the next ``size`` stored copies after ``after``: by article, each article's
    copies in the order they were stored (so that storing them again in this order makes the
    same first and latest copy of each article).

    Every copy of every matching article is returned (a republished copy too), each as the
    exact Analysis record stored.
    """
    rows = session.execute(
        select(
            StoredDocument.article_id,
            StoredDocument.stored_at,
            StoredDocument.id,
            StoredDocument.analysis,
        )
        .join(Article, Article.id == StoredDocument.article_id)
        .where(_articles_matching(query, today), _after_document(after))
        .order_by(StoredDocument.article_id, StoredDocument.stored_at, StoredDocument.id)
        .limit(size)
    ).all()
    return [
        ((article, at, ident), Analysis.model_validate_json(text))
        for article, at, ident, text in rows
    ]


def _article_select(
    query: ExportQuery, after: ArticleKey | None, today: date
) -> Select[Article, str | None, str]:
    return (
        select(Article, StoredDocument.source, StoredDocument.analysis)
        .join(StoredDocument, StoredDocument.id == Article.document_id)
        .where(_articles_matching(query, today), true() if after is None else Article.id > after)
        .order_by(Article.id)
    )


def article_page(
    session: Session, query: ExportQuery, after: ArticleKey | None, size: int, today: date
) -> list[tuple[ArticleKey, ExportedArticle]]:
    """Return the next ``size`` articles after ``after``, by article id (the primary key).

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
            article.id,
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

"""Listings for pages that browse the ledger: articles, latest first, with their counts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oplens.store.reading import author_refs
from oplens.store.records import ArticleSummary
from oplens.store.tables import Article, ArticleAuthor, PredictionRow


def list_articles(
    session: Session,
    *,
    author_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ArticleSummary]:
    """Return stored articles, latest stored first, with their authors and prediction counts."""
    counts = (
        select(PredictionRow.article_id, func.count().label("n"))
        .group_by(PredictionRow.article_id)
        .subquery()
    )
    query = (
        select(Article, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.article_id == Article.id)
        .order_by(Article.updated_at.desc(), Article.id)
        .offset(offset)
        .limit(limit)
    )
    if author_id is not None:
        query = query.where(
            Article.id.in_(
                select(ArticleAuthor.article_id).where(ArticleAuthor.author_id == author_id)
            )
        )
    rows = session.execute(query).all()
    refs = author_refs(session, (article.id for article, _ in rows))
    return [
        ArticleSummary(
            id=article.id,
            title=article.title,
            published=article.published,
            outlet=article.outlet,
            document_id=article.document_id,
            authors=tuple(name for _, name in refs.get(article.id, [])),
            author_ids=tuple(author_id for author_id, _ in refs.get(article.id, [])),
            predictions=int(predictions),
            updated_at=article.updated_at,
        )
        for article, predictions in rows
    ]

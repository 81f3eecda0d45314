"""Queries: predictions, authors, articles, the audit trail, and the rows scores are made of.

Every listing takes ``limit`` and ``offset`` so that a web page or an export can page
through millions of rows; results come back as typed records, ordered by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, and_, distinct, func, or_, select
from sqlalchemy.orm import Session

from oplens.errors import StoreError
from oplens.schema import Analysis
from oplens.store.records import (
    ArticleRecord,
    AuditRecord,
    AuthorRecord,
    Order,
    PredictionRecord,
    ResolutionRecord,
    SourceRecord,
    Status,
)
from oplens.store.rows import normalise
from oplens.store.tables import (
    Article,
    ArticleAuthor,
    AttributionRow,
    AuditEntry,
    AuthorRow,
    PredictionRow,
    Resolution,
    StoredDocument,
    UnitRow,
)

_RESOLVED = Resolution.prediction_id == PredictionRow.id
Q = TypeVar("Q", bound="Select[*tuple[Any, ...]]")


def has_documents(session: Session, ids: Iterable[str]) -> set[str]:
    """Return those of ``ids`` that are stored (as any copy of any article)."""
    wanted = list(dict.fromkeys(ids))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):  # 500: well under every driver's bind limit
        chunk = wanted[start : start + 500]
        found.update(session.scalars(select(StoredDocument.id).where(StoredDocument.id.in_(chunk))))
    return found


def get_analysis(session: Session, document_id: str) -> Analysis:
    """Return the stored Analysis record of one document, exactly as it was stored.

    Raises:
        StoreError: no document has that id.
    """
    stored = session.scalar(select(StoredDocument.analysis).where(StoredDocument.id == document_id))
    if stored is None:
        raise StoreError(f"no stored document with id {document_id}")
    return Analysis.model_validate_json(stored)


def find_article_id(session: Session, given: str) -> str:
    """Return the article id for an article id, a document id, or a unique prefix of one.

    Raises:
        StoreError: nothing matches, or a prefix matches more than one article.
    """
    pattern = given if given.startswith("sha256:") else f"sha256:{given}"
    if len(pattern) < len("sha256:") + 4 or not pattern[7:].isalnum():
        raise StoreError(f"no article with id {given!r} (give at least 4 hex digits)")
    matches = set(
        session.scalars(select(Article.id).where(Article.id.startswith(pattern)).limit(2))
    )
    matches.update(
        session.scalars(
            select(StoredDocument.article_id).where(StoredDocument.id.startswith(pattern)).limit(2)
        )
    )
    if not matches:
        raise StoreError(f"no article with id {given!r}")
    if len(matches) > 1:
        raise StoreError(f"{given!r} is the start of several article ids: give more digits")
    return matches.pop()


def _status(due: date | None, outcome: str | None, today: date) -> Status:
    if outcome is not None:
        return "resolved"
    return "due" if due is not None and due <= today else "open"


def author_refs(session: Session, articles: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
    """Return each article's authors as ``(author id, name)``, in byline order."""
    refs: dict[str, list[tuple[int, str]]] = {}
    rows = session.execute(
        select(ArticleAuthor.article_id, AuthorRow.id, AuthorRow.name)
        .join(AuthorRow, AuthorRow.id == ArticleAuthor.author_id)
        .where(ArticleAuthor.article_id.in_(list(set(articles))))
        .order_by(ArticleAuthor.article_id, ArticleAuthor.position)
    ).all()
    for article_id, author_id, name in rows:
        refs.setdefault(article_id, []).append((author_id, name))
    return refs


def _author_names(session: Session, articles: Iterable[str]) -> dict[str, tuple[str, ...]]:
    return {
        article_id: tuple(name for _, name in found)
        for article_id, found in author_refs(session, articles).items()
    }


def _prediction_select() -> Select[PredictionRow, str | None, date | None, Resolution]:
    return (
        select(PredictionRow, Article.title, Article.published, Resolution)
        .join(Article, Article.id == PredictionRow.article_id)
        .outerjoin(Resolution, _RESOLVED)
    )


def _records(
    session: Session,
    query: Select[PredictionRow, str | None, date | None, Resolution],
    today: date,
) -> list[PredictionRecord]:
    rows = session.execute(query).all()
    authors = _author_names(session, (row[0].article_id for row in rows))
    speakers = _speakers(session, (row[0] for row in rows))
    out = []
    for prediction, title, published, resolution in rows:
        out.append(
            PredictionRecord(
                id=prediction.id,
                article_id=prediction.article_id,
                local_id=prediction.local_id,
                text=prediction.text,
                event=prediction.event,
                polarity=prediction.polarity,
                probability=prediction.probability,
                horizon=prediction.horizon,
                due=prediction.due,
                holder=prediction.holder,
                title=title,
                published=published,
                authors=authors.get(prediction.article_id, ()),
                status=_status(prediction.due, resolution.outcome if resolution else None, today),
                resolution=_resolution_record(resolution),
                holder_name=speakers.get((prediction.article_id, prediction.holder)),
            )
        )
    return out


def _speakers(session: Session, predictions: Iterable[PredictionRow]) -> dict[tuple[str, str], str]:
    """The speaker of each attribution that holds one of ``predictions``, by article and id."""
    quoted = {p.article_id for p in predictions if p.holder != "author"}
    if not quoted:
        return {}
    rows = session.execute(
        select(AttributionRow.article_id, AttributionRow.local_id, AttributionRow.speaker).where(
            AttributionRow.article_id.in_(list(quoted))
        )
    ).all()
    return {(article_id, local_id): speaker for article_id, local_id, speaker in rows}


def _resolution_record(resolution: Resolution | None) -> ResolutionRecord | None:
    if resolution is None:
        return None
    return ResolutionRecord.model_validate(resolution, from_attributes=True)


def _by_author(author: str) -> Any:
    """A condition: the prediction's article has an author whose name contains ``author``."""
    return PredictionRow.article_id.in_(
        select(ArticleAuthor.article_id)
        .join(AuthorRow, AuthorRow.id == ArticleAuthor.author_id)
        .where(AuthorRow.name_key.contains(normalise(author), autoescape=True))
    )


def _filtered(
    query: Q,
    *,
    today: date,
    author: str | None,
    author_id: int | None,
    due_after: date | None,
    due_before: date | None,
    status: Status | None,
) -> Q:
    """Add the listing filters to a query over predictions outer-joined to resolutions."""
    if author:
        query = query.where(_by_author(author))
    if author_id is not None:
        query = query.where(
            PredictionRow.article_id.in_(
                select(ArticleAuthor.article_id).where(ArticleAuthor.author_id == author_id)
            )
        )
    if due_after:
        query = query.where(PredictionRow.due >= due_after)
    if due_before:
        query = query.where(PredictionRow.due < due_before)
    unresolved = Resolution.outcome.is_(None)
    if status == "resolved":
        query = query.where(Resolution.outcome.is_not(None))
    elif status == "due":
        query = query.where(unresolved, PredictionRow.due <= today)
    elif status == "open":
        query = query.where(unresolved)
    return query


def list_predictions(
    session: Session,
    *,
    today: date,
    author: str | None = None,
    author_id: int | None = None,
    due_after: date | None = None,
    due_before: date | None = None,
    status: Status | None = None,
    order: Order = "id",
    limit: int | None = None,
    offset: int = 0,
) -> list[PredictionRecord]:
    """Return stored predictions by id (or by due date), filtered by author, date and status.

    ``status``: ``open`` is every unresolved prediction, ``due`` the unresolved ones whose
    due date is ``today`` or earlier, ``resolved`` those with a resolution. ``due_after`` is
    inclusive, ``due_before`` exclusive. ``order="due"``: soonest due first, undated last.
    """
    keys = (
        (PredictionRow.due.is_(None), PredictionRow.due, PredictionRow.id)
        if order == "due"
        else (PredictionRow.id,)
    )
    query = _filtered(
        _prediction_select(),
        today=today,
        author=author,
        author_id=author_id,
        due_after=due_after,
        due_before=due_before,
        status=status,
    )
    return _records(session, query.order_by(*keys).offset(offset).limit(limit), today)


def count_predictions(
    session: Session,
    *,
    today: date,
    author: str | None = None,
    author_id: int | None = None,
    due_after: date | None = None,
    due_before: date | None = None,
    status: Status | None = None,
) -> int:
    """Return how many predictions ``list_predictions`` would list with these filters."""
    query = select(func.count()).select_from(PredictionRow).outerjoin(Resolution, _RESOLVED)
    query = _filtered(
        query,
        today=today,
        author=author,
        author_id=author_id,
        due_after=due_after,
        due_before=due_before,
        status=status,
    )
    return session.scalar(query) or 0


def get_prediction(session: Session, prediction_id: int, today: date) -> PredictionRecord:
    """Return one stored prediction.

    Raises:
        StoreError: no prediction has that id.
    """
    found = _records(session, _prediction_select().where(PredictionRow.id == prediction_id), today)
    if not found:
        raise StoreError(f"no prediction with id {prediction_id}")
    return found[0]


def list_authors(
    session: Session,
    *,
    author_ids: Sequence[int] = (),
    limit: int | None = None,
    offset: int = 0,
) -> list[AuthorRecord]:
    """Return every author of a stored article (or those of ``author_ids``) with counts.

    The counts are of the author's own predictions, not those of people they quote.
    """
    own = and_(
        PredictionRow.article_id == ArticleAuthor.article_id, PredictionRow.holder == "author"
    )
    query = (
        select(
            AuthorRow.id,
            AuthorRow.name,
            AuthorRow.affiliation,
            func.count(distinct(ArticleAuthor.article_id)),
            func.count(distinct(PredictionRow.id)),
            func.count(distinct(Resolution.prediction_id)),
        )
        .join(ArticleAuthor, ArticleAuthor.author_id == AuthorRow.id)
        .outerjoin(PredictionRow, own)
        .outerjoin(Resolution, _RESOLVED)
        .group_by(AuthorRow.id, AuthorRow.name, AuthorRow.affiliation)
        .order_by(AuthorRow.id)
        .offset(offset)
        .limit(limit)
    )
    if author_ids:
        query = query.where(AuthorRow.id.in_(list(author_ids)))
    return [
        AuthorRecord(
            id=author_id,
            name=name,
            affiliation=affiliation,
            articles=articles,
            predictions=predictions,
            resolved=resolved,
        )
        for author_id, name, affiliation, articles, predictions, resolved in session.execute(
            query
        ).all()
    ]


def get_article(session: Session, given: str, today: date) -> ArticleRecord:
    """Return an article (by article id, document id or unique prefix) with its predictions.

    Raises:
        StoreError: no article matches, or a prefix is ambiguous.
    """
    article_id = find_article_id(session, given)
    article = session.execute(select(Article).where(Article.id == article_id)).scalar_one()
    sources = session.execute(
        select(StoredDocument.id, StoredDocument.source, StoredDocument.site)
        .add_columns(StoredDocument.published, StoredDocument.stored_at)
        .where(StoredDocument.article_id == article_id)
        .order_by(StoredDocument.stored_at, StoredDocument.id)
    ).all()
    refs = author_refs(session, [article_id]).get(article_id, [])
    predictions = _records(
        session,
        _prediction_select()
        .where(PredictionRow.article_id == article_id)
        .order_by(PredictionRow.id),
        today,
    )

    def count(table: type[AttributionRow] | type[UnitRow]) -> int:
        return (
            session.scalar(
                select(func.count()).select_from(table).where(table.article_id == article_id)
            )
            or 0
        )

    return ArticleRecord(
        id=article.id,
        title=article.title,
        published=article.published,
        outlet=article.outlet,
        document_id=article.document_id,
        authors=tuple(name for _, name in refs),
        author_ids=tuple(author_id for author_id, _ in refs),
        sources=tuple(
            SourceRecord(document_id=d, source=s, site=w, published=p, stored_at=t)
            for d, s, w, p, t in sources
        ),
        predictions=tuple(predictions),
        attributions=count(AttributionRow),
        units=count(UnitRow),
    )


def list_audit(
    session: Session,
    *,
    prediction_ids: Sequence[int] = (),
    limit: int | None = None,
    offset: int = 0,
) -> list[AuditRecord]:
    """Return changes of resolutions, oldest first, of some predictions or of all."""
    query = select(AuditEntry).order_by(AuditEntry.id).offset(offset).limit(limit)
    if prediction_ids:
        query = query.where(AuditEntry.prediction_id.in_(list(prediction_ids)))
    return [
        AuditRecord.model_validate(entry, from_attributes=True) for entry in session.scalars(query)
    ]


def score_rows(
    session: Session, *, as_of: date, author_ids: Sequence[int] = ()
) -> list[tuple[int, int, float, str]]:
    """Return ``(author, prediction, probability, outcome)`` of every scorable prediction.

    Scorable: held by the article's author (not a quoted speaker), resolved with an outcome
    other than ambiguous, and due on or before ``as_of`` (or with no due date).
    """
    query = (
        select(
            ArticleAuthor.author_id, PredictionRow.id, PredictionRow.probability, Resolution.outcome
        )
        .join(PredictionRow, PredictionRow.article_id == ArticleAuthor.article_id)
        .join(Resolution, _RESOLVED)
        .where(
            PredictionRow.holder == "author",
            Resolution.outcome != "ambiguous",
            or_(PredictionRow.due.is_(None), PredictionRow.due <= as_of),
        )
    )
    if author_ids:
        query = query.where(ArticleAuthor.author_id.in_(list(author_ids)))
    return list(session.execute(query).all())

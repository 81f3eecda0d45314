"""Store analyses: one batch, one transaction, whatever mix of new, re-analysed and copies.

Rules (also in the README):

- The same text again (same ``document.id``) replaces that copy's analysis.
- Another text with the same normalised body is another copy of the same article: one
  more row in ``documents``, and the article is scored once.
- An article's predictions, attributions, argument units and authors come from its copy
  stored last. A prediction whose normalised text it had before keeps its id; every
  resolution is kept whatever happens to the predictions, since resolutions are keyed by
  article and normalised text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from oplens.schema import Analysis
from oplens.store.records import AddResult, AddStatus
from oplens.store.rows import article_rows, author_key, body_key
from oplens.store.tables import (
    Article,
    ArticleAuthor,
    AttributionRow,
    AuthorRow,
    Base,
    PredictionRow,
    Resolution,
    StoredDocument,
    UnitRow,
)


@dataclass(frozen=True)
class _Plan:
    record: Analysis
    article_id: str
    status: AddStatus


def _plan(session: Session, records: Sequence[Analysis]) -> list[_Plan]:
    """Decide for each record which article it belongs to and whether it is new."""
    ids = [r.document.id for r in records]
    keys = [body_key(r) for r in records]
    by_document = dict(
        session.execute(
            select(StoredDocument.id, StoredDocument.article_id).where(StoredDocument.id.in_(ids))
        ).all()
    )
    by_body = dict(
        session.execute(
            select(Article.body_key, Article.id).where(Article.body_key.in_(keys))
        ).all()
    )
    plans = []
    for record, key in zip(records, keys, strict=True):
        document_id = record.document.id
        status: AddStatus
        if document_id in by_document:
            status, article_id = "reanalysed", by_document[document_id]
        elif key in by_body:
            status, article_id = "copy", by_body[key]
        else:
            status, article_id = "new", document_id
            by_body[key] = article_id
        by_document[document_id] = article_id
        plans.append(_Plan(record, article_id, status))
    return plans


def _author_ids(
    session: Session, wanted: Iterable[tuple[str, str | None]]
) -> dict[tuple[str, str | None], int]:
    """Find or create each author; an unknown affiliation joins the one author of that name.

    A name with an affiliation joins the same name and affiliation, else the same name with
    no affiliation known (which it then fills in), else it is a new author.
    """
    keys = {author: author_key(*author) for author in dict.fromkeys(wanted)}
    names = {name for name, _ in keys.values()}
    known: dict[str, dict[str, int]] = {}
    rows = session.execute(
        select(AuthorRow.id, AuthorRow.name_key, AuthorRow.affiliation_key).where(
            AuthorRow.name_key.in_(names)
        )
    ).all()
    for author_id, name_key, affiliation_key in rows:
        known.setdefault(name_key, {})[affiliation_key] = author_id
    found: dict[tuple[str, str | None], int] = {}
    # In order of first appearance, so that a batch joins authors as one-by-one adds would.
    for author, (name_key, affiliation_key) in keys.items():
        same = known.setdefault(name_key, {})
        if affiliation_key in same:
            found[author] = same[affiliation_key]
        elif not affiliation_key and len(same) == 1:
            found[author] = next(iter(same.values()))
        elif affiliation_key and "" in same:
            author_id = same.pop("")
            session.execute(
                update(AuthorRow)
                .where(AuthorRow.id == author_id)
                .values(affiliation=author[1], affiliation_key=affiliation_key)
            )
            found[author] = same[affiliation_key] = author_id
        else:
            values = {"name": author[0], "affiliation": author[1], "name_key": name_key}
            author_id = session.execute(
                insert(AuthorRow)
                .values(affiliation_key=affiliation_key, **values)
                .returning(AuthorRow.id)
            ).scalar_one()
            found[author] = same[affiliation_key] = author_id
    return found


def _article_values(record: Analysis, now: datetime) -> dict[str, Any]:
    """The article's columns from its latest copy; what that copy lacks stays as it was."""
    found = {
        "title": record.metadata.title,
        "published": record.document.published,
        "outlet": record.metadata.outlet or record.metadata.site,
    }
    known = {name: value for name, value in found.items() if value is not None}
    return {"document_id": record.document.id, "updated_at": now} | known


def _bulk_insert(table: type[Base]) -> Any:
    """An ORM bulk INSERT that sends NULLs rather than leaving out the columns that are None.

    Without it SQLAlchemy leaves a row's None columns out of its INSERT, so rows with and
    without a due date, a cue or a speaker entity go in separate statements: storing 300
    analyses of the example in batches of 100 took 2,745 statements, with it 51 (no column
    has a default that a NULL would override).
    """
    return insert(table).execution_options(render_nulls=True)


def _store_documents(session: Session, latest: dict[str, _Plan], now: datetime) -> None:
    """Replace the ``documents`` rows of every record in the batch."""
    session.execute(delete(StoredDocument).where(StoredDocument.id.in_(list(latest))))
    session.execute(
        _bulk_insert(StoredDocument),
        [
            {
                "id": document_id,
                "article_id": plan.article_id,
                "source": plan.record.document.source,
                "site": plan.record.metadata.site,
                "published": plan.record.document.published,
                "analysis": plan.record.to_json(indent=None),
                "stored_at": now,
            }
            for document_id, plan in latest.items()
        ],
    )


def _store_articles(session: Session, plans: Sequence[_Plan], now: datetime) -> None:
    """Insert new articles and point every touched article at its latest copy."""
    latest = {plan.article_id: plan for plan in plans}
    new = {plan.article_id: plan for plan in plans if plan.status == "new"}
    if new:
        session.execute(
            _bulk_insert(Article),
            [
                {"id": article_id, "body_key": body_key(plan.record), "added_at": now}
                | {"title": None, "published": None, "outlet": None}
                | _article_values(latest[article_id].record, now)
                for article_id, plan in new.items()
            ],
        )
    for article_id, plan in latest.items():
        if article_id not in new:
            session.execute(
                update(Article)
                .where(Article.id == article_id)
                .values(**_article_values(plan.record, now))
            )


def _clear(session: Session, articles: list[str]) -> tuple[dict[tuple[str, str], int], set[Any]]:
    """Delete the derived rows of articles; return old prediction ids and resolved keys."""
    for table in (ArticleAuthor, AttributionRow, UnitRow):
        session.execute(delete(table).where(table.article_id.in_(articles)))
    old_ids = {
        (article_id, key): prediction_id
        for prediction_id, article_id, key in session.execute(
            select(PredictionRow.id, PredictionRow.article_id, PredictionRow.text_key).where(
                PredictionRow.article_id.in_(articles)
            )
        ).all()
    }
    session.execute(delete(PredictionRow).where(PredictionRow.article_id.in_(articles)))
    resolved = set(
        session.execute(
            select(Resolution.article_id, Resolution.text_key).where(
                Resolution.article_id.in_(articles)
            )
        ).all()
    )
    return old_ids, resolved


def _replace_rows(session: Session, latest: dict[str, Analysis]) -> dict[str, int]:
    """Replace the derived rows of each article; return resolutions kept per article."""
    old_ids, resolved = _clear(session, list(latest))
    authors = _author_ids(
        session, ((a.name, a.affiliation) for r in latest.values() for a in r.metadata.authors)
    )
    kept: dict[str, int] = {}
    new: dict[str, list[dict[str, Any]]] = {"bylines": [], "attributions": [], "units": []}
    new |= {"kept_ids": [], "fresh": []}
    for article_id, record in latest.items():
        new["bylines"] += [
            {"article_id": article_id, "position": position, "role": author.role}
            | {"author_id": authors[(author.name, author.affiliation)]}
            for position, author in enumerate(record.metadata.authors)
        ]
        rows = article_rows(record)
        new["attributions"] += [{"article_id": article_id} | row for row in rows.attributions]
        new["units"] += [{"article_id": article_id} | row for row in rows.units]
        for row in rows.predictions:
            key = (article_id, row["text_key"])
            if key in old_ids:
                new["kept_ids"].append({"id": old_ids[key], "article_id": article_id} | row)
            else:
                new["fresh"].append({"article_id": article_id} | row)
        kept[article_id] = sum(
            (article_id, row["text_key"]) in resolved for row in rows.predictions
        )
    targets: dict[str, type[Base]] = {
        "bylines": ArticleAuthor,
        "attributions": AttributionRow,
        "units": UnitRow,
        "kept_ids": PredictionRow,
        "fresh": PredictionRow,
    }
    for name, target in targets.items():
        if new[name]:
            session.execute(_bulk_insert(target), new[name])
    _relink(session, list(latest))
    return kept


def _relink(session: Session, articles: list[str]) -> None:
    """Point each resolution of these articles at the prediction that now has its text."""
    now_with_text = (
        select(PredictionRow.id)
        .where(
            PredictionRow.article_id == Resolution.article_id,
            PredictionRow.text_key == Resolution.text_key,
        )
        .scalar_subquery()
    )
    session.execute(
        update(Resolution)
        .where(Resolution.article_id.in_(articles))
        .values(prediction_id=now_with_text)
        .execution_options(synchronize_session=False)
    )


def add_analyses(session: Session, records: Iterable[Analysis], now: datetime) -> list[AddResult]:
    """Store a batch of analyses over one open transaction; return what each one did."""
    batch = list(records)
    if not batch:
        return []
    plans = _plan(session, batch)
    _store_articles(session, plans, now)
    _store_documents(session, {p.record.document.id: p for p in plans}, now)
    kept = _replace_rows(session, {p.article_id: p.record for p in plans})
    return [
        AddResult(
            document_id=plan.record.document.id,
            article_id=plan.article_id,
            status=plan.status,
            title=plan.record.metadata.title,
            predictions=len(plan.record.predictions),
            resolutions_kept=kept[plan.article_id],
        )
        for plan in plans
    ]

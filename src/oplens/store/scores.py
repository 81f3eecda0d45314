"""Author scorecards from the ledger: counts aggregated in SQL, scores in one pass."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import ColumnElement, Integer, and_, case, func, or_, select
from sqlalchemy.orm import Session

from oplens.scoring import Score, score_by_author
from oplens.store.reading import score_rows
from oplens.store.rows import normalise
from oplens.store.tables import ArticleAuthor, AuthorRow, PredictionRow, Resolution


class AuthorScore(BaseModel):
    """One author's record: counts of their own predictions, scores, and the pool's gap."""

    model_config = ConfigDict(frozen=True)

    author_id: int
    name: str
    affiliation: str | None
    predictions: int
    not_due: int
    due: int
    resolved: int
    ambiguous: int
    score: Score
    brier_vs_pooled: float | None
    log_vs_pooled: float | None


class ScoreReport(BaseModel):
    """Every author's scorecard as of a date, and the pooled score they are compared with."""

    model_config = ConfigDict(frozen=True)

    as_of: date
    authors: tuple[AuthorScore, ...]
    pooled: Score


def _counts(
    session: Session, as_of: date, author: str | None
) -> list[tuple[int, str, str | None, int, int, int, int, int]]:
    """Per author: own predictions, not yet due, due, resolved, ambiguous (one query)."""
    unresolved = Resolution.outcome.is_(None)

    def tally(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0).cast(Integer)

    query = (
        select(
            AuthorRow.id,
            AuthorRow.name,
            AuthorRow.affiliation,
            func.count(PredictionRow.id),
            tally(and_(unresolved, or_(PredictionRow.due.is_(None), PredictionRow.due > as_of))),
            tally(and_(unresolved, PredictionRow.due <= as_of)),
            func.count(Resolution.outcome),
            tally(Resolution.outcome == "ambiguous"),
        )
        .join(ArticleAuthor, ArticleAuthor.author_id == AuthorRow.id)
        .join(
            PredictionRow,
            and_(
                PredictionRow.article_id == ArticleAuthor.article_id,
                PredictionRow.holder == "author",
            ),
        )
        .outerjoin(
            Resolution,
            and_(
                Resolution.article_id == PredictionRow.article_id,
                Resolution.text_key == PredictionRow.text_key,
            ),
        )
        .group_by(AuthorRow.id, AuthorRow.name, AuthorRow.affiliation)
        .order_by(AuthorRow.id)
    )
    if author:
        query = query.where(AuthorRow.name_key.contains(normalise(author), autoescape=True))
    return list(session.execute(query).all())


def _gap(mine: float | None, pooled: float | None) -> float | None:
    return None if mine is None or pooled is None else mine - pooled


def author_scores(session: Session, *, as_of: date, author: str | None = None) -> ScoreReport:
    """Score every author (or those whose name contains ``author``) as of a date.

    The pooled score is always over every author's predictions, so a filtered report still
    compares each author with the whole ledger.
    """
    counts = _counts(session, as_of, author)
    per_author, pooled = score_by_author(score_rows(session, as_of=as_of))
    empty = Score(
        scored=0, brier=None, log_score=None, base_rate=None, base_rate_brier=None, calibration=()
    )
    cards = []
    for author_id, name, affiliation, total, not_due, due, resolved, ambiguous in counts:
        score = per_author.get(author_id, empty)
        cards.append(
            AuthorScore(
                author_id=author_id,
                name=name,
                affiliation=affiliation,
                predictions=total,
                not_due=not_due,
                due=due,
                resolved=resolved,
                ambiguous=ambiguous,
                score=score,
                brier_vs_pooled=_gap(score.brier, pooled.brier),
                log_vs_pooled=_gap(score.log_score, pooled.log_score),
            )
        )
    return ScoreReport(as_of=as_of, authors=tuple(cards), pooled=pooled)

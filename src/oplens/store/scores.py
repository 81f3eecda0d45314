"""Author scorecards from the ledger: counts aggregated in SQL, scores in one pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import ColumnElement, Integer, and_, case, func, select
from sqlalchemy.orm import Session

from oplens.scoring import (
    BIN_EPSILON,
    BINS,
    LOG_CLIP,
    BinSums,
    Score,
    add,
    score_bins,
)
from oplens.store.rows import normalise
from oplens.store.tables import ArticleAuthor, AuthorRow, PredictionRow, Resolution

_OWN = PredictionRow.holder == "author"
_RESOLVED = Resolution.prediction_id == PredictionRow.id


@dataclass
class _Tally:
    """One author's counts by status (not_due, due, resolved, ambiguous) and per-bin sums."""

    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("not_due", "due", "resolved", "ambiguous"), 0)
    )
    bins: dict[int, BinSums] = field(default_factory=dict)


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


def _scorable(as_of: date) -> ColumnElement[bool]:
    """Resolved with a scored outcome, and due on or before ``as_of`` (or never due)."""
    # coalesce, not "due IS NULL OR due <= ?": SQLite would read predictions through the
    # due index for the OR, 0.45 s instead of 0.11 s for the pooled sums of 100,000.
    return and_(Resolution.value.is_not(None), func.coalesce(PredictionRow.due, date.min) <= as_of)


def _bin_and_sums() -> list[Any]:
    """SQL for the calibration bin and the ``BinSums`` (the formulas of ``oplens.scoring``)."""
    p, o = PredictionRow.probability, Resolution.value
    clipped = case((p < LOG_CLIP, LOG_CLIP), (p > 1 - LOG_CLIP, 1 - LOG_CLIP), else_=p)
    return [
        func.floor(p * BINS + BIN_EPSILON).cast(Integer),  # 10 for p = 1: see _bin
        func.count(),
        func.sum(p),
        func.sum(o),
        func.sum(o * o),
        func.sum((p - o) * (p - o)),
        func.sum(o * func.ln(clipped) + (1 - o) * func.ln(1 - clipped)),
    ]


def _sums(row: Sequence[Any]) -> BinSums:
    count, *rest = row
    return BinSums(int(count), *(float(x or 0.0) for x in rest))


_OWN_ROWS = and_(PredictionRow.article_id == ArticleAuthor.article_id, _OWN)


def _per_author(session: Session, as_of: date, author: str | None) -> dict[int, _Tally]:
    """Every author's counts by status, and per-bin sums of their scorable predictions.

    Two grouped queries: the counts touch every own prediction, the sums only the scorable
    ones (on 100,000 predictions, 0.4 s as one query with every sum, 0.25 s as two).
    """
    due = PredictionRow.due
    status = case(
        (Resolution.outcome == "ambiguous", "ambiguous"),
        (Resolution.outcome.is_not(None), "resolved"),
        (and_(due.is_not(None), due <= as_of), "due"),
        else_="not_due",
    )
    counts = (
        select(ArticleAuthor.author_id, status, func.count())
        .join(PredictionRow, _OWN_ROWS)
        .outerjoin(Resolution, _RESOLVED)
        .group_by(ArticleAuthor.author_id, status)
    )
    bin_, *sums = _bin_and_sums()
    scored = (
        select(ArticleAuthor.author_id, bin_, *sums)
        .join(PredictionRow, _OWN_ROWS)
        .join(Resolution, _RESOLVED)
        .where(_scorable(as_of))
        .group_by(ArticleAuthor.author_id, bin_)
    )
    if author:
        counts = counts.where(ArticleAuthor.author_id.in_(_named(author)))
        scored = scored.where(ArticleAuthor.author_id.in_(_named(author)))
    tallies: dict[int, _Tally] = {}
    for author_id, kind, number in session.execute(counts).all():
        tallies.setdefault(author_id, _Tally()).counts[kind] = int(number)
    for author_id, index, *row in session.execute(scored).all():
        add(tallies.setdefault(author_id, _Tally()).bins, _bin(index), _sums(row))
    return tallies


def _pooled(session: Session, as_of: date) -> dict[int, BinSums]:
    """Per-bin sums over distinct scorable own predictions of articles with an author."""
    has_author = select(ArticleAuthor.article_id).where(
        ArticleAuthor.article_id == PredictionRow.article_id
    )
    bin_, *sums = _bin_and_sums()
    query = (
        select(bin_, *sums)
        .select_from(PredictionRow)
        .join(Resolution, _RESOLVED)
        .where(_OWN, _scorable(as_of), has_author.exists())
        .group_by(bin_)
    )
    bins: dict[int, BinSums] = {}
    for index, *row in session.execute(query).all():
        add(bins, _bin(index), _sums(row))
    return bins


def _bin(index: Any) -> int:
    """The SQL bin, with p = 1 (bin 10) put in the top bin as ``scoring.bin_index`` does."""
    return min(int(index), BINS - 1)


def _named(author: str) -> Any:
    return select(AuthorRow.id).where(
        AuthorRow.name_key.contains(normalise(author), autoescape=True)
    )


def _gap(mine: float | None, pooled: float | None) -> float | None:
    return None if mine is None or pooled is None else mine - pooled


def author_scores(session: Session, *, as_of: date, author: str | None = None) -> ScoreReport:
    """Score every author (or those whose name contains ``author``) as of a date.

    Counts and sums are aggregated in SQL, grouped by author and calibration bin, so the
    time grows with the number of authors, not of predictions, once the query has run.
    The pooled score is always over every author's predictions.
    """
    tallies = _per_author(session, as_of, author)
    pooled = score_bins(_pooled(session, as_of))
    names = {
        author_id: (name, affiliation)
        for author_id, name, affiliation in session.execute(
            select(AuthorRow.id, AuthorRow.name, AuthorRow.affiliation).where(
                AuthorRow.id.in_(list(tallies))
            )
        ).all()
    }
    cards = []
    for author_id in sorted(tallies):
        tally = tallies[author_id]
        score = score_bins(tally.bins)
        counts = tally.counts
        cards.append(
            AuthorScore(
                author_id=author_id,
                name=names[author_id][0],
                affiliation=names[author_id][1],
                predictions=sum(counts.values()),
                not_due=counts["not_due"],
                due=counts["due"],
                resolved=counts["resolved"] + counts["ambiguous"],
                ambiguous=counts["ambiguous"],
                score=score,
                brier_vs_pooled=_gap(score.brier, pooled.brier),
                log_vs_pooled=_gap(score.log_score, pooled.log_score),
            )
        )
    return ScoreReport(as_of=as_of, authors=tuple(cards), pooled=pooled)

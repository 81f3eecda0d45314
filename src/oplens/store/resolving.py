"""Resolve predictions: check the values, write the resolution and its audit entry.

Every check runs before anything is written, so bad input changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oplens.errors import StoreError
from oplens.scoring import OUTCOME_VALUES
from oplens.store.tables import OUTCOMES, Article, AuditEntry, PredictionRow, Resolution


@dataclass(frozen=True)
class ResolutionInput:
    """What a person says happened to a prediction."""

    outcome: str
    resolved_on: date
    evidence: str | None
    note: str | None
    resolved_by: str


def check_resolution(given: ResolutionInput, published: date | None, today: date) -> None:
    """Check an outcome, a date and an evidence URL.

    Raises:
        StoreError: an unknown outcome, a date before the article or after today, an
            evidence link that is not an http(s) URL, or no name for who resolved it.
    """
    if given.outcome not in OUTCOMES:
        raise StoreError(
            f"invalid outcome {given.outcome!r}: expected one of {', '.join(OUTCOMES)}"
        )
    if published is not None and given.resolved_on < published:
        raise StoreError(
            f"resolution date {given.resolved_on} is before the article was published ({published})"
        )
    if given.resolved_on > today:
        raise StoreError(f"resolution date {given.resolved_on} is in the future")
    if given.evidence is not None and not given.evidence.startswith(("http://", "https://")):
        raise StoreError(f"evidence must be an http(s) URL, not {given.evidence!r}")
    if not given.resolved_by.strip():
        raise StoreError("who resolved it cannot be empty (--by)")


def _value(resolution: Resolution | None) -> str | None:
    if resolution is None:
        return None
    fields: dict[str, Any] = {
        "outcome": resolution.outcome,
        "resolved_on": resolution.resolved_on.isoformat(),
        "evidence": resolution.evidence,
        "note": resolution.note,
        "resolved_by": resolution.resolved_by,
    }
    return json.dumps(fields, sort_keys=True)


def _same(current: Resolution, given: ResolutionInput) -> bool:
    """Whether a resolution already says exactly what ``given`` says (who aside)."""
    return (current.outcome, current.resolved_on, current.evidence, current.note) == (
        given.outcome,
        given.resolved_on,
        given.evidence,
        given.note,
    )


def _fill(current: Resolution, given: ResolutionInput, now: datetime) -> None:
    current.outcome = given.outcome
    current.value = OUTCOME_VALUES.get(given.outcome)
    current.resolved_on = given.resolved_on
    current.evidence = given.evidence
    current.note = given.note
    current.resolved_by = given.resolved_by
    current.resolved_at = now


def resolve(
    session: Session, prediction_id: int, given: ResolutionInput, now: datetime, today: date
) -> bool:
    """Record what happened to one prediction, with an audit entry, in the open transaction.

    Returns:
        False when the prediction already had exactly this resolution (nothing written).

    Raises:
        StoreError: no such prediction, or the values do not pass ``check_resolution``.
    """
    found = session.execute(
        select(PredictionRow.article_id, PredictionRow.text_key, Article.published)
        .join(Article, Article.id == PredictionRow.article_id)
        .where(PredictionRow.id == prediction_id)
    ).first()
    if found is None:
        raise StoreError(f"no prediction with id {prediction_id}")
    article_id, text_key, published = found
    check_resolution(given, published, today)
    current = session.scalars(
        select(Resolution)
        .where(Resolution.article_id == article_id, Resolution.text_key == text_key)
        .with_for_update()
    ).first()
    old = _value(current)
    if current is None:
        current = Resolution(article_id=article_id, text_key=text_key, prediction_id=prediction_id)
        session.add(current)
    elif _same(current, given):
        return False
    old_outcome = current.outcome if old is not None else None
    _fill(current, given, now)
    session.add(
        AuditEntry(
            article_id=article_id,
            text_key=text_key,
            prediction_id=prediction_id,
            old_outcome=old_outcome,
            new_outcome=given.outcome,
            old_value=old,
            new_value=_value(current),
            changed_at=now,
            changed_by=given.resolved_by,
        )
    )
    session.flush()
    return True

"""Scores checked by hand: Brier, log score, partial as 0.5, bins, base rate, the pool."""

from __future__ import annotations

import math

import pytest

from oplens.scoring import LOG_CLIP, outcome_value, score, score_by_author


def test_brier_and_log_score_by_hand() -> None:
    # (0.9 - 1)² = 0.01, (0.6 - 0)² = 0.36, (0.2 - 0.5)² = 0.09: mean 0.46 / 3.
    result = score([(0.9, "true"), (0.6, "false"), (0.2, "partial")])
    assert result.scored == 3
    assert result.brier == pytest.approx(0.46 / 3)
    partial = 0.5 * math.log(0.2) + 0.5 * math.log(0.8)
    assert result.log_score == pytest.approx((math.log(0.9) + math.log(0.4) + partial) / 3)
    assert result.base_rate == pytest.approx(0.5)  # (1 + 0 + 0.5) / 3
    # mean((0.5 - o)²) over o = 1, 0, 0.5: (0.25 + 0.25 + 0) / 3.
    assert result.base_rate_brier == pytest.approx(0.5 / 3)


def test_ambiguous_is_not_scored_and_unknown_outcomes_raise() -> None:
    assert score([(0.7, "ambiguous")]).scored == 0
    assert score([(0.7, "ambiguous")]).brier is None
    assert outcome_value("partial") == 0.5
    with pytest.raises(KeyError):
        outcome_value("ambiguous")


def test_log_score_is_clipped() -> None:
    assert score([(1.0, "false")]).log_score == pytest.approx(math.log(LOG_CLIP))
    assert score([(0.0, "false")]).log_score == pytest.approx(math.log(1 - LOG_CLIP))


def test_calibration_bins() -> None:
    pairs = [(0.72, "true"), (0.78, "false"), (0.7, "true"), (0.05, "false"), (1.0, "true")]
    pairs.append((1 - 0.9, "false"))  # 0.09999999999999998: belongs in 0.1-0.2
    bins = [
        (b.lower, b.upper, b.count, b.mean_probability, b.observed)
        for b in score(pairs).calibration
    ]
    assert bins == [
        (0.0, 0.1, 1, 0.05, 0.0),
        (0.1, 0.2, 1, 1 - 0.9, 0.0),
        (0.7, 0.8, 3, pytest.approx((0.72 + 0.78 + 0.7) / 3), pytest.approx(2 / 3)),
        (0.9, 1.0, 1, 1.0, 1.0),
    ]


def test_by_author_and_pooled_counts_co_written_predictions_once() -> None:
    rows = [
        (1, 10, 0.8, "true"),  # prediction 10 is in an article by authors 1 and 2
        (2, 10, 0.8, "true"),
        (2, 11, 0.4, "true"),
        (3, 12, 0.5, "ambiguous"),
    ]
    authors, pooled = score_by_author(rows)
    assert set(authors) == {1, 2}
    assert authors[1].brier == pytest.approx(0.04)
    assert authors[2].brier == pytest.approx((0.04 + 0.36) / 2)
    assert pooled.scored == 2
    assert pooled.brier == pytest.approx((0.04 + 0.36) / 2)

"""Score forecasters: Brier and log scores, calibration bins, base rates, the pooled average.

Pure functions: over rows ``(author, prediction id, probability, outcome)`` in one pass, or
over per-bin sums (``BinSums``) that the store aggregates in SQL with the same formulas.

- ``probability`` is what oplens read from the text: the chance that the statement *as
  written* comes true. An outcome ``true`` counts as 1, ``false`` as 0, and ``partial`` as
  0.5 (half came true: a 0.8 forecast of it scores (0.8 - 0.5)² = 0.09, the same as a 0.2
  one). ``ambiguous`` outcomes are not scored at all.
- Brier score: the mean of (probability - outcome)², 0 best, 0.25 for always saying 50 %.
- Log score: the mean of outcome·ln p + (1 - outcome)·ln(1 - p), 0 best, ln 0.5 = -0.693
  for always saying 50 %; p is clipped to [0.01, 0.99] first.
- Base rate: the mean outcome (how often such statements came true); its Brier score,
  the score of always forecasting the base rate, is the bar a forecaster has to beat.
- Calibration: forecasts in ten bins of width 0.1; each bin's mean forecast against the
  mean outcome (the observed frequency), with the count.
- Pooled: every scored prediction once (a co-written piece counts once), the average an
  author is compared with (``brier_vs_pooled`` < 0: better than the pool).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

OUTCOME_VALUES: dict[str, float] = {"true": 1.0, "false": 0.0, "partial": 0.5}

# 0.01: caps the cost of one confident miss at ln 0.01 = -4.6, about 6.6 times the cost of
# a coin flip (ln 0.5 = -0.69), so a single "certainly" that failed cannot swamp a record;
# unclipped, a probability of 1 that failed would make the score minus infinity.
LOG_CLIP = 0.01
BINS = 10
BIN_EPSILON = 1e-9


class CalibrationBin(BaseModel):
    """Forecasts between ``lower`` and ``upper``: mean forecast vs observed frequency."""

    model_config = ConfigDict(frozen=True)

    lower: float
    upper: float
    count: int
    mean_probability: float
    observed: float


class Score(BaseModel):
    """The scores of one set of resolved predictions (``None`` when there are none)."""

    model_config = ConfigDict(frozen=True)

    scored: int
    brier: float | None
    log_score: float | None
    base_rate: float | None
    base_rate_brier: float | None
    calibration: tuple[CalibrationBin, ...]


class BinSums(NamedTuple):
    """Sums over the scored predictions of one calibration bin (what SQL can aggregate)."""

    n: int
    probability: float  # sum of p
    outcome: float  # sum of o
    outcome_squared: float  # sum of o²
    squared: float  # sum of (p - o)²
    log: float  # sum of o·ln p + (1 - o)·ln(1 - p), p clipped


def bin_index(probability: float) -> int:
    """Return the calibration bin of a probability: 0 for [0, 0.1), ..., 9 for [0.9, 1]."""
    # 1 - 0.9 is 0.09999999999999998 in floating point: the epsilon keeps it in 0.1-0.2.
    return min(math.floor(probability * BINS + BIN_EPSILON), BINS - 1)


def one(probability: float, outcome: float) -> BinSums:
    """Return the sums of a single scored prediction."""
    clipped = min(max(probability, LOG_CLIP), 1 - LOG_CLIP)
    log = outcome * math.log(clipped) + (1 - outcome) * math.log(1 - clipped)
    return BinSums(1, probability, outcome, outcome * outcome, (probability - outcome) ** 2, log)


def add(bins: dict[int, BinSums], index: int, more: BinSums) -> None:
    """Add sums into ``bins[index]``."""
    old = bins.get(index)
    if old is None:
        bins[index] = more
    else:
        floats = (x + y for x, y in zip(old[1:], more[1:], strict=True))
        bins[index] = BinSums(old.n + more.n, *floats)


EMPTY = Score(
    scored=0, brier=None, log_score=None, base_rate=None, base_rate_brier=None, calibration=()
)


def score_bins(bins: Mapping[int, BinSums]) -> Score:
    """Turn per-bin sums into a Score (Brier, log score, base rate, calibration)."""
    used = {index: sums for index, sums in bins.items() if sums.n}
    if not used:
        return EMPTY
    n, _, outcome, outcome_squared, squared, log = (
        sum(c) for c in zip(*used.values(), strict=True)
    )
    base_rate = outcome / n
    calibration = tuple(
        CalibrationBin(
            lower=index / BINS,
            upper=(index + 1) / BINS,
            count=sums.n,
            mean_probability=sums.probability / sums.n,
            observed=sums.outcome / sums.n,
        )
        for index, sums in sorted(used.items())
    )
    return Score(
        scored=n,
        brier=squared / n,
        log_score=log / n,
        base_rate=base_rate,
        # mean((b - o)²) = mean(o²) - b² when b is the mean of o.
        base_rate_brier=max(outcome_squared / n - base_rate**2, 0.0),
        calibration=calibration,
    )


def outcome_value(outcome: str) -> float:
    """Return the number an outcome counts as: true 1, false 0, partial 0.5.

    Raises:
        KeyError: ``ambiguous`` or any other outcome, which is not scored.
    """
    return OUTCOME_VALUES[outcome]


def score(pairs: Iterable[tuple[float, str]]) -> Score:
    """Score ``(probability, outcome)`` pairs in one pass; ambiguous outcomes are skipped."""
    bins: dict[int, BinSums] = {}
    for probability, outcome in pairs:
        if outcome in OUTCOME_VALUES:
            add(bins, bin_index(probability), one(probability, OUTCOME_VALUES[outcome]))
    return score_bins(bins)


def score_by_author(
    rows: Iterable[tuple[int, int, float, str]],
) -> tuple[dict[int, Score], Score]:
    """Score rows ``(author, prediction, probability, outcome)`` per author and pooled.

    Returns:
        Each author's score, and the pooled score over distinct predictions.
    """
    authors: dict[int, dict[int, BinSums]] = {}
    pooled: dict[int, BinSums] = {}
    seen: set[int] = set()
    for author, prediction, probability, outcome in rows:
        value = OUTCOME_VALUES.get(outcome)
        if value is None:
            continue
        sums, index = one(probability, value), bin_index(probability)
        add(authors.setdefault(author, {}), index, sums)
        if prediction not in seen:
            seen.add(prediction)
            add(pooled, index, sums)
    return {author: score_bins(bins) for author, bins in authors.items()}, score_bins(pooled)

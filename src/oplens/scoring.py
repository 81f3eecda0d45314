"""Score forecasters: Brier and log scores, calibration bins, base rates, the pooled average.

Pure functions over rows ``(author, prediction id, probability, outcome)``; the store picks
the rows (resolved, past due, held by the author, not ambiguous) and this module does one
pass over them.

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
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

OUTCOME_VALUES: dict[str, float] = {"true": 1.0, "false": 0.0, "partial": 0.5}

# 0.01: caps the cost of one confident miss at ln 0.01 = -4.6, about 6.6 times the cost of
# a coin flip (ln 0.5 = -0.69), so a single "certainly" that failed cannot swamp a record;
# unclipped, a probability of 1 that failed would make the score minus infinity.
LOG_CLIP = 0.01
BINS = 10


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


@dataclass
class _Sums:
    """Running sums for one pass over the rows."""

    count: int = 0
    squared: float = 0.0
    log: float = 0.0
    outcome: float = 0.0
    outcome_squared: float = 0.0
    bins: dict[int, list[float]] = field(default_factory=dict)

    def add(self, probability: float, outcome: float) -> None:
        self.count += 1
        self.squared += (probability - outcome) ** 2
        clipped = min(max(probability, LOG_CLIP), 1 - LOG_CLIP)
        self.log += outcome * math.log(clipped) + (1 - outcome) * math.log(1 - clipped)
        self.outcome += outcome
        self.outcome_squared += outcome * outcome
        # 1 - 0.9 is 0.09999999999999998 in floating point: the epsilon keeps it in 0.1-0.2.
        index = min(math.floor(probability * BINS + 1e-9), BINS - 1)
        sums = self.bins.setdefault(index, [0, 0.0, 0.0])
        sums[0] += 1
        sums[1] += probability
        sums[2] += outcome

    def score(self) -> Score:
        if not self.count:
            return Score(
                scored=0,
                brier=None,
                log_score=None,
                base_rate=None,
                base_rate_brier=None,
                calibration=(),
            )
        n = self.count
        base_rate = self.outcome / n
        bins = tuple(
            CalibrationBin(
                lower=index / BINS,
                upper=(index + 1) / BINS,
                count=int(count),
                mean_probability=total_p / count,
                observed=total_o / count,
            )
            for index, (count, total_p, total_o) in sorted(self.bins.items())
        )
        return Score(
            scored=n,
            brier=self.squared / n,
            log_score=self.log / n,
            base_rate=base_rate,
            # mean((b - o)²) = mean(o²) - b² when b is the mean of o.
            base_rate_brier=max(self.outcome_squared / n - base_rate**2, 0.0),
            calibration=bins,
        )


def outcome_value(outcome: str) -> float:
    """Return the number an outcome counts as: true 1, false 0, partial 0.5.

    Raises:
        KeyError: ``ambiguous`` or any other outcome, which is not scored.
    """
    return OUTCOME_VALUES[outcome]


def score(pairs: Iterable[tuple[float, str]]) -> Score:
    """Score ``(probability, outcome)`` pairs; ambiguous outcomes are skipped."""
    sums = _Sums()
    for probability, outcome in pairs:
        if outcome in OUTCOME_VALUES:
            sums.add(probability, OUTCOME_VALUES[outcome])
    return sums.score()


def score_by_author(
    rows: Iterable[tuple[int, int, float, str]],
) -> tuple[dict[int, Score], Score]:
    """Score rows ``(author, prediction, probability, outcome)`` per author and pooled.

    Returns:
        Each author's score, and the pooled score over distinct predictions.
    """
    authors: dict[int, _Sums] = {}
    pooled = _Sums()
    seen: set[int] = set()
    for author, prediction, probability, outcome in rows:
        value = OUTCOME_VALUES.get(outcome)
        if value is None:
            continue
        authors.setdefault(author, _Sums()).add(probability, value)
        if prediction not in seen:
            seen.add(prediction)
            pooled.add(probability, value)
    return {author: sums.score() for author, sums in authors.items()}, pooled.score()

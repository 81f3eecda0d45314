"""The calibration plot's geometry: forecast probability against observed frequency.

Computed here, drawn as inline SVG by a template: one point per calibration bin, at (mean
forecast, observed frequency), its area growing with the bin's count and the count written
beside it, over the diagonal of perfect calibration, with labelled axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from oplens.scoring import CalibrationBin

WIDTH, HEIGHT = 360, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 40, 24, 52
# Radii from 4 px (one prediction) to 14 px (the fullest bin): every point stays visible
# and clickable, and the fullest stays inside a 0.1-wide bin (about 29 px here).
R_MIN, R_MAX = 4.0, 14.0


class Point(BaseModel):
    """One bin drawn: where, how big, and what it says."""

    model_config = ConfigDict(frozen=True)

    x: float
    y: float
    r: float
    count: int
    label: str  # "n=3"
    tip: str  # "0.7–0.8: 3 forecasts, mean 0.73, came true 0.67"


class Tick(BaseModel):
    """A tick on both axes: its value and position."""

    model_config = ConfigDict(frozen=True)

    value: str
    x: float
    y: float


class CalibrationPlot(BaseModel):
    """Everything the template needs to draw the plot."""

    model_config = ConfigDict(frozen=True)

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    ticks: tuple[Tick, ...]
    points: tuple[Point, ...]
    scored: int


def _x(p: float) -> float:
    return LEFT + p * (WIDTH - LEFT - RIGHT)


def _y(p: float) -> float:
    return HEIGHT - BOTTOM - p * (HEIGHT - TOP - BOTTOM)


def calibration_plot(bins: Sequence[CalibrationBin]) -> CalibrationPlot:
    """Lay out a calibration plot for an author's bins (an empty plot for none)."""
    biggest = max((b.count for b in bins), default=1)
    points = []
    for b in bins:
        # Area, not radius, proportional to the count: the eye reads areas.
        r = R_MIN + (R_MAX - R_MIN) * math.sqrt((b.count - 1) / max(biggest - 1, 1))
        points.append(
            Point(
                x=round(_x(b.mean_probability), 1),
                y=round(_y(b.observed), 1),
                r=round(r, 1),
                count=b.count,
                label=f"n={b.count}",
                tip=(
                    f"{b.lower:.1f}–{b.upper:.1f}: {b.count} forecast"
                    f"{'s' if b.count != 1 else ''}, mean {b.mean_probability:.2f}, "
                    f"came true {b.observed:.2f}"
                ),
            )
        )
    ticks = tuple(
        Tick(value=f"{v / 10:.1f}", x=round(_x(v / 10), 1), y=round(_y(v / 10), 1))
        for v in range(0, 11, 2)
    )
    return CalibrationPlot(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=HEIGHT - BOTTOM,
        ticks=ticks,
        points=tuple(points),
        scored=sum(b.count for b in bins),
    )

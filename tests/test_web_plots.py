"""The calibration plot's layout: exact positions, sizes and labels."""

from __future__ import annotations

from oplens.scoring import CalibrationBin
from oplens.web.plots import calibration_plot


def test_points_sit_at_mean_forecast_and_observed_frequency() -> None:
    bins = [
        CalibrationBin(lower=0.7, upper=0.8, count=1, mean_probability=0.7, observed=1.0),
        CalibrationBin(lower=0.2, upper=0.3, count=4, mean_probability=0.25, observed=0.5),
    ]
    plot = calibration_plot(bins)
    # x: 56 + p * (360 - 56 - 40); y: 320 - 52 - f * (320 - 24 - 52)
    assert [(p.x, p.y, p.r, p.label) for p in plot.points] == [
        (240.8, 24.0, 4.0, "n=1"),
        (122.0, 146.0, 14.0, "n=4"),
    ]
    assert plot.points[1].tip == "0.2–0.3: 4 forecasts, mean 0.25, came true 0.50"
    assert plot.scored == 5
    assert [(t.value, t.x, t.y) for t in plot.ticks][::5] == [
        ("0.0", 56.0, 268.0),
        ("1.0", 320.0, 24.0),
    ]
    assert (plot.left, plot.right, plot.top, plot.bottom) == (56, 320, 24, 268)


def test_an_empty_plot_has_axes_and_no_points() -> None:
    plot = calibration_plot(())
    assert plot.points == () and plot.scored == 0 and len(plot.ticks) == 6

"""Predictions in the terminal summary and the HTML page."""

from __future__ import annotations

from datetime import date

from oplens import Analysis
from oplens.render import render_html, render_text
from oplens.render.layers import prediction_marks
from oplens.render.predictions import holder_text, horizon_text
from oplens.schema import Attribution, Horizon, Span, Speaker


def test_horizon_text() -> None:
    assert horizon_text(None) is None
    assert horizon_text(
        Horizon(text="by 2027", start=date(2025, 3, 14), end=date(2027, 12, 31))
    ) == ('"by 2027" (2025-03-14 – 2027-12-31)')
    assert horizon_text(Horizon(text="Friday", start=date(2025, 3, 14), end=date(2025, 3, 14))) == (
        '"Friday" (2025-03-14)'
    )
    assert horizon_text(Horizon(text="eventually", start=date(2025, 3, 14), end=None)) == (
        '"eventually" (2025-03-14 – open-ended)'
    )
    assert horizon_text(Horizon(text="next year")) == '"next year" (no publication date)'


def test_text_summary_lists_predictions_with_probability_horizon_and_holder(
    example: Analysis,
) -> None:
    text = render_text(example)
    assert "Predictions (6):" in text
    assert "  p3   90%  the money will pay for a new sewage plant by 2027" in text
    assert (
        '            cue "will"; horizon "by 2027" (2025-03-14 – 2027-12-31); '
        "holder a3, Okafor's finance director, Tom Reyes" in text
    )
    assert 'condition "If the levy passes in March"; holder author' in text


def test_holder_text_names_the_attribution_speaker(example: Analysis) -> None:
    prediction = next(p for p in example.predictions if p.holder == "author")
    attribution = Attribution(
        id="a1",
        speaker=Speaker(start=0, end=6, text="Okafor"),
        cue=Span(start=0, end=1, text="x"),
        content=Span(start=0, end=1, text="x"),
        kind="indirect",
    )
    reported = example.model_copy(
        update={
            "attributions": (attribution,),
            "predictions": (prediction.model_copy(update={"holder": "a1"}),),
        }
    )
    assert holder_text(reported.predictions[0], reported) == "a1, Okafor"
    assert holder_text(prediction, example) == "author"


def test_html_shades_each_prediction_with_its_facts(example: Analysis) -> None:
    marks = prediction_marks(example)
    assert len(marks) == len(example.predictions)
    first = marks[0]
    assert (first.start, first.end, first.layer, first.anchor) == (
        example.predictions[0].start,
        example.predictions[0].end,
        "predictions",
        "p1",
    )
    assert first.tip.startswith("p1 90%: the levy will raise four million pounds")
    page = render_html(example)
    assert 'value="predictions" checked' in page
    assert 'class="prediction negative"' in page

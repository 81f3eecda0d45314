"""The annotated article: findings from the record, marks with anchors, escaping."""

from __future__ import annotations

from datetime import date

from oplens import Analysis, analyze
from oplens.render.layers import LAYERS
from oplens.schema import Attribution, Horizon, Prediction, Span, Speaker
from oplens.web.article import findings, layers, stage_marks, text_html
from tests import scenario
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of

TODAY = date(2026, 10, 15)


def harbour() -> Analysis:
    return scenario.with_stand_ins(analysis_of(EXAMPLE, EXAMPLE_PUBLISHED), scenario.HARBOUR_CASE)


def test_prediction_findings_carry_probability_and_horizon() -> None:
    found = [f for f in findings(harbour(), None, TODAY) if f.layer == "predictions"]
    assert [(f.id, f.label, f.detail) for f in found] == [
        ("p1", "80 %", "horizon by 2026-09-30"),
        ("p2", "40 %", "horizon by 2026-12-31"),
    ]
    assert found[0].text == "the ships will most likely move to Kingsbridge"
    assert found[0].prediction_id is None  # not stored: no ledger id, no status


def test_attribution_and_holder_details() -> None:
    record = harbour()
    text = record.document.text
    who = text.index("Tom Reyes")
    said = text.index("argues", who) if "argues" in text[who:] else who
    content = text.index("the money will pay")
    attribution = Attribution(
        id="a1",
        speaker=Speaker(start=who, end=who + 9, text="Tom Reyes"),
        cue=Span(start=said, end=said + 6, text=text[said : said + 6]),
        content=Span(start=content, end=content + 18, text=text[content : content + 18]),
        kind="indirect",
        stance="rejected",
    )
    held = Prediction(
        start=content,
        end=content + 18,
        text=text[content : content + 18],
        id="p3",
        event="x",
        polarity="negative",
        probability=0.25,
        horizon=Horizon(text="by 2027"),
        holder="a1",
    )
    record = record.model_copy(
        update={"attributions": (attribution,), "predictions": (*record.predictions, held)}
    )
    found = {f.id: f for f in findings(record, None, TODAY)}
    assert (found["a1"].label, found["a1"].tone) == ("Tom Reyes → rejected", "rejected")
    assert found["a1"].detail == f"indirect quotation, cue “{text[said : said + 6]}”"
    assert found["p3"].detail == "horizon by 2027; negative; held by Tom Reyes"


def test_text_is_escaped_and_every_finding_anchored() -> None:
    # Not "He wrote": an attribution there would split the escaped text below into marks.
    record = analyze('He put <b onclick="x()">"bold"</b> & left.\n\nThe plan will surely fail.')
    start = record.document.text.index("The plan will surely fail")
    p = Prediction(
        start=start,
        end=start + 25,
        text=record.document.text[start : start + 25],
        id='p"1',
        event="fail",
        polarity="positive",
        probability=0.9,
    )
    record = record.model_copy(update={"predictions": (p,)})
    found = findings(record, None, TODAY)
    out = text_html(record, found, stage_marks(record))
    assert "<b onclick" not in out
    assert "&lt;b onclick=&quot;x()&quot;&gt;&quot;bold&quot;&lt;/b&gt; &amp; left." in out
    assert 'data-anchor="p&quot;1" id="p&quot;1"' in out
    assert out.count('id="p&quot;1"') == 1


def test_layers_list_the_stage_layers_then_the_shaded_kinds() -> None:
    record = harbour()
    found = findings(record, None, TODAY)
    listed = layers(record, found, stage_marks(record))
    staged = [name for name, _, _ in LAYERS]
    assert [layer.name for layer in listed][: len(staged)] == staged
    web = {layer.name: layer.marks for layer in listed if layer.drawn_by == "web"}
    if "predictions" not in staged:
        assert web["predictions"] == 2
    assert "furniture" not in web and "entities" not in web

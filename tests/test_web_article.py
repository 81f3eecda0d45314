"""The annotated article: findings from the record, marks with anchors, escaping."""

from __future__ import annotations

from datetime import date

from pytest import MonkeyPatch

from oplens import Analysis, analyze
from oplens.render.layers import LAYERS
from oplens.schema import Prediction
from oplens.web import article
from oplens.web.article import findings, layers, stage_marks, text_html
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of

TODAY = date(2026, 10, 15)


def harbour() -> Analysis:
    return analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)


def test_prediction_findings_carry_probability_and_horizon() -> None:
    found = [f for f in findings(harbour(), None, TODAY) if f.layer == "predictions"]
    assert [(f.id, f.label, f.detail) for f in found] == [
        ("p1", "90 %", "no horizon; cue “would”; held by Mayor Helen Okafor"),
        ("p2", "90 %", "no horizon; negative; cue “will”"),
        (
            "p3",
            "90 %",
            "horizon by 2027 (by 2027-12-31); cue “will”; "
            "held by Okafor's finance director, Tom Reyes",
        ),
        (
            "p4",
            "85 %",
            "horizon within two seasons (by 2025-09-14); cue “will most likely”; "
            "if “If the levy passes in March”",
        ),
        ("p5", "90 %", "no horizon; cue “will”; if “If the levy passes in March”"),
        ("p6", "45 %", "horizon next year (by 2026-12-31); cue “may”"),
    ]
    assert found[3].text == "the ships will most likely move to Kingsbridge within two seasons"
    assert found[1].tone == "negative"
    assert found[0].prediction_id is None  # not stored: no ledger id, no status


def test_attribution_findings_name_speaker_stance_and_cue() -> None:
    found = {f.id: f for f in findings(harbour(), None, TODAY) if f.layer == "attributions"}
    assert [(f.label, f.tone, f.detail) for f in found.values()] == [
        ("Mayor Helen Okafor → rejected", "rejected", "indirect quotation, cue “said”"),
        (
            "The two largest cruise lines → endorsed",
            "endorsed",
            "indirect quotation, cue “have already told”",
        ),
        (
            "Okafor's finance director, Tom Reyes → rejected",
            "rejected",
            "indirect quotation, cue “has argued”",
        ),
        ("some → neutral", "neutral", "mixed quotation, cue “described”"),
    ]
    assert found["a1"].text.startswith("that the levy would raise four million pounds")


def test_a_report_with_no_source_is_a_finding_of_the_attributions_layer() -> None:
    analysis = analyze("Mr. Quiros was accused of using $50 million for personal expenses.")
    found = [f for f in findings(analysis, None, TODAY) if f.layer == "attributions"]
    assert [(f.id, f.label, f.tone, f.detail) for f in found] == [
        ("u1", "no source named → neutral", "neutral", "indirect report, cue “was accused”")
    ]


def test_a_holder_without_its_attribution_is_named_by_id() -> None:
    record = harbour()
    record = record.model_copy(update={"attributions": record.attributions[1:]})  # a1 gone
    [p1] = [f for f in findings(record, None, TODAY) if f.id == "p1"]
    assert p1.detail == "no horizon; cue “would”; held by a1"


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


def test_layers_are_the_stage_layers_when_every_kind_has_one() -> None:
    record = harbour()
    found = findings(record, None, TODAY)
    listed = layers(record, found, stage_marks(record))
    assert [layer.name for layer in listed] == [name for name, _, _ in LAYERS]
    assert {layer.drawn_by for layer in listed} == {"stage"}
    assert [layer.marks for layer in listed] == [4, 4, 15, 6, 15]
    assert " shade" not in text_html(record, found, stage_marks(record))


def test_a_kind_no_stage_layer_draws_is_shaded_by_the_page(monkeypatch: MonkeyPatch) -> None:
    record = harbour()
    staged = [layer for layer in LAYERS if layer[0] != "predictions"]
    monkeypatch.setattr(article, "LAYERS", staged)
    found = findings(record, None, TODAY)
    listed = layers(record, found, stage_marks(record))
    assert [(layer.name, layer.drawn_by, layer.marks) for layer in listed] == [
        *((name, "stage", n) for (name, _, _), n in zip(staged, [4, 4, 15, 15], strict=True)),
        ("predictions", "web", 6),
    ]
    out = text_html(record, found, stage_marks(record))
    assert "finding-predictions tone-positive shade" in out
    assert "finding-predictions tone-negative shade" in out  # p2, "It will not"

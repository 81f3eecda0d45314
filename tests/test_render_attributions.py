"""Attributions in the terminal summary and as an HTML layer."""

from __future__ import annotations

from oplens import Analysis
from oplens.render import render_html, render_text
from oplens.render.attributions import quoted
from oplens.render.layers import attribution_marks


def test_text_summary_lists_speaker_cue_content_kind_and_stance(example: Analysis) -> None:
    text = render_text(example)
    section = text[text.index("Attributions (4):") :].split("\n\n")[0].splitlines()
    assert section[1:] == [
        '  a1 Mayor Helen Okafor [said] → "that the levy would raise four million pounds a year '
        'without costing …" (indirect; rejected: "It will not.")',
        '  a2 The two largest cruise lines [have already told] → "that they are reviewing their '
        'summer schedules" (indirect; endorsed: "It will not.")',
        "  a3 Okafor's finance director, Tom Reyes [has argued] → \"that the money will pay for a "
        'new sewage plant by 2027" (indirect; rejected: "That is wishful thinking.")',
        '  a4 some [described] → "the levy\'s first victims," (mixed; neutral)',
    ]


def test_a_linked_entity_name_is_shown_when_the_speaker_does_not_say_it(miller: Analysis) -> None:
    assert "  a3 his State Department [issued a warning]" in render_text(miller)
    lines = [line for line in render_text(miller).splitlines() if "[said Friday morning]" in line]
    assert lines == [
        '  a2 Secretary of State Mike Pompeo [said Friday morning] → "that Americans are safer '
        'now that Soleimani is gone" (indirect; rejected: "They are not.")'
    ]


def test_quoted_keeps_a_quotation_s_own_marks() -> None:
    assert quoted('"a living martyr."') == '"a living martyr."'
    assert quoted("that the plan works") == '"that the plan works"'


def test_html_layer_marks_speaker_cue_content_and_evidence(example: Analysis) -> None:
    marks = attribution_marks(example)
    first = [m for m in marks if m.anchor == "a1"]
    assert [(m.css, example.document.text[m.start : m.end]) for m in first] == [
        ("attr attr-speaker", "Mayor Helen Okafor"),
        ("attr attr-cue", "said"),
        (
            "attr attr-content attr-rejected",
            "that the levy would raise four million pounds a year without costing the town a "
            "single visitor",
        ),
        ("attr attr-evidence", "It will not."),
    ]
    page = render_html(example)
    assert 'value="attributions" checked' in page
    assert 'title="a1: Mayor Helen Okafor → indirect, rejected: &quot;It will not.&quot;"' in page


def test_reports_with_no_source_get_their_own_section_and_marks() -> None:
    from oplens import analyze

    analysis = analyze(
        "He has been harshly criticized for policies that objectors see as abuses of power."
    )
    text = render_text(analysis)
    assert "Reports with no source named (1):\n" in text
    assert (
        '  u1 (no source named) [has been harshly criticized] → "He … for policies that '
        'objectors see as abuses of power" (indirect; neutral)'
    ) in text
    marks = [m for m in attribution_marks(analysis) if m.anchor == "u1"]
    assert [(m.css, analysis.document.text[m.start : m.end]) for m in marks] == [
        ("attr attr-cue", "has been harshly criticized"),
        ("attr attr-content attr-unattributed", "He"),
        (
            "attr attr-content attr-unattributed",
            "for policies that objectors see as abuses of power",
        ),
    ]

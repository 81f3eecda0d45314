"""The argument outline in the terminal summary and the HTML page."""

from __future__ import annotations

import re

from oplens import Analysis
from oplens.arguments import find_arguments
from oplens.nlp import parse_many
from oplens.pipeline import prepare
from oplens.render import render_html, render_text
from oplens.render.arguments import argument_lines, outline
from oplens.schema import Attribution, Span, Speaker


def test_outline_puts_the_thesis_first_with_its_concession_under_it(example: Analysis) -> None:
    lines = outline(example)
    assert (lines[0].depth, lines[0].label) == (0, "thesis")
    assert lines[0].unit.text == "But that the council can tax the ships does not mean it should."
    assert (lines[1].depth, lines[1].label, lines[1].unit.text) == (
        1,
        "concedes",
        "The case for a levy on cruise ships is easy to make.",
    )
    assert sorted(line.unit.id for line in lines) == sorted(u.id for u in example.arguments.units)


def test_text_outline_lines_carry_sentence_ids_and_offsets(example: Analysis) -> None:
    lines = argument_lines(example)
    assert lines[0] == (
        "  thesis (assumption) [s3 274–337] "
        "But that the council can tax the ships does not mean it should."
    )
    rebuttal = next(line for line in lines if "It will not." in line)
    assert rebuttal == "  rebuttal (assumption) [s5 469–481] It will not."
    assert example.document.text[469:481] == "It will not."
    assert "Argument outline (15):" in render_text(example)


def test_html_outline_links_each_line_to_its_highlighted_unit(example: Analysis) -> None:
    page = render_html(example)
    assert 'value="arguments" checked' in page
    outline_part = page.split("<h2>Argument</h2>")[1].split("<h2>Findings</h2>")[0]
    links = re.findall(r'<a href="#(m\d+)">([^<]*)</a>', outline_part)
    assert len(links) == len(example.arguments.units)
    anchor, label = links[0]
    assert label == "But that the council can tax the ships does not mean it should."
    assert re.search(f'<span class="unit thesis" id="{anchor}"', page)


def test_outline_names_the_speaker_a_rebuttal_answers() -> None:
    text = "The mayor said on Tuesday that the levy would pay for itself. It will not."
    record = prepare(text)
    parsed = next(parse_many([(record.document, record.furniture)]))
    content = "the levy would pay for itself"
    start = text.index(content)
    attribution = Attribution(
        id="a1",
        speaker=Speaker(start=0, end=9, text="The mayor"),
        cue=Span(start=10, end=14, text="said"),
        content=Span(start=start, end=start + len(content), text=content),
        kind="indirect",
    )
    record = record.model_copy(
        update={"attributions": (attribution,), "sentences": parsed.sentences}
    )
    analysis = record.model_copy(update={"arguments": find_arguments(parsed, record)})
    assert [(line.depth, line.label, line.unit.text) for line in outline(analysis)] == [
        (0, "rebuttal", "It will not."),
        (
            1,
            "answers The mayor (a1)",
            "The mayor said on Tuesday that the levy would pay for itself.",
        ),
    ]

"""PolNeAR reading: brat relations with discontinuous fragments, and the body of a text."""

from __future__ import annotations

from oplens.training.polnear import GoldDocument, as_document, parse_ann, trim

ANN = (
    "T1\tSource 0 5\tFlynn\n"
    "T2\tCue 6 10\tsays\n"
    "T3\tContent 11 20;25 30\tTrump was right\n"
    "T4\tAttribution 6 10\tsays\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 40 44\tsaid\n"
    "T6\tContent 32 39\tx\n"
    "E2\tAttribution-no-source:T5 Content:T6 Cue:T5\n"
    "E3\tAttribution:T4 Source:T1\n"
)


def test_parse_ann_keeps_fragments_and_drops_relations_without_content() -> None:
    relations = parse_ann(ANN)
    assert len(relations) == 2
    assert relations[0].source == ((0, 5),)
    assert relations[0].content == ((11, 20), (25, 30))
    assert relations[1].source == ()
    assert relations[1].cue == ((40, 44),)


def test_spans_are_trimmed_and_merged() -> None:
    text = "Flynn says  Trump is right"
    relations = parse_ann(
        "T1\tSource 0 6\tFlynn \nT2\tCue 6 10\tsays\nT3\tContent 10 26\tx\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )
    gold = GoldDocument("n", "a", text, relations)
    assert gold.spans("source") == {(0, 5)}
    assert gold.spans("content") == {(12, 26)}
    assert trim(text, 10, 12) == (12, 12)


def test_as_document_makes_one_paragraph_per_line() -> None:
    document = as_document("Title here.\n\nFirst line.\nSecond  \n")
    assert [(b.start, b.end, b.text) for b in document.body] == [
        (0, 11, "Title here."),
        (13, 24, "First line."),
        (25, 31, "Second"),
    ]

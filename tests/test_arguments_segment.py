"""Segmentation into units and the cues read from them, on real parses."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from oplens.arguments.cues import cues_of, opener_of
from oplens.arguments.segment import segment
from oplens.nlp import ParsedDocument, parse_many
from oplens.pipeline import prepare


def parsed(text: str) -> ParsedDocument:
    record = prepare(text)
    return next(parse_many([(record.document, record.furniture)]))


def units(text: str) -> list[str]:
    document = parsed(text)
    return [text[s.start : s.end] for s in segment(document.doc, document.sentences)]


def test_two_main_clauses_are_two_units() -> None:
    text = "It will not deter Iran, and there is every reason to believe it will hurt us."
    assert units(text) == [
        "It will not deter Iran",
        "and there is every reason to believe it will hurt us.",
    ]


def test_trailing_causal_clause_is_its_own_unit() -> None:
    text = "The US position in Iraq may become untenable, as Iran may make it a battleground."
    assert units(text) == [
        "The US position in Iraq may become untenable",
        "as Iran may make it a battleground.",
    ]


def test_opening_concessive_clause_is_its_own_unit() -> None:
    text = "Although the levy is popular, it will drive the ships away."
    assert units(text) == ["Although the levy is popular", "it will drive the ships away."]


def test_shared_subject_and_short_pieces_stay_whole() -> None:
    assert units("Officials accused him of murder, and acting as an architect of war.") == [
        "Officials accused him of murder, and acting as an architect of war."
    ]
    assert units("As 2014 ends, the stock market is at record highs.") == [
        "As 2014 ends, the stock market is at record highs."
    ]


def test_opening_condition_stays_with_its_claim() -> None:
    assert units("If the levy passes in March, the ships will move to Kingsbridge.") == [
        "If the levy passes in March, the ships will move to Kingsbridge."
    ]


def test_each_sentence_is_at_least_one_unit() -> None:
    assert units("The moral argument is compelling. But it is not enough.") == [
        "The moral argument is compelling.",
        "But it is not enough.",
    ]


@pytest.mark.parametrize(
    ("text", "initial", "expected"),
    [
        ("But that is wrong.", True, "adversative"),
        ("However, the plan fails.", True, "adversative"),
        ("Granted, the plan is cheap.", True, "concessive"),
        ("Granted the money, they spent it.", True, None),
        ("Of course the plan is cheap.", True, "concessive"),
        ("As 2014 ends, markets rise.", True, None),
        ("as Iran may make it a battleground.", False, "causal"),
        ("That's why the council should act.", True, "conclusive"),
        ("Butter is cheap.", True, None),
    ],
)
def test_opening_markers(text: str, initial: bool, expected: str | None) -> None:
    assert opener_of(text, sentence_initial=initial) == expected


def test_cues_of_reported_speech_and_denials() -> None:
    document = parsed(
        "Pompeo said that Americans are safer now. They are not. That is wishful thinking."
    )
    spans: list[Span] = []
    for s in segment(document.doc, document.sentences):
        span = document.doc.char_span(s.start, s.end, alignment_mode="expand")
        assert span is not None
        spans.append(span)
    reported, denial, dismissal = (cues_of(span) for span in spans)
    assert reported.reported and {"safe", "americans"} <= reported.content_lemmas
    assert not reported.negated
    assert denial.negated and denial.words == 3 and not denial.reported
    assert dismissal.dismissive and not dismissal.negated


def test_first_person_belief_is_not_reported_speech() -> None:
    document = parsed("I think that the levy will fail.")
    assert not cues_of(document.doc[:]).reported

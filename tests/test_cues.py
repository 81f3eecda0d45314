"""Future cues found in a parse: kind, words, and the hedge phrase each is read as."""

from __future__ import annotations

import pytest

from oplens.cues import find_cues
from oplens.nlp import load_nlp


def cues_of(text: str) -> list[tuple[str, str, str, str]]:
    doc = load_nlp()(text)
    return [
        (cue.kind, " ".join(t.text for t in cue.tokens), cue.phrase, cue.predicate.text)
        for cue in find_cues(doc[:])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It will not deter Iran.", [("modal", "will", "will", "deter")]),
        ("The ferry won't run.", [("modal", "wo n't", "will", "run")]),
        ("Iran may make it a battleground.", [("modal", "may", "may", "make")]),
        ("The port is going to lose.", [("frame", "is going to", "is going to", "lose")]),
        ("Prices are set to rise.", [("frame", "are set to", "is set to", "rise")]),
        ("The reform is not likely to pass.", [("frame", "is not likely to", "likely", "pass")]),
        ("France stands to gain.", [("frame", "stands to", "stands to", "gain")]),
        ("I expect the talks to fail.", [("frame", "to", "will", "fail")]),
        ("The move risks a backlash.", [("frame", "risks", "risks", "risks")]),
        ("It will not.", [("ellipsis", "will", "will", "will")]),
        ("An attack is imminent.", [("predicative", "imminent", "imminent", "is")]),
        ("Forecasters predict further rain.", [("object", "predict", "predict", "rain")]),
        (
            "We have entered a crisis, likely for years.",
            [("adverb", "likely", "likely", "entered")],
        ),
    ],
)
def test_cue(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert cues_of(text) == expected


def test_words_that_are_not_cues() -> None:
    assert cues_of("You should leave and we must act.") == []
    assert cues_of("The will of the people is clear.") == []
    assert cues_of("They are more likely to report crimes.") == []
    assert cues_of("He cared about it to begin with.") == []


def test_two_clauses_give_two_cues_in_text_order() -> None:
    found = cues_of("The position may become untenable, as Iran may make it a battleground.")
    assert [(kind, word, predicate) for kind, word, _, predicate in found] == [
        ("modal", "may", "become"),
        ("modal", "may", "make"),
    ]

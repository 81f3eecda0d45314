"""Frames over a forecast and the probability they compose to."""

from __future__ import annotations

from oplens.cues import find_cues
from oplens.frames import governing_frame, hedge_adverbs, read_probability
from oplens.nlp import load_nlp


def first_cue_reading(text: str) -> tuple[str | None, bool | None, float, bool, str]:
    doc = load_nlp()(text)
    cue = find_cues(doc[:])[0]
    frame = governing_frame(cue)
    reading = read_probability(cue, frame)
    words = " ".join(t.text for t in frame.tokens) if frame else None
    author = frame.author if frame else None
    return (
        words,
        author,
        reading.probability,
        reading.flips_polarity,
        " ".join(t.text for t in reading.cue),
    )


def test_author_frame_rates_and_is_shown_as_the_cue() -> None:
    assert first_cue_reading("There is every reason to believe it will accelerate.") == (
        "every reason to believe",
        True,
        0.85,
        False,
        "every reason to believe",
    )


def test_reporting_frame_does_not_rate() -> None:
    assert first_cue_reading("Kerry warned that the release will put Americans at risk.") == (
        "warned",
        False,
        0.9,
        False,
        "will",
    )


def test_negated_frame_flips_the_polarity_and_keeps_its_value() -> None:
    assert first_cue_reading("I don't think the deal will survive.") == (
        "think",
        True,
        0.7,
        True,
        "think",
    )


def test_negated_certainty_frame_only_withdraws_the_certainty() -> None:
    words, _, probability, flips, _ = first_cue_reading(
        "It is not certain that the deal will hold."
    )
    assert (words, probability, flips) == ("It is not certain", 0.5, False)


def test_the_weaker_hedge_wins_over_a_hedged_clause() -> None:
    assert first_cue_reading("It is possible that the talks could fail.")[2] == 0.4


def test_hedge_adverbs_inside_the_clause() -> None:
    doc = load_nlp()("The ships will most likely move, and prices will no doubt rise.")
    first, second = find_cues(doc[:])
    assert [(" ".join(t.text for t in w), v) for w, v in hedge_adverbs(first)] == [
        ("most likely", 0.85)
    ]
    assert [(" ".join(t.text for t in w), v) for w, v in hedge_adverbs(second)] == [
        ("no doubt", 0.95)
    ]
    assert read_probability(second, governing_frame(second)).probability == 0.95

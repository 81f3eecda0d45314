"""Each exclusion rule names the reading that is not a forecast."""

from __future__ import annotations

import pytest

from oplens.cues import find_cues
from oplens.exclusions import exclusion, leaning_frame, reporting_head
from oplens.nlp import load_nlp


def reasons(text: str, *, has_horizon: bool = False) -> list[str | None]:
    doc = load_nlp()(text)
    sent = doc[:]
    return [exclusion(cue, sent, has_horizon=has_horizon) for cue in find_cues(sent)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Will the council act?", "question"),
        ("Trump may have compromised something.", "past"),
        ("Centring the victims would mitigate the backlash.", "counterfactual"),
        ("If he were mayor, he would cut the levy.", "counterfactual"),
        ("The party could not govern effectively.", "ability"),
        ("Mr Cameron may not care about that.", "present"),
        ("The vote was expected to pass.", "past frame"),
        ("The question over how they will be held accountable remains.", "embedded question"),
        ("We won't know whether it worked.", "uncertainty"),
        ("We hope the talks will succeed.", "wish"),
        ("You will see the lights.", "generic"),
        ("Politicians will always promise more.", "generic"),
        ("As I will argue, the levy is a mistake.", "discourse"),
        ("I would like a new harbour.", "volition"),
        ("We need a leader who will tell the truth.", "hypothetical"),
    ],
)
def test_exclusion_reason(text: str, reason: str) -> None:
    assert reason in reasons(text)


def test_forecasts_are_not_excluded() -> None:
    assert reasons("It will not deter Iran.") == [None]
    assert reasons("She said the levy would raise a million.") == [None]
    assert reasons("If the levy passes, the ships would leave.") == [None]
    assert reasons("Iran may make it the central battleground.") == [None]


def test_a_time_phrase_ahead_keeps_a_hedged_stative_verb() -> None:
    assert reasons("The port may be empty.") == ["present"]
    assert reasons("The port may be empty.", has_horizon=True) == [None]


def test_reporting_head_and_leaning_frame() -> None:
    doc = load_nlp()("At the same time he made it clear he would veto any attempts.")
    veto = next(t for t in doc if t.text == "veto")
    head = reporting_head(veto)
    assert head is not None and head.text == "made"
    doc = load_nlp()("It is questionable whether this round will be any better.")
    better = next(t for t in doc if t.lemma_ == "be" and t.i > 3)
    frame = leaning_frame(better)
    assert frame is not None and frame.text == "questionable"

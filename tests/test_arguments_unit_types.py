"""The shipped unit-type model: JSON form, the mixing of its two models, the shipped file."""

from __future__ import annotations

import math
from typing import Any

import pytest

from oplens.arguments.unit_types import load_model, model_from_json, predict_types

TINY: dict[str, Any] = {
    "classes": ["assumption", "other"],
    "intercept": [0.0, 0.0],
    "features": ["w:hello", "talk"],
    "weights": [[0.0, 2.0], [1.0, 0.0]],
}


def test_one_vs_rest_scores_are_normalised_sigmoids() -> None:
    model = model_from_json(TINY)
    low, high = 1 / (1 + math.exp(-0.0)), 1 / (1 + math.exp(-2.0))
    assert model.probabilities(["w:hello", "unknown"]).tolist() == pytest.approx(
        [low / (low + high), high / (low + high)]
    )
    assert predict_types([["w:hello"], ["talk"]], model) == ["other", "assumption"]


def test_the_cue_model_is_mixed_in_by_its_weight() -> None:
    cues = {"classes": TINY["classes"], "intercept": [0.0, 0.0], "features": ["talk"]}
    model = model_from_json(
        {**TINY, "cue_model": {**cues, "weights": [[0.0, 4.0]]}, "cue_weight": 0.5}
    )
    main = model_from_json(TINY).probabilities(["talk"])
    cue_other = math.exp(4.0) / (1 + math.exp(4.0))
    expected = [0.5 * main[0] + 0.5 * (1 - cue_other), 0.5 * main[1] + 0.5 * cue_other]
    assert model.probabilities(["talk"]).tolist() == pytest.approx(expected)
    # Alone the main model says assumption (0.594); the cue model turns it to other.
    assert predict_types([["talk"]], model) == ["other"]


def test_cue_model_classes_must_match() -> None:
    cues = {**TINY, "classes": ["other", "assumption"]}
    with pytest.raises(ValueError, match="classes differ"):
        model_from_json({**TINY, "cue_model": cues, "cue_weight": 0.1})


def test_the_shipped_model_has_both_parts() -> None:
    model = load_model()
    assert sorted(model.classes) == [
        "anecdote",
        "assumption",
        "common_ground",
        "other",
        "statistics",
        "testimony",
    ]
    assert model.cues is not None and model.cues.classes == model.classes
    assert 0.0 < model.cue_weight < 0.5

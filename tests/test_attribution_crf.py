"""The attribution tagger's own Viterbi decoder and model file reader."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from oplens.attribution_crf import LABELS, CrfModel, load_model, marginals, read_model
from oplens.errors import ModelError


def tiny_model(transitions: np.ndarray | None = None) -> CrfModel:
    weights = np.zeros((3, len(LABELS)))
    weights[0, LABELS.index("B-cue")] = 2.0  # feature "w=said"
    weights[1, LABELS.index("B-source")] = 1.0  # feature "w=she"
    return CrfModel(
        index={"w=said": 0, "w=she": 1},
        weights=weights,
        transitions=np.zeros((len(LABELS), len(LABELS))) if transitions is None else transitions,
        lexicon=frozenset({"say"}),
        meta={},
    )


def test_decode_takes_the_best_label_per_token_without_transitions() -> None:
    assert tiny_model().decode([["w=she"], ["w=said"], ["w=so"]]) == ["B-source", "B-cue", "O"]


def test_transitions_can_overrule_emissions() -> None:
    transitions = np.zeros((len(LABELS), len(LABELS)))
    transitions[LABELS.index("B-source"), LABELS.index("B-cue")] = -10.0
    labels = tiny_model(transitions).decode([["w=she"], ["w=said"]])
    assert labels == ["O", "B-cue"]


def test_decode_of_nothing_is_nothing() -> None:
    assert tiny_model().decode([]) == []


def test_o_penalty_lets_a_weak_span_through() -> None:
    model = tiny_model()
    weak = [["w=she"]]
    weights = model.weights.copy()
    weights[1, 0] = 1.5  # "she" now prefers O by 0.5
    model = CrfModel(model.index, weights, model.transitions, model.lexicon, {}, o_penalty=0.0)
    assert model.decode(weak) == ["O"]
    penalised = CrfModel(model.index, weights, model.transitions, model.lexicon, {}, 1.0)
    assert penalised.decode(weak) == ["B-source"]


def test_read_model_rejects_foreign_labels(tmp_path: Path) -> None:
    path = tmp_path / "m.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump({"labels": ["O", "B-X"], "features": {}, "transitions": []}, handle)
    with pytest.raises(ModelError, match="has labels"):
        read_model(path)


def test_read_model_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="unreadable"):
        read_model(tmp_path / "absent.json.gz")


def test_the_shipped_model_loads_with_its_lexicon() -> None:
    model = load_model()
    assert {"say", "tell", "claim", "accuse"} <= model.lexicon
    assert model.weights.shape == (len(model.index) + 1, len(LABELS))


def test_marginals_are_the_softmax_of_emissions_without_transitions() -> None:
    emissions = np.array([[[1.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0], [0.0] * 7]])
    alive = np.array([[True, True]])
    probabilities = marginals(emissions, alive, np.zeros((len(LABELS), len(LABELS))))
    expected = np.exp(emissions[0, 0]) / np.exp(emissions[0, 0]).sum()
    assert np.allclose(probabilities[0, 0], expected)
    assert np.allclose(probabilities[0, 1], np.full(7, 1 / 7))


def test_marginals_of_padded_sequences_sum_to_one_per_token() -> None:
    rng = np.random.default_rng(0)
    emissions = rng.normal(size=(2, 4, len(LABELS)))
    alive = np.array([[True, True, True, True], [True, True, False, False]])
    transitions = rng.normal(size=(len(LABELS), len(LABELS)))
    probabilities = marginals(emissions, alive, transitions)
    assert np.allclose(probabilities[alive].sum(axis=1), 1.0)


def cue_model(cue_marginal: float) -> CrfModel:
    # "w=maybe" prefers O (weight 1.0) over each cue label (0.9), but the two cue labels
    # together hold 2 e^0.9 / (e^1 + 2 e^0.9 + 4) = 0.44 of the token's probability.
    weights = np.zeros((2, len(LABELS)))
    weights[0, 0] = 1.0
    weights[0, LABELS.index("B-cue")] = weights[0, LABELS.index("I-cue")] = 0.9
    return CrfModel(
        index={"w=maybe": 0},
        weights=weights,
        transitions=np.zeros((len(LABELS), len(LABELS))),
        lexicon=frozenset(),
        meta={},
        cue_marginal=cue_marginal,
    )


def test_a_likely_cue_left_o_by_the_best_path_becomes_a_cue() -> None:
    rows = [["w=maybe"], ["w=maybe"]]
    assert cue_model(1.0).decode(rows) == ["O", "O"]
    assert cue_model(0.45).decode(rows) == ["O", "O"]
    assert cue_model(0.35).decode(rows) == ["B-cue", "I-cue"]


def test_marginals_equal_those_summed_over_every_path() -> None:
    rng = np.random.default_rng(1)
    size = len(LABELS)
    emissions = rng.normal(scale=3.0, size=(1, 3, size))
    transitions = rng.normal(scale=3.0, size=(size, size))
    scores = np.zeros((size, size, size))
    for a, b, c in itertools.product(range(size), repeat=3):
        scores[a, b, c] = (emissions[0, 0, a] + emissions[0, 1, b] + emissions[0, 2, c]) + (
            transitions[a, b] + transitions[b, c]
        )
    paths = np.exp(scores - scores.max())
    paths /= paths.sum()
    expected = np.stack([paths.sum(axis=(1, 2)), paths.sum(axis=(0, 2)), paths.sum(axis=(0, 1))])
    # A fourth padding cell must change nothing and come out as zeros.
    padded = np.concatenate([emissions, np.zeros((1, 1, size))], axis=1)
    alive = np.array([[True, True, True, False]])
    probabilities = marginals(padded, alive, transitions)
    assert np.allclose(probabilities[0, :3], expected)
    assert np.all(probabilities[0, 3] == 0.0)

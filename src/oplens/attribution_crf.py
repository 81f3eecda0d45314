"""The attribution tagger's inference: a linear-chain CRF read from plain JSON, Viterbi decoded.

The weights were learned by CRFsuite (``oplens.training.attributions``) and exported as
``{feature: [[label, weight], ...]}`` plus a label-transition matrix; this module only
needs numpy. A token's label scores are the sums of its features' weights; the best label
sequence maximises those plus the transition scores.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from oplens.attribution_features import Paragraph, token_features
from oplens.attribution_verbs import Reporting
from oplens.errors import ModelError

LABELS = ("O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content")
MODEL_PATH = Path(__file__).resolve().parent / "models" / "attribution" / "crf.json.gz"

FloatArray = npt.NDArray[np.float64]
# Subtracted from every token's "O" score before decoding, to trade precision for recall.
# On dev, 0.25 and 0.5 raised recall (cue overlap 0.693 → 0.719, 0.727) but lowered the
# mean of the six F1 scores (0.730 → 0.727, 0.721), so none is applied.
O_PENALTY = 0.0
# A token the best path labels O becomes a cue when its marginal probability of being one
# passes this. Tuned on dev: 0.25, 0.35, 0.45, 0.55 gave cue overlap F1 0.789, 0.791, 0.790,
# 0.790 against 0.788 with none (1.0); source and content moved by at most 0.003.
CUE_MARGINAL = 0.35
_CUE = [LABELS.index("B-cue"), LABELS.index("I-cue")]


@dataclass(frozen=True)
class CrfModel:
    """Feature weights, transitions and the word lists of a trained tagger.

    ``lexicon`` feeds the features; ``frames`` and ``speakers`` are the verb frames that
    report in PolNeAR train and the nouns that speak there (``Reporting``), for the verb
    patterns that add what the tagger misses.
    """

    index: dict[str, int]
    weights: FloatArray
    transitions: FloatArray
    lexicon: frozenset[str]
    meta: dict[str, object]
    o_penalty: float = O_PENALTY
    frames: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    cue_marginal: float = CUE_MARGINAL

    def decode(self, rows: Sequence[Sequence[str]]) -> list[str]:
        """Return the most likely label of every token, given each token's feature names."""
        return self.decode_many([rows])[0]

    def decode_many(self, sequences: Sequence[Sequence[Sequence[str]]]) -> list[list[str]]:
        """Decode several sequences at once (one Viterbi pass over all of them, padded).

        A document's paragraphs are independent sequences; stepping through them side by
        side costs as many numpy steps as the longest paragraph has tokens, instead of as
        many as the document has. Then every token the best path leaves ``O`` whose
        marginal probability of being a cue passes ``cue_marginal`` becomes a cue.
        """
        lengths = [len(rows) for rows in sequences]
        if not any(lengths):
            return [[] for _ in sequences]
        emissions, alive = self._padded(sequences, lengths)
        paths = _viterbi(emissions, alive, self.transitions, lengths)
        if self.cue_marginal >= 1.0:
            return paths
        cue = marginals(emissions, alive, self.transitions)[:, :, _CUE].sum(axis=2)
        for k, path in enumerate(paths):
            for t, label in enumerate(path):
                if label == "O" and cue[k, t] > self.cue_marginal:
                    path[t] = "I-cue" if t and path[t - 1].endswith("cue") else "B-cue"
        return paths

    def _padded(
        self, sequences: Sequence[Sequence[Sequence[str]]], lengths: list[int]
    ) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        """The (sequences × longest × labels) emission scores, and which cells are tokens."""
        flat = self.emissions([row for rows in sequences for row in rows])
        flat[:, 0] -= self.o_penalty
        emissions = np.zeros((len(sequences), max(lengths), len(LABELS)))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        for k, (start, length) in enumerate(zip(starts, lengths, strict=True)):
            emissions[k, :length] = flat[start : start + length]
        alive = np.arange(max(lengths))[None, :] < np.asarray(lengths)[:, None]
        return emissions, alive

    def emissions(self, rows: Sequence[Sequence[str]]) -> FloatArray:
        """Return the (tokens × labels) matrix of summed feature weights.

        An unknown feature maps to the all-zero last row of ``weights``, so one flat
        look-up and one ``reduceat`` over each token's run of rows do the whole sum.
        """
        get = self.index.get
        unknown = len(self.weights) - 1
        ids = [get(feature, unknown) for row in rows for feature in row]
        lengths = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        summed: FloatArray = np.add.reduceat(self.weights[ids], starts, axis=0)
        # reduceat gives a token with no features the next token's row: zero it.
        summed[lengths == 0] = 0.0
        return summed


def read_model(path: Path) -> CrfModel:
    """Read an exported tagger.

    Raises:
        ModelError: the file is missing or is not a tagger of these labels.
    """
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise ModelError(f"attribution model unreadable at {path}: {error}") from error
    if tuple(data.get("labels", ())) != LABELS:
        raise ModelError(f"attribution model at {path} has labels {data.get('labels')}")
    names = sorted(data["features"])
    # One extra all-zero row stands for every feature the model does not know.
    weights = np.zeros((len(names) + 1, len(LABELS)))
    for row, name in enumerate(names):
        for label, weight in data["features"][name]:
            weights[row, label] = weight
    return CrfModel(
        index={name: row for row, name in enumerate(names)},
        weights=weights,
        transitions=np.asarray(data["transitions"], dtype=np.float64),
        lexicon=frozenset(data["lexicon"]),
        meta=dict(data.get("meta", {})),
        frames=frozenset(data.get("frames", ())),
        speakers=frozenset(data.get("speakers", ())),
    )


def _viterbi(
    emissions: FloatArray,
    alive: npt.NDArray[np.bool_],
    transitions: FloatArray,
    lengths: list[int],
) -> list[list[str]]:
    """The best label path of each padded sequence."""
    count, longest, size = emissions.shape
    score = emissions[:, 0].copy()
    back = np.zeros((count, longest, size), dtype=np.int64)
    for t in range(1, longest):
        candidates = score[:, :, None] + transitions[None]
        back[:, t] = candidates.argmax(axis=1)
        stepped = candidates.max(axis=1) + emissions[:, t]
        score = np.where(alive[:, t, None], stepped, score)
    out: list[list[str]] = []
    for k, length in enumerate(lengths):
        if not length:
            out.append([])
            continue
        best = [int(score[k].argmax())]
        for t in range(length - 1, 0, -1):
            best.append(int(back[k, t, best[-1]]))
        out.append([LABELS[i] for i in reversed(best)])
    return out


def marginals(
    emissions: FloatArray, alive: npt.NDArray[np.bool_], transitions: FloatArray
) -> FloatArray:
    """Each token's marginal label probabilities (forward-backward over padded sequences).

    Computed with probabilities rather than logs, each step rescaled to sum to one: a
    constant factor on every label of one position cancels out of its marginals, and one
    (sequences × labels) @ (labels × labels) product a step is several times cheaper than
    a log-sum-exp over (sequences × labels × labels). Padding cells come out as zeros.
    """
    count, longest, size = emissions.shape
    weights = np.exp(emissions - emissions.max(axis=2, keepdims=True))
    steps = np.exp(transitions - transitions.max())
    forward = np.zeros((count, longest, size))
    backward = np.ones((count, longest, size))
    forward[:, 0] = weights[:, 0] / weights[:, 0].sum(axis=1, keepdims=True)
    for t in range(1, longest):
        stepped = (forward[:, t - 1] @ steps) * weights[:, t]
        forward[:, t] = stepped / stepped.sum(axis=1, keepdims=True)
    for t in range(longest - 2, -1, -1):
        stepped = (weights[:, t + 1] * backward[:, t + 1]) @ steps.T
        stepped /= stepped.sum(axis=1, keepdims=True)
        # A sequence's last token has nothing ahead: its backward factor stays 1.
        backward[:, t] = np.where(alive[:, t + 1, None], stepped, 1.0)
    joint = np.where(alive[:, :, None], forward * backward, 0.0)
    totals = joint.sum(axis=2, keepdims=True)
    probabilities: FloatArray = np.divide(joint, totals, out=np.zeros_like(joint), where=totals > 0)
    return probabilities


@functools.cache
def load_model() -> CrfModel:
    """Load the shipped tagger once per process."""
    return read_model(MODEL_PATH)


@dataclass(frozen=True)
class Tagger:
    """Tags whole documents: features for each paragraph, then one batched decode."""

    model: CrfModel

    @property
    def lexicon(self) -> frozenset[str]:
        """The cue lexicon the features use."""
        return self.model.lexicon

    @property
    def reporting(self) -> Reporting:
        """The reporting words, frames and speaking nouns the verb patterns use."""
        model = self.model
        return Reporting(model.lexicon, model.frames, model.speakers)

    def tag(self, paragraphs: Sequence[Paragraph]) -> list[list[str]]:
        """Return the label of every token of each paragraph."""
        rows = [token_features(paragraph, self.model.lexicon) for paragraph in paragraphs]
        return self.model.decode_many(rows)


@functools.cache
def load_tagger() -> Tagger:
    """Load the shipped tagger once per process."""
    return Tagger(load_model())

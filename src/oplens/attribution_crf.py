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
from oplens.errors import ModelError

LABELS = ("O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content")
MODEL_PATH = Path(__file__).resolve().parent / "models" / "attribution" / "crf.json.gz"

FloatArray = npt.NDArray[np.float64]
# Subtracted from every token's "O" score before decoding, to trade precision for recall.
# On dev, 0.25 and 0.5 raised recall (cue overlap 0.693 → 0.719, 0.727) but lowered the
# mean of the six F1 scores (0.730 → 0.727, 0.721), so none is applied.
O_PENALTY = 0.0


@dataclass(frozen=True)
class CrfModel:
    """Feature weights, transitions and the cue lexicon of a trained tagger."""

    index: dict[str, int]
    weights: FloatArray
    transitions: FloatArray
    lexicon: frozenset[str]
    meta: dict[str, object]
    o_penalty: float = O_PENALTY

    def decode(self, rows: Sequence[Sequence[str]]) -> list[str]:
        """Return the most likely label of every token, given each token's feature names."""
        return self.decode_many([rows])[0]

    def decode_many(self, sequences: Sequence[Sequence[Sequence[str]]]) -> list[list[str]]:
        """Decode several sequences at once (one Viterbi pass over all of them, padded).

        A document's paragraphs are independent sequences; stepping through them side by
        side costs as many numpy steps as the longest paragraph has tokens, instead of as
        many as the document has.
        """
        lengths = [len(rows) for rows in sequences]
        if not any(lengths):
            return [[] for _ in sequences]
        flat = self.emissions([row for rows in sequences for row in rows])
        flat[:, 0] -= self.o_penalty
        count, longest, size = len(sequences), max(lengths), len(LABELS)
        emissions = np.zeros((count, longest, size))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        for k, (start, length) in enumerate(zip(starts, lengths, strict=True)):
            emissions[k, :length] = flat[start : start + length]
        alive = np.arange(longest)[None, :] < np.asarray(lengths)[:, None]
        score = emissions[:, 0].copy()
        back = np.zeros((count, longest, size), dtype=np.int64)
        for t in range(1, longest):
            candidates = score[:, :, None] + self.transitions[None]
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
    )


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

    def tag(self, paragraphs: Sequence[Paragraph]) -> list[list[str]]:
        """Return the label of every token of each paragraph."""
        rows = [token_features(paragraph, self.model.lexicon) for paragraph in paragraphs]
        return self.model.decode_many(rows)


@functools.cache
def load_tagger() -> Tagger:
    """Load the shipped tagger once per process."""
    return Tagger(load_model())

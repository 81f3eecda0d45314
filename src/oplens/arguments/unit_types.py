"""Unit types (Webis-Editorials-16 scheme) from the shipped linear models.

The main model is one-vs-rest logistic regression over the binary features of
``oplens.arguments.features`` (one binary model per type); a small multinomial logistic
regression over the cue features alone (no words) is mixed in: a unit takes the type with
the highest ``(1 - w) * p_main + w * p_cues``, where ``p_main`` are the binary models'
probabilities normalised to sum to one and ``p_cues`` the small model's softmax. Both are
trained by ``python -m oplens.training.unit_types`` and shipped in
``oplens/models/unit_types/weights.json`` (feature names and a weight row per feature, one
column per type, see its ``MODEL_CARD.md``); inference is sums of weight rows, done here
with numpy, so scikit-learn is needed only to train.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, cast

import numpy as np

from oplens.errors import ModelError
from oplens.schema import UnitType

MODEL_PACKAGE = "oplens.models.unit_types"
WEIGHTS_FILE = "weights.json"


@dataclass(frozen=True)
class LinearModel:
    """A linear model over named binary features: one score per class, the largest wins."""

    classes: tuple[UnitType, ...]
    index: dict[str, int]
    weights: Any  # numpy array, one row per feature, one column per class
    intercept: Any

    def scores(self, features: Sequence[str]) -> Any:
        """Return the class scores (each type's binary logit) of one unit's features."""
        rows = [self.index[f] for f in features if f in self.index]
        total = self.weights[rows].sum(axis=0) if rows else 0.0
        return self.intercept + total


def _linear_from_json(data: dict[str, Any]) -> LinearModel:
    features = data["features"]
    weights = np.asarray(data["weights"], dtype=np.float32).reshape(len(features), -1)
    return LinearModel(
        classes=tuple(cast(UnitType, c) for c in data["classes"]),
        index={name: i for i, name in enumerate(features)},
        weights=weights,
        intercept=np.asarray(data["intercept"], dtype=np.float32),
    )


@dataclass(frozen=True)
class TypeModel:
    """The one-vs-rest model over every feature, mixed with the model over the cues."""

    main: LinearModel
    cues: LinearModel | None
    cue_weight: float

    @property
    def classes(self) -> tuple[UnitType, ...]:
        """The types, in the order of the probability columns."""
        return self.main.classes

    def probabilities(self, features: Sequence[str]) -> Any:
        """Return the mixed probability of each type for one unit's features."""
        main = 1.0 / (1.0 + np.exp(-self.main.scores(features)))
        main = main / main.sum()
        if self.cues is None or not self.cue_weight:
            return main
        logits = self.cues.scores(features)
        cues = np.exp(logits - logits.max())
        return (1.0 - self.cue_weight) * main + self.cue_weight * cues / cues.sum()


def model_from_json(data: dict[str, Any]) -> TypeModel:
    """Build the model from its JSON form.

    The main model's ``classes``, ``intercept``, ``features`` and ``weights`` at the top
    level; optionally ``cue_model`` (the same four keys, same class order) and
    ``cue_weight``.
    """
    main = _linear_from_json(data)
    cues = _linear_from_json(data["cue_model"]) if "cue_model" in data else None
    if cues is not None and cues.classes != main.classes:
        raise ValueError("cue_model classes differ from the main model's")
    return TypeModel(main=main, cues=cues, cue_weight=float(data.get("cue_weight", 0.0)))


@functools.cache
def load_model() -> TypeModel:
    """Load the shipped unit-type model once per process.

    Raises:
        ModelError: the weights file is missing or unreadable (a broken install).
    """
    try:
        text = resources.files(MODEL_PACKAGE).joinpath(WEIGHTS_FILE).read_text("utf-8")
        return model_from_json(json.loads(text))
    except (OSError, ValueError, KeyError) as error:
        raise ModelError(
            f"unit-type model unreadable ({MODEL_PACKAGE}/{WEIGHTS_FILE}): {error}"
        ) from error


def predict_types(
    features: Sequence[Sequence[str]], model: TypeModel | None = None
) -> list[UnitType]:
    """Return the most likely type of each unit, given each unit's features."""
    model = model or load_model()
    return [model.classes[int(np.argmax(model.probabilities(f)))] for f in features]

"""Unit types (Webis-Editorials-16 scheme) from the shipped linear model.

The model is one-vs-rest logistic regression over the binary features of
``oplens.arguments.features`` (one binary model per type; the type scoring highest wins),
trained by ``python -m oplens.training.unit_types`` and shipped as
``oplens/models/unit_types/weights.json`` (feature names and a weight row per feature, one
column per type, see its ``MODEL_CARD.md``); inference is a sum of weight rows, done here
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


def model_from_json(data: dict[str, Any]) -> LinearModel:
    """Build a model from its JSON form (``classes``, ``intercept``, ``features``, ``weights``)."""
    features = data["features"]
    weights = np.asarray(data["weights"], dtype=np.float32).reshape(len(features), -1)
    return LinearModel(
        classes=tuple(cast(UnitType, c) for c in data["classes"]),
        index={name: i for i, name in enumerate(features)},
        weights=weights,
        intercept=np.asarray(data["intercept"], dtype=np.float32),
    )


@functools.cache
def load_model() -> LinearModel:
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
    features: Sequence[Sequence[str]], model: LinearModel | None = None
) -> list[UnitType]:
    """Return the most likely type of each unit, given each unit's features."""
    model = model or load_model()
    return [model.classes[int(np.argmax(model.scores(f)))] for f in features]

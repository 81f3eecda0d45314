"""Train the unit-type model on Webis-Editorials-16 (``make train-unit-types``).

Reproducible: the official training split only, a fixed seed, and the regularisation
strength chosen by 5-fold cross-validation over training editorials (grouped by editorial,
so no editorial is on both sides); the validation split is scored once, at the end, and
never used to choose anything. Needs the ``train`` extra (scikit-learn)::

    python -m oplens.training.unit_types --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from oplens.arguments.features import UnitSpan, unit_features
from oplens.nlp import parse_many
from oplens.schema import BodySpan, Document, document_id
from oplens.training.webis import WebisEditorial, read_split

SEED = 13
C_GRID = (0.3, 1.0)
# Features whose largest weight magnitude over the six classes is below this are dropped
# from the shipped file: 102,163 features → 13,010 (0.7 MB) for a validation macro-F1 of
# 0.470 instead of 0.473 (6 types) and 0.797 instead of 0.796 (claim/evidence).
PRUNE_BELOW = 0.1
DECIMALS = 3
OUT = Path(__file__).resolve().parent.parent / "models" / "unit_types" / "weights.json"


def featurize(editorials: Sequence[WebisEditorial]) -> tuple[list[list[str]], list[str], list[int]]:
    """Parse the editorials and return unit features, gold types and editorial numbers."""
    documents = [
        Document(
            id=document_id(e.text),
            text=e.text,
            body=tuple(BodySpan(start=a, end=b, text=e.text[a:b]) for a, b in e.paragraphs),
        )
        for e in editorials
    ]
    features: list[list[str]] = []
    types: list[str] = []
    groups: list[int] = []
    parsed = parse_many((d, ()) for d in documents)
    for number, (editorial, parse) in enumerate(zip(editorials, parsed, strict=True)):
        spans = [UnitSpan(u.start, u.end, _paragraph(editorial, u.start)) for u in editorial.units]
        features.extend(unit_features(parse.doc, spans, len(editorial.paragraphs)))
        types.extend(u.type for u in editorial.units)
        groups.extend([number] * len(editorial.units))
    return features, types, groups


def _paragraph(editorial: WebisEditorial, offset: int) -> int:
    for index, (start, end) in enumerate(editorial.paragraphs):
        if start <= offset <= end:
            return index
    return len(editorial.paragraphs) - 1


def claim_vs_evidence(types: Sequence[str]) -> list[str | None]:
    """Map types to claim (assumption, common ground) or evidence; ``other`` to None."""
    return [
        None
        if t == "other"
        else "evidence"
        if t in {"anecdote", "statistics", "testimony"}
        else "claim"
        for t in types
    ]


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Each type's F1, macro-F1 over the six types and over claim vs evidence.

    ``other`` units are left out of the claim-vs-evidence score.
    """
    from sklearn.metrics import f1_score

    pairs = [
        (g, p)
        for g, p in zip(claim_vs_evidence(gold), claim_vs_evidence(predicted), strict=True)
        if g is not None
    ]
    labels = sorted(set(gold))
    per_type = f1_score(gold, predicted, labels=labels, average=None)
    return {
        **{f"f1_{label}": round(float(v), 3) for label, v in zip(labels, per_type, strict=True)},
        "macro_f1_6": float(f1_score(gold, predicted, average="macro")),
        "macro_f1_claim_evidence": float(
            f1_score([g for g, _ in pairs], [p or "claim" for _, p in pairs], average="macro")
        ),
    }


def _fit(matrix: Any, types: Sequence[str], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED)
    return model.fit(matrix, list(types))


def choose_c(
    matrix: Any, types: Sequence[str], groups: Sequence[int]
) -> tuple[float, dict[float, dict[str, float]]]:
    """Return the C with the best cross-validated 6-way macro-F1, and every C's scores."""
    from sklearn.model_selection import GroupKFold

    results: dict[float, dict[str, float]] = {}
    for c in C_GRID:
        gold: list[str] = []
        guess: list[str] = []
        for train, test in GroupKFold(n_splits=5).split(matrix, types, groups):
            model = _fit(matrix[train], [types[i] for i in train], c)
            gold.extend(types[i] for i in test)
            guess.extend(model.predict(matrix[test]))
        results[c] = scores(gold, guess)
    return max(results, key=lambda c: (results[c]["macro_f1_6"], -c)), results


def to_json(model: Any, names: Sequence[str]) -> dict[str, Any]:
    """The shipped form: classes, intercept, and the unpruned features' weight rows."""
    weights = model.coef_.T
    keep = [i for i in range(len(names)) if abs(weights[i]).max() >= PRUNE_BELOW]
    return {
        "classes": list(model.classes_),
        "intercept": [round(float(v), DECIMALS) for v in model.intercept_],
        "features": [names[i] for i in keep],
        "weights": [[round(float(v), DECIMALS) for v in weights[i]] for i in keep],
    }


def train(data: Path, out: Path) -> dict[str, Any]:
    """Train, score on validation, write the weights; return the report."""
    from sklearn.feature_extraction import DictVectorizer

    from oplens.arguments.unit_types import model_from_json, predict_types

    train_x, train_y, groups = featurize(read_split(data, "training"))
    valid_x, valid_y, _ = featurize(read_split(data, "validation"))
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(f, 1) for f in train_x])
    c, cv = choose_c(matrix, train_y, groups)
    model = _fit(matrix, train_y, c)
    shipped = to_json(model, list(vectorizer.get_feature_names_out()))
    full = model.predict(vectorizer.transform([dict.fromkeys(f, 1) for f in valid_x]))
    pruned = predict_types(valid_x, model_from_json(shipped))
    out.write_text(json.dumps(shipped, separators=(",", ":")) + "\n", encoding="utf-8")
    return {
        "train_units": len(train_y),
        "train_counts": dict(Counter(train_y)),
        "validation_units": len(valid_y),
        "cv_by_c": cv,
        "c": c,
        "features_total": matrix.shape[1],
        "features_shipped": len(shipped["features"]),
        "validation_full": scores(valid_y, list(full)),
        "validation_shipped": scores(valid_y, pruned),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, train, print the report as JSON."""
    parser = argparse.ArgumentParser(
        prog="python -m oplens.training.unit_types", description=__doc__
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    print(json.dumps(train(args.data, args.out), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

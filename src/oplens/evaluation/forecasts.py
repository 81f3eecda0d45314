"""Predictions: detection and calibration on future-statements dev and our editorial gold set.

Future-statements dev (``forecasts/future-statements-en/dev.json``): news articles whose
forecasts are labelled with paraphrases, not offsets. Each gold forecast is placed in the
oplens sentence that best matches its *Modality Evidence*: a sentence containing a quoted
fragment of the evidence (two words or more) if there is one, else the sentence with the
highest cosine between content-word sets, the evidence's words counting fully and those of
*Predicted Attribute*, *Event Variable* and *Magnitude* at half weight (the evidence is
often a rationale such as "Article states 'could lead'", not the text itself).

Scores, on both sets:

- recall: the share of gold forecasts whose sentence holds a system prediction;
- precision: the share of sentences holding a system prediction that hold a gold forecast;
- F1 from the two;
- MAE (dev only): mean |probability − Modality| over the gold forecasts found, taking in
  each sentence the prediction whose words best match the evidence.

Two reference rows show what the protocol allows: predicting every sentence, and every
sentence containing a future word (``FUTURE_WORDS``: *will*, *may*, *expect*, *plan*,
*next*, …). Only about 56 % of the gold forecasts' best-matching sentences contain any such
word (many labels are past events: "Article states definitive result"), and most sentences
with a forecast carry no label, so the ceiling on F1 is far below 1 for any detector.

The editorial gold set is ``gold/editorial_predictions.json`` (16 editorials, offsets only;
see ``gold/GUIDELINES.md``), over texts built by ``corpus.editorial_text``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from oplens.evaluation.corpus import CORPUS, editorial_text
from oplens.evaluation.table import DataMissingError, Table
from oplens.pipeline import analyze_prepared, prepare
from oplens.schema import Analysis, Prediction, Sentence

DEV = Path("forecasts") / "future-statements-en" / "dev.json"
_STOP = frozenset(
    """the a an of to in on for and or is are was were be been by with that this it its as at
    from will would may might could has have had not no he she they their his her we our
    which who said says""".split()
)
_WORD = re.compile(r"[a-z0-9]+")
# A lexical reference: any sentence with one of these words "predicts" (the protocol's ceiling
# for a detector that needs a future marker; see the module note).
FUTURE_WORDS = re.compile(
    r"\b(?:will|won't|'ll|would|shall|may|might|could|should|expect\w*|likely|unlikely|plan\w*|"
    r"set to|going to|due to|predict\w*|forecast\w*|intend\w*|aim\w*|hope\w*|promis\w*|soon|"
    r"next|tomorrow|future|possibl\w*|probabl\w*|potential\w*|risk\w*|threat\w*|warn\w*|"
    r"upcoming|prepar\w*|schedul\w*|propos\w*)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"""(?:^|[\s(])['"‘“]([^'"’”]{3,}?)['"’”](?=$|[\s.,;:)])""")


def content_words(text: str) -> frozenset[str]:
    """Lowercased words without stop words, a plural "s" dropped."""
    words = _WORD.findall(text.lower())
    return frozenset(
        w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w not in _STOP
    )


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(max(1, len(a)) * max(1, len(b)))


def best_sentence(gold: dict[str, Any], sentences: Sequence[Sentence]) -> int | None:
    """Index of the sentence that best matches a gold forecast's evidence (module note)."""
    if not sentences:
        return None
    evidence = str(gold.get("Modality Evidence") or "")
    context_text = " ".join(
        str(gold.get(key) or "")
        for key in ("Predicted Attribute", "Event Variable", "Magnitude / Predicted Value")
    )
    words, context = content_words(evidence), content_words(context_text)
    sentence_words = [content_words(s.text) for s in sentences]

    def score(index: int) -> float:
        return _cosine(words, sentence_words[index]) + 0.5 * _cosine(context, sentence_words[index])

    fragments = [f.lower() for f in _QUOTED.findall(evidence) if len(f.split()) >= 2]
    quoted = [i for i, s in enumerate(sentences) if any(f in s.text.lower() for f in fragments)]
    return max(quoted or range(len(sentences)), key=score)


def sentence_of(offset: int, sentences: Sequence[Sentence]) -> int | None:
    """Index of the sentence containing a character offset, or None."""
    for index, sentence in enumerate(sentences):
        if sentence.start <= offset < sentence.end:
            return index
    return None


@dataclass
class Counts:
    """Sentence-level detection counts, summed over documents."""

    gold: int = 0
    found: int = 0
    predicted_sentences: int = 0
    correct_sentences: int = 0

    def add(self, gold_sentences: Sequence[int | None], predicted: set[int]) -> None:
        """Add one document: each gold forecast's sentence, and the predicted sentences."""
        self.gold += len(gold_sentences)
        self.found += sum(1 for s in gold_sentences if s is not None and s in predicted)
        self.predicted_sentences += len(predicted)
        self.correct_sentences += len(predicted & {s for s in gold_sentences if s is not None})

    def scores(self) -> tuple[float, float, float]:
        """Precision, recall and F1."""
        precision = (
            self.correct_sentences / self.predicted_sentences if self.predicted_sentences else 0.0
        )
        recall = self.found / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def predicted_sentences(analysis: Analysis) -> set[int]:
    """The sentences that hold the start of at least one prediction."""
    found = (sentence_of(p.start, analysis.sentences) for p in analysis.predictions)
    return {index for index in found if index is not None}


def modality(gold: dict[str, Any]) -> float | None:
    """The gold Modality ("70%", "100", 0.7) as a probability, or None."""
    raw = str(gold.get("Modality") or "").strip().rstrip("%")
    try:
        value = float(raw)
    except ValueError:
        return None
    return value / 100 if value > 1 else value


def _closest(predictions: Iterable[Prediction], gold: dict[str, Any]) -> Prediction:
    words = content_words(
        f"{gold.get('Modality Evidence') or ''} {gold.get('Predicted Attribute') or ''}"
    )
    return max(predictions, key=lambda p: _cosine(words, content_words(p.text)))


def score_future_statements(
    articles: Sequence[dict[str, Any]], analyses: Sequence[Analysis]
) -> tuple[Counts, list[tuple[float, float]]]:
    """Detection counts and (probability, gold modality) pairs of the forecasts found."""
    counts = Counts()
    pairs: list[tuple[float, float]] = []
    for article, analysis in zip(articles, analyses, strict=True):
        golds = article["extracted"]
        places = [best_sentence(g, analysis.sentences) for g in golds]
        predicted = predicted_sentences(analysis)
        counts.add(places, predicted)
        for gold, place in zip(golds, places, strict=True):
            target = modality(gold)
            if place is None or place not in predicted or target is None:
                continue
            inside = [
                p for p in analysis.predictions if sentence_of(p.start, analysis.sentences) == place
            ]
            pairs.append((_closest(inside, gold).probability, target))
    return counts, pairs


def load_future_statements(data: Path) -> list[dict[str, Any]]:
    """The dev articles (``original_text`` and ``extracted`` forecasts).

    Raises:
        DataMissingError: the dev file is not under ``data``.
    """
    path = data / DEV
    if not path.is_file():
        raise DataMissingError(str(path))
    articles: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return articles


def reference_counts(
    articles: Sequence[dict[str, Any]], analyses: Sequence[Analysis]
) -> tuple[Counts, Counts]:
    """Counts for predicting every sentence, and every sentence with a future word."""
    every, worded = Counts(), Counts()
    for article, analysis in zip(articles, analyses, strict=True):
        places = [best_sentence(g, analysis.sentences) for g in article["extracted"]]
        every.add(places, set(range(len(analysis.sentences))))
        marked = {i for i, s in enumerate(analysis.sentences) if FUTURE_WORDS.search(s.text)}
        worded.add(places, marked)
    return every, worded


def mean_absolute_error(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Mean |prediction − gold| over the pairs, or None without any."""
    return sum(abs(p - g) for p, g in pairs) / len(pairs) if pairs else None


def evaluate_future_statements(data: Path, *, limit: int | None = None) -> Table:
    """Score detection and MAE on future-statements dev, with the reference rows.

    Raises:
        DataMissingError: the dev file is not under ``data``.
    """
    articles = load_future_statements(data)[:limit]
    analyses = list(analyze_prepared(prepare(a["original_text"]) for a in articles))
    counts, pairs = score_future_statements(articles, analyses)
    every, worded = reference_counts(articles, analyses)
    median = sorted(g for _, g in pairs)[len(pairs) // 2] if pairs else 0.0
    constant = mean_absolute_error([(median, g) for _, g in pairs])
    rows: list[tuple[str | float | int | None, ...]] = [
        ("oplens", *counts.scores(), mean_absolute_error(pairs), counts.gold),
        ("every sentence", *every.scores(), None, every.gold),
        ("every sentence with a future word", *worded.scores(), None, worded.gold),
        (f"constant {median:.2f} (the gold median, an oracle)", None, None, None, constant, None),
    ]
    sentences = (counts, every, worded)
    return Table(
        title=(
            f"Predictions on future-statements dev ({len(articles)} articles, "
            f"{counts.gold} forecasts, {len(pairs)} found with a modality)"
        ),
        columns=("system", "precision", "recall", "f1", "mae", "gold", "predicted_sentences"),
        rows=tuple(
            (*row, c.predicted_sentences if i < 3 else None)
            for i, (row, c) in enumerate(zip(rows, (*sentences, counts), strict=True))
        ),
        notes=(
            "sentence level: a gold forecast is found when a prediction lies in its "
            "best-matching sentence",
            "targets this landing: F1 >= 0.70, MAE <= 0.15",
        ),
    )


def load_editorial_gold() -> dict[str, Any]:
    """The project's own editorial gold set (offsets only)."""
    source = resources.files("oplens.evaluation") / "gold" / "editorial_predictions.json"
    gold: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return gold


def editorial_documents(data: Path) -> list[tuple[dict[str, Any], str]]:
    """Each gold document with its text, checked against the recorded hash.

    Raises:
        DataMissingError: the corpus, or one of the gold set's editorials, is absent.
        ValueError: an editorial's text differs from the one annotated.
    """
    documents = []
    for entry in load_editorial_gold()["documents"]:
        path = data / CORPUS / entry["file"]
        if not path.is_file():
            raise DataMissingError(str(path))
        text = editorial_text(path)
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != entry["sha256"]:
            raise ValueError(f"{entry['file']}: the text differs from the one annotated")
        documents.append((entry, text))
    return documents


def evaluate_editorials(data: Path) -> Table:
    """Score detection on the editorial gold set: all of it, then each split.

    Raises:
        DataMissingError: the corpus is not under ``data``.
    """
    documents = editorial_documents(data)
    analyses = analyze_prepared(prepare(text) for _, text in documents)
    counts = {"all": Counts(), "tuning": Counts(), "held-out": Counts()}
    sizes = dict.fromkeys(counts, 0)
    for (entry, _), analysis in zip(documents, analyses, strict=True):
        places = [sentence_of(g["start"], analysis.sentences) for g in entry["predictions"]]
        for split in ("all", entry.get("split", "tuning")):
            counts[split].add(places, predicted_sentences(analysis))
            sizes[split] += 1
    rows = tuple(
        (f"oplens, {split} ({sizes[split]} editorials)", *c.scores(), c.gold, c.predicted_sentences)
        for split, c in counts.items()
    )
    return Table(
        title=f"Predictions on the editorial gold set ({len(documents)} editorials)",
        columns=("system", "precision", "recall", "f1", "gold", "predicted_sentences"),
        rows=rows,
        notes=(
            "tuning: annotated before the rules were written, then studied while writing "
            "them; held-out: annotated after the rules were frozen",
            "target this landing: F1 >= 0.75",
        ),
    )


def evaluate(data: Path) -> list[Table]:
    """Both tables; either is left out when its data is absent.

    Raises:
        DataMissingError: neither data set is under ``data``.
    """
    tables: list[Table] = []
    missing: list[str] = []
    for evaluator in (evaluate_future_statements, evaluate_editorials):
        try:
            tables.append(evaluator(data))
        except DataMissingError as error:
            missing.append(str(error))
    if not tables:
        raise DataMissingError("; ".join(missing))
    return tables

"""The prediction evaluators: sentence matching, counting, and the gold set's integrity."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from oplens.evaluation import forecasts
from oplens.evaluation.corpus import CORPUS, editorial_text
from oplens.evaluation.table import DataMissingError
from oplens.schema import Sentence
from tests.conftest import DATA

SENTENCES = (
    Sentence(
        start=0, end=40, text="The storm is expected to move away soon.", id="s1", paragraph=0
    ),
    Sentence(
        start=41, end=80, text="Officials said it could intensify later.", id="s2", paragraph=0
    ),
    Sentence(start=81, end=110, text="Schools closed on Monday.", id="s3", paragraph=1),
)


def test_best_sentence_prefers_a_quoted_fragment_of_the_evidence() -> None:
    gold = {"Modality Evidence": "The article uses 'could intensify' to signal doubt."}
    assert forecasts.best_sentence(gold, SENTENCES) == 1


def test_best_sentence_falls_back_on_content_words() -> None:
    gold = {"Modality Evidence": "The storm is expected to move away.", "Predicted Attribute": "x"}
    assert forecasts.best_sentence(gold, SENTENCES) == 0
    assert forecasts.best_sentence(gold, ()) is None


def test_a_one_word_quote_does_not_decide_the_sentence() -> None:
    gold = {"Modality Evidence": "The word 'could' is used; schools closed on Monday."}
    assert forecasts.best_sentence(gold, SENTENCES) == 2


def test_counts_score_recall_by_forecast_and_precision_by_sentence() -> None:
    counts = forecasts.Counts()
    counts.add([0, 0, 2, None], {0, 1})
    assert (counts.gold, counts.found, counts.predicted_sentences, counts.correct_sentences) == (
        4,
        2,
        2,
        1,
    )
    assert counts.scores() == (0.5, 0.5, 0.5)
    assert forecasts.Counts().scores() == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("raw", "value"), [("70%", 0.7), ("100", 1.0), (0.6, 0.6), ("None", None), (None, None)]
)
def test_modality(raw: object, value: float | None) -> None:
    assert forecasts.modality({"Modality": raw}) == value


def test_sentence_of() -> None:
    assert [forecasts.sentence_of(o, SENTENCES) for o in (0, 39, 40, 41, 200)] == [
        0,
        0,
        None,
        1,
        None,
    ]


def test_gold_set_is_well_formed() -> None:
    gold = forecasts.load_editorial_gold()
    documents = gold["documents"]
    assert len(documents) >= 15
    assert gold["construction"] == "oplens.evaluation.corpus.editorial_text"
    for document in documents:
        for p in document["predictions"]:
            assert 0 <= p["start"] < p["end"] <= document["characters"]
            assert p["band"] in {"certain", "likely", "possible", "unlikely"}
            assert p["holder"] in {"author", "reported"}
            assert p["cue_start"] < p["cue_end"]
            for part in ("horizon", "condition"):
                assert (p[f"{part}_start"] is None) == (p[f"{part}_end"] is None)


def test_gold_set_matches_the_corpus_texts() -> None:
    folder = DATA
    if not (folder / CORPUS).is_dir():
        pytest.skip("the editorial corpus is absent")
    for document in forecasts.load_editorial_gold()["documents"]:
        text = editorial_text(folder / CORPUS / document["file"])
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == document["sha256"]
        assert len(text) == document["characters"]


def test_missing_data_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataMissingError):
        forecasts.evaluate_future_statements(tmp_path)
    with pytest.raises(DataMissingError):
        forecasts.evaluate_editorials(tmp_path)
    with pytest.raises(DataMissingError):
        forecasts.evaluate(tmp_path)

"""The hedge table and its composition rules."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from oplens import hedges
from tests.conftest import DATA

SURVEYS = DATA / "probability-words"


@pytest.mark.parametrize(
    ("phrase", "expected", "source"),
    [
        ("likely", 0.70, "Mauboussin 2018 median"),
        ("Almost  Certainly", 0.90, "Mauboussin 2018 median"),
        ("highly likely", 0.90, "zonination median"),
        ("probably not", 0.265, "zonination median"),
        ("almost certain", 0.93, "Kent 1964"),
        ("will", 0.90, "as almost certainly"),
        ("may", 0.45, "as mean of maybe, possibly, might happen"),
        ("might", 0.40, "as might happen"),
        ("could", 0.40, "as might happen"),
        ("may well", 0.60, "as real possibility"),
        ("is expected to", 0.75, "as probable (Kent 75)"),
        ("is bound to", 0.95, "as slam dunk"),
        ("every reason to believe", 0.85, "as we believe, intensified"),
        ("risks", 0.45, "as possibly"),
    ],
)
def test_table_lookup(phrase: str, expected: float, source: str) -> None:
    reading = hedges.reading(phrase)
    assert reading == hedges.Reading(expected, source)


def test_value_of_a_table_phrase() -> None:
    assert hedges.value("no doubt") == 0.95
    with pytest.raises(KeyError):
        hedges.value("perchance")


def test_unknown_phrase_has_no_reading() -> None:
    assert hedges.reading("perchance") is None
    assert hedges.phrase_probability("perchance") is None
    assert hedges.phrase_probability("very perchance") is None


def test_intensifier_moves_halfway_to_the_nearer_end() -> None:
    assert hedges.intensify(0.70) == pytest.approx(0.85)
    assert hedges.intensify(0.20) == pytest.approx(0.10)
    assert hedges.phrase_probability("very likely") == 0.85
    assert hedges.phrase_probability("most likely") == 0.85
    assert hedges.phrase_probability("very unlikely") == 0.10


def test_a_surveyed_compound_is_looked_up_not_composed() -> None:
    assert hedges.phrase_probability("highly likely") == 0.90
    assert hedges.phrase_probability("highly unlikely") == 0.05


def test_negated_frame_takes_the_complement_except_certainty_words() -> None:
    assert hedges.phrase_probability("likely", negated=True) == 0.30
    assert hedges.negate_frame("certain", 0.98) == 0.5
    assert hedges.negate_frame("sure", 0.95) == 0.5


def test_frame_over_will_replaces_it_and_the_weaker_hedge_wins() -> None:
    assert hedges.combine(0.85, hedges.WILL) == 0.85
    assert hedges.combine(0.70, 0.95) == 0.70
    assert hedges.combine(0.75, 0.45) == 0.45
    assert hedges.combine(0.45, 0.40) == 0.40


def test_clip_keeps_probabilities_off_zero_and_one() -> None:
    assert hedges.clip(1.0) == 0.98
    assert hedges.clip(0.0) == 0.02
    assert hedges.clip(0.7777) == 0.778


def _medians(path: Path) -> dict[str, float]:
    with path.open(encoding="utf-8") as handle:
        return {
            row["phrase"].replace("_", " ").lower(): float(row["median"])
            for row in csv.DictReader(handle)
        }


@pytest.mark.parametrize(
    ("folder", "source"),
    [
        ("mauboussin-probability-survey/mauboussin_summary.csv", "Mauboussin 2018 median"),
        ("zonination-perceptions/probly_summary.csv", "zonination median"),
    ],
)
def test_surveyed_values_equal_the_survey_medians(folder: str, source: str) -> None:
    path = SURVEYS / folder
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    medians = _medians(path)
    quoted = {k: r for k, r in hedges.READINGS.items() if r.source == source}
    assert quoted
    for phrase, reading in quoted.items():
        assert reading.probability == pytest.approx(medians[phrase] / 100), phrase

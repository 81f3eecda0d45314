"""Evidence cues: quantities, statistics words, first person, quotations around a unit."""

from __future__ import annotations

from oplens.arguments.evidence_cues import evidence_cues, inside_quotation, quotation_cues
from oplens.nlp import load_nlp

QUOTED = (
    'The ally said: "Debates favour insurgents. It is a rigged game." Then he left.\n\nNew "par'
)


def cues(text: str) -> list[str]:
    return sorted(evidence_cues(load_nlp()(text)[:]))


def test_quantities_apart_from_dates() -> None:
    assert cues("As many as one in three will suffer, up 20% since 2010.") == [
        "num_quantity",
        "num_quantity>=3",
        "num_when",
    ]


def test_a_dated_first_person_story_has_no_quantity() -> None:
    assert cues("In 2014 I met my wife in Paris.") == ["first_singular", "num_when"]


def test_statistics_words_with_a_number_and_according_to() -> None:
    assert cues("According to the study, we spend $5bn a year.") == [
        "according_to",
        "first_plural",
        "num_quantity",
        "stat_word",
        "stat_word+num",
    ]


def test_a_plain_claim_has_no_evidence_cue() -> None:
    assert cues("Taxes should be simpler.") == []


def test_inside_quotation_counts_within_the_paragraph() -> None:
    assert [inside_quotation(QUOTED, at) for at in (15, 16, 44, 70, 83, 89)] == [
        False,
        True,
        True,
        False,
        False,
        True,
    ]


def test_curly_quotes_say_which_way_they_open() -> None:
    text = "He said “we are ready” and left."
    assert (inside_quotation(text, 12), inside_quotation(text, 25)) == (True, False)


def test_quotation_cues_of_a_quote_split_into_units() -> None:
    assert sorted(quotation_cues(QUOTED, 15, 42)) == ["after_colon", "in_quote"]
    assert sorted(quotation_cues(QUOTED, 43, 63)) == ["closes_quote", "in_quote"]
    assert sorted(quotation_cues(QUOTED, 65, 78)) == []


def test_polling_and_ranking_words_are_statistics_words() -> None:
    assert cues("Polling puts it among the largest parties.") == ["stat_word"]

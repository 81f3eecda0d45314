"""Unit features: the cues of each unit, its position, and its neighbours' cues."""

from __future__ import annotations

from oplens.arguments.features import UnitSpan, unit_features
from oplens.nlp import load_nlp

TEXT = 'The ally said: "Debates favour insurgents. It is a rigged game." Then he left.'
UNITS = [UnitSpan(0, 13, 0), UnitSpan(15, 42, 0), UnitSpan(43, 64, 0), UnitSpan(65, 78, 0)]
LEXICAL = ("w:", "b:", "first:", "first2:", "first_tag:", "root_tag:", "len<=")


def cue_features() -> list[list[str]]:
    features = unit_features(load_nlp()(TEXT), UNITS, 1)
    return [[f for f in unit if not f.startswith(LEXICAL)] for unit in features]


def test_quotation_cues_reach_the_unit_and_its_neighbours() -> None:
    first, quoted, closing, last = cue_features()
    assert {"in_quote", "after_colon"} <= set(quoted)
    assert {"next:in_quote", "next:after_colon"} <= set(first)
    assert {"in_quote", "closes_quote", "prev:in_quote", "prev:after_colon"} <= set(closing)
    assert "in_quote" not in last and "conn:then" in last


def test_every_cue_of_the_closing_unit() -> None:
    assert cue_features()[2] == [
        "closes_quote",
        "doc_last3",
        "doc_pos:2",
        "first_paragraph",
        "in_quote",
        "last_paragraph",
        "next:past",
        "present_unspecific",
        "prev:after_colon",
        "prev:in_quote",
        "prev:quote",
        "quote",
        "sent_start",
    ]


def test_lexical_features_of_a_unit() -> None:
    features = unit_features(load_nlp()(TEXT), UNITS, 1)[3]
    assert [f for f in features if f.startswith(("w:", "b:", "first:", "first2:"))] == [
        "b:he_left",
        "b:then_he",
        "first2:then_he",
        "first:then",
        "w:he",
        "w:left",
        "w:then",
    ]


def test_only_the_last_three_units_are_marked_closing() -> None:
    assert ["doc_last3" in unit for unit in cue_features()] == [False, True, True, True]


def test_who_reports_someone_else_or_the_author() -> None:
    first, quoted, _, _ = cue_features()
    assert {"report", "report_by_other", "report_by_other:VBD"} <= set(first)
    assert "prev:report_by_other" in quoted
    text = "I argue that taxes are too high."
    (own,) = unit_features(load_nlp()(text), [UnitSpan(0, len(text), 0)], 1)
    assert "report_by_author" in own and "report_by_other" not in own

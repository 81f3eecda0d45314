"""Dependency patterns: naming verbs with "by … as", "according to", nominal reports."""

from __future__ import annotations

from oplens.attribution_features import paragraphs_of
from oplens.attribution_rules import rule_relations
from oplens.nlp import load_nlp


def relations_of(text: str) -> list[tuple[str, str, str]]:
    doc = load_nlp()(text)
    (paragraph,) = paragraphs_of(doc, [(0, len(text))])
    out = []
    for relation in rule_relations(paragraph):
        assert relation.source is not None
        source = doc.text[relation.source.start_char : relation.source.end_char]
        cue = doc.text[relation.cue.start_char : relation.cue.end_char]
        content = doc.text[relation.contents[0].start_char : relation.contents[0].end_char]
        out.append((source, cue, content))
    return out


def test_described_by_some_as() -> None:
    text = (
        "The US has eliminated the second most powerful man in Iran, "
        'described by some as a "living martyr."'
    )
    assert relations_of(text) == [("some", "described", 'a "living martyr."')]


def test_according_to() -> None:
    text = "According to the Finance Ministry, the deficit will double by 2026."
    assert relations_of(text) == [
        ("the Finance Ministry", "According to", "the deficit will double by 2026")
    ]


def test_nominal_report_takes_the_governing_verb_and_its_subject() -> None:
    text = (
        "Hours later, his State Department issued a warning that all Americans should leave Iraq."
    )
    assert relations_of(text) == [
        ("his State Department", "issued a warning", "that all Americans should leave Iraq")
    ]


def test_a_possessor_is_the_source_of_a_claim() -> None:
    text = "Pompeo's claim that Americans are safer did not survive the week."
    assert relations_of(text) == [("Pompeo", "claim", "that Americans are safer")]


def test_no_pattern_in_plain_narration() -> None:
    assert relations_of("The council met on Tuesday and voted for the levy.") == []

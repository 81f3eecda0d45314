"""Reporting verbs the tagger missed: "X said that Y", and verb frames mined from train."""

from __future__ import annotations

from oplens.attribution_features import paragraphs_of
from oplens.attribution_spans import Relation
from oplens.attribution_verbs import Reporting, frame_key, predicate_frame, verb_relations
from oplens.nlp import load_nlp

SAID = Reporting(frozenset({"say", "state"}))
FRAMED = Reporting(
    frozenset({"say"}), frozenset({"call|prep_for", "accuse|dobj"}), frozenset({"official"})
)


def found(text: str, reporting: Reporting) -> list[tuple[str, str, str]]:
    """The (source, cue, content) texts of the verb relations of one paragraph."""
    doc = load_nlp()(text)
    (paragraph,) = paragraphs_of(doc, [(0, len(text))])
    return [_texts(r) for r in verb_relations(paragraph, reporting)]


def _texts(relation: Relation) -> tuple[str, str, str]:
    doc = relation.cue.tokens[0].doc
    assert relation.source is not None
    (content,) = relation.contents
    return (
        doc.text[relation.source.start_char : relation.source.end_char],
        doc.text[relation.cue.start_char : relation.cue.end_char],
        doc.text[content.start_char : content.end_char],
    )


def test_a_reporting_verb_with_a_clause_reports_and_takes_its_auxiliaries() -> None:
    assert found("The Pentagon has stated that the strike was defensive.", SAID) == [
        ("The Pentagon", "has stated", "that the strike was defensive")
    ]


def test_the_author_speaking_in_the_first_person_is_no_attribution() -> None:
    assert found("We said that the strike was a mistake.", SAID) == []


def test_a_reporting_verb_without_a_clause_needs_a_frame() -> None:
    assert found("The mayor said nothing.", SAID) == []


def test_a_frame_reports_with_a_speaking_subject() -> None:
    assert found("Officials called for an inquiry into the strike.", FRAMED) == [
        ("Officials", "called for", "an inquiry into the strike")
    ]
    assert found("Senator Warren accused the general of lying.", FRAMED) == [
        ("Senator Warren", "accused", "the general of lying")
    ]


def test_a_frame_does_not_report_when_its_subject_cannot_speak() -> None:
    assert found("The streets called for an end to the war.", FRAMED) == []


def test_predicate_frame_names_the_complement_and_the_preposition() -> None:
    doc = load_nlp()("Officials called for an inquiry.")
    verb = doc[1]
    framed = predicate_frame(verb)
    assert framed is not None
    frame, complement, more = framed
    assert (frame, complement.text, [t.text for t in more]) == ("prep_for", "inquiry", ["for"])
    assert frame_key(verb, frame) == "call|prep_for"
    assert predicate_frame(doc[0]) is None


def test_reports_knows_the_lexicon_and_the_verbs_of_frames() -> None:
    reporting = Reporting(frozenset({"say"}), frames=frozenset({"accuse|prep_of"}))
    assert [reporting.reports(w) for w in ("say", "accuse", "acc", "scatter")] == [
        True,
        True,
        False,
        False,
    ]

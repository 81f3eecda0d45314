"""Grouping tagged spans into relations: the governing cue, interrupted quotes, fallbacks."""

from __future__ import annotations

from oplens.attribution_features import paragraphs_of
from oplens.attribution_spans import Relation, group, spans_from_labels
from oplens.nlp import load_nlp


def tagged(text: str, labels: dict[str, str]) -> list[Relation]:
    """Group the spans of ``text`` whose tokens are given labels by word (others O)."""
    doc = load_nlp()(text)
    (paragraph,) = paragraphs_of(doc, [(0, len(text))])
    names = [labels.get(f"{t.i}", "O") for t in paragraph.tokens]
    first, last = paragraph.tokens[0].i, paragraph.tokens[-1].i
    relations, _ = group(spans_from_labels(paragraph.tokens, names), first, last)
    return relations


def texts(relation: Relation) -> tuple[str | None, str, list[str]]:
    doc = relation.cue.tokens[0].doc
    source = relation.source
    return (
        doc.text[source.start_char : source.end_char] if source else None,
        doc.text[relation.cue.start_char : relation.cue.end_char],
        [doc.text[c.start_char : c.end_char] for c in relation.contents],
    )


def test_spans_from_labels_split_runs_and_trim_commas() -> None:
    doc = load_nlp()("Tom Reyes, said so")
    (paragraph,) = paragraphs_of(doc, [(0, len(doc.text))])
    spans = spans_from_labels(paragraph.tokens, ["B-source", "I-source", "I-source", "B-cue", "O"])
    assert [(s.role, [t.text for t in s.tokens]) for s in spans] == [
        ("source", ["Tom", "Reyes"]),
        ("cue", ["said"]),
    ]


def test_an_interrupted_quote_gives_one_cue_two_parts() -> None:
    text = '"We will win," she said, "and they know it."'
    # tokens: " We will win , " she said , " and they know it . "
    labels = {str(i): "I-content" for i in range(1, 6)} | {"0": "B-content"}
    labels |= {"6": "B-source", "7": "B-cue"}
    labels |= {"9": "B-content"} | {str(i): "I-content" for i in range(10, 16)}
    (relation,) = tagged(text, labels)
    assert texts(relation) == ("she", "said", ['"We will win,"', '"and they know it."'])


def test_a_cue_without_tagged_content_or_source_takes_them_from_the_parse() -> None:
    (relation,) = tagged("The mayor said that the levy will work.", {"2": "B-cue"})
    assert texts(relation) == ("The mayor", "said", ["that the levy will work"])


def test_a_cue_with_no_content_anywhere_is_no_relation() -> None:
    assert tagged("The mayor said nothing.", {"2": "B-cue"}) == []


def test_a_cue_ending_its_paragraph_is_left_open_for_the_next() -> None:
    doc = load_nlp()("Caddell continued:\n\nThe numbers are bad.")
    first_paragraph, second = paragraphs_of(doc, [(0, 18), (20, len(doc.text))])
    labels = ["B-source", "B-cue", "I-cue"]
    spans = spans_from_labels(first_paragraph.tokens, labels)
    relations, left_open = group(spans, 0, 2)
    assert relations == []
    assert left_open is not None
    following = spans_from_labels(
        second.tokens, ["B-content", "I-content", "I-content", "I-content", "O"]
    )
    (carried,), _ = group(following, second.tokens[0].i, second.tokens[-1].i, left_open)
    assert texts(carried) == ("Caddell", "continued:", ["The numbers are bad"])


def test_a_participle_set_off_by_a_comma_takes_the_subject_of_its_verb() -> None:
    (relation,) = tagged("Mook said on CNN, arguing that the polls were wrong.", {"5": "B-cue"})
    assert texts(relation) == ("Mook", "arguing", ["that the polls were wrong"])


def test_a_participle_after_a_noun_phrase_does_not_take_the_clause_subject() -> None:
    text = (
        "The administration contains regime changers and chicken hawks -- pushing for "
        "tougher steps against Iran."
    )
    labels = {"9": "B-cue", "10": "I-cue", "11": "B-content", "12": "I-content"}
    (relation,) = tagged(text, labels | {"13": "I-content", "14": "I-content"})
    assert texts(relation) == (None, "pushing for", ["tougher steps against Iran"])


def test_a_gerund_after_by_takes_the_subject_of_the_verb_it_modifies() -> None:
    text = "He pitched himself to voters by telling them that their lives were terrible."
    (relation,) = tagged(text, {"6": "B-cue"})
    assert texts(relation) == ("He", "telling", ["that their lives were terrible"])


def test_a_passive_without_an_agent_has_no_speaker() -> None:
    text = "His killing will be regarded as nothing short of a direct attack."
    labels = {"2": "B-cue", "3": "I-cue", "4": "I-cue", "5": "I-cue", "6": "B-content"}
    (relation,) = tagged(text, labels | {str(i): "I-content" for i in range(7, 12)})
    assert texts(relation)[0] is None


def test_a_parenthetical_cue_takes_the_clause_it_interrupts_in_two_parts() -> None:
    (relation,) = tagged("Lenox, he said, was a juggernaut.", {"2": "B-source", "3": "B-cue"})
    assert texts(relation) == ("he", "said", ["Lenox", "was a juggernaut"])


def test_a_feelings_passive_with_a_that_clause_takes_its_subject_as_source() -> None:
    text = "Protesters were frustrated that the police released only some of the footage."
    (relation,) = tagged(text, {"1": "B-cue", "2": "I-cue"})
    assert texts(relation) == (
        "Protesters",
        "were frustrated",
        ["that the police released only some of the footage"],
    )


def test_the_one_told_is_not_the_source() -> None:
    text = "He was told that the police released only some of the footage."
    (relation,) = tagged(text, {"1": "B-cue", "2": "I-cue"})
    assert texts(relation)[0] is None


def test_an_infinitive_on_the_object_takes_the_subject_of_its_verb() -> None:
    text = "Trump never missed an opportunity to remind the audience he paid for it."
    # tokens: Trump never missed an opportunity to remind the audience he paid for it .
    labels = {"5": "B-cue", "6": "I-cue", "9": "B-content", "10": "I-content"}
    (relation,) = tagged(text, labels | {"11": "I-content", "12": "I-content"})
    assert texts(relation) == ("Trump", "to remind", ["he paid for it"])

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

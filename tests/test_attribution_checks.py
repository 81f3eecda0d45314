"""Relations that look like reports and are not: passive topics, events, stranded relatives,
nouns that are things."""

from __future__ import annotations

import pytest

from oplens.attribution_checks import rejection
from oplens.attribution_spans import Relation, TaggedSpan
from oplens.nlp import load_nlp


def relation(text: str, source: tuple[int, int], cue: tuple[int, int]) -> Relation:
    """A relation over ``text`` with the given token ranges; the content is what follows."""
    doc = load_nlp()(text)
    tokens = [t for t in doc if not t.is_space]

    def span(role: str, first: int, last: int) -> TaggedSpan:
        return TaggedSpan(role, tuple(tokens[first:last]))

    return Relation(
        span("cue", *cue), span("source", *source), [span("content", cue[1], len(tokens) - 1)]
    )


REJECTED = {
    "the passive's subject is what is talked about": (
        "His killing will be regarded as nothing short of a direct attack.",
        (0, 2),
        (2, 6),
        "the speaker is the passive's subject",
    ),
    "an event cannot speak": (
        "The bombing showed that the truce was over.",
        (0, 2),
        (2, 3),
        "the speaker is an event",
    ),
    "a stranded preposition's object is the antecedent": (
        "Trump compromised something he didn't care much about to begin with.",
        (3, 4),
        (4, 9),
        "the cue's object is the relative clause's antecedent",
    ),
    "a noun that is the sentence's subject is a thing": (
        "The footage of the rally shows the officer raising his gun.",
        (3, 5),
        (0, 3),
        "the cue is a noun in another role, with no clause of what was said",
    ),
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_rejected(name: str) -> None:
    text, source, cue, reason = REJECTED[name]
    assert rejection(relation(text, source, cue)) == reason


KEPT = {
    "quoted as saying": (
        "Trump was quoted as saying that the wall would be built.",
        (0, 1),
        (1, 3),
    ),
    "a ruling speaks": ("The ruling said the law was void.", (0, 2), (2, 3)),
    "king is no gerund": ("The king said the war was over.", (0, 2), (2, 3)),
    "a relative clause with its own object": (
        "The official who said that the deal was dead resigned.",
        (2, 3),
        (3, 4),
    ),
    "a plain report": ("The mayor said that the levy will work.", (0, 2), (2, 3)),
    "a feeling's passive with a that-clause": (
        "Protesters were frustrated that the footage was cut.",
        (0, 1),
        (1, 3),
    ),
    "a report noun with its that-clause": (
        "His claim that the levy works was false.",
        (0, 1),
        (1, 2),
    ),
}


@pytest.mark.parametrize("name", sorted(KEPT))
def test_kept(name: str) -> None:
    text, source, cue = KEPT[name]
    assert rejection(relation(text, source, cue)) is None


def test_a_relation_without_a_source_is_judged_by_its_cue_alone() -> None:
    found = relation("The mayor said that the levy will work.", (0, 2), (2, 3))
    found.source = None
    assert rejection(found) is None
    thing = relation(
        "The footage of the shooting shows the officer raising his gun.", (3, 5), (0, 3)
    )
    thing.source = None
    assert rejection(thing) == "the cue is a noun in another role, with no clause of what was said"

"""Speaker linking: names inside the span, pronouns, titles, organisations, and no entity."""

from __future__ import annotations

from oplens.attribution_spans import TaggedSpan
from oplens.entities import find_entities
from oplens.nlp import ParsedDocument, parse_many
from oplens.pipeline import prepare
from oplens.schema import Entity
from oplens.speakers import link_speaker


def parsed_of(text: str) -> ParsedDocument:
    record = prepare(text)
    return next(parse_many([(record.document, record.furniture)]))


def speaker(parsed: ParsedDocument, words: str, occurrence: int = 0) -> TaggedSpan:
    """The tokens of the ``occurrence``-th appearance of ``words`` in the text."""
    start = -1
    for _ in range(occurrence + 1):
        start = parsed.doc.text.index(words, start + 1)
    span = parsed.doc.char_span(start, start + len(words))
    assert span is not None
    return TaggedSpan("source", tuple(span))


def name_of(entities: tuple[Entity, ...], entity_id: str | None) -> str | None:
    return next((e.name for e in entities if e.id == entity_id), None)


TEXT = (
    "Secretary of State Mike Pompeo spoke on Friday. The Pentagon issued a statement. "
    "Okafor's finance director, Tom Reyes, said the plan works. He said more. "
    "The secretary said less. The department said nothing. Some said otherwise."
)


def test_names_inside_the_span_and_the_head_word_wins() -> None:
    parsed = parsed_of(TEXT)
    entities = find_entities(parsed)
    found = link_speaker(speaker(parsed, "Okafor's finance director, Tom Reyes"), entities, [])
    assert name_of(entities, found) == "Tom Reyes"
    pentagon = link_speaker(speaker(parsed, "The Pentagon"), entities, [])
    assert name_of(entities, pentagon) == "Pentagon"


def test_a_pronoun_takes_the_latest_compatible_speaker() -> None:
    parsed = parsed_of(TEXT)
    entities = find_entities(parsed)
    reyes = next(e.id for e in entities if e.name == "Tom Reyes")
    pompeo = next(e.id for e in entities if e.name == "Mike Pompeo")
    he = speaker(parsed, "He")
    assert link_speaker(he, entities, [(0, pompeo), (100, reyes)]) == reyes
    assert link_speaker(he, entities, []) == reyes  # the nearest earlier person


def test_a_title_and_an_organisation_noun_find_their_entities() -> None:
    parsed = parsed_of(TEXT)
    entities = find_entities(parsed)
    secretary = link_speaker(speaker(parsed, "The secretary"), entities, [])
    assert name_of(entities, secretary) == "Mike Pompeo"
    department = link_speaker(speaker(parsed, "The department"), entities, [])
    assert name_of(entities, department) == "Pentagon"


def test_an_anonymous_speaker_links_to_nothing() -> None:
    parsed = parsed_of(TEXT)
    assert link_speaker(speaker(parsed, "Some"), find_entities(parsed), []) is None

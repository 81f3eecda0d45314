"""Link the speaker of an attribution to one of the document's entities.

In order: an entity mentioned inside the speaker span (the one holding the span's head
word, else one that is not a possessive, "Okafor's finance director, Tom Reyes" → Tom
Reyes); for a pronoun ("he said"), a compatible name earlier in the same sentence, else
the latest earlier speaker, else the nearest earlier mention of a compatible kind; for a
title ("the secretary", "the mayor"), the latest earlier entity carrying that title; for
"the company", "the agency", the nearest earlier organisation. Anything else ("some",
"critics") links to no entity.
"""

from __future__ import annotations

from collections.abc import Sequence

from oplens.attribution_spans import TaggedSpan
from oplens.schema import Entity

_PERSON = frozenset({"PERSON"})
_GROUP = frozenset({"ORG", "NORP", "GPE"})
PRONOUNS: dict[str, frozenset[str]] = {
    "he": _PERSON,
    "she": _PERSON,
    "him": _PERSON,
    "her": _PERSON,
    "it": _GROUP,
    "they": _GROUP | _PERSON,
    "them": _GROUP | _PERSON,
}
# Nouns that name an organisation already mentioned; not "the administration" or "the
# government", which stand for a country's leaders rather than the last organisation named.
_ORG_NOUNS = frozenset(
    {
        "company",
        "agency",
        "department",
        "ministry",
        "campaign",
        "firm",
        "council",
        "committee",
        "party",
        "organization",
        "organisation",
        "union",
        "bank",
    }
)
_TITLE_NOUNS = frozenset(
    {
        "secretary",
        "mayor",
        "president",
        "senator",
        "governor",
        "minister",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "ambassador",
        "general",
        "judge",
        "justice",
        "spokesman",
        "spokeswoman",
        "speaker",
        "chancellor",
        "commissioner",
        "chief",
        "congressman",
        "congresswoman",
        "leader",
        "candidate",
        "nominee",
    }
)


def link_speaker(
    speaker: TaggedSpan, entities: Sequence[Entity], earlier: Sequence[tuple[int, str | None]]
) -> str | None:
    """Return the id of the entity a speaker span names, or None when it names none.

    Args:
        speaker: the speaker's tokens.
        entities: the document's entities.
        earlier: ``(start offset, entity id)`` of the speakers of earlier attributions.
    """
    inside = _mentioned_inside(speaker, entities)
    if inside is not None:
        return inside
    words = [t.lower_ for t in speaker.tokens if t.lower_ not in {"the", "a", "an", "this"}]
    start = speaker.start_char
    labels = {e.id: e.label for e in entities}
    if len(words) == 1 and words[0] in PRONOUNS:
        allowed = PRONOUNS[words[0]]
        compatible = [e for e in entities if e.label in allowed]
        # "Trump may have compromised something he didn't care about": a compatible name
        # earlier in the same sentence is the likeliest referent, before earlier speakers.
        sentence_start = speaker.tokens[0].sent.start_char
        in_sentence = _nearest_before(start, compatible, since=sentence_start)
        if in_sentence is not None:
            return in_sentence
        for _, entity_id in reversed(earlier):
            if entity_id is not None and labels.get(entity_id) in allowed:
                return entity_id
        return _nearest_before(start, compatible)
    phrase = " ".join(words)
    if words and words[-1] in _TITLE_NOUNS:
        titled = [e for e in entities if e.title and words[-1] in e.title.lower().split()]
        return _nearest_before(start, titled)
    if phrase in _ORG_NOUNS or (words and words[-1] in _ORG_NOUNS and len(words) <= 2):
        return _nearest_before(start, [e for e in entities if e.label == "ORG"])
    return None


def _mentioned_inside(speaker: TaggedSpan, entities: Sequence[Entity]) -> str | None:
    start, end = speaker.start_char, speaker.end_char
    heads = [
        t
        for t in speaker.tokens
        if not speaker.first <= t.head.i <= speaker.last or t.head.i == t.i
    ]
    head_offsets = {t.idx for t in heads}
    possessive_ends = {t.idx for t in speaker.tokens if t.lower_ in {"'s", "’s"}}
    found: list[tuple[int, int, str]] = []
    for entity in entities:
        for mention in entity.mentions:
            if mention.start >= start and mention.end <= end:
                holds_head = any(mention.start <= o < mention.end for o in head_offsets)
                possessive = mention.end in possessive_ends
                rank = 0 if holds_head else (2 if possessive else 1)
                found.append((rank, mention.start, entity.id))
    return min(found)[2] if found else None


def _nearest_before(offset: int, candidates: Sequence[Entity], since: int = 0) -> str | None:
    best: tuple[int, str] | None = None
    for entity in candidates:
        for mention in entity.mentions:
            if since <= mention.start < offset and (best is None or mention.start > best[0]):
                best = (mention.start, entity.id)
    return best[1] if best else None

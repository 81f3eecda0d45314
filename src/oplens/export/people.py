"""Who said what, in the words every export uses: authors, speakers, prediction holders.

Pure functions over an Analysis record, shared by the CSV, xAIF and ClaimReview writers so
that a speaker has the same name in all three.
"""

from __future__ import annotations

from dataclasses import dataclass

from oplens.schema import Analysis, Attribution, Prediction, Sentence

# Entity labels of speakers that are organisations or places rather than people.
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC"})
UNKNOWN_AUTHOR = "Unknown author"


@dataclass(frozen=True)
class Person:
    """A named speaker or author; ``person`` is false for organisations and groups."""

    name: str
    person: bool


def author_names(analysis: Analysis) -> tuple[str, ...]:
    """Return the article's authors' names, in byline order (none when unknown)."""
    return tuple(author.name for author in analysis.metadata.authors)


def speaker(analysis: Analysis, attribution: Attribution) -> Person:
    """Return who an attribution's speaker is: the linked entity's name, else the span.

    "Secretary of State Mike Pompeo" becomes Mike Pompeo (the entity); "some" stays "some".
    """
    if attribution.speaker.entity is not None:
        for entity in analysis.entities:
            if entity.id == attribution.speaker.entity:
                return Person(entity.name, entity.label not in GROUP_LABELS)
    return Person(attribution.speaker.text, person=True)


def holder(analysis: Analysis, prediction: Prediction) -> str:
    """Return the name of whoever holds a prediction: the authors, or the quoted speaker."""
    for attribution in analysis.attributions:
        if attribution.id == prediction.holder:
            return speaker(analysis, attribution).name
    return "; ".join(author_names(analysis)) or UNKNOWN_AUTHOR


def sentences_of(sentences: tuple[Sentence, ...], start: int, end: int) -> str:
    """Return the text of the sentences a span overlaps, joined by a space."""
    found = [s.text for s in sentences if s.start < end and s.end > start]
    if not found:
        found = [s.text for s in sentences if s.start <= start <= s.end]
    return " ".join(found)


def is_web_url(source: str | None) -> bool:
    """Tell whether a document's source is an http(s) URL (not a file name)."""
    return source is not None and source.lower().startswith(("http://", "https://"))

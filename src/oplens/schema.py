"""The Analysis record, schema version 1: the contract between stages and every consumer.

Offsets are Python string indices into ``document.text``; every span carries its own
``text`` so that ``document.text[start:end] == text`` can be checked anywhere. Fields may
be added; none may be renamed or dropped without bumping ``SCHEMA_VERSION`` and migrating
stored records.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

FurnitureKind = Literal[
    "author_box",
    "byline",
    "editor_note",
    "disclaimer",
    "more_link",
    "republication_notice",
    "share",
    "newsletter",
    "copyright",
    "photo_credit",
    "related",
    "advertisement",
    "title",
    "dateline",
]
EntityLabel = str
AttributionKind = Literal["direct", "indirect", "mixed"]
Stance = Literal["endorsed", "rejected", "neutral"]
UnitRole = Literal["thesis", "claim", "premise", "concession", "rebuttal", "background"]
UnitType = Literal["assumption", "testimony", "statistics", "anecdote", "common_ground", "other"]
RelationType = Literal["support", "attack"]
Polarity = Literal["positive", "negative"]


class Record(BaseModel):
    """Base of every record: immutable, and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A stretch of ``document.text``: ``document.text[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class BodySpan(Span):
    """One paragraph of article body (furniture removed)."""


class Document(Record):
    """The input as read: its decoded text, where it came from and when it was published."""

    id: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    source: str | None = None
    published: date | None = None
    language: str = "en"
    text: str
    body: tuple[BodySpan, ...] = ()


class Author(Record):
    """A writer of the piece, with what the page says about them."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    bio: Span | None = None


class Metadata(Record):
    """What the page says about the piece: title, authors, and where it appeared."""

    title: str | None = None
    authors: tuple[Author, ...] = ()
    outlet: str | None = Field(default=None, description="where it was originally published")
    site: str | None = Field(default=None, description="where this copy was found")


class Furniture(Span):
    """A piece of page furniture removed from the body (author box, share line, ...)."""

    kind: FurnitureKind


class Sentence(Span):
    """One body sentence; ``paragraph`` indexes ``document.body``."""

    id: str
    paragraph: int = Field(ge=0)


class Entity(Record):
    """A person, organisation or place, with every mention joined to it."""

    id: str
    name: str
    label: EntityLabel
    mentions: tuple[Span, ...]
    title: str | None = Field(default=None, description='e.g. "Secretary of State"')


class Speaker(Span):
    """Who is reported as saying something; ``entity`` links to ``entities``."""

    entity: str | None = None


class Attribution(Record):
    """Who said what, and whether the author agrees."""

    id: str
    speaker: Speaker
    cue: Span
    content: Span
    kind: AttributionKind
    stance: Stance = "neutral"
    stance_evidence: Span | None = None
    content_parts: tuple[Span, ...] = Field(
        default=(),
        description="the pieces of an interrupted quotation ('X,' he said, 'Y'), in order, "
        "when ``content`` runs across the speaker and cue; empty when it is one piece",
    )


class UnattributedReport(Record):
    """A report that names no one as its source: "He has been harshly criticized for …".

    Agentless passives and bare reporting phrases ("was accused of", "is expected to",
    "is widely considered") pass a claim on without saying whose it is; a fact-checker asks
    who. Only reports whose cue is a reporting word are kept.
    """

    id: str
    cue: Span
    content: Span
    kind: AttributionKind
    stance: Stance = "neutral"
    stance_evidence: Span | None = None
    content_parts: tuple[Span, ...] = Field(
        default=(), description="the pieces of the content when it is interrupted, in order"
    )


class Unit(Span):
    """An argumentative discourse unit with its role and evidence type.

    ``reports`` and ``answers`` link a unit to ``attributions`` (both ``None`` when the
    attributions stage found nothing there): a unit that reports someone's claim carries
    that attribution's id in ``reports``; a rebuttal of it carries the same id in
    ``answers``, so a reader can show "Pompeo said X — the author: They are not.".
    """

    id: str
    role: UnitRole
    type: UnitType
    reports: str | None = Field(default=None, description="attribution id the unit reports")
    answers: str | None = Field(default=None, description="attribution id the unit rebuts")


class Relation(Record):
    """Support or attack from one unit to another."""

    source: str
    target: str
    type: RelationType


class Arguments(Record):
    """The argument of the piece: units, relations and the thesis unit."""

    thesis: str | None = None
    units: tuple[Unit, ...] = ()
    relations: tuple[Relation, ...] = ()


class Horizon(Record):
    """When a prediction is due: the phrase, and the dates it resolves to."""

    text: str | None = None
    start: date | None = None
    end: date | None = None


class Prediction(Span):
    """A statement about the future, with the probability that it comes true as written."""

    id: str
    event: str
    polarity: Polarity
    cue: Span | None = None
    probability: float = Field(ge=0.0, le=1.0)
    horizon: Horizon | None = None
    condition: Span | None = None
    holder: str = "author"


class Analysis(Record):
    """Everything oplens found in one document (schema version 1)."""

    schema_version: Literal[1] = 1
    document: Document
    metadata: Metadata = Metadata()
    furniture: tuple[Furniture, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    unattributed: tuple[UnattributedReport, ...] = Field(
        default=(), description="reports with no source named (ids u1, u2, …)"
    )
    arguments: Arguments = Arguments()
    predictions: tuple[Prediction, ...] = ()
    warnings: tuple[str, ...] = Field(default=(), description="non-fatal problems met")

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the record as schema-v1 JSON text."""
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Analysis:
        """Read a record back from JSON, checking that every span matches the text.

        Raises:
            pydantic.ValidationError: the JSON does not fit the schema.
            ValueError: a span's ``text`` differs from ``document.text[start:end]``.
        """
        analysis = cls.model_validate_json(text)
        bad = mismatched_spans(analysis)
        if bad:
            raise ValueError(f"{len(bad)} span(s) do not match document.text, first at {bad[0]}")
        return analysis


def document_id(text: str) -> str:
    """Return the stable id of a document: ``sha256:`` and the hex digest of its text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def iter_spans(record: BaseModel, path: str = "") -> Iterator[tuple[str, Span]]:
    """Yield ``(json_path, span)`` for every span nested anywhere in a record."""
    if isinstance(record, Span):
        yield path or ".", record
    for name in type(record).model_fields:
        value = getattr(record, name)
        items = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(items):
            if isinstance(item, BaseModel):
                suffix = f"[{index}]" if isinstance(value, tuple) else ""
                yield from iter_spans(item, f"{path}.{name}{suffix}")


def mismatched_spans(analysis: Analysis) -> list[str]:
    """Return the paths of spans whose text differs from ``document.text[start:end]``."""
    text = analysis.document.text
    return [
        path
        for path, span in iter_spans(analysis)
        if span.end < span.start or text[span.start : span.end] != span.text
    ]


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the Analysis record."""
    schema = Analysis.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://oplens.invalid/schema/analysis-v1.json"
    return schema


def json_schema_text() -> str:
    """Return the JSON Schema as indented text."""
    return json.dumps(json_schema(), indent=2)

"""The Analysis record: JSON round trips, span checks, and the JSON Schema."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from oplens.schema import (
    Analysis,
    Attribution,
    BodySpan,
    Document,
    Entity,
    Horizon,
    Prediction,
    Span,
    Speaker,
    document_id,
    json_schema,
    mismatched_spans,
)


def span_of(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    """Random but valid records: spans cut from a random text."""
    text = draw(st.text(min_size=1, max_size=200))
    bounds = st.integers(min_value=0, max_value=len(text))

    def span() -> Span:
        a, b = sorted((draw(bounds), draw(bounds)))
        return span_of(text, a, b)

    a, b = sorted((draw(bounds), draw(bounds)))
    predictions = tuple(
        Prediction(
            **span().model_dump(),
            id=f"p{i}",
            event=draw(st.text(max_size=20)),
            polarity=draw(st.sampled_from(["positive", "negative"])),
            probability=draw(st.floats(0, 1)),
            horizon=Horizon(text=None, start=draw(st.none() | st.dates()), end=None),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    attributions = tuple(
        Attribution(
            id=f"a{i}",
            speaker=Speaker(**span().model_dump(), entity=None),
            cue=span(),
            content=span(),
            kind=draw(st.sampled_from(["direct", "indirect", "mixed"])),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    document = Document(
        id=document_id(text),
        published=draw(st.none() | st.dates()),
        text=text,
        body=(BodySpan(start=a, end=b, text=text[a:b]),),
    )
    entities = (Entity(id="e1", name="X", label="PERSON", mentions=(span(),)),)
    return Analysis(
        document=document, entities=entities, attributions=attributions, predictions=predictions
    )


@given(analyses())
def test_json_round_trip_is_identical(analysis: Analysis) -> None:
    assert Analysis.from_json(analysis.to_json()) == analysis


@given(analyses())
def test_every_record_validates_against_the_json_schema(analysis: Analysis) -> None:
    jsonschema.validate(json.loads(analysis.to_json()), json_schema())


def test_mismatched_spans_are_reported_and_refused() -> None:
    text = "Pompeo said so."
    good = Analysis(
        document=Document(id=document_id(text), text=text),
        entities=(Entity(id="e1", name="Pompeo", label="PERSON", mentions=(span_of(text, 0, 6),)),),
    )
    assert mismatched_spans(good) == []
    record = json.loads(good.to_json())
    record["entities"][0]["mentions"][0]["text"] = "Pompey"
    with pytest.raises(ValueError, match=r"entities\[0\]\.mentions\[0\]"):
        Analysis.from_json(json.dumps(record))


def test_document_id_is_sha256_of_the_text() -> None:
    assert document_id("abc") == (
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_dates_serialise_as_iso_text() -> None:
    text = "x"
    record = Analysis(
        document=Document(id=document_id(text), text=text, published=date(2020, 1, 3))
    )
    assert json.loads(record.to_json())["document"]["published"] == "2020-01-03"

"""Attributions: each construction with its exact spans, the negative cases, the examples."""

from __future__ import annotations

import pytest

from oplens import Analysis, analyze

Row = tuple[str, str | None, str, tuple[str, ...], str, str, str | None]


def rows(text: str) -> list[Row]:
    """(speaker, entity name, cue, content parts, kind, stance, evidence) per attribution."""
    analysis = analyze(text)
    names = {e.id: e.name for e in analysis.entities}
    return [
        (
            a.speaker.text,
            names.get(a.speaker.entity or ""),
            a.cue.text,
            tuple(p.text for p in a.content_parts or (a.content,)),
            a.kind,
            a.stance,
            a.stance_evidence.text if a.stance_evidence else None,
        )
        for a in analysis.attributions
    ]


CASES: dict[str, tuple[str, list[Row]]] = {
    "indirect, rejected by a denial": (
        "Secretary of State Mike Pompeo said Friday morning that Americans are safer now "
        "that Soleimani is gone. They are not.",
        [
            (
                "Secretary of State Mike Pompeo",
                "Mike Pompeo",
                "said Friday morning",
                ("that Americans are safer now that Soleimani is gone",),
                "indirect",
                "rejected",
                "They are not.",
            )
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_construction(name: str) -> None:
    text, expected = CASES[name]
    assert rows(text) == expected


NEGATIVE = {
    "the author's own first person": "Until we see the intelligence, we won't know "
    "whether this operation was tied to any strategy.",
    "the author's own belief": "I think the council is wrong about the levy.",
    "the idiom": "The levy, as they say, is a tax on hope.",
}


@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_not_an_attribution(name: str) -> None:
    assert rows(NEGATIVE[name]) == []


def test_every_span_matches_the_text(example: Analysis) -> None:
    text = example.document.text
    for a in example.attributions:
        for span in (a.speaker, a.cue, a.content, *a.content_parts):
            assert text[span.start : span.end] == span.text

"""Layers of marks over the article text, one function per stage's findings.

A mark is a (start, end) stretch with a CSS class and a tooltip. The HTML renderer (and the
web UI) draw every layer the record has; a stage adds its findings by adding a function to
``LAYERS``, never by touching the renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from oplens.render.arguments import argument_marks
from oplens.render.predictions import describe
from oplens.schema import Analysis


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of the document text."""

    start: int
    end: int
    layer: str
    css: str
    tip: str
    anchor: str | None = None


def furniture_marks(analysis: Analysis) -> list[Mark]:
    """Grey out removed page furniture."""
    return [
        Mark(f.start, f.end, "furniture", f"furniture {f.kind}", f"furniture: {f.kind}")
        for f in analysis.furniture
    ]


def entity_marks(analysis: Analysis) -> list[Mark]:
    """Underline every entity mention, labelled with the entity's full name."""
    return [
        Mark(m.start, m.end, "entities", f"entity {e.label.lower()}", f"{e.name} ({e.label})", e.id)
        for e in analysis.entities
        for m in e.mentions
    ]


def prediction_marks(analysis: Analysis) -> list[Mark]:
    """Shade each predicted clause; the tooltip gives probability, horizon and holder."""
    return [
        Mark(
            p.start,
            p.end,
            "predictions",
            "prediction " + ("negative" if p.polarity == "negative" else "positive"),
            f"{p.id} {p.probability:.0%}: {p.event} ({describe(p, analysis)})",
            p.id,
        )
        for p in analysis.predictions
    ]


Layer = tuple[str, str, Callable[[Analysis], list[Mark]]]

# (layer name, legend text, marks): in drawing order, outermost first.
LAYERS: list[Layer] = [
    ("furniture", "page furniture (removed)", furniture_marks),
    ("entities", "people, organisations, places", entity_marks),
    ("predictions", "predictions (shade: probability in the tooltip)", prediction_marks),
    ("arguments", "argument units by role", argument_marks),
]


def all_marks(analysis: Analysis) -> list[Mark]:
    """Every mark of every layer, in layer order."""
    return [mark for _, _, marks in LAYERS for mark in marks(analysis)]

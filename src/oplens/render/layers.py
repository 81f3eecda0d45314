"""Layers of marks over the article text, one function per stage's findings.

A mark is a (start, end) stretch with a CSS class and a tooltip. The HTML renderer (and the
web UI) draw every layer the record has; a stage adds its findings by adding a function to
``LAYERS``, never by touching the renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from oplens.render.arguments import argument_marks
from oplens.render.attributions import speaker_name, stance_text
from oplens.render.predictions import describe
from oplens.schema import Analysis, Attribution, UnattributedReport


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


def attribution_marks(analysis: Analysis) -> list[Mark]:
    """Mark each attribution's speaker, cue, content and the author's evidence.

    Reports with no source named get their cue and content marked the same way.
    """
    marks: list[Mark] = []
    for a in analysis.attributions:
        who = speaker_name(analysis, a)
        summary = f"{a.id}: {who} → {a.kind}, {stance_text(a)}"
        marks.append(
            Mark(
                a.speaker.start,
                a.speaker.end,
                "attributions",
                "attr attr-speaker",
                f"{a.id} speaker: {who}",
                a.id,
            )
        )
        marks.extend(_cue_and_content(a, f"attr-{a.stance}", summary))
        if a.stance_evidence is not None:
            e = a.stance_evidence
            marks.append(
                Mark(
                    e.start,
                    e.end,
                    "attributions",
                    "attr attr-evidence",
                    f"{a.id} evidence: the author {a.stance} {who}",
                    a.id,
                )
            )
    for u in analysis.unattributed:
        summary = f"{u.id}: no source named → {u.kind}, {stance_text(u)}"
        marks.extend(_cue_and_content(u, "attr-unattributed", summary))
    return marks


def _cue_and_content(report: Attribution | UnattributedReport, tone: str, tip: str) -> list[Mark]:
    """The cue's mark and one mark per content part, its class ``tone`` and tooltip ``tip``."""
    cue = report.cue
    marks = [
        Mark(cue.start, cue.end, "attributions", "attr attr-cue", f"{report.id} cue", report.id)
    ]
    marks.extend(
        Mark(p.start, p.end, "attributions", f"attr attr-content {tone}", tip, report.id)
        for p in report.content_parts or (report.content,)
    )
    return marks


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
    ("attributions", "who said what, and the author's stance", attribution_marks),
    ("predictions", "predictions (shade: probability in the tooltip)", prediction_marks),
    ("arguments", "argument units by role", argument_marks),
]


def all_marks(analysis: Analysis) -> list[Mark]:
    """Every mark of every layer, in layer order."""
    return [mark for _, _, marks in LAYERS for mark in marks(analysis)]

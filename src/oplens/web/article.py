"""The annotated article: the findings of an Analysis record, and its text with their marks.

The text is drawn with every layer of ``oplens.render.layers.LAYERS``, which the stages
fill. The side panel lists the record's findings (predictions, attributions, argument
units, furniture, entities) read from the record itself; each finding also gets an anchor
mark over its span, so that clicking it in the panel can scroll to and flash its span,
whether or not a stage has registered a layer that draws it. A finding kind that no layer
draws yet is shaded by its anchor marks instead, so it is never invisible in the text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from oplens.render.html import highlight
from oplens.render.layers import LAYERS, Mark
from oplens.schema import Analysis, Attribution, Horizon, UnattributedReport
from oplens.store import ArticleRecord
from oplens.web.status import shown


class Finding(BaseModel):
    """One finding of the side panel, anchored to its span of the text."""

    model_config = ConfigDict(frozen=True)

    layer: str  # the layer that shows it: predictions, attributions, arguments, ...
    id: str  # its id in the record (p1, a2, u3), or the layer and a number
    start: int
    end: int
    text: str  # the span's text
    label: str  # a short heading: "70 %", "Mike Pompeo → endorsed", "thesis"
    detail: str | None = None  # a line of facts
    tone: str | None = None  # stance, role, polarity or kind, for colouring
    prediction_id: int | None = None  # the ledger's id, for the resolve link
    status: str | None = None  # a prediction's queue status: open, due, overdue, resolved


class LayerInfo(BaseModel):
    """A switchable layer: its name, legend, how many marks, and who draws it."""

    model_config = ConfigDict(frozen=True)

    name: str
    legend: str
    marks: int
    drawn_by: str  # "stage": a LAYERS function; "web": shaded here, no stage layer yet


# The finding kinds the panel lists, with the legend used when no stage layer draws them.
WEB_LEGENDS = {
    "predictions": "predictions: probability and horizon",
    "attributions": "who said what, coloured by the author's stance",
    "arguments": "argument roles: thesis, claims, premises, concessions, rebuttals",
    "furniture": "page furniture (removed)",
    "entities": "people, organisations, places",
}


def _percent(probability: float) -> str:
    return f"{probability * 100:.0f} %"


def _horizon(horizon: Horizon | None) -> str | None:
    if horizon is None:
        return None
    due = horizon.end.isoformat() if horizon.end else None
    if horizon.text and due:
        return f"{horizon.text} (by {due})"
    return horizon.text or (f"by {due}" if due else None)


def prediction_findings(
    analysis: Analysis, article: ArticleRecord | None, today: date
) -> list[Finding]:
    """One finding per prediction: probability, horizon, holder, its ledger id and status."""
    stored = {p.local_id: p for p in article.predictions} if article else {}
    speakers = {a.id: a.speaker.text for a in analysis.attributions}
    out = []
    for p in analysis.predictions:
        facts = [f"horizon {_horizon(p.horizon)}" if p.horizon else "no horizon"]
        if p.polarity == "negative":
            facts.append("negative")
        if p.cue is not None:
            facts.append(f"cue “{p.cue.text}”")
        if p.holder != "author":
            facts.append(f"held by {speakers.get(p.holder, p.holder)}")
        if p.condition is not None:
            facts.append(f"if “{p.condition.text}”")
        record = stored.get(p.id)
        out.append(
            Finding(
                layer="predictions",
                id=p.id,
                start=p.start,
                end=p.end,
                text=p.text,
                label=_percent(p.probability),
                detail="; ".join(facts),
                tone=p.polarity,
                prediction_id=record.id if record else None,
                status=shown(record.status, record.due, today)[0] if record else None,
            )
        )
    return out


def attribution_findings(analysis: Analysis) -> list[Finding]:
    """One finding per attribution (speaker → content, kind, stance), then each sourceless one."""
    reports: list[tuple[Attribution | UnattributedReport, str, str]] = [
        (a, a.speaker.text, "quotation") for a in analysis.attributions
    ]
    reports += [(u, "no source named", "report") for u in analysis.unattributed]
    return [
        Finding(
            layer="attributions",
            id=r.id,
            start=r.content.start,
            end=r.content.end,
            text=r.content.text,
            label=f"{who} → {r.stance}",
            detail=f"{r.kind} {noun}, cue “{r.cue.text}”",
            tone=r.stance,
        )
        for r, who, noun in reports
    ]


def argument_findings(analysis: Analysis) -> list[Finding]:
    """One finding per argument unit, the thesis first."""
    units = sorted(analysis.arguments.units, key=lambda u: u.id != analysis.arguments.thesis)
    return [
        Finding(
            layer="arguments",
            id=u.id,
            start=u.start,
            end=u.end,
            text=u.text,
            label=u.role,
            detail=f"evidence: {u.type.replace('_', ' ')}",
            tone=u.role,
        )
        for u in units
    ]


def furniture_findings(analysis: Analysis) -> list[Finding]:
    """One finding per piece of removed furniture."""
    return [
        Finding(
            layer="furniture",
            id=f"furniture-{number}",
            start=f.start,
            end=f.end,
            text=f.text,
            label=f.kind.replace("_", " "),
            tone=f.kind,
        )
        for number, f in enumerate(analysis.furniture, start=1)
    ]


def entity_findings(analysis: Analysis) -> list[Finding]:
    """One finding per entity, at its first mention."""
    return [
        Finding(
            layer="entities",
            id=e.id,
            start=e.mentions[0].start,
            end=e.mentions[0].end,
            text=e.name,
            label=e.label,
            detail=f"{len(e.mentions)} mention{'s' if len(e.mentions) != 1 else ''}"
            + (f"; {e.title}" if e.title else ""),
            tone=e.label.lower(),
        )
        for e in analysis.entities
        if e.mentions
    ]


def findings(analysis: Analysis, article: ArticleRecord | None, today: date) -> list[Finding]:
    """Every finding of the record, in panel order."""
    return [
        *prediction_findings(analysis, article, today),
        *attribution_findings(analysis),
        *argument_findings(analysis),
        *furniture_findings(analysis),
        *entity_findings(analysis),
    ]


def stage_marks(analysis: Analysis) -> list[Mark]:
    """The marks of every layer the stages registered."""
    return [mark for _, _, marks in LAYERS for mark in marks(analysis)]


def layers(analysis: Analysis, found: Iterable[Finding], marks: Iterable[Mark]) -> list[LayerInfo]:
    """The switchable layers: every stage layer, then finding kinds no stage layer draws."""
    counts: dict[str, int] = {}
    for mark in marks:
        counts[mark.layer] = counts.get(mark.layer, 0) + 1
    out = [
        LayerInfo(name=n, legend=t, marks=counts.get(n, 0), drawn_by="stage") for n, t, _ in LAYERS
    ]
    drawn = {name for name, _, _ in LAYERS}
    extra: dict[str, int] = {}
    for finding in found:
        if finding.layer not in drawn:
            extra[finding.layer] = extra.get(finding.layer, 0) + 1
    out.extend(
        LayerInfo(name=name, legend=WEB_LEGENDS.get(name, name), marks=n, drawn_by="web")
        for name, n in extra.items()
    )
    return out


def anchor_marks(found: Iterable[Finding], shaded: set[str]) -> list[Mark]:
    """An anchor mark per finding; shaded (``shade``) when its layer is in ``shaded``."""
    return [
        Mark(
            f.start,
            f.end,
            f.layer,
            f"finding finding-{f.layer} tone-{f.tone or 'none'}"
            + (" shade" if f.layer in shaded else ""),
            f"{f.id}: {f.label}",
            f.id,
        )
        for f in found
    ]


def text_html(analysis: Analysis, found: list[Finding], marks: list[Mark]) -> str:
    """The document text, escaped, with every mark and every finding's anchor.

    Each piece carries ``data-layer`` (for switching layers) and, when it belongs to a
    finding, ``data-anchor``; the first piece of each anchor also gets ``id`` (so that
    ``#p1`` links work without JavaScript).
    """
    drawn = {name for name, _, _ in LAYERS}
    every = [*marks, *anchor_marks(found, {f.layer for f in found} - drawn)]
    given_ids: set[str] = set()

    def open_tag(index: int, mark: Mark, first: bool) -> str:
        attributes = [
            f'class="mark {html.escape(mark.css)}"',
            f'data-layer="{html.escape(mark.layer)}"',
        ]
        if mark.anchor:
            attributes.append(f'data-anchor="{html.escape(mark.anchor)}"')
            if first and mark.anchor not in given_ids and mark.css.startswith("finding"):
                given_ids.add(mark.anchor)
                attributes.append(f'id="{html.escape(mark.anchor)}"')
        if mark.tip:
            attributes.append(f'title="{html.escape(mark.tip)}"')
        return f"<span {' '.join(attributes)}>"

    return highlight(analysis.document.text, every, open_tag=open_tag)

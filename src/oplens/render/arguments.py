"""The argument as an outline: thesis, then claims with their premises, concessions, rebuttals.

One outline feeds both renderers: the terminal shows each line with its sentence id and
character offsets, the HTML page links each line to the unit's highlighted span.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oplens.schema import Analysis, Unit

if TYPE_CHECKING:
    from oplens.render.layers import Mark


@dataclass(frozen=True)
class OutlineLine:
    """One line of the outline: depth, label ("thesis", "premise", "answers", ...), unit."""

    depth: int
    label: str
    unit: Unit


def _children(analysis: Analysis) -> dict[str, list[tuple[str, str]]]:
    """Parent unit id → (label, child unit id), in text order.

    A premise hangs under what it supports; a concession and an answered reported claim
    hang under the unit that attacks them, so each claim shows what it grants and answers.
    """
    role = {u.id: u.role for u in analysis.arguments.units}
    children: dict[str, list[tuple[str, str]]] = {}
    for relation in analysis.arguments.relations:
        if relation.type == "attack" and role[relation.target] in {"concession", "background"}:
            label = "concedes" if role[relation.target] == "concession" else "answers"
            children.setdefault(relation.source, []).append((label, relation.target))
        elif relation.type == "support":
            label = "premise" if role[relation.source] == "premise" else role[relation.source]
            children.setdefault(relation.target, []).append((label, relation.source))
        else:
            children.setdefault(relation.target, []).append(("attacked by", relation.source))
    order = {u.id: u.start for u in analysis.arguments.units}
    for entries in children.values():
        entries.sort(key=lambda entry: order[entry[1]])
    return children


def outline(analysis: Analysis) -> list[OutlineLine]:
    """Return the outline: the thesis with everything under it, then any unplaced units."""
    arguments = analysis.arguments
    units = {u.id: u for u in arguments.units}
    children = _children(analysis)
    placed: set[str] = set()
    lines: list[OutlineLine] = []

    speakers = {a.id: a.speaker.text for a in analysis.attributions}

    def visit(unit_id: str, label: str, depth: int) -> None:
        if unit_id in placed:
            return
        placed.add(unit_id)
        reported = units[unit_id].reports
        if label == "answers" and reported in speakers:
            label = f"answers {speakers[reported]} ({reported})"
        lines.append(OutlineLine(depth, label, units[unit_id]))
        for child_label, child in children.get(unit_id, []):
            visit(child, child_label, depth + 1)

    if arguments.thesis:
        visit(arguments.thesis, "thesis", 0)
    has_parent = {child for entries in children.values() for _, child in entries}
    for unit in arguments.units:
        if unit.id not in has_parent:
            visit(unit.id, unit.role, 0)
    for unit in arguments.units:  # anything left on a cycle
        visit(unit.id, unit.role, 0)
    return lines


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def argument_lines(analysis: Analysis) -> list[str]:
    """The outline for the terminal: label, type, sentence id, offsets, text."""
    sentence_of = {s.start: s.id for s in analysis.sentences}
    starts = sorted(sentence_of)
    lines = []
    for line in outline(analysis):
        unit = line.unit
        sentence = next((sentence_of[s] for s in reversed(starts) if s <= unit.start), "?")
        place = f"[{sentence} {unit.start}–{unit.end}]"
        lines.append(f"  {'  ' * line.depth}{line.label} ({unit.type}) {place} {_clip(unit.text)}")
    return lines


def argument_marks(analysis: Analysis) -> list[Mark]:
    """Highlight every unit, classed by role, anchored by unit id."""
    from oplens.render.layers import Mark  # layers registers this function: import late

    return [
        Mark(u.start, u.end, "arguments", f"unit {u.role}", f"{u.role} ({u.type}) {u.id}", u.id)
        for u in analysis.arguments.units
    ]


def outline_html(analysis: Analysis, anchors: Mapping[str, int]) -> str:
    """The outline as nested HTML, each line a link to its unit's highlighted span."""
    items = []
    for line in outline(analysis):
        unit = line.unit
        href = f"#m{anchors[unit.id]}" if unit.id in anchors else f"#{unit.id}"
        items.append(
            f'<li style="margin-left:{line.depth * 1.2}em"><b>{html.escape(line.label)}</b> '
            f'<a href="{href}">{html.escape(_clip(unit.text, 70))}</a></li>'
        )
    return f"<ul class='outline'>{''.join(items)}</ul>" if items else ""

"""A readable summary of an Analysis for a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from oplens.render.arguments import argument_lines
from oplens.render.attributions import attribution_lines, unattributed_lines
from oplens.render.predictions import prediction_lines
from oplens.schema import Analysis

Section = Callable[[Analysis], list[str]]


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def header_lines(analysis: Analysis) -> list[str]:
    """Title, authors with role and affiliation, outlet, site, date, size."""
    doc, meta = analysis.document, analysis.metadata
    lines = []
    if meta.title:
        lines.append(f"Title:      {meta.title}")
    for author in meta.authors or ():
        extra = ", ".join(part for part in (author.role, author.affiliation) if part)
        lines.append(f"Author:     {author.name}" + (f" ({extra})" if extra else ""))
    if not meta.authors:
        lines.append("Author:     (not found)")
    lines.append(f"Outlet:     {meta.outlet or '(unknown)'}")
    if meta.site and meta.site != meta.outlet:
        lines.append(f"Found on:   {meta.site}")
    lines.append(f"Published:  {doc.published.isoformat() if doc.published else '(unknown)'}")
    words = sum(len(span.text.split()) for span in doc.body)
    lines.append(
        f"Body:       {len(doc.body)} paragraphs, {len(analysis.sentences)} sentences, "
        f"{words} words"
    )
    return lines


def furniture_lines(analysis: Analysis) -> list[str]:
    """Each removed piece of furniture with its kind."""
    return [f"  [{f.kind}] {_clip(f.text)}" for f in analysis.furniture]


def entity_lines(analysis: Analysis) -> list[str]:
    """Entities by number of mentions, with label, title and short forms."""
    ranked = sorted(analysis.entities, key=lambda e: (-len(e.mentions), e.mentions[0].start))
    lines = []
    for entity in ranked:
        forms = sorted({m.text for m in entity.mentions} - {entity.name})
        title = f", {entity.title}" if entity.title else ""
        also = f"  also: {', '.join(forms)}" if forms else ""
        lines.append(f"  {entity.name} ({entity.label}{title}) ×{len(entity.mentions)}{also}")
    return lines


# (heading, lines): stages add their own sections here; empty sections are left out.
SECTIONS: list[tuple[str, Section]] = [
    ("Removed furniture", furniture_lines),
    ("Entities", entity_lines),
    ("Attributions", attribution_lines),
    ("Reports with no source named", unattributed_lines),
    ("Predictions", prediction_lines),
    ("Argument outline", argument_lines),
]


def render_text(analysis: Analysis) -> str:
    """Return a plain-text summary: header, then each non-empty section."""
    out = header_lines(analysis)
    for warning in analysis.warnings:
        out.extend(textwrap.wrap(f"Warning: {warning}", 100, subsequent_indent="  "))
    for heading, section in SECTIONS:
        lines = section(analysis)
        if lines:
            out.extend(["", f"{heading} ({len(lines)}):", *lines])
    return "\n".join(out) + "\n"

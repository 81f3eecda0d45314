"""Arguments: thesis, claims, premises, concessions and rebuttals, with unit types.

``find_arguments`` segments the body into units (``segment``), types each with the shipped
Webis-Editorials-16 model (``unit_types``), reads its surface cues (``cues``) and assigns
roles, support/attack relations and the thesis (``structure``). It reads the attributions
stage's records when they are present (a rebuttal is linked to the attribution it answers,
a reported claim to the attribution it reports) and works from the parse alone when not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from oplens.arguments.cues import UnitCues, cues_of
from oplens.arguments.features import UnitSpan, unit_features
from oplens.arguments.segment import Segment, segment
from oplens.arguments.structure import build_structure
from oplens.arguments.unit_types import predict_types
from oplens.arguments.units import Structure, UnitInput
from oplens.schema import Analysis, Arguments, Attribution, Relation, Unit

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from oplens.nlp import ParsedDocument

__all__ = ["arguments_of_segments", "find_arguments"]


def find_arguments(parsed: ParsedDocument, analysis: Analysis) -> Arguments:
    """Return the argument of one parsed document (see the module note)."""
    title = _title_lemmas(parsed.doc, analysis.metadata.title)
    segments = segment(parsed.doc, parsed.sentences)
    paragraphs = len(parsed.document.body)
    return arguments_of_segments(parsed.doc, segments, paragraphs, analysis.attributions, title)


def arguments_of_segments(
    doc: Doc,
    segments: Sequence[Segment],
    paragraphs: int,
    attributions: Sequence[Attribution] = (),
    title: frozenset[str] = frozenset(),
) -> Arguments:
    """Type, relate and rank given units (the evaluation passes gold segmentations here)."""
    if not segments:
        return Arguments()
    spans = [UnitSpan(s.start, s.end, s.paragraph) for s in segments]
    types = predict_types(unit_features(doc, spans, paragraphs))
    inputs = []
    for seg, unit_type in zip(segments, types, strict=True):
        tokens = doc.char_span(seg.start, seg.end, alignment_mode="expand")
        cues = cues_of(tokens) if tokens is not None and len(tokens) else UnitCues()
        inputs.append(
            UnitInput(
                start=seg.start,
                end=seg.end,
                sentence=seg.sentence,
                paragraph=seg.paragraph,
                type=unit_type,
                cues=cues,
                attribution=_reported_attribution(seg, attributions),
            )
        )
    return _record(doc, inputs, build_structure(inputs, attributions, title))


def _reported_attribution(seg: Segment, attributions: Sequence[Attribution]) -> str | None:
    """The attribution whose content lies mostly inside the unit, if any."""
    for attribution in attributions:
        content = attribution.content
        inside = min(content.end, seg.end) - max(content.start, seg.start)
        if content.end > content.start and inside * 2 > content.end - content.start:
            return attribution.id
    return None


def _title_lemmas(doc: Doc, title: str | None) -> frozenset[str]:
    # The headline is furniture, outside the parse: its words are matched by their lowercase
    # forms against lemmas, with the stop words of the shared vocabulary left out.
    if not title:
        return frozenset()
    words = {w.strip(".,:;!?\"'“”‘’").lower() for w in title.split()}
    return frozenset(w for w in words if w and w not in STOP_WORDS)


def _record(doc: Doc, inputs: Sequence[UnitInput], structure: Structure) -> Arguments:
    text = doc.text  # built from the tokens on every access: read it once
    units = tuple(
        Unit(
            start=u.start,
            end=u.end,
            text=text[u.start : u.end],
            id=f"u{i + 1}",
            role=structure.roles[i],
            type=u.type,
            reports=u.attribution,
            answers=structure.answers.get(i),
        )
        for i, u in enumerate(inputs)
    )
    relations = tuple(
        Relation(source=f"u{source + 1}", target=f"u{target + 1}", type=kind)
        for source, (target, kind) in sorted(structure.relations.items())
    )
    thesis = None if structure.thesis is None else f"u{structure.thesis + 1}"
    return Arguments(thesis=thesis, units=units, relations=relations)

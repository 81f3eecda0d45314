"""Segmentation of the body into argumentative discourse units (ADUs).

A unit is a sentence, or a clause where a sentence holds two argumentative moves:

- two main clauses joined by a comma or semicolon and a conjunction, each with its own
  subject ("It will not deter Iran, and there is every reason to believe ..." → two units);
- a main clause followed by a causal or contrastive adverbial clause after a comma
  ("The US position in Iraq may become untenable, as Iran may make it ..." → two units);
- a concessive clause opening a sentence ("Although the plan is cheap, it will fail" →
  "Although the plan is cheap" and "it will fail").

Splits are read off the one shared dependency parse; a piece shorter than
``MIN_WORDS`` words is never split off.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from oplens.schema import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Webis-Editorials-16's shortest units are three words ("It may not succeed" is four); a
# piece of two words is a fragment, not a move.
MIN_WORDS = 3
TRAILING_MARKS = frozenset({"as", "because", "since", "although", "though", "whereas", "while"})
LEADING_CONCESSIVE = frozenset({"although", "though", "while", "whereas"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


@dataclass(frozen=True)
class Segment:
    """One unit before typing: offsets, the sentence it lies in, and its paragraph."""

    start: int
    end: int
    sentence: str
    paragraph: int


def _words(tokens: Iterable[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _has_subject(token: Token) -> bool:
    return any(child.dep_ in _SUBJECTS for child in token.children)


def _coordination_cut(span: SpacySpan, root: Token) -> int | None:
    """Token index where a second main clause starts (its conjunction), if any."""
    for child in root.children:
        if child.dep_ != "conj" or child.i < root.i or not _has_subject(child):
            continue
        left = child.left_edge.i
        before = span.doc[left - 1] if left > span.start else None
        if before is not None and before.dep_ == "cc":
            left -= 1
            before = span.doc[left - 1] if left > span.start else None
        if before is not None and before.text in {",", ";"}:
            return left
    return None


def _trailing_cut(span: SpacySpan, root: Token) -> int | None:
    """Token index of a trailing causal or contrastive clause's marker, after a comma."""
    for child in root.children:
        if child.dep_ != "advcl" or child.i < root.i:
            continue
        marks = [t for t in child.children if t.dep_ == "mark" and t.i < child.i]
        if not marks or marks[0].lower_ not in TRAILING_MARKS:
            continue
        left = child.left_edge.i
        if left > span.start and span.doc[left - 1].text == ",":
            return left
    return None


def _leading_cut(span: SpacySpan, root: Token) -> int | None:
    """Token index where the main clause starts after an opening concessive clause."""
    for child in root.children:
        if child.dep_ != "advcl" or child.i > root.i:
            continue
        marks = [t for t in child.children if t.dep_ == "mark"]
        if child.left_edge.i != span.start or not marks:
            continue
        even_if = marks[0].lower_ == "if" and span.doc[span.start].lower_ == "even"
        if marks[0].lower_ not in LEADING_CONCESSIVE and not even_if:
            continue
        right = child.right_edge.i + 1
        if right < span.end and span.doc[right].text == ",":
            return right + 1
    return None


def _cuts(span: SpacySpan) -> list[int]:
    root = span.root
    cuts = [
        cut
        for cut in (
            _leading_cut(span, root),
            _coordination_cut(span, root),
            _trailing_cut(span, root),
        )
        if cut is not None
    ]
    good: list[int] = []
    for cut in sorted(set(cuts)):
        previous = good[-1] if good else span.start
        if (
            _words(span.doc[previous:cut]) >= MIN_WORDS
            and _words(span.doc[cut : span.end]) >= MIN_WORDS
        ):
            good.append(cut)
    return good


def _trimmed_end(doc: Doc, start: int, end: int) -> int:
    """Character end of tokens ``start:end`` without trailing commas, semicolons, spaces."""
    while end - 1 > start and (doc[end - 1].text in {",", ";", "--", "-"} or doc[end - 1].is_space):
        end -= 1
    return doc[end - 1].idx + len(doc[end - 1])


def segment(doc: Doc, sentences: Sequence[Sentence]) -> list[Segment]:
    """Split the body sentences into units (see the module note), in text order."""
    segments: list[Segment] = []
    for sentence in sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        bounds = [span.start, *_cuts(span), span.end]
        for index, (a, b) in enumerate(pairwise(bounds)):
            start = sentence.start if index == 0 else doc[a].idx
            last = index == len(bounds) - 2
            end = sentence.end if last else _trimmed_end(doc, a, b)
            segments.append(Segment(start, end, sentence.id, sentence.paragraph))
    return segments

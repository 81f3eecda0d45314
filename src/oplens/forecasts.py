"""Predictions: what a text forecasts, how confidently, by when, on what condition, and whose.

For each body sentence that is not a question, each future cue (``oplens.cues``) that no
exclusion rule rejects (``oplens.exclusions``) becomes one ``Prediction``:

- the span is the predicted clause, from its subject to the end of its predicate, without
  a condition written before it, coordinated clauses with their own subject, or clauses
  giving reasons ("because …"); an author's own frame ("there is every reason to believe
  …") is part of the span, someone else's reporting frame ("Kerry warned that …") is not;
- ``event`` restates the clause in the affirmative with *will* ("It will not deter Iran" →
  "It will deter Iran", polarity negative), without its hedges and time phrase;
- ``probability`` comes from ``oplens.frames.read_probability`` (table in ``oplens.hedges``);
- ``horizon`` is the clause's first time expression (``oplens.horizons``);
- ``condition`` is an *if* / *unless* / *once* / *provided* clause on the predicate (or on
  the clause it is coordinated with);
- ``holder`` is the id of the innermost attribution whose content contains the span, else
  ``"author"``.

An elliptical "It will not." restates the prediction of the sentence before it, negated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oplens.cues import Cue, find_cues
from oplens.exclusions import exclusion, open_condition
from oplens.frames import HEDGE_ADVERBS, Frame, governing_frame, read_probability
from oplens.horizons import Found, find_horizons
from oplens.schema import Attribution, Horizon, Prediction, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from oplens.nlp import ParsedDocument

# Subordinate clauses that give a reason or a time are not part of the predicted clause.
_REASON_MARKS = frozenset(
    "because since as although though while whereas until before after when whenever".split()
)
_NEGATIVE_SUBJECTS = {"no": "a", "nothing": "something", "nobody": "somebody"}
_NEGATIVE_SUBJECTS["neither"] = "either"
_TRIM = frozenset({"cc", "punct", "mark"})


@dataclass(frozen=True)
class _Draft:
    """A prediction before ids and holders are given."""

    start: int
    end: int
    event: str
    negative: bool
    cue: Span | None
    probability: float
    horizon: Horizon | None
    condition: Span | None


def find_predictions(
    parsed: ParsedDocument, attributions: Sequence[Attribution] = ()
) -> tuple[Prediction, ...]:
    """Return the document's predictions in text order, ids ``p1``, ``p2``, ...

    Limits: rules over one small-model parse, so a misparse can hide or split a forecast;
    only *if* / *unless* / *once* / *provided* clauses are read as conditions.
    """
    doc = parsed.doc
    drafts: list[_Draft] = []
    last_start = -1  # where the sentence before this one starts
    for sentence in parsed.sentences:
        sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if sent is None:
            continue
        previous = drafts[-1] if drafts and drafts[-1].start >= last_start else None
        drafts.extend(_sentence_drafts(sent, parsed, previous))
        last_start = sentence.start
    text = parsed.document.text
    return tuple(
        Prediction(
            start=d.start,
            end=d.end,
            text=text[d.start : d.end],
            id=f"p{index}",
            event=d.event,
            polarity="negative" if d.negative else "positive",
            cue=d.cue,
            probability=d.probability,
            horizon=d.horizon,
            condition=d.condition,
            holder=holder_of(d.start, d.end, attributions),
        )
        for index, d in enumerate(drafts, start=1)
    )


def holder_of(start: int, end: int, attributions: Sequence[Attribution]) -> str:
    """The innermost attribution whose content contains ``start:end``, else ``"author"``."""
    containing = [a for a in attributions if a.content.start <= start and end <= a.content.end]
    if not containing:
        return "author"
    return min(containing, key=lambda a: a.content.end - a.content.start).id


def _sentence_drafts(
    sent: SpacySpan, parsed: ParsedDocument, previous: _Draft | None
) -> list[_Draft]:
    cues = find_cues(sent)
    separate = {cue.predicate.i for cue in cues} | {cue.root.i for cue in cues}
    drafts: list[_Draft] = []
    for cue in cues:
        draft = _draft(cue, sent, parsed, separate, previous)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _draft(
    cue: Cue,
    sent: SpacySpan,
    parsed: ParsedDocument,
    separate: set[int],
    previous: _Draft | None,
) -> _Draft | None:
    frame = governing_frame(cue)
    condition = open_condition(cue.predicate) or open_condition(cue.root)
    banned = _subtree_ids(condition)
    root = frame.root if frame is not None and frame.author else cue.root
    clause = clause_tokens(root, separate - {root.i, cue.root.i, cue.predicate.i}, banned)
    if not clause:
        return None
    text = parsed.document.text
    start, end = clause[0].idx, clause[-1].idx + len(clause[-1])
    found = _first_horizon(text, start, end, parsed, banned)
    if cue.kind == "adverb" and found is None:
        return None
    if exclusion(cue, sent, has_horizon=found is not None) is not None:
        return None
    reading = read_probability(cue, frame)
    negative = _negative(cue) != reading.flips_polarity
    event = _event(cue, frame, clause, found, previous)
    if cue.kind == "ellipsis" and previous is not None and previous.event:
        negative = negative != previous.negative
    return _Draft(
        start=start,
        end=end,
        event=event,
        negative=negative,
        cue=_span(text, reading.cue),
        probability=reading.probability,
        horizon=found.horizon if found else None,
        condition=_condition_span(text, condition),
    )


def _subtree_ids(token: Token | None) -> set[int]:
    return {t.i for t in token.subtree} if token is not None else set()


def clause_tokens(root: Token, separate: set[int], banned: set[int]) -> list[Token]:
    """The contiguous tokens of ``root``'s clause, without separate clauses and edges."""
    excluded = set(banned)
    for token in root.subtree:
        if token.i == root.i or token.i in excluded:
            continue
        if token.i in separate or _own_clause(token):
            excluded.update(t.i for t in token.subtree)
    kept = {t.i for t in root.subtree} - excluded
    first = last = root.i
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    tokens = list(root.doc[first : last + 1])
    while tokens and (tokens[0].dep_ in _TRIM or tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens


def _own_clause(token: Token) -> bool:
    """A coordinated clause with its own subject, or a reason clause: not part of the span."""
    if token.dep_ == "conj" and any(
        c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children
    ):
        return True
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _REASON_MARKS for c in token.children
    )


def _first_horizon(
    text: str, start: int, end: int, parsed: ParsedDocument, banned: set[int]
) -> Found | None:
    """The first time expression in ``start:end`` that is not inside the condition."""
    doc = parsed.doc
    blocked = [(doc[i].idx, doc[i].idx + len(doc[i])) for i in banned]
    for found in find_horizons(text[start:end], parsed.document.published):
        a, b = start + found.start, start + found.end
        if not any(x < b and a < y for x, y in blocked):
            return Found(a, b, found.horizon)
    return None


def _negative(cue: Cue) -> bool:
    """A negated predicted clause (a negated frame is ``Reading.flips_polarity``)."""
    owners = (cue.predicate, *cue.tokens) if cue.kind in {"modal", "ellipsis"} else (cue.predicate,)
    for owner in owners:
        for child in owner.children:
            if child.dep_ == "neg" and not _not_only(child):
                return True
            if child.dep_ in {"nsubj", "nsubjpass"} and (
                child.lower_ in _NEGATIVE_SUBJECTS
                or any(g.dep_ == "det" and g.lower_ in {"no", "neither"} for g in child.children)
            ):
                return True
    return False


def _not_only(token: Token) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.lower_ == "only"


def _event(
    cue: Cue, frame: Frame | None, clause: list[Token], found: Found | None, previous: _Draft | None
) -> str:
    """Restate the predicted clause affirmatively with *will*, without hedges or horizon."""
    if cue.kind == "ellipsis" and previous is not None:
        return previous.event
    if cue.kind == "predicative":
        subject = next(c for c in cue.root.children if c.dep_ == "nsubj")
        words = "".join(t.text_with_ws for t in subject.subtree).strip()
        return f"{words} will happen"
    inner = clause
    if frame is not None and frame.author:
        inner = [t for t in clause if t.i >= cue.root.left_edge.i] or clause
    cue_ids = {t.i for t in cue.tokens}
    drop = {t.i for t in inner if t.dep_ == "neg" and not _not_only(t)}
    for token in inner:
        if token.dep_ in {"advmod", "npadvmod"} and token.lower_ in HEDGE_ADVERBS | {"doubt"}:
            drop.update(t.i for t in token.subtree)
        if token.dep_ == "mark" and token.i == inner[0].i:
            drop.add(token.i)
    pieces: list[str] = []
    replaced = False
    for token in inner:
        if found is not None and found.start <= token.idx < found.end:
            continue
        if token.i in cue_ids and cue.kind in {"modal", "frame", "ellipsis"}:
            if not replaced and cue.phrase != "risks":
                pieces.append("will ")
                replaced = True
            elif cue.phrase == "risks":
                pieces.append(token.text_with_ws)
            continue
        if token.i in drop:
            continue
        word = _NEGATIVE_SUBJECTS.get(token.lower_) if _in_subject(token) else None
        pieces.append((word or token.text) + token.whitespace_)
    return re.sub(r"\s+", " ", "".join(pieces)).strip(" ,;:-—–")


def _in_subject(token: Token) -> bool:
    subject = {"nsubj", "nsubjpass"}
    return token.dep_ in subject or (token.dep_ == "det" and token.head.dep_ in subject)


def _span(text: str, tokens: Sequence[Token]) -> Span | None:
    """The span of the first contiguous run of ``tokens`` ("expect" of "expect X to")."""
    if not tokens:
        return None
    ordered = sorted(tokens, key=lambda t: t.i)
    run = [ordered[0]]
    for token in ordered[1:]:
        if token.i != run[-1].i + 1:
            break
        run.append(token)
    tokens = run
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    return Span(start=start, end=end, text=text[start:end])


def _condition_span(text: str, condition: Token | None) -> Span | None:
    if condition is None:
        return None
    tokens = [t for t in condition.subtree if not (t.is_punct or t.is_space)]
    return _span(text, tokens)

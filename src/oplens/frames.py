"""Frames and hedging adverbs over a predicted clause, and the probability they compose to.

A frame is the clause that governs a forecast: "there is every reason to believe [it will
…]", "I don't think [the deal will survive]", "it is likely that [the talks will fail]", or
a reporting verb ("Kerry warned that [the release will …]"). Epistemic frames set the
probability; reporting frames only say that someone else holds the forecast. Hedging
adverbs ("will most likely", "will no doubt") do the same inside the clause. The numbers
and the composition rules are in ``oplens.hedges``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from oplens import hedges
from oplens.cues import REPORTING, Cue, clause_chain
from oplens.exclusions import leaning_frame

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs and adjectives whose complement clause they rate: "I expect that …", "it is likely".
CLAUSE_VERBS = frozenset(
    "expect predict forecast anticipate project believe think suspect fear doubt reckon".split()
)
CLAUSE_ADJECTIVES = frozenset(
    "likely unlikely probable certain sure inevitable questionable doubtful possible".split()
)
CLAUSE_NOUNS = frozenset({"chance", "chances", "possibility", "doubt", "odds", "risk", "danger"})
HEDGE_ADVERBS = frozenset(
    "likely probably possibly perhaps maybe surely certainly definitely undoubtedly "
    "inevitably".split()
)
_AUTHOR_SUBJECTS = frozenset({"i", "we", "it", "there"})


@dataclass(frozen=True)
class Frame:
    """The clause governing a forecast: its words, its head, and how it rates the forecast."""

    tokens: tuple[Token, ...]
    root: Token
    probability: float | None  # None for a reporting verb, which does not rate
    negated: bool
    author: bool  # held by the author ("I expect", "it is likely"), so part of the span
    certainty: bool = False  # a certainty word, whose negation only withdraws it


def governing_frame(cue: Cue) -> Frame | None:
    """Return the nearest frame above the cue's clause, or None."""
    node = cue.root
    for parent in clause_chain(cue.root, depth=4):
        if node.dep_ not in {"ccomp", "xcomp", "relcl", "acl", "advcl", "parataxis", "conj"}:
            return None
        if node.dep_ == "conj" and not _has_subject(node):
            return None
        frame = _frame_at(parent)
        if frame is not None:
            return frame
        if node.dep_ == "conj":
            return None
        node = parent
    return None


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _author(token: Token) -> bool:
    subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return all(s.lower_ in _AUTHOR_SUBJECTS for s in subjects)


def _frame_at(parent: Token) -> Frame | None:
    lemma = parent.lemma_.lower()
    if parent.pos_ == "VERB" and lemma in CLAUSE_VERBS:
        return _verb_frame(parent)
    if lemma == "be":
        for child in parent.children:
            if child.dep_ == "acomp" and child.lower_ in CLAUSE_ADJECTIVES:
                return _word_frame(child, parent, _rated(child))
            if child.dep_ in {"attr", "nsubj"} and child.lower_ in CLAUSE_NOUNS:
                return _word_frame(child, parent, _rated(child))
    if parent.pos_ == "NOUN" and parent.lower_ in CLAUSE_NOUNS:
        return _word_frame(parent, parent.head, _rated(parent))
    if parent.pos_ in {"VERB", "AUX"} and lemma in REPORTING:
        return Frame((parent,), parent, None, _negated(parent), _author(parent))
    return None


def _verb_frame(verb: Token) -> Frame:
    """ "I expect", "we predict", and "every reason to believe" (the verb under "reason")."""
    phrase = verb.lemma_.lower()
    root, tokens = verb, tuple(verb.doc[verb.i : verb.i + 1])
    reason = verb.head if verb.dep_ in {"relcl", "acl"} else None
    if reason is not None and reason.lower_ == "reason":
        det = next((c.lower_ for c in reason.children if c.dep_ in {"det", "amod"}), "")
        phrase = f"{det} reason to {verb.lower_}"
        first = min(t.i for t in reason.subtree if t.i <= reason.i)
        tokens = tuple(verb.doc[first : verb.i + 1])
        root = reason.head
    reading = hedges.reading(phrase) or hedges.reading(verb.lemma_.lower())
    value = reading.probability if reading else None
    if phrase in {"predict", "forecast", "project", "anticipate"}:
        value = None  # a forecasting verb over a "will" adds no hedge of its own
    return Frame(tokens, root, value, _negated(verb) or _negated(root), _author(root))


def _rated(word: Token) -> float | None:
    """The probability a frame adjective or noun gives, with its modifiers."""
    modifiers = [c.lower_ for c in word.children if c.dep_ in {"advmod", "amod", "det"}]
    modifiers = [m for m in modifiers if m not in {"a", "the", "there"}]
    if word.lower_ == "doubt" and "no" in modifiers:
        return hedges.value("no doubt")
    for phrase in (" ".join([*modifiers, word.lower_]), word.lower_):
        value = hedges.phrase_probability(phrase)
        if value is not None:
            return value
    return None


def _word_frame(word: Token, copula: Token, value: float | None) -> Frame:
    first = min(t.i for t in copula.subtree if t.i <= word.i and t.dep_ != "punct")
    tokens = tuple(word.doc[first : word.i + 1])
    negated = _negated(copula) or _negated(word)
    certainty = word.lower_ in {"certain", "sure", "inevitable"}
    return Frame(tokens, copula, value, negated, _author(copula), certainty)


def hedge_adverbs(cue: Cue) -> list[tuple[tuple[Token, ...], float]]:
    """The hedging adverbs inside the clause ("will most likely", "will no doubt")."""
    owners = [cue.predicate, *cue.tokens]
    if cue.root.i != cue.predicate.i:
        owners.append(cue.root)
    found: list[tuple[tuple[Token, ...], float]] = []
    for owner in owners:
        for child in owner.children:
            words = _adverb_phrase(child)
            if words is None or (cue.kind == "adverb" and child in cue.tokens):
                continue
            value = hedges.phrase_probability(" ".join(w.lower_ for w in words))
            if value is not None:
                found.append((words, value))
    return found


def _adverb_phrase(child: Token) -> tuple[Token, ...] | None:
    if child.dep_ in {"advmod", "npadvmod"} and child.lower_ in HEDGE_ADVERBS:
        words = sorted(child.subtree, key=lambda t: t.i)
        return tuple(words)
    if child.lower_ == "doubt" and any(c.lower_ == "no" for c in child.children):
        return tuple(sorted(child.subtree, key=lambda t: t.i))
    return None


@dataclass(frozen=True)
class Reading:
    """A forecast's probability and whether a negated frame turned its polarity."""

    probability: float
    flips_polarity: bool
    cue: tuple[Token, ...]


def read_probability(cue: Cue, frame: Frame | None) -> Reading:
    """Compose the cue's value with its adverbs and frame (``hedges`` rules 1–5)."""
    phrase = cue.phrase
    if phrase in {"may", "might", "could"} and any(
        c.lower_ == "well" for c in cue.predicate.children
    ):
        phrase = f"{phrase} well"
    base = hedges.reading(phrase)
    probability = base.probability if base else hedges.WILL
    shown = cue.tokens
    flips = False
    if cue.kind == "frame" and any(_negated(t) for t in (*cue.tokens, cue.root)):
        flips = phrase not in {"is certain to", "is sure to", "is bound to"}
        probability = probability if flips else 0.5
    for words, value in hedge_adverbs(cue):
        probability = hedges.combine(value, probability)
        shown = _joined(shown, words)
    leaning = leaning_frame(cue.predicate)
    if leaning is not None and frame is None:
        probability = hedges.combine(hedges.value("questionable"), probability)
    if frame is not None and frame.probability is not None:
        if frame.negated and frame.certainty:
            probability = 0.5
        else:
            probability = hedges.combine(frame.probability, probability)
            flips = flips != frame.negated
        shown = frame.tokens
    return Reading(hedges.clip(probability), flips, shown)


def _joined(first: tuple[Token, ...], second: tuple[Token, ...]) -> tuple[Token, ...]:
    """Join two cue pieces into one when they are adjacent ("will" + "most likely")."""
    tokens = sorted({*first, *second}, key=lambda t: t.i)
    if tokens[-1].i - tokens[0].i + 1 == len(tokens):
        return tuple(tokens)
    return first

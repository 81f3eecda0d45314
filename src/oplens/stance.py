"""The author's stance towards a reported statement, with the span that shows it.

Read in this order, the first that applies wins:

1. the next sentence of the paragraph denies it outright ("They are not.", "That is
   false.", "Nonsense.", "That is wishful thinking.") → rejected; or affirms it ("That is
   right.") → endorsed; the evidence is that sentence;
2. one of the next two sentences negates the content's own verb and shares its object or
   subject ("designed to … deter Iran" → "It will not deter Iran") → rejected; the
   evidence is the negated clause;
3. the cue itself: a distancing verb or adverb ("claimed", "insisted", "falsely said") or
   "so-called" inside the content → rejected; a factive verb or approving adverb
   ("pointed out", "acknowledged", "rightly noted") → endorsed; the evidence is the cue.

A report offered in support of the author's own denial ("It will not. The two largest
cruise lines have already told the port authority …") is endorsed; that is decided over
the whole document in ``oplens.attributions``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from oplens.attribution_spans import Relation
from oplens.schema import Span, Stance

if TYPE_CHECKING:
    from spacy.tokens import Token

    from oplens.nlp import ParsedDocument

_AUX = r"(?:is|are|was|were|will|would|does|do|did|has|have|had|can|could|should|wo|ca)"
_DENIAL = re.compile(
    rf"^(?:but\s+|and\s+)?(?:that|this|it|they|he|she|which|none of (?:this|that|it))\s+"
    rf"{_AUX}(?:\s+not|n['’]t)\b(?:\s+\w+){{0,3}}\s*[.!]$"
    r"|^(?:that|this|it|such talk|the claim|the idea)\s+(?:is|was|'s|’s)\s+"
    r"(?:simply\s+|just\s+|plainly\s+|pure\s+|mere\s+)?(?:a\s+)?(?:false|untrue|wrong|"
    r"nonsense|not true|not so|myth|fantasy|wishful thinking|absurd|ridiculous|misleading|"
    r"mistaken|incorrect|lie|fiction|rubbish|doubtful|unlikely|dubious)\b"
    r"|^(?:nonsense|wrong|hardly|not so|not quite|far from it|rubbish|untrue|false|"
    r"not true|no)\s*[.!]",
    re.IGNORECASE,
)
_AFFIRMATION = re.compile(
    r"^(?:and\s+)?(?:that|this|he|she|they|it)\s+(?:is|are|was|were|'s|’s)\s+"
    r"(?:quite\s+|absolutely\s+|exactly\s+)?(?:right|correct|true|accurate)\b"
    r"|^(?:and\s+)?(?:indeed|rightly so|true enough|quite right|exactly|quite so)\s*[.,!]",
    re.IGNORECASE,
)
DISTANCING = frozenset({"claim", "insist", "allege", "purport"})
FACTIVE = frozenset(
    {
        "note",
        "point",
        "acknowledge",
        "admit",
        "concede",
        "confirm",
        "reveal",
        "show",
        "demonstrate",
        "recognize",
        "recognise",
        "prove",
        "remind",
        "document",
    }
)
_DOUBTING_ADVERBS = frozenset({"falsely", "wrongly", "baselessly", "dubiously", "absurdly"})
_APPROVING_ADVERBS = frozenset({"rightly", "correctly", "aptly", "wisely", "accurately"})


def judge_stance(relation: Relation, parsed: ParsedDocument) -> tuple[Stance, Span | None]:
    """Return the author's stance towards a relation's content, and its evidence."""
    following = _following_sentences(relation, parsed)
    if following:
        first = following[0]
        if _DENIAL.search(first.text.strip()):
            return "rejected", first
        if _AFFIRMATION.search(first.text.strip()):
            return "endorsed", first
    contradiction = _contradiction(relation, parsed, following)
    if contradiction is not None:
        return "rejected", contradiction
    return _cue_stance(relation, parsed)


def _span(parsed: ParsedDocument, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=parsed.document.text[start:end])


def _following_sentences(relation: Relation, parsed: ParsedDocument) -> list[Span]:
    """The (at most two) sentences after the content's, in the same paragraph."""
    end = max(part.end_char for part in relation.contents)
    sentences = parsed.sentences
    for index, sentence in enumerate(sentences):
        if sentence.start <= end - 1 < sentence.end or sentence.start >= end:
            later = [
                s for s in sentences[index + 1 : index + 3] if s.paragraph == sentence.paragraph
            ]
            return [_span(parsed, s.start, s.end) for s in later]
    return []


def _contradiction(
    relation: Relation, parsed: ParsedDocument, following: list[Span]
) -> Span | None:
    content_tokens = [t for part in relation.contents for t in part.tokens]
    verbs = {t.lemma_.lower() for t in content_tokens if t.pos_ in {"VERB", "AUX"}}
    nouns = {t.lemma_.lower() for t in content_tokens if t.pos_ in {"NOUN", "PROPN"}}
    for sentence in following:
        for token in (
            parsed.doc.char_span(sentence.start, sentence.end, alignment_mode="expand") or ()
        ):
            if token.dep_ != "neg":
                continue
            verb = token.head
            arguments = {
                c.lemma_.lower() for c in verb.children if c.dep_ in {"dobj", "nsubj", "attr"}
            }
            if verb.lemma_.lower() in verbs and arguments & nouns:
                return _clause(parsed, verb)
    return None


def _clause(parsed: ParsedDocument, verb: Token) -> Span:
    """The clause of a verb without its coordinated clauses and edge punctuation."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_ not in {"conj", "cc", "punct"}:
            tokens.extend(child.subtree)
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return _span(parsed, first.idx, last.idx + len(last))


def _cue_stance(relation: Relation, parsed: ParsedDocument) -> tuple[Stance, Span | None]:
    cue = relation.cue
    evidence = _span(parsed, cue.start_char, cue.end_char)
    lemmas = {t.lemma_.lower() for t in cue.tokens}
    adverbs = {c.lower_ for t in cue.tokens for c in t.children if c.dep_ == "advmod"} | {
        t.lower_ for t in cue.tokens
    }
    content_words = {t.lower_ for part in relation.contents for t in part.tokens}
    if lemmas & DISTANCING or adverbs & _DOUBTING_ADVERBS or "so-called" in content_words:
        return "rejected", evidence
    if lemmas & FACTIVE or adverbs & _APPROVING_ADVERBS:
        return "endorsed", evidence
    return "neutral", None

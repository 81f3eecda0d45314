"""Reporting verbs the tagger missed: "X said (that) Y", "X called for Y", "X accused Y of …".

A verb with a subject and a complement reports when its lemma is a reporting word and the
complement a clause ("said that …"), or when PolNeAR train shows its lemma with that kind
of complement to be a cue most of the time (a *frame*, mined by
``oplens.training.attributions``: "call|prep_for", "accuse|dobj", "plan|xcomp"). A frame
found this way needs a subject that can speak: a pronoun, a name, or a noun that speaks in
PolNeAR train ("officials", "the poll") — not "the streets … show the strain".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from oplens.attribution_features import Paragraph
from oplens.attribution_rules import relation_of
from oplens.attribution_spans import Relation

if TYPE_CHECKING:
    from spacy.tokens import Token

_COMPLEMENTS = ("ccomp", "xcomp", "dobj")


@dataclass(frozen=True)
class Reporting:
    """What PolNeAR train says reports: reporting lemmas, verb frames, nouns that speak.

    Attributes:
        lexicon: lowercased lemmas of reporting words; with a clausal complement they
            always report.
        frames: ``lemma|frame`` keys (``predicate_frame``) that are cues in most of their
            train occurrences.
        speakers: lemmas of common nouns that head a source in train ("official").
    """

    lexicon: frozenset[str]
    frames: frozenset[str] = field(default=frozenset())
    speakers: frozenset[str] = field(default=frozenset())

    def reports(self, lemma: str) -> bool:
        """Whether a lemma is a reporting word or the verb of a reporting frame."""
        return lemma in self.lexicon or any(key.startswith(f"{lemma}|") for key in self.frames)


def verb_relations(paragraph: Paragraph, reporting: Reporting) -> list[Relation]:
    """Return the relations of the paragraph's reporting verbs that have a subject."""
    found = (_reporting_verb(token, reporting) for token in paragraph.tokens)
    return [relation for relation in found if relation is not None]


def predicate_frame(token: Token) -> tuple[str, Token, list[Token]] | None:
    """A verb's complement frame, its complement, and the cue words beyond the verb.

    The frame is the first of ``ccomp``, ``xcomp``, ``dobj`` among the verb's children,
    else ``prep_<word>`` for a preposition with an object right after the verb ("called
    for"), which joins the cue. None for a verb without a subject or a complement.
    """
    if token.pos_ != "VERB" or not any(c.dep_ == "nsubj" for c in token.children):
        return None
    for dep in _COMPLEMENTS:
        complement = next((c for c in token.children if c.dep_ == dep), None)
        if complement is not None:
            return dep, complement, []
    for child in token.children:
        target = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
        if child.dep_ == "prep" and child.i == token.i + 1 and target is not None:
            return f"prep_{child.lower_}", target, [child]
    return None


def frame_key(token: Token, frame: str) -> str:
    """The key a verb's frame is known by: ``lemma|frame``."""
    return f"{token.lemma_.lower()}|{frame}"


def _reporting_verb(token: Token, reporting: Reporting) -> Relation | None:
    framed = predicate_frame(token)
    if framed is None:
        return None
    frame, complement, more = framed
    subject = next(c for c in token.children if c.dep_ == "nsubj")
    if subject.pos_ == "PRON" and subject.lower_ in {"i", "we"}:
        return None
    said = frame == "ccomp" and token.lemma_.lower() in reporting.lexicon
    if not said and not (
        frame_key(token, frame) in reporting.frames and _can_speak(subject, reporting)
    ):
        return None
    doc = token.doc
    auxiliaries = [c for c in token.children if c.dep_ in {"aux", "neg"} and c.i < token.i]
    first = min([token, *auxiliaries], key=lambda t: t.i)
    # "has stated", "did not say": the auxiliaries join the cue when nothing comes between.
    between = list(doc[first.i : token.i + 1])
    cue = between if all(t in auxiliaries or t.i == token.i for t in between) else [token]
    return relation_of(cue + more, list(subject.subtree), list(complement.subtree))


def _can_speak(subject: Token, reporting: Reporting) -> bool:
    """A pronoun, a name, or a common noun that speaks in PolNeAR train."""
    if subject.pos_ != "NOUN" or subject.ent_type_:
        return True
    return subject.lemma_.lower() in reporting.speakers

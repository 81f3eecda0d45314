"""Checks that throw out found relations that cannot be someone's reported words.

The tagger and the patterns find relations by their shape; these checks read the parse for
four shapes that look like reports and are not (the first three each cost at most 0.001 of
F1 on PolNeAR dev, which annotates a broader notion of attribution than speech; the fourth
raised cue overlap F1 by 0.003):

- a passive's subject is what is talked about, not the speaker: "His killing will be
  regarded as nothing short of a direct attack" has no speaker (only "X was quoted as
  saying" and a feeling's passive, "protesters were frustrated that …", make the subject
  the speaker);
- an event cannot speak: a speaker headed by a gerund nominal ("his killing", "the
  bombing") is no speaker, but for the few that name a report and do speak in PolNeAR
  train ("the ruling said", "the filing says");
- a verb in a relative clause that ends in a stranded preposition has the clause's
  antecedent as its object: in "something he didn't care much about to begin with -- an
  investment …", what follows is not what he cared about;
- a noun that is a subject or an object elsewhere in the sentence ("The footage of …
  shows", "news of the deal") is a thing, not an act of saying, unless a that-clause
  says what was said ("his claim that …").
"""

from __future__ import annotations

from oplens.attribution_spans import Relation, TaggedSpan, cue_head, experiencer_passive

# Passive verbs whose subject is the speaker: "Trump was quoted as saying", "cited as".
_PASSIVE_SPEAKING = frozenset({"quote", "cite"})
# Gerund nominals that head a source in PolNeAR train (polling 15 times, filing 11, finding
# 3, reporting 2, ruling, hearing, warning, briefing once or more); other -ing nouns do not.
# People in -ing are not events.
SPEAKING_GERUNDS = frozenset(
    {"polling", "filing", "finding", "reporting", "ruling", "hearing", "warning", "briefing"}
    | {"sibling", "underling", "offspring", "darling"}
)
# Shorter -ing nouns are not gerunds: king, thing, wing, ring.
MIN_GERUND_LENGTH = 6


def rejection(relation: Relation) -> str | None:
    """Return why a relation is not reported speech, or None if it may be.

    A relation without a source meets only the checks on its cue.
    """
    source = relation.source
    if source is not None and _passive_topic(relation.cue, source):
        return "the speaker is the passive's subject"
    if source is not None and _event_speaker(source):
        return "the speaker is an event"
    if _stranded_relative(relation.cue):
        return "the cue's object is the relative clause's antecedent"
    if _bare_noun_cue(relation.cue):
        return "the cue is a noun in another role, with no clause of what was said"
    return None


def _passive_topic(cue: TaggedSpan, source: TaggedSpan) -> bool:
    verb = cue_head(cue)
    if verb.lemma_.lower() in _PASSIVE_SPEAKING or experiencer_passive(verb):
        return False
    return any(t.dep_ == "nsubjpass" and t.head.i == verb.i for t in source.tokens)


def _event_speaker(source: TaggedSpan) -> bool:
    head = cue_head(source)
    word = head.lower_
    return (
        head.pos_ == "NOUN"
        and not head.ent_type_
        and word.endswith("ing")
        and len(word) >= MIN_GERUND_LENGTH
        and word not in SPEAKING_GERUNDS
    )


# Roles of a noun that is what the sentence is about, not someone's act of saying: "The
# footage of …", "news of …", "a dedicated advocate for …". On PolNeAR dev, tagged cues
# headed by such a noun were right 2 times in 16.
_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "pobj", "attr", "conj", "dep", "appos"})


def _bare_noun_cue(cue: TaggedSpan) -> bool:
    head = cue_head(cue)
    if head.pos_ != "NOUN" or head.dep_ not in _NOUN_ROLES:
        return False
    # "his claim that …": the that-clause is what was said; the noun is a report.
    return not any(
        c.dep_ in {"acl", "ccomp", "relcl", "appos"} and c.left_edge.lower_ == "that"
        for c in head.children
    )


def _stranded_relative(cue: TaggedSpan) -> bool:
    if cue_head(cue).dep_ != "relcl":
        return False
    last = cue.tokens[-1]
    return last.pos_ == "ADP" and not any(c.dep_ in {"pobj", "pcomp"} for c in last.children)

"""Future cues in a spaCy parse: which clauses are marked as forecasts, and which are not.

A cue is the word or construction that puts a clause in the future: a modal (*will*,
*may*, *could*, the *would* of reported speech), *is going to*, a frame with an infinitive
(*is likely to*, *is expected to*, *is set to*, *stands to*, *risks*), an epistemic adverb
over a clause with a future time phrase ("likely for months to come"), or an elliptical
*will* ("It will not."). ``find_cues`` finds them; ``exclusion`` says why a cue does not make
a prediction (past speculation, counterfactual, generic, embedded question, wish, …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Modal forms and the hedge phrase each is read as (``hedges.READINGS``).
MODALS = {
    "will": "will", "'ll": "will", "’ll": "will", "wo": "will", "shall": "shall",
    "sha": "shall", "may": "may", "might": "might", "could": "could", "would": "would",
    "'d": "would", "’d": "would",
}  # fmt: skip
# Words that take an infinitive and mark it as expected: "is likely to", "is set to".
FRAME_TO = {
    "likely": "likely", "unlikely": "unlikely", "certain": "is certain to",
    "sure": "is sure to", "bound": "is bound to", "set": "is set to", "due": "is due to",
    "poised": "is poised to", "about": "is about to", "expected": "is expected to",
    "scheduled": "is scheduled to", "slated": "is slated to", "destined": "is bound to",
    "predicted": "is expected to", "forecast": "is expected to", "projected": "is expected to",
    "going": "is going to",
}  # fmt: skip
# Verbs whose infinitive (or object + infinitive) is the forecast: "stands to gain".
VERB_TO = {
    "stand": "stands to", "threaten": "threatens to", "promise": "promise", "pledge": "promise",
    "vow": "promise", "plan": "plan", "intend": "intend", "expect": "expect", "risk": "risks",
}  # fmt: skip
# Verbs whose noun object is the forecast ("predict further rain", "warn of dire consequences").
OBJECT_VERBS = {
    "predict": "predict", "forecast": "forecast", "anticipate": "anticipate",
    "project": "project", "expect": "expect", "pledge": "promise", "promise": "promise",
    "vow": "promise", "warn": "warn",
}  # fmt: skip
EPISTEMIC_ADVERBS = frozenset({"likely", "probably"})
PREDICATIVE = {"likely": "likely", "unlikely": "unlikely", "inevitable": "inevitable"}
PREDICATIVE["imminent"] = "imminent"

HABITUAL = frozenset(
    "always usually often generally typically sometimes normally rarely seldom frequently "
    "invariably routinely".split()
)
GENERIC_SUBJECTS = frozenset({"you", "one", "anyone", "everyone", "whoever", "anybody"})
DISCOURSE = frozenset(
    "argue show explain discuss describe examine consider look focus turn return outline "
    "suggest note say add begin conclude address try bet admit confess submit".split()
)
STATIVE = frozenset(
    "be care know want like love hate believe think seem appear mean matter exist need feel "
    "understand realize realise own possess deserve agree doubt prefer trust have".split()
)
# Surface forms too: the small model lemmatises "hoping" as "hop".
WISHES = frozenset(
    "hope hopes hoped hoping wish wishes wished wishing pray prays praying dream want wants "
    "wanted wanting desire long longing".split()
)
UNCERTAINTY = frozenset({"know", "tell", "learn", "find", "determine", "see", "say"})
CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "once", "lest"})
SUBORDINATE_MARKS = CONDITION_MARKS | {"when", "whenever", "until", "before", "after", "while"}
INDEFINITE = frozenset({"a", "an", "any", "every", "no", "some", "another"})
REPORTING = frozenset(
    """say tell announce claim argue insist add state report note warn predict promise pledge
    vow declare confirm assure explain write suggest indicate acknowledge admit concede
    contend maintain caution expect believe think fear forecast project anticipate estimate
    reckon suspect hint reveal signal threaten agree decide clear convey""".split()
)


@dataclass(frozen=True)
class Cue:
    """A future marker and the predicate of the clause it marks."""

    predicate: Token
    tokens: tuple[Token, ...]
    kind: str  # "modal", "frame", "adverb", "predicative", "ellipsis", "object"
    phrase: str  # the hedge phrase it is read as (a key of ``hedges.READINGS``)
    root: Token  # the head of the whole clause (the frame's, for "is likely to")


def find_cues(sent: SpacySpan) -> list[Cue]:
    """Return the future cues of one sentence, one per predicate, in text order."""
    cues: dict[int, Cue] = {}
    for token in sent:
        cue = _modal_cue(token) or _frame_cue(token) or _adverb_cue(token)
        cue = cue or _predicative_cue(token) or _object_cue(token)
        if cue is not None and cue.predicate.i not in cues:
            cues[cue.predicate.i] = cue
    return [cues[index] for index in sorted(cues)]


def _modal_cue(token: Token) -> Cue | None:
    if token.tag_ != "MD" or token.lower_ not in MODALS:
        return None
    tokens = _with_contraction(token)
    if token.dep_ in {"aux", "auxpass"} and token.head.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}:
        return Cue(token.head, tokens, "modal", MODALS[token.lower_], token.head)
    if MODALS[token.lower_] in {"will", "shall"} and not any(
        child.pos_ == "VERB" for child in token.children
    ):
        return Cue(token, tokens, "ellipsis", MODALS[token.lower_], token)
    return None


def _with_contraction(token: Token) -> tuple[Token, ...]:
    """ "wo" with its "n't" ("won't"), so that the cue reads as written."""
    if token.lower_ in {"wo", "sha"} and token.i + 1 < len(token.doc):
        following = token.nbor(1)
        if following.lower_ in {"n't", "n’t"}:
            return (token, following)
    return (token,)


def _to_child(token: Token) -> Token | None:
    """The infinitive a frame word governs ("likely [to leave]"), if any."""
    for child in token.children:
        if child.dep_ not in {"xcomp", "ccomp"} or child.pos_ not in {"VERB", "AUX"}:
            continue
        if any(grand.lower_ == "to" and grand.dep_ == "aux" for grand in child.children):
            return child
    return None


def _frame_cue(token: Token) -> Cue | None:
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in FRAME_TO and (lower != "going" or token.tag_ == "VBG") and _with_copula(token):
        if _comparative(token):
            return None
        infinitive = _to_child(token)
        if infinitive is not None:
            root = token.head if token.dep_ == "acomp" else token
            tokens = _frame_tokens(token, infinitive)
            return Cue(infinitive, tokens, "frame", FRAME_TO[lower], root)
    if token.pos_ == "VERB" and lemma in VERB_TO and token.lower_ not in FRAME_TO:
        if lemma in {"threaten", "risk"} and not _finite_present(token):
            return None
        infinitive = _to_child(token)
        if infinitive is not None and not _is_perfect_or_past(token):
            to = tuple(c for c in infinitive.children if c.lower_ == "to")
            if any(c.dep_ in {"nsubj", "nsubjpass"} for c in infinitive.children):
                # "I expect [the talks to fail]": the verb frames a clause with its own
                # subject (``frames.governing_frame`` reads it); "to" marks the future.
                return Cue(infinitive, to, "frame", "will", infinitive)
            return Cue(infinitive, (token, *to), "frame", VERB_TO[lemma], token)
        if lemma == "risk" and any(c.dep_ in {"dobj", "xcomp"} for c in token.children):
            return Cue(token, (token,), "frame", "risks", token)
    return None


def _comparative(token: Token) -> bool:
    """ "more likely to" compares groups or habits; it forecasts nothing."""
    return any(c.lower_ in {"more", "less", "as", "than"} for c in token.children)


def _finite_present(token: Token) -> bool:
    if token.tag_ in {"VBZ", "VBP"}:
        return True
    return token.tag_ == "VB" and any(c.tag_ == "MD" for c in token.children)


def _with_copula(token: Token) -> bool:
    """A frame word needs its copula: "is likely to", "are set to", "seems bound to"."""
    if token.dep_ == "acomp" and token.head.lemma_ in {"be", "seem", "appear", "look", "remain"}:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.lemma_ == "be" for c in token.children)


def _frame_tokens(frame: Token, infinitive: Token) -> tuple[Token, ...]:
    """The frame's words from its copula to "to": "is expected to", "are likely to"."""
    doc = frame.doc
    first = frame.i
    for child in frame.head.children if frame.dep_ == "acomp" else frame.children:
        if child.dep_ in {"aux", "auxpass"} and child.lemma_ == "be" and child.i < first:
            first = child.i
    if frame.dep_ == "acomp" and frame.head.lemma_ == "be" and frame.head.i < first:
        first = frame.head.i
    to = next((c for c in infinitive.children if c.lower_ == "to"), None)
    last = to.i if to is not None else frame.i
    return tuple(doc[first : last + 1])


def _is_perfect_or_past(token: Token) -> bool:
    return token.tag_ in {"VBD", "VBN"} and not any(c.dep_ == "auxpass" for c in token.children)


def _adverb_cue(token: Token) -> Cue | None:
    """An epistemic adverb over a clause without a modal: "likely for months to come"."""
    if token.lower_ not in EPISTEMIC_ADVERBS or token.dep_ != "advmod":
        return None
    head = token.head
    if head.pos_ not in {"VERB", "AUX"} or any(c.tag_ == "MD" for c in head.children):
        return None
    return Cue(head, (token,), "adverb", token.lower_, head)


def _predicative_cue(token: Token) -> Cue | None:
    """A predicative "likely" with a nominal subject: "A deal is unlikely before March"."""
    if token.lower_ not in PREDICATIVE or token.dep_ != "acomp" or _to_child(token):
        return None
    head = token.head
    if head.lemma_ != "be" or head.tag_ == "VBD" or _comparative(token):
        return None
    if any(c.dep_ in {"ccomp", "expl"} for c in head.children):
        return None
    if not any(c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"} for c in head.children):
        return None
    return Cue(head, (token,), "predicative", PREDICATIVE[token.lower_], head)


def _object_cue(token: Token) -> Cue | None:
    """A forecasting verb with a noun object: "forecasters predicting further rain"."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in OBJECT_VERBS:
        return None
    if any(c.dep_ in {"ccomp", "xcomp"} for c in token.children):
        return None
    for child in token.children:
        if lemma == "warn" and child.dep_ == "prep" and child.lower_ in {"of", "about"}:
            child = next((g for g in child.children if g.dep_ == "pobj"), child)
        elif child.dep_ != "dobj":
            continue
        if child.pos_ in {"NOUN", "PROPN"}:
            return Cue(child, (token,), "object", OBJECT_VERBS[lemma], child)
    return None


def clause_chain(token: Token, depth: int = 5) -> list[Token]:
    """The heads above a predicate, nearest first, up to ``depth`` clause levels."""
    chain: list[Token] = []
    node = token
    while node.head.i != node.i and len(chain) < depth:
        node = node.head
        chain.append(node)
    return chain

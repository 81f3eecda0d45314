"""Why a future cue does not make a prediction: each rule names one reading that is not one.

Rules, in the order they are tried (the first that applies wins):

- ``question``: the sentence is a question;
- ``past``: a past modal with a perfect ("may have compromised", "would have been");
- ``volition``: "would like", "would rather";
- ``counterfactual``: *would* / *could* with no reported-speech frame and no open condition
  ("Centring Muslim victims would mitigate the backlash"), or under an unreal condition
  ("if he were …, he would …");
- ``ability``: *could* of past or present ability ("could not govern", "anything the levy
  could raise");
- ``present``: *may* / *might* / *could* with a stative or progressive verb and no time
  phrase ahead ("may not care", "may be going through", "it may be time");
- ``past frame``: a frame in the past tense outside reported speech ("was expected to",
  "weren't about to"), unless a time phrase ahead follows;
- ``subordinate``: the cue sits inside a condition or time clause ("if it will …");
- ``embedded question``: inside a *whether* / *how* clause whose frame does not lean
  ("the question over how they will be held accountable");
- ``uncertainty``: "we won't know whether …", a statement of not knowing;
- ``wish``: under *hope*, *wish*, *want*;
- ``generic``: generic subjects (*you*, *one*) or habitual adverbs (*always*, *often*);
- ``discourse``: the text's own plan ("as I will argue", "I would say", "I'll bet");
- ``hypothetical``: a relative clause on an indefinite antecedent ("a leader who will …").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oplens.cues import (
    CONDITION_MARKS,
    DISCOURSE,
    GENERIC_SUBJECTS,
    HABITUAL,
    INDEFINITE,
    REPORTING,
    STATIVE,
    SUBORDINATE_MARKS,
    UNCERTAINTY,
    WISHES,
    Cue,
    clause_chain,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_WANTING = frozenset("need want require seek demand lack find choose elect".split())
_QUANTIFIERS = frozenset(
    "anything everything something nothing all whatever much little most best".split()
)
LEANING = frozenset({"questionable", "doubtful", "doubt", "difficult", "hard", "unlikely"})
_WH = frozenset({"how", "what", "when", "why", "who", "whom", "which", "where"})
_VOLITION = frozenset({"like", "love", "rather", "want", "prefer", "hate"})
_LABELS = frozenset({"call", "term", "describe", "consider", "see", "regard", "label", "dub"})


def exclusion(cue: Cue, sent: SpacySpan, *, has_horizon: bool) -> str | None:
    """Return why ``cue`` is not a prediction, or None when it is one."""
    if _is_question(sent):
        return "question"
    head = cue.predicate
    modal = cue.tokens[0].lower_ if cue.kind == "modal" else ""
    checks = (
        ("past", _past(cue)),
        ("volition", modal in {"would", "'d", "’d"} and head.lemma_ in _VOLITION),
        ("counterfactual", modal in {"would", "'d", "’d", "could"} and not _licensed(cue)),
        ("ability", modal == "could" and _ability(cue)),
        ("present", modal in {"may", "might", "could"} and _present(head) and not has_horizon),
        ("past frame", _past_frame(cue) and not has_horizon),
        ("subordinate", _subordinate(head)),
        ("embedded question", _embedded_question(head) and leaning_frame(head) is None),
        ("uncertainty", _uncertainty(head)),
        ("wish", _under_wish(head)),
        ("generic", _generic(head)),
        ("discourse", _discourse(head)),
        ("hypothetical", _hypothetical_relative(head)),
    )
    return next((name for name, applies in checks if applies), None)


def _is_question(sent: SpacySpan) -> bool:
    return sent.text.rstrip(" \"'”’)").endswith("?")


def _past(cue: Cue) -> bool:
    if cue.kind == "adverb":
        return cue.predicate.tag_ == "VBD"
    if cue.kind != "modal" or cue.tokens[0].lower_ in {"will", "'ll", "’ll", "wo", "shall"}:
        return False
    head = cue.predicate
    return head.tag_ == "VBN" and any(
        c.lemma_ == "have" and c.dep_ == "aux" and c.i > cue.tokens[0].i for c in head.children
    )


def reporting_head(head: Token) -> Token | None:
    """The reporting or thinking verb whose complement holds ``head``, if any."""
    node = head
    for parent in clause_chain(head, depth=3):
        if node.dep_ not in {"ccomp", "xcomp", "conj", "parataxis", "advcl"}:
            return None
        if node.dep_ == "advcl" and parent.lower_ not in {"clear", "plain"}:
            return None
        if parent.pos_ in {"VERB", "AUX"} and parent.lemma_.lower() in REPORTING:
            return parent
        if parent.lemma_ == "make" and any(c.lower_ == "clear" for c in parent.children):
            return parent
        if parent.lower_ in {"clear", "plain"} and parent.head.lemma_ == "make":
            return parent.head
        node = parent
    return None


def open_condition(head: Token) -> Token | None:
    """An *if* / *unless* clause on ``head`` (or on the clause it is coordinated with)."""
    for owner in (head, head.head) if head.dep_ == "conj" else (head,):
        for child in owner.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children
            ):
                return child
    return None


def _licensed(cue: Cue) -> bool:
    """*would* / *could* count only in reported speech or under an open condition."""
    if reporting_head(cue.predicate) is not None:
        return True
    condition = open_condition(cue.predicate)
    if condition is None:
        return cue.tokens[0].lower_ == "could"
    unreal = condition.tag_ == "VBD" or any(
        c.tag_ in {"VBD", "MD"} and c.lower_ not in {"will", "can"} for c in condition.children
    )
    return not unreal


def _ability(cue: Cue) -> bool:
    head = cue.predicate
    if any(c.dep_ == "neg" for c in (*head.children, *cue.tokens[0].children)):
        return True
    if head.dep_ in {"csubj", "csubjpass"}:
        return True
    if head.dep_ in {"relcl", "acl"} and head.head.lower_ in _QUANTIFIERS:
        return True
    if head.lemma_ in {"see", "imagine", "understand", "tell", "reach", "say", "argue"}:
        return True
    if head.tag_ == "VBN" and head.lemma_ in {"adapt", "improve", "make", "use", "do", "say"}:
        return True
    root = head.sent.root
    return root.i != head.i and root.tag_ == "VBD" and reporting_head(head) is None


def _past_frame(cue: Cue) -> bool:
    """ "was expected to", "weren't about to": a past frame, unless reported."""
    if cue.kind not in {"frame", "predicative"}:
        return False
    if cue.phrase == "is about to" and any(c.dep_ == "neg" for c in cue.root.children):
        return True
    tensed = [t for t in (*cue.tokens, cue.root) if t.tag_ in {"VBD", "VBZ", "VBP", "MD"}]
    past = any(t.tag_ == "VBD" for t in tensed)
    return past and reporting_head(cue.root) is None


def _present(head: Token) -> bool:
    passive = any(c.dep_ == "auxpass" for c in head.children)
    if head.lemma_ in STATIVE and not passive:
        return True
    if passive and head.lemma_ in _LABELS:
        return True
    return head.tag_ == "VBG" and any(c.lemma_ == "be" and c.dep_ == "aux" for c in head.children)


def _subordinate(head: Token) -> bool:
    """Inside a condition or time clause, at any of the three levels above."""
    node = head
    for _ in range(4):
        if node.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in SUBORDINATE_MARKS for m in node.children
        ):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _embedded_question(head: Token) -> bool:
    """A *whether* / *how* clause under a verb or preposition (not "that is how …")."""
    if head.dep_ not in {"ccomp", "pcomp", "csubj", "xcomp", "advcl", "pobj", "conj"}:
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in head.children):
        return True
    edge = head.left_edge
    wh = edge.lower_ in _WH and edge.tag_ in {"WRB", "WP"} and edge.i < head.i
    return wh and head.head.lemma_ != "be"


def leaning_frame(head: Token) -> Token | None:
    """A doubting frame over an embedded question ("it is questionable whether …")."""
    for parent in clause_chain(head, depth=3):
        words = [parent, *(c for c in parent.children if c.dep_ in {"acomp", "attr"})]
        found = next((w for w in words if w.lemma_.lower() in LEANING), None)
        if found is not None:
            return found
    return None


def _uncertainty(head: Token) -> bool:
    if head.lemma_ not in UNCERTAINTY and not (head.lemma_ == "be" and _has_sure(head)):
        return False
    return any(
        c.dep_ in {"ccomp", "advcl"}
        and any(
            (g.dep_ == "mark" and g.lower_ in {"whether", "if"}) or g.lower_ in _WH
            for g in c.children
        )
        for c in head.children
    )


def _has_sure(head: Token) -> bool:
    return any(c.lower_ in {"sure", "certain", "clear"} for c in head.children)


def _under_wish(head: Token) -> bool:
    for parent in clause_chain(head, depth=4):
        if parent.lemma_.lower() in WISHES or parent.lower_ in WISHES:
            return True
        if parent.lemma_ == "look" and any(c.lower_ == "forward" for c in parent.children):
            return True
    return False


def _generic(head: Token) -> bool:
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in GENERIC_SUBJECTS:
            return True
        if child.dep_ in {"nsubj", "nsubjpass"} and any(
            g.dep_ == "det" and g.lower_ in {"any", "every"} for g in child.children
        ):
            return True
        if child.dep_ == "advmod" and child.lower_ in HABITUAL:
            return True
    return False


def _discourse(head: Token) -> bool:
    if head.lemma_.lower() not in DISCOURSE:
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in head.children) or any(
        c.dep_ == "mark" and c.lower_ == "as" for c in head.children
    )


def _hypothetical_relative(head: Token) -> bool:
    """A relative clause on an indefinite antecedent that is wanted, not there yet:
    "we need a leader who will …", a verbless "A leader who will …", "a place where they
    will face …" under *must*."""
    if head.dep_ != "relcl":
        return False
    antecedent = head.head
    if antecedent.lemma_.lower() in {"anyone", "someone", "anything", "something"}:
        return True
    if not any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in antecedent.children):
        return False
    governor = antecedent.head
    if antecedent.dep_ == "ROOT" or governor.lemma_.lower() in _WANTING:
        return True
    sentence = antecedent.sent
    return any(t.lower_ in {"must", "should", "ought", "need"} for t in sentence)

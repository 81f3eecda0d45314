"""What each unit signals on its surface: discourse markers, reported speech, denials.

Read off the shared parse, one ``UnitCues`` per unit; the role and relation rules in
``oplens.arguments.structure`` work only from these records (and the unit types), which
keeps the rules testable without a parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

Marker = Literal["adversative", "concessive", "causal", "conclusive", "additive"]

# Opening discourse markers (Penn Discourse Treebank connectives, grouped by relation),
# longest first so that "that said" wins over "that".
OPENERS: tuple[tuple[str, Marker], ...] = tuple(
    sorted(
        [
            *(
                (m, "adversative")
                for m in (
                    "but",
                    "however",
                    "yet",
                    "still",
                    "nevertheless",
                    "nonetheless",
                    "even so",
                    "that said",
                    "on the other hand",
                    "instead",
                    "in fact",
                    "rather",
                )
            ),
            *(
                (m, "concessive")
                for m in (
                    "granted",
                    "admittedly",
                    "of course",
                    "to be sure",
                    "sure",
                    "true",
                    "certainly",
                    "yes",
                    "no doubt",
                    "it is true that",
                    "it's true that",
                    "although",
                    "though",
                    "while",
                    "whereas",
                    "even if",
                    "even though",
                )
            ),
            *(
                (m, "causal")
                for m in (
                    "because",
                    "since",
                    "as",
                    "for",
                    "given that",
                    "after all",
                    "for one thing",
                    "for example",
                    "for instance",
                    "indeed",
                )
            ),
            *(
                (m, "conclusive")
                for m in (
                    "therefore",
                    "thus",
                    "hence",
                    "so",
                    "that's why",
                    "that is why",
                    "which is why",
                    "consequently",
                    "as a result",
                    "in short",
                    "ultimately",
                )
            ),
            *(
                (m, "additive")
                for m in (
                    "and",
                    "also",
                    "moreover",
                    "furthermore",
                    "besides",
                    "plus",
                    "what's more",
                    "in addition",
                )
            ),
        ],
        key=lambda pair: -len(pair[0]),
    )
)
# Verbs that report a claim someone made (a subset of the reporting verbs: "accuse" and
# "describe" report acts, not propositions the author could deny).
CLAIM_VERBS = frozenset(
    """say state claim argue insist assert contend maintain tell promise predict suggest
    announce declare believe think write add explain""".split()
)
# Verbs of holding a view, and the subjects that make them someone else's view ("Critics
# point out ...", "Some may find ...", "Proponents count on ..."): an opposing voice.
VIEW_VERBS = frozenset(
    """think believe find feel consider regard point count hold fear object complain
    argue claim say insist report see expect hope want""".split()
)
VOICES = frozenset(
    """some many others critics opponents proponents supporters sceptics skeptics people
    advocates defenders detractors observers""".split()
)
# Adversatives that always turn against what precedes (unlike a bare "but" or "yet").
STRONG_ADVERSATIVES = ("however", "nevertheless", "nonetheless", "still", "even so", "that said")
_CONCLUSIVE_INSIDE = frozenset({"therefore", "thus", "hence", "consequently"})
_DOUBT = frozenset({"doubt", "disagree", "dispute", "reject"})
# Words with which an author grants a point before answering it.
CONCESSION_WORDS = frozenset(
    """compelling easy understandable tempting appealing reasonable legitimate true
    obvious undeniable right fair strong plausible attractive nice good worthy
    may might""".split()
)
# Predicates that dismiss what was just reported ("That is wishful thinking.").
DISMISSIVE = frozenset(
    """wishful nonsense false wrong untrue myth absurd naive fantasy fiction mistaken
    misleading implausible fanciful fairy delusion illusion rubbish""".split()
)
# Phrases that deny an inference from a conceded point ("does not mean it should").
INFERENCE_DENIALS = ("not mean", "n't mean", "not necessarily", "n't necessarily", "not follow")
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nothing", "neither", "nor"})
_NORMATIVE = frozenset({"should", "must", "ought", "need", "have to", "shall"})
_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN"})


@dataclass(frozen=True)
class UnitCues:
    """Surface signals of one unit (see the module note)."""

    opener: Marker | None = None
    reported: bool = False
    content_lemmas: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    negated: bool = False
    dismissive: bool = False
    denies_inference: bool = False
    concession_words: bool = False
    normative: bool = False
    words: int = 0
    first_person: bool = False
    voiced: bool = False
    strong_adversative: bool = False
    conclusive_inside: bool = False


# Markers that open a sentence in other senses too ("As 2014 ends", "For decades", "While
# lying on her bed"): they count only where they open a clause split off a sentence.
CLAUSE_ONLY = frozenset({"as", "since", "for", "while", "though"})
# Markers that count only when a comma follows them ("Sure, ..." but not "Sure enough").
COMMA_ONLY = frozenset({"sure", "true", "yes", "granted", "still", "indeed", "rather", "instead"})


def opener_of(text: str, *, sentence_initial: bool = True) -> Marker | None:
    """Return the relation of the discourse marker opening ``text``, if any.

    Args:
        text: the unit's text.
        sentence_initial: whether the unit opens its sentence (see ``CLAUSE_ONLY``).
    """
    lowered = " ".join(text.lower().replace(",", " , ").split())
    for marker, kind in OPENERS:
        rest = lowered[len(marker) :]
        if not lowered.startswith(marker) or rest[:1] not in {" ", ""}:
            continue
        if marker in CLAUSE_ONLY and sentence_initial:
            continue
        if marker in COMMA_ONLY and not rest.startswith(" ,"):
            continue
        return kind
    return None


def _reporting_head(span: SpacySpan) -> Token | None:
    for token in span:
        if token.lemma_.lower() not in CLAIM_VERBS or token.pos_ != "VERB":
            continue
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        contents = [c for c in token.children if c.dep_ in {"ccomp", "xcomp"}]
        if subjects and contents and subjects[0].lower_ not in {"i", "we"}:
            return token
    return None


def _voiced(words: Sequence[Token]) -> bool:
    for token in words:
        if token.lemma_.lower() in VIEW_VERBS and token.pos_ == "VERB":
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if subjects and subjects[0].lemma_.lower() in VOICES:
                return True
    return False


def cues_of(span: SpacySpan) -> UnitCues:
    """Read the cues of one unit's tokens (the unit opens its sentence or not)."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    lemmas = frozenset(t.lemma_.lower() for t in words if t.pos_ in _CONTENT_POS or t.pos_ == "AUX")
    head = _reporting_head(span)
    content: frozenset[str] = frozenset()
    if head is not None:
        clause = next(c for c in head.children if c.dep_ in {"ccomp", "xcomp"})
        content = frozenset(
            t.lemma_.lower() for t in clause.subtree if t.pos_ in _CONTENT_POS | {"AUX"}
        )
    lowered = span.text.lower()
    negated = any(t.lower_ in _NEGATIONS for t in words)
    subject = next((t for t in words if t.dep_ in {"nsubj", "nsubjpass"}), None)
    dismissive = (
        subject is not None
        and subject.lower_ in {"that", "this", "it"}
        and any(t.lemma_.lower() in DISMISSIVE for t in words)
    ) or (
        subject is not None
        and subject.lower_ in {"i", "we"}
        and any(t.lemma_.lower() in _DOUBT for t in words)
    )
    opening = " ".join(w.lower_ for w in words[:2])
    return UnitCues(
        opener=opener_of(span.text, sentence_initial=span.start == span.sent.start),
        reported=head is not None,
        content_lemmas=content,
        lemmas=lemmas,
        forms=frozenset(t.lower_ for t in words),
        negated=negated,
        dismissive=dismissive,
        denies_inference=any(phrase in lowered for phrase in INFERENCE_DENIALS),
        concession_words=any(t.lower_ in CONCESSION_WORDS for t in words),
        normative=any(t.lower_ in _NORMATIVE for t in words),
        words=len(words),
        first_person=any(t.lower_ in {"i", "we", "my", "our"} for t in words),
        voiced=_voiced(words),
        strong_adversative=opening.startswith(STRONG_ADVERSATIVES),
        conclusive_inside=any(t.lower_ in _CONCLUSIVE_INSIDE for t in words),
    )

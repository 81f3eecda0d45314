"""Cues of the two rare unit types, common ground and other, and of a unit's connective.

Al-Khatib et al. (COLING 2016) define common ground as a unit stating common knowledge,
a self-evident fact or an accepted truth, about general matters rather than specific
events; and ``other`` as a unit that adds nothing to the argument (an author's byline,
an editor's note, a turn of the conversation with the reader, a joke's stage directions).
The cues here are the surface forms these take in the training split: "of course",
"everyone knows", generic present-tense statements, definitions ("an iconoclast is someone
who ..."), the law ("under international law ... must"); and for ``other`` bylines ("X is
a columnist for ..."), addresses, talk to the reader ("let's", "please", "here are"),
commands, and units of a handful of words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Phrases that present a point as known to all (checked on the lowercased unit text).
COMMON_PHRASES = (
    "of course",
    "obviously",
    "everyone knows",
    "everybody knows",
    "we all know",
    "we all",
    "as we know",
    "needless to say",
    "goes without saying",
    "no one could",
    "no one can",
    "no one would",
    "nobody",
    "naturally",
    "natural response",
    "commonplace",
    "well known",
    "well-known",
    "common sense",
    "undeniabl",
    "it is true",
    "it's true",
    "is no easy",
    "there is no",
    "there can be no",
)
# Subjects of generic statements ("People make mistakes", "Children don't buy houses").
GENERIC_SUBJECTS = frozenset(
    """people everyone everybody nobody one we you humans children parents politicians
    governments countries nations life war history democracy freedom""".split()
)
LAW_WORDS = frozenset("law laws constitution convention treaty legal illegal right rights".split())
# Words of the talk to the reader and of the editorial's furniture (bylines, notes).
META_OPENERS = frozenset(
    """let let's please here here's anyway apologies sorry thank thanks so q
    imagine consider take think remember""".split()
)
META_WORDS = frozenset(
    """columnist contributor author editor correspondent director professor fellow
    economist psychiatrist chairman president founder book books published reached
    twitter follow copy order bookshop note""".split()
)
_ADDRESS = re.compile(r"@|\bwww\.|\.com\b|\.org\b|https?:|\b\d{3,4} \d{3} \d{3,4}\b")
# Words that open a unit as a link to the one before (the corpus leaves most of them
# outside the units, oplens's clause splits keep them inside: both count the same).
CONNECTIVES = frozenset(
    """but and or so yet because since although though while whereas if when as
    however therefore thus hence indeed moreover also still instead nor then""".split()
)
_PRESENT = frozenset({"VBZ", "VBP"})
# Words skipped before a unit's opener is read ("But here's the bottom line", "And thank
# you, fracking", "Instead, here are some ideas").
_LEADERS = frozenset("and but so or now well instead anyway ok okay oh just yes no".split())
# The openers of the talk to the reader in the training split's ``other`` units, read
# after any leaders: "here are my tips", "let me try one", "thank you, Texas", "merry
# Christmas", "shame on you", "take liberty", "note the ...", "may God bless ...".
TALK_OPENERS = frozenset(
    """here here's let let's thank thanks merry happy congratulations shame sorry apologies
    please click follow note take imagine consider suppose remember contrast think may
    sincere hang""".split()
)
# Phrases of the editorial's furniture and of the talk to the reader, anywhere in a unit.
TALK_PHRASES = (
    "editor's note",
    "can be reached",
    "is the author of",
    "follow him",
    "follow her",
    "click here",
    "more on",
    "let me",
    "let's",
    "let us",
    "thank you",
    "i'm sorry",
    "i promise",
    "i wish",
    "rest in peace",
    "god bless",
)


def _generic_subject(root: Token) -> bool:
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return False
    subject = subjects[0]
    if subject.lemma_.lower() in GENERIC_SUBJECTS or subject.lower_ in GENERIC_SUBJECTS:
        return True
    # A bare plural ("Lives matter", "Islamist terrorists may be rare"): no determiner.
    determiners = [c for c in subject.children if c.dep_ in {"det", "poss"}]
    return subject.tag_ == "NNS" and not determiners and not subject.ent_type_


def _definition(root: Token) -> bool:
    """ "An iconoclast is someone who ...", "War is hell": a copula with a bare attribute."""
    if root.lemma_ != "be" or root.tag_ not in _PRESENT:
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    attributes = [c for c in root.children if c.dep_ == "attr"]
    if not subjects or not attributes or subjects[0].ent_type_ or subjects[0].pos_ == "PRON":
        return False
    attribute = attributes[0]
    return attribute.lower_ in {"someone", "something", "one"} or (
        attribute.pos_ == "NOUN"
        and all(c.lower_ in {"a", "an"} for c in attribute.children if c.dep_ == "det")
    )


def common_ground_cues(span: SpacySpan, lowered: str) -> set[str]:
    """Return the common-ground cues of one unit (see the module note)."""
    found = {f"cg:{phrase}" for phrase in COMMON_PHRASES if phrase in lowered}
    root = span.root
    present = root.tag_ in _PRESENT or any(
        c.tag_ in _PRESENT for c in root.children if c.dep_ in {"aux", "auxpass"}
    )
    specific = any(t.ent_type_ or t.like_num for t in span)
    if present and _generic_subject(root):
        found.add("generic_subject")
        if not specific:
            found.add("generic_statement")
    if _definition(root):
        found.add("definition")
    if present and not specific:
        found.add("present_unspecific")
    if any(t.lemma_.lower() in LAW_WORDS for t in span):
        found.add("law")
        if any(t.tag_ == "MD" for t in span):
            found.add("law_modal")
    return found


def other_cues(span: SpacySpan, words: list[Token], text: str) -> set[str]:
    """Return the cues of a unit outside the argument (see the module note)."""
    found: set[str] = set()
    if not words:
        return found
    first = words[0].lower_
    if first in META_OPENERS:
        found.add(f"meta_open:{first}")
    if any(t.lower_ in META_WORDS for t in words):
        found.add("meta_word")
    if _ADDRESS.search(text):
        found.add("address")
    if any(t.lower_ in {"you", "your", "yours"} for t in words):
        found.add("second_person")
    root = span.root
    if root.tag_ == "VB" and not any(
        c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in root.children
    ):
        found.add("command")
    if first in {"do", "don't"} and len(words) > 1 and words[1].lower_ in {"not", "n't"}:
        found.add("command")
    if len(words) <= 3:
        found.add("len<=3")
    people = [t for t in words[:3] if t.ent_type_ == "PERSON"]
    if people and root.lemma_ == "be" and any(t.lower_ in META_WORDS for t in words):
        found.add("byline")
    if text.rstrip("\"'”’ )").endswith("?"):
        found.add("own_question")
    return found | _talk_cues(span, words, text)


def _talk_cues(span: SpacySpan, words: list[Token], text: str) -> set[str]:
    """Cues of talk to the reader: its opener after leaders, its phrases, verbless lines."""
    found: set[str] = set()
    rest = [t for t in words[:4] if t.lower_ not in _LEADERS] or words
    opener = rest[0].lower_
    if opener in TALK_OPENERS:
        found.add(f"talk_open:{opener}")
        found.add("talk_open")
    lowered = text.lower().replace("’", "'")
    for phrase in TALK_PHRASES:
        if phrase in lowered:
            found.update({f"talk:{phrase}", "talk"})
    if not any(t.pos_ in {"VERB", "AUX"} for t in span):
        found.add("verbless")
        if len(words) <= 5:
            found.add("verbless_short")
    if _vocative(span, words):
        found.add("vocative")
    if text.lstrip().startswith("(") or text.rstrip(".,;!?").endswith(")"):
        found.add("aside")
    return found


def _vocative(span: SpacySpan, words: list[Token]) -> bool:
    """A name set off by a comma at either end: "Mr Obama, let me ...", "... , Piedmont"."""
    names = {"PERSON", "ORG", "GPE", "NORP"}
    first, last = words[0], words[-1]
    if first.ent_type_ in names:
        after = [t for t in span if t.i > first.i and t.ent_type_ != first.ent_type_]
        if after and after[0].text == ",":
            return True
    if last.ent_type_ in names and len(words) > 1:
        before = [t for t in span if t.i < last.i and t.ent_type_ != last.ent_type_]
        return bool(before) and before[-1].text == ","
    return False


def connective_of(gap: str, words: list[Token]) -> str | None:
    """The word linking a unit to the one before: in the gap between them, else its first."""
    for word in gap.lower().replace(",", " ").split():
        if word in CONNECTIVES:
            return word
    if words and words[0].lower_ in CONNECTIVES:
        return words[0].lower_
    return None

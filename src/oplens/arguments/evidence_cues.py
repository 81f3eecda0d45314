"""Cues of the three evidence types, read off a unit's tokens and the text around it.

Al-Khatib et al. (COLING 2016): statistics state quantitative research results ("one in
three", "80%", "$170bn a year"), testimony states what someone else said (often a quotation
the unit lies inside, or one introduced by a colon), and anecdote tells of the author's own
or others' concrete experience (first person singular, past events). The corpus splits a
quotation from its reporting clause ("The view ... is expressed by one close ally: [unit]"),
so whether a unit lies inside quotation marks is read from the paragraph text before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

# Words that give a number a quantity's meaning ("a third", "tens of millions", "doubled").
STAT_WORDS = frozenset(
    """percent percentage per cent half third thirds quarter quarters fifth majority
    minority average median rate rates proportion share million millions billion billions
    trillion bn tn doubled tripled twice fold survey poll polls figures statistics data
    study research polling polled census largest biggest smallest highest lowest ranked
    ranking ranks total net estimated rates likely number numbers cases""".split()
)
# Entity labels whose numbers are when things happened, not how many (anecdote, not data).
_WHEN = frozenset({"DATE", "TIME"})
_OPENING = frozenset('"“')
_CLOSING = frozenset('"”')
_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})


def inside_quotation(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a quotation opened earlier in its paragraph.

    Curly quotes say which way they open; straight ones are counted (odd: inside).
    """
    paragraph = text.rfind("\n\n", 0, start) + 1
    before = text[paragraph:start]
    opened, closed = before.rfind("“"), before.rfind("”")
    if opened != closed:
        return opened > closed
    return before.count('"') % 2 == 1


def quotation_cues(text: str, start: int, end: int) -> set[str]:
    """Return the cues of a quotation around the unit: inside one, closing one, after a colon.

    A unit that begins with the opening quotation mark counts as inside it.
    """
    found: set[str] = set()
    first = start + 1 if text[start : start + 1] in _OPENING else start
    if inside_quotation(text, first):
        found.add("in_quote")
    if text[max(0, start - 3) : start].rstrip().endswith(":"):
        found.add("after_colon")
    after = end
    while after < len(text) and text[after] in ".,;:!?":
        after += 1
    closing = after if text[after : after + 1] in _CLOSING else end - 1
    if text[closing : closing + 1] in _CLOSING and inside_quotation(text, closing):
        found.add("closes_quote")
    return found


def evidence_cues(span: SpacySpan) -> set[str]:
    """Return the statistics and anecdote cues of one unit (see the module note)."""
    found: set[str] = set()
    numbers = [t for t in span if t.like_num or any(ch.isdigit() for ch in t.text)]
    quantities = [t for t in numbers if t.ent_type_ not in _WHEN]
    if quantities:
        found.add("num_quantity")
        if len(quantities) >= 3:
            found.add("num_quantity>=3")
    if numbers and len(quantities) < len(numbers):
        found.add("num_when")
    lowered = {t.lower_ for t in span}
    if lowered & STAT_WORDS:
        found.add("stat_word")
        if quantities:
            found.add("stat_word+num")
    if lowered & _SINGULAR:
        found.add("first_singular")
    if lowered & _PLURAL:
        found.add("first_plural")
    if any(t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in span[:-1]):
        found.add("according_to")
    return found

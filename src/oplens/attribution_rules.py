"""Dependency patterns for attributions the tagger under-learns, over one paragraph's parse.

- "described by some as a 'living martyr'": a naming verb with a ``by`` agent and an
  ``as`` phrase; the agent is the source, the ``as`` object the content.
- "according to the ministry, X": the object of "according to" is the source and the rest
  of the clause the content.
- nominal reports, "his State Department issued a warning that all Americans should
  leave": a report noun with a that-clause; the source is the subject of the verb that
  governs the noun ("issued") or the noun's possessor ("Pompeo's claim that").
- polls, "In a CNN national poll, Clinton held a 24-point lead": "in" with a poll or a
  survey as its object is the cue, the poll the source and the rest of the clause the
  content (``poll_relations``: only where nothing else was found).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oplens.attribution_features import Paragraph
from oplens.attribution_spans import Relation, TaggedSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

NAMING_VERBS = frozenset(
    {
        "describe",
        "call",
        "dub",
        "label",
        "brand",
        "hail",
        "characterize",
        "characterise",
        "portray",
        "term",
        "denounce",
        "praise",
        "cast",
        "condemn",
        "decry",
    }
)
REPORT_NOUNS = frozenset(
    {
        "warning",
        "claim",
        "assertion",
        "statement",
        "allegation",
        "suggestion",
        "argument",
        "promise",
        "pledge",
        "threat",
        "announcement",
        "insistence",
        "assurance",
        "charge",
        "accusation",
        "prediction",
        "assessment",
        "message",
        "reminder",
        "complaint",
        "boast",
    }
)


def rule_relations(paragraph: Paragraph) -> list[Relation]:
    """Return the relations the specific patterns find in a paragraph, in text order."""
    inline = _inline_signatures(paragraph)
    # A paragraph of several signed quotations is signed quotation by quotation.
    signed = _signature(paragraph) if len(inline) < 2 else None
    found = [line for line in (_speaker_label(paragraph), signed) if line is not None]
    if signed is None:
        found.extend(inline)
    for token in paragraph.tokens:
        relation = _naming(token) or _according_to(token) or _nominal_report(token)
        if relation is not None:
            found.append(relation)
    return found


_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# A speaker label is at most this many words: "PENCE:", "Pat Caddell:", "Sen. Lindsey Graham:".
MAX_LABEL_WORDS = 4
# Title-case words that lead a line with a colon and are no speaker.
SECTION_LABELS = frozenset(
    """
    correction corrections update updated note editor disclosure related read watch listen
    video photo photos image caption credit source sources opinion analysis exclusive
    breaking summary background published by contact follow share tags topics warning
    spoiler step chapter part lesson fact myth question answer q a verdict bottom takeaway
    why what how when where who here the this that these it first second third finally
    example rule tip bonus plus also and but so or yes no now today tonight live more see
    click sign subscribe advertisement sponsored transcript
    """.split()
)


def _speaker_label(paragraph: Paragraph) -> Relation | None:
    """A transcript line or headline led by a name and a colon: "PENCE: Well, look, …".

    The name is a named entity (or capitals) only, at the start of the paragraph (after an
    opening quotation mark, as transcripts quote each turn); the content is the rest.
    """
    tokens = list(paragraph.tokens)
    start = 1 if tokens and tokens[0].text in {'"', "“"} else 0
    colon = next(
        (i for i, t in enumerate(tokens[: start + MAX_LABEL_WORDS + 1]) if t.text == ":"), None
    )
    if colon is None or colon <= start or colon + 1 >= len(tokens):
        return None
    name = tokens[start:colon]
    # A named speaker ("Pat Caddell:", "PENCE:"), or a headline's ("Pence: Gennifer Flowers
    # Won't Be at Debate", "Poll: Wealthy Voters Abandon …", which the small model rarely
    # reads as names), not a section label ("Correction:", "Editor's note:").
    named = all(t.ent_type_ in _SPEAKER_TYPES for t in name)
    capitals = all(t.is_upper and t.is_alpha for t in name)
    titled = all(t.is_title and t.is_alpha for t in name) and not any(
        t.lower_ in SECTION_LABELS for t in name
    )
    if not (named or capitals or titled):
        return None
    content = tokens[colon + 1 :]
    if start and content[-1].text in {'"', "”"}:
        content = content[:-1]
    return relation_of([tokens[colon]], name, content)


_DASHES = frozenset({"―", "—", "–", "--", "-"})
_QUOTES = frozenset({"“", "”", '"'})


def _signature(paragraph: Paragraph) -> Relation | None:
    """A quotation signed with a dash and a name: '“He represents our shame.” ― Sonya H.'.

    Either curly mark may open the paragraph (a reversed ” is a common typo), and a full
    stop may end the name ("― Karen Bobadilla.").
    """
    tokens = list(paragraph.tokens)
    while tokens and tokens[-1].text == ".":
        tokens.pop()
    dash = next((i for i in range(len(tokens) - 1, 0, -1) if tokens[i].text in _DASHES), None)
    if dash is None or tokens[dash - 1].text not in _QUOTES or tokens[0].text not in _QUOTES:
        return None
    name = tokens[dash + 1 :]
    if not name or len(name) > MAX_LABEL_WORDS or not all(t.pos_ == "PROPN" for t in name):
        return None
    return relation_of([tokens[dash]], name, tokens[:dash])


def _inline_signatures(paragraph: Paragraph) -> list[Relation]:
    """Signed quotations run together in one paragraph: '… unlike him.”― Carla Sanchez. “…'.

    A dash right after a closing quotation mark and before a name of at most four proper
    nouns, which the paragraph's end, a full stop or the next opening mark closes; the
    content is the quotation back to its opening mark.
    """
    tokens = list(paragraph.tokens)
    found: list[Relation] = []
    if not any(t.text[-1] in "―—–-" for t in tokens if t.is_punct or len(t.text) == 2):
        return found
    for i, token in enumerate(tokens):
        # The tokeniser may keep the mark and the dash together: '”―'.
        after_quote = token.text in _DASHES and i > 1 and tokens[i - 1].text in {"”", '"'}
        joined = len(token.text) > 1 and token.text[0] in {"”", '"'} and token.text[1:] in _DASHES
        if not (after_quote or joined):
            continue
        name: list[Token] = []
        for after in tokens[i + 1 : i + 2 + MAX_LABEL_WORDS]:
            if not (after.pos_ == "PROPN" or after.is_title):
                break
            name.append(after)
        end = i + 1 + len(name)
        closed = end == len(tokens) or tokens[end].text in {".", "“", '"'}
        opening = next((j for j in range(i - 2, -1, -1) if tokens[j].text in {"“", '"'}), None)
        if not name or len(name) > MAX_LABEL_WORDS or not closed or opening is None:
            continue
        relation = relation_of([token], name, tokens[opening:i])
        if relation is not None:
            found.append(relation)
    return found


def _span(role: str, tokens: list[Token]) -> TaggedSpan | None:
    kept = sorted(tokens, key=lambda t: t.i)
    while role != "cue" and kept and (kept[-1].is_punct and kept[-1].text not in {"”", '"', "’"}):
        kept.pop()
    while role != "cue" and kept and kept[0].is_punct and kept[0].text not in {"“", '"', "‘"}:
        kept.pop(0)
    if not kept:
        return None
    doc = kept[0].doc
    return TaggedSpan(role, tuple(doc[kept[0].i : kept[-1].i + 1]))


def relation_of(cue: list[Token], source: list[Token], content: list[Token]) -> Relation | None:
    """A relation of three token lists, edge punctuation trimmed (None if one is empty)."""
    cue_span, source_span = _span("cue", cue), _span("source", source)
    content_span = _span("content", content)
    if cue_span is None or source_span is None or content_span is None:
        return None
    return Relation(cue_span, source_span, [content_span])


def _naming(token: Token) -> Relation | None:
    if token.lemma_.lower() not in NAMING_VERBS or token.pos_ != "VERB":
        return None
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    agent_object = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if agent_object is None:
        return None
    # The small parser hangs "as" on the verb or, as often, on the agent ("by some as").
    as_phrase = next(
        (
            c
            for c in (*token.children, *agent_object.children)
            if c.dep_ == "prep" and c.lower_ == "as"
        ),
        None,
    )
    as_object = (
        next((c for c in as_phrase.children if c.dep_ in {"pobj", "pcomp"}), None)
        if as_phrase
        else None
    )
    if as_phrase is None or as_object is None:
        return None
    source = [t for t in agent_object.subtree if t.i < as_phrase.i]
    # The "as" phrase without "as": an opening quotation mark hangs on "as" itself.
    content = [t for t in as_phrase.subtree if t.i > as_phrase.i]
    following = as_object.doc[as_object.right_edge.i + 1 : as_object.right_edge.i + 3]
    # A closing quotation mark after the sentence's full stop belongs to the quoted content.
    content += [
        t
        for t in following
        if t.text in {"”", '"'}
        or (t.text in {".", ","} and any(n.text in {"”", '"'} for n in following))
    ]
    return relation_of([token], source, content)


def _according_to(token: Token) -> Relation | None:
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    # The small parser reads "according to show insiders" as a verb ("pcomp").
    source = next((c for c in to.children if c.dep_ in {"pobj", "pcomp"}), None) if to else None
    if to is None or source is None:
        return None
    # Only "according to X" itself: the parser sometimes hangs the sentence on "According",
    # or the clause after the comma on the name ("According to Rush Limbaugh, the move …").
    comma = next((t.i for t in source.subtree if t.text == "," and t.i > source.i), None)
    named = [t for t in source.subtree if comma is None or t.i < comma]
    phrase = {token.i, to.i} | {t.i for t in named}
    sentence = token.sent
    rest = [t for t in sentence if t.i not in phrase and not t.is_space]
    before = [t for t in rest if t.i < token.i]
    after = [t for t in rest if t.i > token.i]
    content = after if len(after) >= len(before) else before
    if not content:
        return None
    if content and content[-1].text == "." and content is after:
        content = content[:-1]
    return relation_of([token, to], named, content)


def _nominal_report(token: Token) -> Relation | None:
    if token.lemma_.lower() not in REPORT_NOUNS or token.pos_ != "NOUN":
        return None
    clause = next(
        (
            c
            for c in token.children
            if c.dep_ in {"acl", "ccomp", "relcl", "appos"} and c.left_edge.lower_ == "that"
        ),
        None,
    )
    if clause is None:
        return None
    possessor = next((c for c in token.children if c.dep_ == "poss"), None)
    cue = [c for c in token.children if c.dep_ in {"det", "amod"} and c.i < token.i] + [token]
    source: list[Token] = []
    if possessor is not None and possessor.lower_ not in {"its", "their", "his", "her"}:
        source = [t for t in possessor.subtree if t.dep_ != "case"]
    elif token.dep_ == "dobj" and token.head.pos_ == "VERB":
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            source = list(subject.subtree)
            cue = [token.head, *cue]
    if not source:
        return None
    # The cue runs from the governing verb to the noun: "issued a warning".
    doc = token.doc
    cue = list(doc[min(t.i for t in cue) : token.i + 1])
    return relation_of(cue, source, list(clause.subtree))


# Nouns of counted opinion that speak through "in": "in a CNN poll", "in the same survey".
POLL_NOUNS = frozenset({"poll", "survey", "polling", "census", "tally"})


def poll_relations(paragraph: Paragraph) -> list[Relation]:
    """Return the "in a … poll, X" relations of a paragraph, in text order."""
    found = (_in_a_poll(token) for token in paragraph.tokens)
    return [relation for relation in found if relation is not None]


def _in_a_poll(token: Token) -> Relation | None:
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    poll = next((c for c in token.children if c.dep_ == "pobj"), None)
    if poll is None or poll.lemma_.lower() not in POLL_NOUNS:
        return None
    clause = token.head
    if clause.pos_ not in {"VERB", "AUX"}:
        return None
    phrase = {t.i for t in token.subtree}
    rest = [t for t in clause.subtree if t.i not in phrase and not t.is_space]
    while rest and rest[-1].is_punct:
        rest.pop()
    return relation_of([token], [t for t in poll.subtree if t.i != token.i], rest)

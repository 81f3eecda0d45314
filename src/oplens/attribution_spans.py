"""Group tagged source, cue and content spans of a paragraph into attribution relations.

The tagger marks spans; a relation is one cue with the content it introduces and the
source who speaks. A content span joins the cue it hangs under in the parse (the cue's
clausal complement), else the nearest cue of its sentence, else the nearest cue of the
paragraph; an interrupted quote ("X," he said, "Y") gives one cue two content parts. A
cue's source is the tagged source that is its subject (or the object of "according to"),
else the nearest one in its sentence, else the subject the parse gives the cue verb.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Content further than this from every cue of its paragraph is left unattributed: 95 % of
# PolNeAR dev contents start or end within 40 tokens of their cue.
MAX_CUE_DISTANCE = 40


@dataclass(frozen=True)
class TaggedSpan:
    """A run of paragraph tokens with one role."""

    role: str
    tokens: tuple[Token, ...]

    @property
    def first(self) -> int:
        """Document index of the first token."""
        return self.tokens[0].i

    @property
    def last(self) -> int:
        """Document index of the last token."""
        return self.tokens[-1].i

    @property
    def start_char(self) -> int:
        """Character offset where the span starts."""
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        """Character offset where the span ends."""
        return self.tokens[-1].idx + len(self.tokens[-1])

    def distance(self, other: TaggedSpan) -> int:
        """Tokens between two spans (0 when they touch or overlap)."""
        return max(0, other.first - self.last - 1, self.first - other.last - 1)


@dataclass
class Relation:
    """A cue with its source (possibly none yet) and content parts, in text order."""

    cue: TaggedSpan
    source: TaggedSpan | None = None
    contents: list[TaggedSpan] = field(default_factory=list)


def spans_from_labels(tokens: tuple[Token, ...], labels: list[str]) -> list[TaggedSpan]:
    """Turn BIO labels into spans; an I- label after another role starts a new span."""
    spans: list[TaggedSpan] = []
    current: list[Token] = []
    role = ""
    for token, label in zip(tokens, labels, strict=True):
        kind = label[2:]
        if current and (label == "O" or label.startswith("B-") or kind != role):
            spans.append(TaggedSpan(role, tuple(current)))
            current = []
        if label != "O":
            if not current:
                role = kind
            current.append(token)
    if current:
        spans.append(TaggedSpan(role, tuple(current)))
    return [_strip_punct(span) for span in spans if _strip_punct(span).tokens]


def _strip_punct(span: TaggedSpan) -> TaggedSpan:
    """Drop commas and dashes from the edges of source and cue spans (never quote marks)."""
    if span.role == "content":
        return span
    tokens = list(span.tokens)
    # PolNeAR keeps a cue's colon ("continued:", "said:"), never a source's.
    trailing = {",", "—", "–", "-", ";"} | ({":"} if span.role == "source" else set())
    while tokens and tokens[-1].text in trailing:
        tokens.pop()
    while tokens and tokens[0].text in {",", "—", "–", "-", ":", ";"}:
        tokens.pop(0)
    # A passive's agent is the source without its "by" (PolNeAR train: 11 sources of 19,561
    # keep it).
    if span.role == "source" and len(tokens) > 1 and tokens[0].lower_ == "by":
        tokens.pop(0)
    return TaggedSpan(span.role, tuple(tokens))


def _governs(cue: TaggedSpan, span: TaggedSpan) -> bool:
    """Whether a token of ``span`` hangs (within three arcs) under a token of ``cue``."""
    cue_ids = {t.i for t in cue.tokens}
    for token in span.tokens:
        node = token
        for _ in range(3):
            if node.head.i == node.i:
                break
            node = node.head
            if node.i in cue_ids:
                return True
    return False


def group(
    spans: list[TaggedSpan], first: int, last: int, carried: Relation | None = None
) -> tuple[list[Relation], Relation | None]:
    """Join a paragraph's spans into relations, one per cue that has content.

    Args:
        spans: the paragraph's tagged spans.
        first: document index of the paragraph's first token.
        last: document index of its last token.
        carried: a relation from the paragraph before that takes this paragraph's
            opening content: one whose cue ends that paragraph ("Caddell continued:"),
            or one whose quotation runs on into this paragraph (news style opens each
            paragraph of a long quotation and closes only the last).

    Returns:
        The relations, and the relation left open at the end of this paragraph (a cue
        with a source, no content, and nothing after it but a colon), if any.
    """
    cues = [s for s in spans if s.role == "cue"]
    contents = [s for s in spans if s.role == "content"]
    out: list[Relation] = []
    if carried is not None and contents and contents[0].first <= first + 1:
        own = _best_cue(contents[0], cues)
        if own is None or not _same_sentence(own, contents[0]):
            if not carried.contents:
                out.append(carried)
            carried.contents.append(contents.pop(0))
    elif carried is not None and not carried.contents:
        # "The governor added:" and a paragraph whose opening the tagger did not mark: all
        # of it is what was added, and what it reports is reported inside a report.
        doc = carried.cue.tokens[0].doc
        whole = _trimmed("content", [t for t in doc[first : last + 1] if not t.is_space])
        if whole is not None:
            carried.contents.append(whole)
            return [carried], None
    relations = {id(cue): Relation(cue) for cue in cues}
    for content in contents:
        cue = _best_cue(content, cues)
        if cue is not None:
            relations[id(cue)].contents.append(content)
    for relation in relations.values():
        relation.contents = _own_sentence_first(relation)
    sources = [s for s in spans if s.role == "source"]
    taken = {t.i for s in spans for t in s.tokens}
    left_open = None
    for cue in cues:
        relation = relations[id(cue)]
        relation.source = _best_source(cue, sources) or _parsed_source(cue, taken)
        if not relation.contents:
            clauses = _parsed_content(cue, taken)
            if not clauses:
                if _ends_paragraph(cue, last) and relation.source is not None:
                    left_open = relation
                continue
            relation.contents.extend(clauses)
        out.append(relation)
    return sorted(out, key=lambda r: r.cue.first), left_open


def _own_sentence_first(relation: Relation) -> list[TaggedSpan]:
    """Keep content in other sentences than the cue's only when it is quoted.

    "The moral argument is compelling. American officials have accused him of …": with
    content in the cue's own sentence, an unquoted sentence before it is the author's.
    """
    own = [c for c in relation.contents if _same_sentence(c, relation.cue)]
    if not own:
        return relation.contents
    return [
        c
        for c in relation.contents
        if c in own or c.tokens[0].text in _OPENING or c.tokens[-1].text in _CLOSING
    ]


_OPENING = frozenset({"“", '"', "‘", "'"})
_CLOSING = frozenset({"”", '"', "’", "'"})


def _ends_paragraph(cue: TaggedSpan, last: int) -> bool:
    """Whether only colons (and spaces) follow the cue in its paragraph."""
    doc = cue.tokens[0].doc
    return all(t.text == ":" or t.is_space for t in doc[cue.last + 1 : last + 1])


def cue_head(span: TaggedSpan) -> Token:
    """The token of a cue (or any span) whose head lies outside it: its syntactic head."""
    ids = {t.i for t in span.tokens}
    return next((t for t in span.tokens if t.head.i not in ids or t.head.i == t.i), span.tokens[0])


def _subtree_span(role: str, root: Token, taken: set[int]) -> TaggedSpan | None:
    tokens = [t for t in root.subtree if t.i not in taken and not t.is_space]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in {"”", '"'}:
        tokens.pop()
    if not tokens or tokens[-1].i - tokens[0].i + 1 != len(tokens):
        return None
    return TaggedSpan(role, tuple(tokens))


def _parsed_content(cue: TaggedSpan, taken: set[int]) -> list[TaggedSpan]:
    """The content the parse gives a cue the tagger marked no content for.

    The cue verb's clausal complement ("said that …"), or for a parenthetical cue ("Lenox,
    he said, was a juggernaut"), the clause it interrupts, in one or two parts.
    """
    head = cue_head(cue)
    clause = next((c for c in head.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        span = _subtree_span("content", clause, taken)
        return [span] if span is not None else []
    if head.dep_ != "parataxis" or not any(c.dep_ == "nsubj" for c in head.children):
        return []
    inner = {t.i for t in head.subtree} | taken
    tokens = [t for t in head.head.subtree if t.i not in inner and not t.is_space]
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    parts = [_trimmed("content", run) for run in runs]
    return [part for part in parts if part is not None]


def _trimmed(role: str, tokens: list[Token]) -> TaggedSpan | None:
    """A run of tokens without the commas and full stops at its edges (quote marks kept)."""
    while tokens and tokens[-1].is_punct and tokens[-1].text not in {"”", '"'}:
        tokens = tokens[:-1]
    while tokens and tokens[0].is_punct and tokens[0].text not in {"“", '"'}:
        tokens = tokens[1:]
    return TaggedSpan(role, tuple(tokens)) if tokens else None


# Verbs climbed from a subject-less participle or infinitive to the verb whose subject it
# shares; 4 covers "… will be unable to turn the crowds … and accuse …" (conj, xcomp, acomp).
MAX_CLIMB = 4
# Prepositions whose gerund takes the subject of the verb they modify ("by telling").
_GERUND_PREPOSITIONS = frozenset(
    {"by", "for", "after", "before", "while", "without", "in", "despite", "since", "upon"}
)


def _parsed_source(cue: TaggedSpan, taken: set[int]) -> TaggedSpan | None:
    """The speaker the parse gives a cue: the subject (or passive agent) of its verb.

    A verb with neither takes the subject of the verb it serves (``_served_verb``); a
    passive without an agent has no speaker ("his killing will be regarded as …").
    """
    verb = cue_head(cue)
    for climbed in range(MAX_CLIMB):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and (climbed or experiencer_passive(verb)):
            # "Protesters were frustrated that …": a feeling's passive with a clause of what
            # is felt has its experiencer as subject; and a served verb's subject serves
            # whatever its voice ("After saying …, she was whisked away").
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            if subject.lower_ in _EXPLETIVES:
                return None
            return _subtree_span("source", subject, taken - {t.i for t in subject.subtree})
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        target = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if target is not None:
            return _subtree_span("source", target, taken - {t.i for t in target.subtree})
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None
        served = _served_verb(verb)
        if served is None:
            return None
        verb = served
    return None


# "It was reported that …", "there were claims …": no one in particular speaks.
_EXPLETIVES = frozenset({"it", "there", "which", "that", "what"})
# Passives whose subject is the one told, not the teller: "he was told that …".
_TOLD = frozenset({"tell", "inform", "warn", "assure", "remind", "advise", "ask", "notify"})


def experiencer_passive(verb: Token) -> bool:
    """A passive with a that-clause whose subject feels or thinks it ("were convinced that")."""
    return (
        any(c.dep_ == "ccomp" for c in verb.children)
        and any(c.dep_ == "auxpass" for c in verb.children)
        and verb.lemma_.lower() not in _TOLD
    )


def _served_verb(verb: Token) -> Token | None:
    """The verb whose subject a subject-less verb shares, if the parse shows one.

    An infinitive or a coordinated verb shares its head's ("wants to say", "rose and
    said"); a gerund after "by", "for", … the subject of the verb the preposition modifies
    ("pitched himself by telling them"); a participial clause only when a comma sets it off
    ("Mook said on CNN, arguing that …"): right after a noun phrase a participle modifies
    the noun ("… chicken hawks -- pushing for tougher steps").
    """
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ in {"xcomp", "conj", "acomp"}:
        return head
    if verb.dep_ == "advcl":
        return head if _set_off(verb) or _infinitive(verb) else None
    # "never missed an opportunity to remind …": an infinitive on the verb's object.
    if verb.dep_ == "acl" and _infinitive(verb) and head.dep_ == "dobj":
        return head.head
    preposition = head
    if verb.dep_ == "pcomp" and preposition.lower_ in _GERUND_PREPOSITIONS:
        governor = preposition.head
        if governor.i != preposition.i and governor.pos_ in {"VERB", "AUX"}:
            return governor
    return None


def _set_off(verb: Token) -> bool:
    """Whether a comma or semicolon comes just before a clause (or just inside a quote)."""
    start = verb.left_edge.i
    doc = verb.doc
    before = doc[start - 1].text if start > 0 else ""
    if before in _CLOSING and start > 1:
        before = doc[start - 2].text
    return before in {",", ";"}


def _infinitive(verb: Token) -> bool:
    """A to-infinitive ("met with him to discuss …")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _same_sentence(a: TaggedSpan, b: TaggedSpan) -> bool:
    return a.tokens[0].sent.start == b.tokens[0].sent.start


def _best_cue(content: TaggedSpan, cues: list[TaggedSpan]) -> TaggedSpan | None:
    governing = [c for c in cues if _governs(c, content)]
    if governing:
        return min(governing, key=content.distance)
    near = [c for c in cues if content.distance(c) <= MAX_CUE_DISTANCE]
    if not near:
        return None
    return min(near, key=lambda c: (not _same_sentence(c, content), content.distance(c)))


def _best_source(cue: TaggedSpan, sources: list[TaggedSpan]) -> TaggedSpan | None:
    cue_ids = {t.i for t in cue.tokens}
    for source in sources:
        if any(
            t.head.i in cue_ids and t.dep_ in {"nsubj", "nsubjpass", "pobj"} for t in source.tokens
        ):
            return source
    same = [s for s in sources if _same_sentence(s, cue)]
    if same:
        return min(same, key=cue.distance)
    return None

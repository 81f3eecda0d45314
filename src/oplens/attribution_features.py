"""Token features for the attribution tagger, read off the one shared spaCy parse.

The tagger labels each token of a body paragraph ``B-``/``I-`` source, cue or content, or
``O``. Its features are the token and its neighbours (word, lemma, part of speech,
dependency label, named-entity tag), its head, whether it sits inside quotation marks, and
where it hangs under the nearest reporting word (a cue-lexicon lemma among its ancestors):
content is mostly the ``ccomp`` subtree of a cue verb and the source its ``nsubj``.
Training (``oplens.training.attributions``) and inference share this one function, so the
two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OPENING_QUOTES = frozenset({"“", "``", "‘", "«"})
CLOSING_QUOTES = frozenset({"”", "''", "’", "»"})
TOGGLING_QUOTES = frozenset({'"'})
# Ancestors climbed when looking for the reporting word a token hangs under: content
# clauses in PolNeAR dev sit at most 6 arcs below their cue in 97 % of tokens.
MAX_CLIMB = 8


@dataclass(frozen=True)
class Paragraph:
    """The tokens of one body paragraph (spaces left out), in order."""

    tokens: tuple[Token, ...]


def paragraphs_of(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[Paragraph]:
    """Split a parse into the non-space tokens of each ``(start, end)`` character range."""
    out: list[Paragraph] = []
    tokens = [t for t in doc if not t.is_space]
    index = 0
    for start, end in bounds:
        while index < len(tokens) and tokens[index].idx < start:
            index += 1
        chosen = []
        while index < len(tokens) and tokens[index].idx < end:
            chosen.append(tokens[index])
            index += 1
        if chosen:
            out.append(Paragraph(tuple(chosen)))
    return out


def quote_states(tokens: Sequence[Token]) -> list[int]:
    """Return, per token, 1 inside quotation marks, 2 on a quotation mark, else 0.

    Curly and doubled quotes open and close; a straight ``"`` toggles. A single quote
    opens only after a space and closes only an open one, so apostrophes are left alone. An
    unclosed quote runs to the end of the paragraph, as news style writes a quotation
    that goes on into the next paragraph.
    """
    states = []
    inside = False
    single = False
    for token in tokens:
        text = token.text
        # The tokeniser keeps a closing mark and a signature's dash together: '”―'.
        if len(text) == 2 and text[0] == "”" and text[1] in "―—–-":
            text = "”"
        if text in TOGGLING_QUOTES or text in {"“", "``", "”", "''", "«", "»"}:
            opening = text in OPENING_QUOTES or (text in TOGGLING_QUOTES and not inside)
            inside = opening
            states.append(2)
            continue
        after_space = token.i == 0 or bool(token.doc[token.i - 1].whitespace_)
        if text in {"‘", "'"} and not single and after_space:
            single = True
            states.append(2)
            continue
        if text in {"’", "'"} and single:
            single = False
            states.append(2)
            continue
        states.append(1 if inside or single else 0)
    return states


def _cue_anchor(token: Token, lexicon: Collection[str]) -> tuple[str, str, int]:
    """Return the dependency label under the nearest cue-lexicon ancestor, its lemma, depth."""
    child = token
    for depth in range(1, MAX_CLIMB + 1):
        head = child.head
        if head.i == child.i:
            break
        if head.lemma_.lower() in lexicon:
            return child.dep_, head.lemma_.lower(), depth
        child = head
    return "none", "none", 0


# Child arcs that tell a reporting verb (a clause, a subject, an agent) from other words.
_TELLING_CHILDREN = frozenset({"ccomp", "nsubj", "nsubjpass", "agent", "xcomp", "dobj", "prep"})


def sentence_ids(tokens: Sequence[Token]) -> list[int]:
    """Number the sentences of a run of tokens (``token.sent`` is slow: it builds a Span)."""
    ids = []
    current = 0
    for position, token in enumerate(tokens):
        if position and token.is_sent_start:
            current += 1
        ids.append(current)
    return ids


def _lexicon_positions(sentences: Sequence[int], in_lex: Sequence[bool]) -> list[str]:
    """Where each token lies relative to the reporting words of its sentence.

    ``before``, ``after`` or ``both`` (between two), ``on`` the word itself, ``none`` when
    the sentence has none; content mostly follows a cue, a source precedes it.
    """
    count = len(in_lex)
    left = [False] * count
    right = [False] * count
    for i in range(1, count):
        same = sentences[i] == sentences[i - 1]
        left[i] = same and (left[i - 1] or in_lex[i - 1])
    for i in range(count - 2, -1, -1):
        same = sentences[i] == sentences[i + 1]
        right[i] = same and (right[i + 1] or in_lex[i + 1])
    names = {(True, True): "both", (True, False): "after", (False, True): "before"}
    return ["on" if in_lex[i] else names.get((left[i], right[i]), "none") for i in range(count)]


def token_features(paragraph: Paragraph, lexicon: Collection[str]) -> list[list[str]]:
    """Return the feature strings of every token of a paragraph.

    Args:
        paragraph: the tokens to describe.
        lexicon: lowercased lemmas of reporting words (verbs and nouns) for the cue features.
    """
    tokens = paragraph.tokens
    quotes = quote_states(tokens)
    words = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    tags = [t.tag_ for t in tokens]
    deps = [t.dep_ for t in tokens]
    in_lex = [lemma in lexicon for lemma in lemmas]
    count = len(tokens)
    sentences = sentence_ids(tokens)
    cue_at = _lexicon_positions(sentences, in_lex)
    # What a neighbour contributes, formatted once per token rather than once per neighbour.
    described = [
        ("w=" + w, "t=" + t, "d=" + d, "lex=" + str(x), "q=" + str(q))
        for w, t, d, x, q in zip(words, tags, deps, in_lex, quotes, strict=True)
    ]
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        head = token.head
        anchor_dep, anchor_lemma, depth = _cue_anchor(token, lexicon)
        row = [
            "bias",
            "w=" + words[i],
            "l=" + lemmas[i],
            "t=" + tags[i],
            "d=" + deps[i],
            "sh=" + token.shape_[:4],
            "suf=" + words[i][-3:],
            "q=" + str(quotes[i]),
            "e=" + (token.ent_type_ or "-"),
            "lex=" + str(in_lex[i]),
            "lexd=" + str(in_lex[i]) + deps[i],
            "hl=" + head.lemma_.lower(),
            "ht=" + head.tag_,
            "hd=" + deps[i] + "|" + head.tag_,
            "hlex=" + str(head.lemma_.lower() in lexicon) + deps[i],
            "anc=" + anchor_dep,
            "ancl=" + anchor_lemma,
            "ancdq=" + anchor_dep + str(min(depth, 4)) + str(quotes[i]),
            "sfirst=" + str(i == 0 or sentences[i] != sentences[i - 1]),
            "pos=" + str(min(i, 3)) + "|" + str(min(count - 1 - i, 3)),
            "side=" + cue_at[i],
            "side2=" + cue_at[i] + "|" + deps[i],
            "hh=" + head.head.lemma_.lower(),
            *("c=" + c.dep_ for c in token.children if c.dep_ in _TELLING_CHILDREN),
        ]
        row.extend(_neighbours(i, words, described))
        rows.append(row)
    return rows


_OFFSETS = ((-2, "-2"), (-1, "-1"), (1, "1"), (2, "2"))


def _neighbours(i: int, words: Sequence[str], described: Sequence[tuple[str, ...]]) -> list[str]:
    """Features of the tokens two either side of token ``i``, and the word bigrams."""
    count = len(words)
    out: list[str] = []
    for offset, prefix in _OFFSETS:
        j = i + offset
        if 0 <= j < count:
            out.extend([prefix + part for part in described[j]])
        else:
            out.append(prefix + "edge")
    if i + 1 < count:
        out.append(f"bi={words[i]}_{words[i + 1]}")
    if i > 0:
        out.append(f"-bi={words[i - 1]}_{words[i]}")
    return out

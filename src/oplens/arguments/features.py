"""Features of argumentative units, computed from the one shared spaCy parse.

The same function serves training (on Webis-Editorials-16 units) and analysis (on the units
oplens segments), so the model sees at analysis time exactly what it was trained on. Every
feature is a string; a unit's features are the set of strings it fires. Besides word
uni- and bigrams they carry the cues each evidence type is known by (Al-Khatib et al.,
COLING 2016): numbers, percentages and money for statistics; reporting verbs, quotation
marks and named speakers for testimony; past-tense narrative, dates, places and first-person
experience for anecdote; modals and evaluation for assumption; generic "we"/"all"/"always"
statements for common ground; imperatives, questions and exclamations for other. The
finer cues live in ``evidence_cues`` (quantities that are not dates, statistics words,
whether the unit lies inside a quotation or follows a colon, first person singular) and
``type_cues`` (common-ground phrases and generic statements, the editorial's furniture
and talk to the reader, the connective linking a unit to the one before).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from oplens.arguments.evidence_cues import evidence_cues, quotation_cues
from oplens.arguments.type_cues import common_ground_cues, connective_of, other_cues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

REPORTING_LEMMAS = frozenset(
    """say tell claim argue write report state warn note add explain insist suggest
    announce declare confirm deny admit acknowledge assert contend maintain testify
    accuse allege recall reveal describe call told estimate predict find show conclude
    according quote cite believe point opine complain document emphasise emphasize stress
    concede reply respond urge lament observe remark vow proclaim recommend propose demand
    ask agree disagree criticise criticize praise blame""".split()
)
_GENERIC = frozenset("all everyone everybody always never nobody no-one everything".split())
_QUOTES = frozenset('"“”‘’«»')
_NUMERIC_ENTS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
# Features passed on to the neighbouring units: the cues, not the words.
_CONTEXT = frozenset(
    """num pct money quote report report_by_name past modal question imperative
    first_person ent:PERSON ent:DATE ent:GPE ent:ORG in_quote num_quantity stat_word
    first_singular after_colon report_by_other talk_open talk byline address command
    verbless_short""".split()
)


@dataclass(frozen=True)
class UnitSpan:
    """Where a unit lies: character offsets in the parsed text and its paragraph index."""

    start: int
    end: int
    paragraph: int


def _length_bin(count: int) -> str:
    # Bins from the Webis training units' length quartiles (6, 11, 19 tokens).
    for limit in (5, 10, 20, 40):
        if count <= limit:
            return f"len<={limit}"
    return "len>40"


def _tokens(doc: Doc, unit: UnitSpan) -> SpacySpan | None:
    return doc.char_span(unit.start, unit.end, alignment_mode="expand")


def _lexical(span: SpacySpan) -> set[str]:
    words = [t.lower_ for t in span if not t.is_space and not t.is_punct]
    found = {f"w:{w}" for w in words}
    found.update(f"b:{a}_{b}" for a, b in pairwise(words))
    found.update(f"first:{w}" for w in words[:1])
    if len(words) > 1:
        found.add(f"first2:{words[0]}_{words[1]}")
    return found


def _reporter(verb: Token) -> set[str]:
    """Who reports: the author ("I argue": an assumption) or someone else (testimony)."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return set()
    subject = subjects[0].lower_
    if subject in {"i", "we"}:
        return {"report_by_author"}
    if verb.tag_ in {"VBD", "VBZ", "VBN"}:
        return {"report_by_other", f"report_by_other:{verb.tag_}"}
    return {"report_by_other"}


def _cues(span: SpacySpan, ents: Sequence[tuple[int, int, str]]) -> set[str]:
    found: set[str] = set()
    for token in span:
        lemma = token.lemma_.lower()
        if token.like_num or any(ch.isdigit() for ch in token.text):
            found.add("num")
        if token.text == "%" or lemma in {"percent", "per cent"}:
            found.add("pct")
        if token.text in {"$", "£", "€"}:
            found.add("money")
        if token.text in _QUOTES or token.text in {"''", "``"}:
            found.add("quote")
        if token.tag_ in {"VBD", "VBN"} and token.dep_ in {"ROOT", "conj", "ccomp", "advcl"}:
            found.add("past")
        if token.tag_ == "MD":
            found.update({"modal", f"modal:{lemma}"})
        if lemma in {"i", "me", "my", "we", "us", "our"}:
            found.add("first_person")
        if lemma in _GENERIC:
            found.add("generic")
        if lemma in REPORTING_LEMMAS and token.pos_ in {"VERB", "ADP"}:
            found.add("report")
            if any(c.dep_ == "nsubj" and c.ent_type_ in {"PERSON", "ORG"} for c in token.children):
                found.add("report_by_name")
            found.update(_reporter(token))
        if token.dep_ == "ROOT":
            found.add(f"root_tag:{token.tag_}")
    # Span.ents scans every entity of the document: look the span's up in the sorted list.
    labels: set[str] = set()
    for _, end, label in ents[bisect_left(ents, (span.start,)) :]:
        if end > span.end:
            break
        labels.add(label)
    found.update(f"ent:{label}" for label in labels)
    if labels & _NUMERIC_ENTS:
        found.add("numeric_ent")
    return found


def _shape(
    text: str, span: SpacySpan, unit: UnitSpan, ents: Sequence[tuple[int, int, str]]
) -> set[str]:
    found = {_length_bin(sum(1 for t in span if not t.is_punct and not t.is_space))}
    words = [t for t in span if not t.is_punct and not t.is_space]
    sentence = span[0].sent
    if span.start_char <= sentence.start_char + 1:
        found.add("sent_start")
    if words and words[0].tag_ == "VB" and not any(t.dep_ == "nsubj" for t in sentence):
        found.add("imperative")
    tail = text[unit.end : unit.end + 3]
    if "?" in span.text or "?" in tail or sentence.text.rstrip("\"'”’ )").endswith("?"):
        found.add("question")
    if "!" in span.text or "!" in tail:
        found.add("exclamation")
    if words:
        found.add(f"first_tag:{words[0].tag_}")
    if span.start > sentence.start or span.end < sentence.end:
        # A clause of a longer sentence: the sentence's cues ("..., says the study") count.
        found.update(f"sent:{cue}" for cue in _cues(sentence, ents) & _CONTEXT)
    return found


def _rare_type_cues(
    text: str, span: SpacySpan, unit: UnitSpan, previous_end: int | None
) -> set[str]:
    words = [t for t in span if not t.is_punct and not t.is_space]
    unit_text = text[unit.start : unit.end]
    found = common_ground_cues(span, unit_text.lower()) | other_cues(span, words, unit_text)
    gap = text[previous_end : unit.start] if previous_end is not None else ""
    connective = connective_of(gap if len(gap) < 40 else "", words)
    if connective:
        found.add(f"conn:{connective}")
    return found


def unit_features(doc: Doc, units: Sequence[UnitSpan], paragraphs: int) -> list[list[str]]:
    """Return each unit's features (see the module note), in the order of ``units``.

    Args:
        doc: the parse of the text the unit offsets point into.
        units: the units in text order.
        paragraphs: how many paragraphs the text has (for paragraph-position features).
    """
    own: list[set[str]] = []
    text = doc.text  # built from the tokens on every access: read it once
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    for index, unit in enumerate(units):
        span = _tokens(doc, unit)
        if span is None or not len(span):
            own.append({"empty"})
            continue
        found = _lexical(span) | _cues(span, ents) | _shape(text, span, unit, ents)
        found |= evidence_cues(span) | quotation_cues(text, unit.start, unit.end)
        found |= _rare_type_cues(text, span, unit, units[index - 1].end if index else None)
        if index >= len(units) - 3:
            found.add("doc_last3")
        found.add(f"doc_pos:{min(4, 5 * index // max(1, len(units)))}")
        if unit.paragraph == 0:
            found.add("first_paragraph")
        if unit.paragraph == paragraphs - 1:
            found.add("last_paragraph")
        if index == 0 or units[index - 1].paragraph != unit.paragraph:
            found.add("paragraph_start")
        own.append(found)
    result = []
    for index, found in enumerate(own):
        features = set(found)
        if index > 0:
            features.update(f"prev:{f}" for f in own[index - 1] & _CONTEXT)
        if index + 1 < len(own):
            features.update(f"next:{f}" for f in own[index + 1] & _CONTEXT)
        result.append(sorted(features))
    return result

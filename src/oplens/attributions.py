"""Attributions: who said what, in which form, and whether the author agrees.

Each body paragraph of the shared parse is tagged by a CRF trained on PolNeAR
(``oplens.attribution_crf``); the tagged spans are grouped into source–cue–content
relations (``oplens.attribution_spans``), a quotation running on into the next paragraph
included; narrow dependency patterns (``oplens.attribution_rules``: "described by some
as", "according to", "issued a warning that", transcript turns) replace the tagged
relations they overlap, and the reporting-verb frames (``oplens.attribution_verbs``) and
"in a … poll" add what the tagger missed. Each relation becomes an ``Attribution``: its
speaker linked to an entity (``oplens.speakers``), its kind read from the quotation marks,
and the author's stance from what follows it (``oplens.stance``). A relation without a
speaker becomes an ``UnattributedReport`` when it is an agentless passive or a reporting
noun ("was accused of", "allegations of fraud").

Not attributions: the author's own first-person statements ("we won't know"), the idiom
"as they say", speech reported inside someone else's quotation, and the author's own
rebuttal of a report however the tagger read it ("It will not deter Iran").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from oplens.attribution_checks import rejection
from oplens.attribution_crf import Tagger, load_tagger
from oplens.attribution_features import paragraphs_of, quote_states
from oplens.attribution_rules import poll_relations, rule_relations
from oplens.attribution_spans import Relation, TaggedSpan, cue_head, group, spans_from_labels
from oplens.attribution_verbs import Reporting, verb_relations
from oplens.schema import (
    Attribution,
    AttributionKind,
    Entity,
    Sentence,
    Span,
    Speaker,
    UnattributedReport,
)
from oplens.speakers import link_speaker
from oplens.stance import judge_stance

if TYPE_CHECKING:
    from spacy.tokens import Token

    from oplens.nlp import ParsedDocument

_FIRST_PERSON = frozenset({"i", "we", "me", "us", "myself", "ourselves"})
_IDIOM_SOURCES = frozenset({"they", "people", "folks"})


def find_relations(
    parsed: ParsedDocument, tagger: Tagger | None = None
) -> list[tuple[Relation, dict[int, int]]]:
    """Return every relation of the body in text order, with its paragraph's quotes.

    The quotes are ``quote_states`` of the paragraph's tokens by token index: the relation's
    kind is read from them.
    """
    tagger = tagger or load_tagger()
    bounds = [(span.start, span.end) for span in parsed.document.body]
    found: list[tuple[Relation, dict[int, int]]] = []
    carried: Relation | None = None
    paragraphs = paragraphs_of(parsed.doc, bounds)
    for paragraph, labels in zip(paragraphs, tagger.tag(paragraphs), strict=True):
        first, last = paragraph.tokens[0].i, paragraph.tokens[-1].i
        relations, carried = group(
            spans_from_labels(paragraph.tokens, labels), first, last, carried
        )
        relations = _merge(relations, rule_relations(paragraph))
        extra = verb_relations(paragraph, tagger.reporting) + poll_relations(paragraph)
        relations = _add_unclaimed(relations, sorted(extra, key=lambda r: r.cue.first))
        states = quote_states(paragraph.tokens)
        quotes = dict(zip((t.i for t in paragraph.tokens), states, strict=True))
        kept = [r for r in relations if _is_attribution(r, quotes, first, tagger.reporting)]
        found.extend((r, quotes) for r in kept)
        if carried is None and kept and _quote_runs_on(states):
            carried = kept[-1]
    return found


def _quote_runs_on(states: list[int]) -> bool:
    """Whether a paragraph ends inside a quotation that its last mark opened."""
    marks = [i for i, state in enumerate(states) if state == 2]
    return bool(marks) and states[-1] == 1 and marks[-1] < len(states) - 1


def _merge(tagged: list[Relation], ruled: list[Relation]) -> list[Relation]:
    """Put the pattern relations in place of the tagged relations they overlap.

    The patterns are narrow and their spans exact ("described by some as …" ends where the
    ``as`` phrase ends); a tagged relation sharing a token with one misread it. But a
    pattern inside a tagged relation's content ("X said he hopes the day sends a message
    that …") is a report nested in a report, which PolNeAR leaves unannotated: the outer
    relation stays and the pattern goes.
    """
    inner = {t.i for r in tagged for part in r.contents for t in part.tokens}
    ruled = [r for r in ruled if not {t.i for t in _tokens(r)} <= inner]
    claimed = {t.i for r in ruled for t in _tokens(r)}
    kept = [r for r in tagged if not claimed & {t.i for t in _tokens(r)}]
    return sorted(kept + ruled, key=lambda r: r.cue.first)


def _add_unclaimed(found: list[Relation], candidates: list[Relation]) -> list[Relation]:
    """Add the candidate relations that share no token with any relation found so far."""
    taken = {t.i for r in found for t in _tokens(r)}
    extra = []
    for candidate in candidates:
        tokens = {t.i for t in _tokens(candidate)}
        if not taken & tokens:
            extra.append(candidate)
            taken |= tokens
    return sorted(found + extra, key=lambda r: r.cue.first)


def _tokens(relation: Relation) -> list[Token]:
    spans = [relation.cue, *relation.contents]
    if relation.source is not None:
        spans.append(relation.source)
    return [t for span in spans for t in span.tokens]


def _is_attribution(
    relation: Relation, quotes: dict[int, int], first: int, reporting: Reporting
) -> bool:
    """Whether a relation is reported speech (see the module note for what is not).

    Args:
        relation: the candidate.
        quotes: quotation state of each token of its paragraph (``quote_states``).
        first: document index of the paragraph's first token.
        reporting: the reporting words, for relations without a source.
    """
    source = relation.source
    if source is None:
        return _is_unattributed_report(relation, quotes, reporting)
    words = [t.lower_ for t in source.tokens]
    if all(t.dep_ == "poss" or t.is_punct for t in source.tokens):
        return False
    # A transcript turn opens its quotation before the speaker's name: '"PENCE: Well, …'.
    speaker_label = source.first == first + 1 and quotes.get(first) == 2
    if any(quotes.get(t.i) == 1 for t in relation.cue.tokens) and not speaker_label:
        return False
    if len(words) == 1 and words[0] in _FIRST_PERSON:
        return False
    before = relation.cue.tokens[0].doc[max(source.first - 1, 0)]
    is_idiom = before.lower_ == "as" and len(words) == 1 and words[0] in _IDIOM_SOURCES
    if is_idiom and relation.cue.tokens[0].lemma_ == "say":
        return False
    return rejection(relation) is None


def _is_unattributed_report(
    relation: Relation, quotes: dict[int, int], reporting: Reporting
) -> bool:
    """A relation without a source is a report when it is an agentless passive or a noun.

    "He has been harshly criticized for …", "was accused of", "is expected to", "criticism
    for its failure", "allegations of fraud": a reporting word in a passive with no agent,
    or a reporting noun, passes a claim on without saying whose it is. Other sourceless
    shapes are mostly the author's own words: imperatives ("Don't blame Bush", "Call your
    brother"), hedges ("it seems"), gerunds and infinitives whose doer is the writer or
    near by ("blaming foreigners", "pushing for tougher steps", "to confirm justices"). Not
    reports either: a name given ("the program is called EB-5", "known as HFCs") and the
    author's aside ("it should be noted that").
    """
    if any(quotes.get(t.i) == 1 for t in relation.cue.tokens) or rejection(relation):
        return False
    head = cue_head(relation.cue)
    lemma = head.lemma_.lower()
    if not reporting.reports(lemma) or lemma in _NAMING:
        return False
    if head.pos_ == "NOUN":
        return True
    auxiliaries = {c.lower_ for c in head.children if c.dep_ == "aux"}
    passive = any(c.dep_ == "auxpass" for c in head.children)
    return passive and not auxiliaries & _DEONTIC


# Participles that give something its name rather than report a claim about it.
_NAMING = frozenset({"call", "know", "name", "dub", "title", "nickname", "term"})
# "It should be noted that …", "must be said": the author telling the reader.
_DEONTIC = frozenset({"should", "must", "ought", "shall"})


def content_parts(relation: Relation, text: str) -> list[Span]:
    """The character spans of a relation's content parts, in text order."""
    ordered = sorted(relation.contents, key=lambda s: s.first)
    return [_span_of(part, text) for part in ordered]


def kind_of(relation: Relation, quotes: dict[int, int]) -> AttributionKind:
    """Direct when the content is a quoted clause, mixed when it quotes a part, else indirect.

    A quotation without a verb ("described by some as 'the levy's first victims'") is a
    fragment worked into the reporter's sentence: mixed, even when it is all the content.
    """
    tokens = [t for part in relation.contents for t in part.tokens if not t.is_punct]
    quoted = sum(1 for t in tokens if quotes.get(t.i) == 1)
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in tokens)
    if tokens and quoted == len(tokens) and has_verb:
        return "direct"
    if quoted:
        return "mixed"
    return "indirect"


def _span_of(span: TaggedSpan, text: str) -> Span:
    # ``text`` is document.text: never ``doc.text``, which spaCy rebuilds on every read
    # and which has page furniture blanked out.
    return Span(
        start=span.start_char, end=span.end_char, text=text[span.start_char : span.end_char]
    )


def find_attributions(
    parsed: ParsedDocument, entities: Sequence[Entity], tagger: Tagger | None = None
) -> tuple[Attribution, ...]:
    """Return the document's attributions, ids ``a1``, ``a2``, ... in text order."""
    return find_reports(parsed, entities, tagger)[0]


def find_reports(
    parsed: ParsedDocument, entities: Sequence[Entity], tagger: Tagger | None = None
) -> tuple[tuple[Attribution, ...], tuple[UnattributedReport, ...]]:
    """Return the attributions (``a1``, …) and the reports with no source (``u1``, …)."""
    records: list[Attribution] = []
    unattributed: list[UnattributedReport] = []
    speakers: list[tuple[int, str | None]] = []
    text = parsed.document.text
    for relation, quotes in find_relations(parsed, tagger):
        parts = content_parts(relation, text)
        content = Span(
            start=parts[0].start,
            end=parts[-1].end,
            text=text[parts[0].start : parts[-1].end],
        )
        stance, evidence = judge_stance(relation, parsed)
        found = {
            "cue": _span_of(relation.cue, text),
            "content": content,
            "content_parts": tuple(parts) if len(parts) > 1 else (),
            "kind": kind_of(relation, quotes),
            "stance": stance,
            "stance_evidence": evidence,
        }
        if relation.source is None:
            unattributed.append(UnattributedReport(id=f"u{len(unattributed) + 1}", **found))
            continue
        source = _span_of(relation.source, text)
        entity = link_speaker(relation.source, entities, speakers)
        speakers.append((source.start, entity))
        speaker = Speaker(**source.model_dump(), entity=entity)
        records.append(Attribution(id=f"a{len(records) + 1}", speaker=speaker, **found))
    attributions = supporting_reports(_outside(records, _denials(records), "a"), parsed.sentences)
    return tuple(attributions), tuple(_outside(unattributed, _denials(attributions), "u"))


def _denials(records: Sequence[Attribution]) -> list[Span]:
    """The author's denials of attributions: the evidence of each rejected one."""
    return [r.stance_evidence for r in records if r.stance == "rejected" and r.stance_evidence]


Report = TypeVar("Report", Attribution, UnattributedReport)


def _outside(records: list[Report], denials: list[Span], prefix: str) -> list[Report]:
    """Drop the "reports" whose cue lies in the author's denial of another one; renumber.

    "The Pentagon has stated that … deter Iran. It will not deter Iran": the second
    sentence is the author's own rebuttal, however the tagger read it. Ids are renumbered
    ``a1``, ``a2``, … (or ``u1``, … for reports with no source).
    """
    kept = [
        r
        for r in records
        if not any(d.start <= r.cue.start < d.end and d is not r.stance_evidence for d in denials)
    ]
    return [r.model_copy(update={"id": f"{prefix}{i}"}) for i, r in enumerate(kept, start=1)]


def supporting_reports(
    records: Sequence[Attribution], sentences: Sequence[Sentence]
) -> list[Attribution]:
    """Mark as endorsed the neutral reports that open the sentence after an author's denial.

    "It will not. The two largest cruise lines have already told the port authority that
    they are reviewing their summer schedules": the author offers the report as evidence
    for the denial, so the evidence span is the denial it supports.
    """
    denials = {
        (r.stance_evidence.start, r.stance_evidence.end)
        for r in records
        if r.stance == "rejected" and r.stance_evidence is not None
    }
    out = []
    for record in records:
        index = _sentence_index(sentences, min(record.speaker.start, record.cue.start))
        before = sentences[index - 1] if index > 0 else None
        if (
            record.stance == "neutral"
            and before is not None
            and before.paragraph == sentences[index].paragraph
            and (before.start, before.end) in denials
        ):
            evidence = Span(start=before.start, end=before.end, text=before.text)
            record = record.model_copy(update={"stance": "endorsed", "stance_evidence": evidence})
        out.append(record)
    return out


def _sentence_index(sentences: Sequence[Sentence], offset: int) -> int:
    for index, sentence in enumerate(sentences):
        if sentence.start <= offset < sentence.end:
            return index
    return 0

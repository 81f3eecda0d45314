"""Entities: spaCy's named entities joined into people, organisations and places.

Short names join full names ("Pompeo" → "Mike Pompeo"), a cluster's label is the majority
of its mentions' labels (so a person the small model once calls a place stays a person),
and a title written before a name ("Secretary of State Mike Pompeo") is kept on the entity
rather than left behind as a stray organisation ("State").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from oplens.schema import Entity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from oplens.nlp import ParsedDocument

KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
# Labels a short surname may carry when the small model mislabels a person.
_JOINABLE = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT"})
_TITLE_WORDS = frozenset(
    """President Vice Secretary Senator Sen. Representative Rep. Governor Gov. Mayor
    Minister Prime Foreign Defense Defence State Treasury Attorney General Gen. Lt. Col.
    Maj. Adm. Admiral Commander Chief Justice Judge Speaker Chancellor King Queen Prince
    Princess Pope Ayatollah Supreme Leader Ambassador Director Chairman Chairwoman Chair
    Dr. Professor Prof. Sheikh Crown Deputy Former former Congressman Congresswoman
    Councilman Councilwoman CEO Rev. Bishop Cardinal Sergeant Sgt. Captain Capt. Colonel
    Major Lieutenant Emir Sultan Homeland Security Energy Health Education Commerce
    Labor Interior Agriculture Transportation Home Finance Economy Trade National
    Security Adviser Advisor House Senate Majority Minority Whip Leader Spokesman
    Spokeswoman Press
    """.split()
)
_TITLE_LINKS = frozenset({"of", "for", "the", "and", "-"})
_ALIASES = {
    "us": "United States",
    "u.s.": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "the united states": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "eu": "European Union",
    "e.u.": "European Union",
    "un": "United Nations",
    "u.n.": "United Nations",
}


@dataclass
class _Cluster:
    name: str
    mentions: list[tuple[Span, str]] = field(default_factory=list)
    title: str | None = None

    @property
    def multiword_person(self) -> bool:
        return len(self.name.split()) > 1 and any(lab == "PERSON" for _, lab in self.mentions)


def find_entities(parsed: ParsedDocument) -> tuple[Entity, ...]:
    """Return the document's entities, ordered by first mention, ids ``e1``, ``e2``, ..."""
    mentions = _mentions(parsed.doc)
    mentions = sorted(
        [*mentions, *_missed_surnames(parsed.doc, mentions)], key=lambda m: m.span.start
    )
    clusters = _cluster(mentions)
    ordered = sorted(clusters, key=lambda c: min(span.start for span, _ in c.mentions))
    return tuple(_to_entity(cluster, f"e{i}") for i, cluster in enumerate(ordered, start=1))


@dataclass(frozen=True)
class _Mention:
    span: Span
    label: str
    name: str
    title: str | None
    title_start: int | None = None


def _mentions(doc: Doc) -> list[_Mention]:
    found: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        trimmed = _trim(ent)
        if trimmed is None:
            continue
        title, title_start = _title_before(trimmed) if ent.label_ == "PERSON" else (None, None)
        span = Span(start=trimmed.start_char, end=trimmed.end_char, text=trimmed.text)
        found.append(_Mention(span, ent.label_, _canonical(trimmed.text), title, title_start))
    # Drop stray mentions inside a title ("State" in "Secretary of State Mike Pompeo").
    titles = [(t, m.span.start) for m in found if (t := m.title_start) is not None]
    return [m for m in found if not any(a <= m.span.start < b for a, b in titles)]


def _missed_surnames(doc: Doc, mentions: Sequence[_Mention]) -> list[_Mention]:
    """Find bare surnames of known people that the small NER model did not tag.

    en_core_web_sm tags "Angela Merkel" but often not a later "Merkel"; a capitalised
    proper noun equal to the surname of a person named in full is a mention of them.
    """
    surnames = {
        key
        for m in mentions
        if m.label == "PERSON" and len(m.name.split()) > 1
        for key in _surname_keys(m.name)
    }
    covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
    title_covered = {
        i for m in mentions if m.title_start is not None for i in range(m.title_start, m.span.start)
    }
    return [
        _Mention(Span(start=t.idx, end=t.idx + len(t), text=t.text), "PERSON", t.text, None)
        for t in doc
        if t.text in surnames
        and t.pos_ == "PROPN"
        and t.idx not in covered
        and t.idx not in title_covered
    ]


def _trim(ent: SpacySpan) -> SpacySpan | None:
    """Trim a leading "the" and a trailing possessive from an entity span."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'"} or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _title_before(ent: SpacySpan) -> tuple[str | None, int | None]:
    """Return a title written just before a person's name, and its start offset."""
    doc = ent.doc
    index = ent.start - 1
    first = None
    while index >= 0:
        token = doc[index]
        if token.text in _TITLE_WORDS:
            first = index
        elif token.text not in _TITLE_LINKS or first is None:
            break
        index -= 1
    if first is None:
        return None, None
    title = doc[first : ent.start]
    text = title.text.strip()
    return (text, title.start_char) if text else (None, None)


def _canonical(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return _ALIASES.get(text.lower(), text)


def _surname_keys(name: str) -> set[str]:
    last = name.split()[-1]
    return {last, last.split("-")[-1]} if "-" in last else {last}


def _cluster(mentions: Sequence[_Mention]) -> list[_Cluster]:
    clusters: dict[str, _Cluster] = {}
    full_names = {m.name for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1}
    # Each surname → the full names that end with it, in order of first mention.
    by_surname: dict[str, list[str]] = {}
    for m in mentions:
        if m.name in full_names:
            for key in _surname_keys(m.name):
                names = by_surname.setdefault(key, [])
                if m.name not in names:
                    names.append(m.name)
    for m in mentions:
        key = m.name
        if len(key.split()) == 1 and m.label in _JOINABLE and key in by_surname:
            key = _nearest_full_name(m, by_surname[key], mentions)
        cluster = clusters.setdefault(key.lower(), _Cluster(key))
        if len(m.name) > len(cluster.name) and m.name.lower() == key.lower():
            cluster.name = m.name
        cluster.mentions.append((m.span, m.label))
        cluster.title = cluster.title or m.title
    return list(clusters.values())


def _nearest_full_name(mention: _Mention, names: list[str], mentions: Sequence[_Mention]) -> str:
    """Pick, among full names sharing a surname, the one last mentioned before this one."""
    if len(names) == 1:
        return names[0]
    before = [m for m in mentions if m.name in names and m.span.start < mention.span.start]
    return before[-1].name if before else names[0]


def _to_entity(cluster: _Cluster, entity_id: str) -> Entity:
    counts = Counter(label for _, label in cluster.mentions)
    longest = max(cluster.mentions, key=lambda pair: len(pair[0].text))[1]
    top = max(counts.values())
    tied = [label for label, count in counts.items() if count == top]
    # A tie goes to the label of the longest (full-name) mention: the model is surest there.
    label = longest if longest in tied else tied[0]
    if cluster.multiword_person:
        # A cluster built around a full person name is a person, however its surname was read.
        label = "PERSON"
    mentions = tuple(sorted((span for span, _ in cluster.mentions), key=lambda s: s.start))
    return Entity(
        id=entity_id, name=cluster.name, label=label, mentions=mentions, title=cluster.title
    )

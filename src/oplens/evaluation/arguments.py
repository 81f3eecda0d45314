"""Argument structure: unit types on Webis-Editorials-16, roles and thesis on microtexts.

- Webis-Editorials-16 validation split (60 editorials, 2,977 units), gold units: macro-F1
  over the six types, and over claim (assumption, common ground) vs evidence (anecdote,
  statistics, testimony), ``other`` units left out of the latter.
- arg-microtexts (the English texts in ``../shared/data``): the central claim (the ADU with
  no outgoing edge) against oplens's thesis, as accuracy per text and as macro-F1 over
  ADUs (central claim or not, the published measure); proponent/opponent role macro-F1,
  where an oplens unit counts as opponent when it is a concession, a reported claim the
  author rebuts, or a premise of one of these. Scored twice: on the gold ADU segmentation
  (as the published systems are) and on oplens's own segmentation, an ADU then taking the
  role of the oplens unit that overlaps it most. Nothing is trained on microtexts (the
  rules and thesis weights are hand-set), but the rules were revised after reading their
  errors on the micro_b* texts; the micro_d* and micro_k* texts, never inspected, are
  scored apart as the held-out check.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oplens.arguments import arguments_of_segments, find_arguments
from oplens.arguments.segment import Segment
from oplens.arguments.unit_types import predict_types
from oplens.evaluation.table import DataMissingError, Table
from oplens.nlp import ParsedDocument, parse_many
from oplens.pipeline import prepare
from oplens.schema import Arguments
from oplens.training.unit_types import claim_vs_evidence, featurize
from oplens.training.webis import read_split

# Published bars (from ../shared/data/README.md): macro-F1 for central claim, role,
# function and attachment.
PUBLISHED = {"cc": 0.861, "role": 0.771, "function": 0.754, "attachment": 0.712}
WEBIS_FLOOR = {"macro_f1_6": 0.40, "macro_f1_claim_evidence": 0.72}


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Unweighted mean over the gold and predicted labels of each label's F1."""
    labels = sorted(set(gold) | set(predicted))
    total = 0.0
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label != p)
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(labels) if labels else 0.0


def webis_table(data: Path) -> Table:
    """Score the shipped unit-type model on the Webis-Editorials-16 validation split."""
    features, gold, _ = featurize(read_split(data, "validation"))
    predicted = [str(t) for t in predict_types(features)]
    pairs = [
        (g, p or "claim")
        for g, p in zip(claim_vs_evidence(gold), claim_vs_evidence(predicted), strict=True)
        if g is not None
    ]
    ours = (macro_f1(gold, predicted), macro_f1([g for g, _ in pairs], [p for _, p in pairs]))
    return Table(
        title=f"Unit types, Webis-Editorials-16 validation ({len(gold):,} gold units)",
        columns=("system", "macro_f1_6", "macro_f1_claim_evidence"),
        rows=(
            ("oplens", *ours),
            (
                "team TF-IDF + LR floor",
                WEBIS_FLOOR["macro_f1_6"],
                WEBIS_FLOOR["macro_f1_claim_evidence"],
            ),
        ),
        notes=(
            "claim = assumption, common ground; evidence = anecdote, statistics, testimony",
            "model trained on the official training split only (see the model card)",
        ),
    )


@dataclass(frozen=True)
class Microtext:
    """One microtext: its text, gold ADU spans, their roles, and the central claim's index."""

    name: str
    text: str
    adus: tuple[tuple[int, int], ...]
    roles: tuple[str, ...]
    central: int


def read_microtexts(data: Path) -> list[Microtext]:
    """Read every English microtext with its ADUs located in the text.

    Raises:
        DataMissingError: the corpus is absent.
    """
    folder = data / "arguments" / "arg-microtexts" / "en"
    files = sorted(folder.glob("micro_*.xml"))
    if not files:
        raise DataMissingError(str(folder))
    return [_read_microtext(path) for path in files]


def _read_microtext(path: Path) -> Microtext:
    root = ET.parse(path).getroot()
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    edu_spans: dict[str, tuple[int, int]] = {}
    cursor = 0
    for edu in root.findall("edu"):
        piece = (edu.text or "").strip()
        start = text.find(piece, cursor)
        start = cursor if start < 0 else start
        edu_spans[edu.get("id", "")] = (start, start + len(piece))
        cursor = start + len(piece)
    adus = [(a.get("id", ""), a.get("type", "")) for a in root.findall("adu")]
    edges = [(e.get("src", ""), e.get("trg", ""), e.get("type", "")) for e in root.findall("edge")]
    members: dict[str, list[str]] = {}
    for source, target, kind in edges:
        if kind == "seg":
            members.setdefault(target, []).append(source)
    with_edge = {source for source, _, kind in edges if kind != "seg"}
    spans = []
    for adu_id, _ in adus:
        parts = [edu_spans[e] for e in members.get(adu_id, [])]
        spans.append((min(a for a, _ in parts), max(b for _, b in parts)))
    order = sorted(range(len(adus)), key=lambda i: spans[i])
    central = next(i for i in order if adus[i][0] not in with_edge)
    return Microtext(
        name=path.stem,
        text=text,
        adus=tuple(spans[i] for i in order),
        roles=tuple("opp" if adus[i][1] == "opp" else "pro" for i in order),
        central=order.index(central),
    )


def opponent_units(arguments: Arguments) -> set[str]:
    """Ids of units voicing the other side: concessions, rebutted reports, their premises."""
    role = {u.id: u.role for u in arguments.units}
    opponent = {u.id for u in arguments.units if u.role == "concession"}
    opponent |= {
        r.target
        for r in arguments.relations
        if r.type == "attack" and role[r.target] == "background"
    }
    changed = True
    while changed:
        changed = False
        for relation in arguments.relations:
            source, target = relation.source, relation.target
            if relation.type == "support" and target in opponent and source not in opponent:
                opponent.add(source)
                changed = True
    return opponent


def _gold_segments(parsed: ParsedDocument, text: Microtext) -> list[Segment]:
    segments = []
    for start, end in text.adus:
        sentence = next(
            (s for s in parsed.sentences if s.start <= start < s.end), parsed.sentences[-1]
        )
        segments.append(Segment(start, end, sentence.id, sentence.paragraph))
    return segments


def _best_overlap(arguments: Arguments, start: int, end: int) -> str | None:
    best, best_id = 0, None
    for unit in arguments.units:
        overlap = min(end, unit.end) - max(start, unit.start)
        if overlap > best:
            best, best_id = overlap, unit.id
    return best_id


@dataclass
class _Tally:
    central_hits: int = 0
    texts: int = 0
    cc_gold: list[str] = field(default_factory=list)
    cc_guess: list[str] = field(default_factory=list)
    role_gold: list[str] = field(default_factory=list)
    role_guess: list[str] = field(default_factory=list)

    def add(self, text: Microtext, arguments: Arguments, unit_of_adu: Sequence[str | None]) -> None:
        """Count one text: ``unit_of_adu`` gives the oplens unit id standing for each ADU."""
        opponent = opponent_units(arguments)
        thesis_adus = [i for i, u in enumerate(unit_of_adu) if u and u == arguments.thesis]
        self.texts += 1
        self.central_hits += int(text.central in thesis_adus[:1])
        for index, unit in enumerate(unit_of_adu):
            self.cc_gold.append("cc" if index == text.central else "no")
            self.cc_guess.append("cc" if index in thesis_adus[:1] else "no")
            self.role_gold.append(text.roles[index])
            self.role_guess.append("opp" if unit in opponent else "pro")

    def row(self, name: str) -> tuple[str, float, float, float, None, None]:
        """The table row: central-claim accuracy and macro-F1, role macro-F1."""
        return (
            name,
            self.central_hits / self.texts if self.texts else 0.0,
            macro_f1(self.cc_gold, self.cc_guess),
            macro_f1(self.role_gold, self.role_guess),
            None,
            None,
        )


# The rules were revised after reading their errors on the micro_b* texts only; the d* and
# k* texts were never looked at while writing them, so their rows are a held-out check.
INSPECTED_PREFIX = "micro_b"


def microtexts_table(data: Path) -> Table:
    """Score thesis and proponent/opponent roles on the microtexts (see the module note)."""
    texts = read_microtexts(data)
    prepared = [prepare(t.text) for t in texts]
    tallies = {name: _Tally() for name in ("gold", "own", "gold unseen", "own unseen")}
    parsed_all = parse_many((p.document, p.furniture) for p in prepared)
    for text, record, parsed in zip(texts, prepared, parsed_all, strict=True):
        segments = _gold_segments(parsed, text)
        on_gold = arguments_of_segments(parsed.doc, segments, len(record.document.body))
        own = find_arguments(parsed, record)
        own_units = [_best_overlap(own, a, b) for a, b in text.adus]
        gold_units: list[str | None] = [f"u{i + 1}" for i in range(len(segments))]
        unseen = not text.name.startswith(INSPECTED_PREFIX)
        for suffix in ("", " unseen") if unseen else ("",):
            tallies["gold" + suffix].add(text, on_gold, gold_units)
            tallies["own" + suffix].add(text, own, own_units)
    unseen_count = tallies["gold unseen"].texts
    return Table(
        title=f"Thesis and roles, arg-microtexts ({len(texts)} English texts)",
        columns=(
            "system",
            "cc_accuracy",
            "cc_macro_f1",
            "role_macro_f1",
            "function_macro_f1",
            "attachment_macro_f1",
        ),
        rows=(
            tallies["gold"].row("oplens, gold ADUs"),
            tallies["own"].row("oplens, own segmentation"),
            tallies["gold unseen"].row(f"oplens, gold ADUs, {unseen_count} unseen texts"),
            tallies["own unseen"].row(f"oplens, own segmentation, {unseen_count} unseen texts"),
            (
                "published",
                None,
                PUBLISHED["cc"],
                PUBLISHED["role"],
                PUBLISHED["function"],
                PUBLISHED["attachment"],
            ),
        ),
        notes=(
            "published: best reported system (figures from ../shared/data/README.md), on gold ADUs",
            "oplens's rules and thesis weights are hand-set; nothing is trained on microtexts,",
            "but the rules were revised after reading their errors on the micro_b* texts:",
            "the 'unseen' rows (micro_d*, micro_k*, never inspected) are the held-out check",
            "opponent = concession, rebutted reported claim, or a premise of one of these",
        ),
    )


def evaluate(data: Path) -> list[Table]:
    """Both argument tables.

    Raises:
        DataMissingError: Webis-Editorials-16 or the microtexts are absent.
    """
    return [webis_table(data), microtexts_table(data)]

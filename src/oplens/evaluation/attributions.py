"""Attribution spans against PolNeAR dev (the official split: 84 articles, 94 annotator files).

Each dev text is parsed as ``analyze`` parses a body (one paragraph per line, no furniture)
and run through the entities and attributions stages. The spans scored are the record's:
every speaker, cue and content part. Gold spans are every Source, Cue and Content fragment
(a discontinuous fragment is its own span), edge spaces trimmed, duplicates within one file
merged; each annotator file is one gold document.

- exact: a span counts when its start and end equal a gold span's of the same role.
- overlap: a predicted span counts (precision) when it shares a character with a gold span
  of its role, and a gold span counts (recall) when a predicted span of its role shares a
  character with it.

The published bar (CofeNet, COLING 2022) is exact-match F1 on the same dev/test texts
tagged sentence by sentence; ours is measured over whole documents, where a relation's
content may cross sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from oplens.attributions import find_attributions
from oplens.entities import find_entities
from oplens.evaluation.table import DataMissingError, Table
from oplens.schema import Attribution
from oplens.training.parsed import parse_gold
from oplens.training.polnear import ROLES, GoldDocument, read_split, trim

COFENET_EXACT_F1 = {"source": 0.832, "cue": 0.753, "content": 0.729}
Spans = set[tuple[int, int]]


def predicted_spans(text: str, records: Iterable[Attribution]) -> dict[str, Spans]:
    """The trimmed speaker, cue and content-part spans of a document's attributions."""
    found: dict[str, Spans] = {role: set() for role in ROLES}
    for record in records:
        found["source"].add(trim(text, record.speaker.start, record.speaker.end))
        found["cue"].add(trim(text, record.cue.start, record.cue.end))
        for part in record.content_parts or (record.content,):
            found["content"].add(trim(text, part.start, part.end))
    return found


def _overlaps(span: tuple[int, int], others: Spans) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def count_matches(gold: Spans, pred: Spans) -> dict[str, int]:
    """Exact and overlap counts for one role of one document."""
    return {
        "gold": len(gold),
        "pred": len(pred),
        "exact": len(gold & pred),
        "overlap_pred": sum(_overlaps(span, gold) for span in pred),
        "overlap_gold": sum(_overlaps(span, pred) for span in gold),
    }


def _prf(hits_p: int, pred: int, hits_r: int, gold: int) -> tuple[float, float, float]:
    precision = hits_p / pred if pred else 0.0
    recall = hits_r / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(golds: list[GoldDocument], predictions: list[dict[str, Spans]]) -> Table:
    """Build the P/R/F1 table from gold documents and their predicted spans."""
    totals = {role: Counter[str]() for role in ROLES}
    for gold, pred in zip(golds, predictions, strict=True):
        for role in ROLES:
            totals[role].update(count_matches(gold.spans(role), pred[role]))
    rows: list[tuple[str | float | int | None, ...]] = []
    for role in ROLES:
        t = totals[role]
        exact = _prf(t["exact"], t["pred"], t["exact"], t["gold"])
        overlap = _prf(t["overlap_pred"], t["pred"], t["overlap_gold"], t["gold"])
        rows.append((f"{role} exact", *exact, COFENET_EXACT_F1[role], t["gold"]))
        rows.append((f"{role} overlap", *overlap, None, t["gold"]))
    relations = sum(len(g.relations) for g in golds)
    return Table(
        title=(
            f"Attributions on PolNeAR dev ({len(golds)} annotator files, {relations:,} relations)"
        ),
        columns=("spans", "precision", "recall", "f1", "cofenet_f1", "gold"),
        rows=tuple(rows),
        notes=(
            "cofenet_f1: the published bar, CofeNet (COLING 2022), exact-match F1",
            "overlap: a span counts when it shares a character with one of its role",
        ),
    )


def evaluate(data: Path) -> Table:
    """Score the attribution stage on PolNeAR dev.

    Raises:
        DataMissingError: PolNeAR is not under ``data``.
    """
    folder = data / "attribution" / "polnear"
    if not (folder / "dev" / "attributions").is_dir():
        raise DataMissingError(str(folder / "dev"))
    golds = list(read_split(folder, "dev"))
    parses = parse_gold(golds, cache=None)
    predictions = [
        predicted_spans(gold.text, find_attributions(parsed, find_entities(parsed)))
        for gold, parsed in zip(golds, parses, strict=True)
    ]
    return score(golds, predictions)

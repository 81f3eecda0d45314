"""Attribution spans against PolNeAR dev (the official split: 84 articles, 94 annotator files).

Each dev text is parsed as ``analyze`` parses a body (one paragraph per line, no furniture)
and run through the entities and attributions stages. The spans scored are the record's:
every speaker, cue and content part. Gold spans are every Source, Cue and Content fragment
(a discontinuous fragment is its own span), edge spaces trimmed, duplicates within one file
merged; each annotator file is one gold document. Spans are compared role by role:

- **exact**: a span counts when its start and end equal a gold span's: CofeNet's "exact
  match" (COLING 2022), the published bar.
- **overlap** (binary; the overlap reported since the stage landed): a predicted span
  counts (precision) when it shares a character with a gold span of its role, and a gold
  span counts (recall) when a predicted span of its role shares a character with it.
- **proportional** (the "partial match" of Pareti's PARC work): a predicted span earns the
  share of its tokens that lie in gold spans of its role (precision), and a gold span the
  share of its tokens that predicted spans cover (recall); half the tokens right counts
  one half. It is never above the binary overlap.
- **jaccard** (beside the proportional row): every gold span scores its best token
  intersection-over-union with a predicted span (1 when exact), predicted spans that
  overlap no gold span score 0, and the mean is over both.

Tokens, for the last two, are runs of letters and digits and single other non-space
characters (``\\w+|[^\\w\\s]``) of the article text, so the scores do not depend on our own
tokeniser.

CofeNet tags dev/test sentence by sentence; ours is measured over whole documents, where a
relation's content may cross sentences.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from oplens.attributions import find_reports
from oplens.entities import find_entities
from oplens.evaluation.table import DataMissingError, Table
from oplens.schema import Attribution, UnattributedReport
from oplens.training.parsed import parse_gold
from oplens.training.polnear import ROLES, GoldDocument, read_split, trim

COFENET_EXACT_F1 = {"source": 0.832, "cue": 0.753, "content": 0.729}
Spans = set[tuple[int, int]]
_TOKEN = re.compile(r"\w+|[^\w\s]")


def predicted_spans(
    text: str, records: Sequence[Attribution], unattributed: Sequence[UnattributedReport] = ()
) -> dict[str, Spans]:
    """The trimmed speaker, cue and content-part spans of a document's reports.

    A report without a source (PolNeAR's ``Attribution-no-source``) adds its cue and content.
    """
    found: dict[str, Spans] = {role: set() for role in ROLES}
    for record in records:
        found["source"].add(trim(text, record.speaker.start, record.speaker.end))
    reports: list[Attribution | UnattributedReport] = [*records, *unattributed]
    for report in reports:
        found["cue"].add(trim(text, report.cue.start, report.cue.end))
        for part in report.content_parts or (report.content,):
            found["content"].add(trim(text, part.start, part.end))
    return found


@dataclass(frozen=True)
class Tokens:
    """The token boundaries of one text, for mapping character spans to token ranges."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Tokens:
        """Tokenise a text (``\\w+|[^\\w\\s]``)."""
        found = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        return cls(tuple(s for s, _ in found), tuple(e for _, e in found))

    def range_of(self, span: tuple[int, int]) -> range:
        """The indices of the tokens a character span touches."""
        return range(
            bisect.bisect_right(self.ends, span[0]), bisect.bisect_left(self.starts, span[1])
        )


def _overlaps(span: tuple[int, int], others: Spans) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _iou(a: range, b: range) -> float:
    inter = min(a.stop, b.stop) - max(a.start, b.start)
    return inter / (max(a.stop, b.stop) - min(a.start, b.start)) if inter > 0 else 0.0


def _covered(span: range, cover: set[int]) -> float:
    return sum(1 for i in span if i in cover) / len(span) if len(span) else 0.0


def count_matches(gold: Spans, pred: Spans, tokens: Tokens) -> dict[str, float]:
    """Exact, overlap, proportional-overlap and Jaccard counts for one role of one document."""
    gold_ranges = {span: tokens.range_of(span) for span in gold}
    pred_ranges = {span: tokens.range_of(span) for span in pred}
    gold_tokens = {i for r in gold_ranges.values() for i in r}
    pred_tokens = {i for r in pred_ranges.values() for i in r}
    counts: dict[str, float] = {
        "gold": len(gold),
        "pred": len(pred),
        "exact": len(gold & pred),
        "overlap_pred": sum(_overlaps(span, gold) for span in pred),
        "overlap_gold": sum(_overlaps(span, pred) for span in gold),
    }
    counts["token_pred"] = sum(_covered(r, gold_tokens) for r in pred_ranges.values())
    counts["token_gold"] = sum(_covered(r, pred_tokens) for r in gold_ranges.values())
    counts["jaccard"] = sum(
        max((_iou(r, p) for p in pred_ranges.values()), default=0.0) for r in gold_ranges.values()
    )
    # A wrong prediction that overlaps some gold span is left out of the mean (its overlap
    # is already in that gold span's score); every other wrong one counts as a zero.
    counts["jaccard_n"] = len(gold) + sum(
        1
        for span, r in pred_ranges.items()
        if span not in gold and not any(_iou(r, g) > 0 for g in gold_ranges.values())
    )
    return counts


def _prf(hits_p: float, pred: float, hits_r: float, gold: float) -> tuple[float, float, float]:
    precision = hits_p / pred if pred else 0.0
    recall = hits_r / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


COLUMNS = ("spans", "precision", "recall", "f1", "jaccard", "cofenet_f1", "gold")
NOTES = (
    "exact: start and end equal a gold span's of the role (CofeNet's exact match)",
    "overlap: a span counts when it shares a character with one of its role",
    "proportional: each span credited with the share of its tokens matched (Pareti's "
    "partial match); jaccard: mean best token IoU per gold span, unmatched predictions 0",
    "cofenet_f1: the published bar, CofeNet (COLING 2022), exact-match F1",
)


def score(golds: list[GoldDocument], predictions: list[dict[str, Spans]]) -> Table:
    """Build the P/R/F1 table from gold documents and their predicted spans."""
    totals: dict[str, defaultdict[str, float]] = {role: defaultdict(float) for role in ROLES}
    for gold, pred in zip(golds, predictions, strict=True):
        tokens = Tokens.of(gold.text)
        for role in ROLES:
            for key, value in count_matches(gold.spans(role), pred[role], tokens).items():
                totals[role][key] += value
    rows: list[tuple[str | float | int | None, ...]] = []
    for role in ROLES:
        t = totals[role]
        n = t["gold"]
        jaccard = t["jaccard"] / t["jaccard_n"] if t["jaccard_n"] else 0.0
        exact = _prf(t["exact"], t["pred"], t["exact"], n)
        token = _prf(t["token_pred"], t["pred"], t["token_gold"], n)
        binary = _prf(t["overlap_pred"], t["pred"], t["overlap_gold"], n)
        rows.append((f"{role} exact", *exact, None, COFENET_EXACT_F1[role], int(n)))
        rows.append((f"{role} overlap", *binary, None, None, int(n)))
        rows.append((f"{role} proportional", *token, jaccard, None, int(n)))
    relations = sum(len(g.relations) for g in golds)
    return Table(
        title=(
            f"Attributions on PolNeAR dev ({len(golds)} annotator files, {relations:,} relations)"
        ),
        columns=COLUMNS,
        rows=tuple(rows),
        notes=NOTES,
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
        predicted_spans(gold.text, *find_reports(parsed, find_entities(parsed)))
        for gold, parsed in zip(golds, parses, strict=True)
    ]
    return score(golds, predictions)

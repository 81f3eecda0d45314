"""Scoring attribution spans: exact, overlap, proportional-overlap and Jaccard matches."""

from __future__ import annotations

import pytest

from oplens.evaluation.attributions import Tokens, count_matches, score
from oplens.training.polnear import GoldDocument, parse_ann

# Tokens: aa 0-2, bb 3-5, cc 6-8, dd 9-11, ee 12-14, ff 15-17, gg 18-20, hh 21-23.
TEXT = "aa bb cc dd ee ff gg hh"
GOLD = {(0, 5), (9, 17)}  # "aa bb", "dd ee ff"
PRED = {(0, 5), (12, 20), (21, 23)}  # exact; "ee ff gg" (two of three right); "hh" (wrong)


def test_tokens_map_character_spans_to_the_tokens_they_touch() -> None:
    tokens = Tokens.of("He said: “no.”")
    assert list(zip(tokens.starts, tokens.ends, strict=True)) == [
        (0, 2),
        (3, 7),
        (7, 8),
        (9, 10),
        (10, 12),
        (12, 13),
        (13, 14),
    ]
    assert tokens.range_of((3, 8)) == range(1, 3)
    assert tokens.range_of((4, 5)) == range(1, 2)


def test_counts_of_each_measure() -> None:
    counts = count_matches(GOLD, PRED, Tokens.of(TEXT))
    assert {k: counts[k] for k in ("gold", "pred", "exact", "overlap_pred", "overlap_gold")} == {
        "gold": 2,
        "pred": 3,
        "exact": 1,
        "overlap_pred": 2,
        "overlap_gold": 2,
    }
    # Precision credit: 1 + 2/3 + 0; recall credit: 1 ("aa bb") + 2/3 ("ee ff" of three).
    assert counts["token_pred"] == pytest.approx(5 / 3)
    assert counts["token_gold"] == pytest.approx(5 / 3)
    # Best IoU per gold span: 1 and 2/4; "hh" overlaps no gold span and counts as a zero;
    # "ee ff gg" overlaps one and is left out of the mean (its overlap is in that score).
    assert counts["jaccard"] == pytest.approx(1.5)
    assert counts["jaccard_n"] == 3


def gold_document(text: str, ann: str) -> GoldDocument:
    return GoldDocument("n", "a", text, parse_ann(ann))


def test_table_rows_and_values() -> None:
    text = "Flynn says Trump is right."
    gold = gold_document(
        text,
        "T1\tSource 0 5\tFlynn\nT2\tCue 6 10\tsays\nT3\tContent 11 25\tTrump is right\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
    )
    pred = {"source": {(0, 5)}, "cue": {(6, 10)}, "content": {(11, 19)}}
    table = score([gold], [pred])
    assert [row[0] for row in table.rows] == [
        f"{role} {measure}"
        for role in ("source", "cue", "content")
        for measure in ("exact", "overlap", "proportional")
    ]
    assert table.cell("source exact", "f1") == 1.0
    assert table.cell("content exact", "f1") == 0.0
    assert table.cell("content overlap", "f1") == 1.0
    # "Trump is" is two of the three gold tokens "Trump is right".
    assert table.cell("content proportional", "precision") == 1.0
    assert table.cell("content proportional", "recall") == pytest.approx(2 / 3)
    assert table.cell("content proportional", "f1") == pytest.approx(0.8)
    assert table.cell("content proportional", "jaccard") == pytest.approx(2 / 3)
    assert table.cell("cue exact", "cofenet_f1") == 0.753


def test_proportional_overlap_is_never_above_the_binary_one() -> None:
    gold = gold_document(
        TEXT,
        "T1\tSource 0 5\taa bb\nT2\tCue 9 17\tdd ee ff\nT3\tContent 21 23\thh\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
    )
    pred = {"source": {(0, 2)}, "cue": set(PRED), "content": {(21, 23)}}
    table = score([gold], [pred])
    for role in ("source", "cue", "content"):
        assert table.cell(f"{role} proportional", "f1") <= table.cell(f"{role} overlap", "f1")
    assert table.cell("source proportional", "recall") == 0.5
    assert table.cell("source overlap", "recall") == 1.0

"""Scoring attribution spans: exact and overlap matches, and the table against the bar."""

from __future__ import annotations

from oplens.evaluation.attributions import count_matches, score
from oplens.training.polnear import GoldDocument, parse_ann


def test_exact_and_overlap_counts() -> None:
    gold = {(0, 5), (10, 20), (30, 40)}
    pred = {(0, 5), (12, 25), (50, 60)}
    assert count_matches(gold, pred) == {
        "gold": 3,
        "pred": 3,
        "exact": 1,
        "overlap_pred": 2,
        "overlap_gold": 2,
    }


def test_table_has_exact_and_overlap_rows_beside_the_published_bar() -> None:
    text = "Flynn says Trump is right."
    gold = GoldDocument(
        "n",
        "a",
        text,
        parse_ann(
            "T1\tSource 0 5\tFlynn\nT2\tCue 6 10\tsays\nT3\tContent 11 25\tTrump\n"
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
        ),
    )
    pred = {"source": {(0, 5)}, "cue": {(6, 10)}, "content": {(11, 19)}}
    table = score([gold], [pred])
    assert table.cell("source exact", "f1") == 1.0
    assert table.cell("content exact", "f1") == 0.0
    assert table.cell("content overlap", "f1") == 1.0
    assert table.cell("cue exact", "cofenet_f1") == 0.753
    assert [row[0] for row in table.rows] == [
        "source exact",
        "source overlap",
        "cue exact",
        "cue overlap",
        "content exact",
        "content overlap",
    ]

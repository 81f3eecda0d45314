"""The README's ledger scenario, on SQLite and PostgreSQL, with every number checked by hand.

The predictions are the prediction stage's own (``tests/scenario.py`` adds the articles as
text). Each one's holder is the author unless it lies in an attribution's content; only the
author's own are counted and scored. As of 2026-12-01 ("not due": no date, or a later one):

    Aaron David Miller (canonical first article, 2020-01-03), 7 of his own:
      0.70 "We have now entered open season ..."  "for months to come": due 2020-04-03
      0.90, 0.85, 0.90, 0.45, 0.45, 0.45 without a horizon          -> 6 not due
    Ruth Okonjo (our first article, 2024-09-10), 5 found, 4 her own:
      0.90 "the town would run short of water by 2030" held by Declan Moore (quoted)
      0.70 "bills will probably rise within two years": due 2026-09-10
      0.90 "It will not", 0.85, 0.45 without a horizon              -> 3 not due
    Marta Lindqvist (2025-03-14), 6 found, 4 her own:
      0.90 the mayor's levy, 0.90 Tom Reyes's sewage plant (by 2027): quoted
      0.85 "the ships will most likely move ... within two seasons": due 2025-09-14
      0.45 "may see takings fall by a fifth next year": due 2026-12-31, not yet
      0.90 "It will not", 0.90 "the town will lose" without a horizon -> 3 not due
    Owen Hartley (2024-11-20), 5 found, 4 his own:
      0.90 Councillor Anand's "within a year" (2025-11-20): quoted
      0.90 "ridership will almost certainly rise ... before the summer": due 2025-08-31
      0.70 "Traffic ... as heavy next summer": due 2025-08-31, left unresolved -> 1 due
      0.90 "They will not", 0.90 "most of the new riders" without a horizon -> 2 not due

Resolved: the first author's 0.70 true; Lindqvist's 0.85 false; Hartley's 0.90 partial,
then corrected to true. Brier: (0.7 - 1)² = 0.09; (0.85 - 0)² = 0.7225 (0.72249999... in
floating point, shown 0.722); partial (0.9 - 0.5)² = 0.16, true (0.9 - 1)² = 0.01. Log
(every p lies inside the store's clip [0.01, 0.99], so none is changed): ln 0.7 =
-0.356675; ln(1 - 0.85) = ln 0.15 = -1.897120; ln 0.9 = -0.105361. Pooled over the three:
Brier 0.8225 / 3 = 0.274167, log -2.359156 / 3 = -0.786385, base rate 2 / 3, base-rate Brier
mean(o²) - (2/3)² = 2/3 - 4/9 = 2/9 = 0.222222. Against the pool: 0.09 - 0.274167 =
-0.184167, 0.7225 - 0.274167 = +0.448333, 0.01 - 0.274167 = -0.264167. Each author's own
base rate is 1, 0 and 1 (one outcome each), so their base-rate Brier is 0. Calibration:
0.70 in bin 0.7-0.8, 0.85 in 0.8-0.9, 0.90 in 0.9-1.0, each n=1 with its outcome observed.
Both variants have the same scores; they differ in ids and counts.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from tests import scenario
from tests.conftest import MILLER

BRIERS = (0.09, 0.85**2, 0.01)
LOGS = (math.log(0.7), math.log(0.15), math.log(0.9))
POOLED_BRIER = sum(BRIERS) / 3
# What differs between the variants: the first article, and so every later id.
VARIANTS: dict[str, dict[str, Any]] = {
    "canonical": {
        "first": "Aaron David Miller",
        "found": (7, 6, 5),
        "resolved_ids": (1, 11, 16),
        "first_resolved_on": "2020-01-08",
        "counts": (7, 6, 0, 1),  # preds, not due, due, resolved
        "due_ids": [1, 11, 14, 16, 18],
        "quoted_ids": [8, 10, 14],
        "probabilities": "0.70 0.90 0.85 0.90 0.45 0.45 0.45",
    },
    "own": {
        "first": "Ruth Okonjo",
        "found": (5, 6, 5),
        "resolved_ids": (4, 9, 14),
        "first_resolved_on": "2026-09-15",
        "counts": (4, 3, 0, 1),
        "due_ids": [4, 9, 12, 14, 16],
        "quoted_ids": [1, 6, 8, 12],
        "probabilities": "0.90 0.90 0.85 0.70 0.45",
    },
}
# Marta Lindqvist's six, then Owen Hartley's five, after the first article's.
LATER_PROBABILITIES = "0.90 0.90 0.90 0.85 0.90 0.45 0.90 0.90 0.90 0.90 0.70"


def approx(value: float) -> object:
    return pytest.approx(value, abs=1e-6)


@pytest.fixture(params=["canonical", "own"])
def variant(request: pytest.FixtureRequest) -> str:
    """canonical: the shared example first (skipped without ../shared); own: ours only."""
    if request.param == "canonical" and not MILLER.exists():
        pytest.skip(f"{MILLER} is absent: the scenario runs on the project's own articles")
    return str(request.param)


@pytest.fixture
def outputs(db_url: str, tmp_path: Path, variant: str) -> list[str]:
    return scenario.run(db_url, tmp_path, canonical=variant == "canonical")


def test_scenario_adds_and_lists_the_stage_predictions(outputs: list[str], variant: str) -> None:
    expected = VARIANTS[variant]
    adds, listing = outputs[:3], outputs[3]
    assert [line.split()[0] for line in adds] == ["new", "new", "new"]
    assert [int(re.findall(r"\((\d+) predictions\)", line)[0]) for line in adds] == list(
        expected["found"]
    )
    rows = listing.splitlines()[1:]
    total = sum(expected["found"])
    assert [int(row.split()[0]) for row in rows] == list(range(1, total + 1))
    probabilities = f"{expected['probabilities']} {LATER_PROBABILITIES}".split()
    assert [row.split()[2] for row in rows] == probabilities
    due = [int(row.split()[0]) for row in rows if row.split()[3] == "due"]
    assert due == expected["due_ids"]
    quoted = [int(row.split()[0]) for row in rows if "  quoting " in row]
    assert quoted == expected["quoted_ids"]
    assert re.search(r"Marta Lindqvist +quoting Mayor Helen Okafor: the levy would raise", listing)


def test_scenario_resolutions_and_scores(outputs: list[str], variant: str) -> None:
    expected = VARIANTS[variant]
    first = expected["first"]
    first_id, marta_id, owen_id = expected["resolved_ids"]
    resolved = outputs[4:8]
    assert resolved[0].splitlines() == [
        f"resolved prediction {first_id}: true ({expected['first_resolved_on']})",
        f"  {first}: Brier 0.090, 1 scored of {expected['counts'][0]}",
    ]
    assert resolved[1].splitlines() == [
        f"resolved prediction {marta_id}: false (2025-10-01)",
        "  Marta Lindqvist: Brier 0.722, 1 scored of 4",
    ]
    assert resolved[2].splitlines() == [
        f"resolved prediction {owen_id}: partial (2025-09-15)",
        "  Owen Hartley: Brier 0.160, 1 scored of 4",  # (0.9 - 0.5)²
    ]
    assert resolved[3].splitlines()[1] == "  Owen Hartley: Brier 0.010, 1 scored of 4"

    table = outputs[8]
    split = [re.split(r"\s{2,}", line.strip()) for line in table.splitlines()[3:7]]
    cells = {row[0]: row[1:] for row in split}
    counts = " ".join(str(n) for n in expected["counts"])
    # preds, not due, due, resolved, scored, brier, log, base rate, base brier, vs pool
    assert cells == {
        first: f"{counts} 1 0.090 -0.357 1.000 0.000 -0.184".split(),
        "Marta Lindqvist": "4 3 0 1 1 0.722 -1.897 0.000 0.000 +0.448".split(),
        "Owen Hartley": "4 2 1 1 1 0.010 -0.105 1.000 0.000 -0.264".split(),
        "(pooled)": "3 0.274 -0.786 0.667 0.222".split(),
    }
    assert f"Calibration, {first}:\n    0.7-0.8  n=1   forecast 0.700  observed 1.000\n" in table
    assert "Lindqvist:\n    0.8-0.9  n=1   forecast 0.850  observed 0.000\n" in table
    assert "Hartley:\n    0.9-1.0  n=1   forecast 0.900  observed 1.000\n" in table


def test_readding_the_first_article_keeps_its_resolution(outputs: list[str], variant: str) -> None:
    article = outputs[0].split()[1]
    found = VARIANTS[variant]["found"][0]
    same_text, syndicated = outputs[9], outputs[10]
    assert same_text.split()[:2] == ["reanalysed", article]
    assert f"({found} predictions, resolutions kept: 1)" in same_text
    assert syndicated.split()[:2] == ["copy", article]  # same body, one more furniture line
    assert syndicated.split()[2].endswith("-copy.txt")
    assert f"({found} predictions, resolutions kept: 1)" in syndicated


def test_scenario_scores_after_readding(outputs: list[str], variant: str) -> None:
    report = json.loads(outputs[11])
    cards = {card["author_id"]: card for card in report["authors"]}
    first, marta, owen = cards[1], cards[2], cards[3]
    assert first["name"] == VARIANTS[variant]["first"]
    counts = [(c["predictions"], c["not_due"], c["due"], c["resolved"]) for c in cards.values()]
    assert counts == [VARIANTS[variant]["counts"], (4, 3, 0, 1), (4, 2, 1, 1)]
    assert [c["score"]["brier"] for c in (first, marta, owen)] == [approx(b) for b in BRIERS]
    assert [c["score"]["log_score"] for c in (first, marta, owen)] == [approx(x) for x in LOGS]
    assert [c["score"]["base_rate"] for c in (first, marta, owen)] == [1.0, 0.0, 1.0]
    assert [c["score"]["base_rate_brier"] for c in (first, marta, owen)] == [0.0, 0.0, 0.0]
    bins = [(0.7, 0.8, 0.7, 1.0), (0.8, 0.9, 0.85, 0.0), (0.9, 1.0, 0.9, 1.0)]
    for card, (lower, upper, mean, observed) in zip((first, marta, owen), bins, strict=True):
        assert card["score"]["calibration"] == [
            {
                "lower": lower,
                "upper": upper,
                "count": 1,
                "mean_probability": approx(mean),
                "observed": observed,
            }
        ]
    pooled = report["pooled"]
    assert pooled["scored"] == 3
    assert pooled["brier"] == approx(0.8225 / 3) == approx(0.274167)
    assert pooled["log_score"] == approx(sum(LOGS) / 3) == approx(-0.786385)
    assert pooled["base_rate"] == approx(2 / 3)
    assert pooled["base_rate_brier"] == approx(2 / 9)
    assert [(b["lower"], b["count"]) for b in pooled["calibration"]] == [
        (0.7, 1),
        (0.8, 1),
        (0.9, 1),
    ]
    assert [c["brier_vs_pooled"] for c in (first, marta, owen)] == [
        approx(-0.184167),
        approx(0.448333),
        approx(-0.264167),
    ]
    assert first["log_vs_pooled"] == approx(math.log(0.7) - sum(LOGS) / 3)


def test_scenario_audit_shows_each_change(outputs: list[str], variant: str) -> None:
    first_id, marta_id, owen_id = VARIANTS[variant]["resolved_ids"]
    rows = [line.split() for line in outputs[12].splitlines()[1:]]
    # change, prediction, date, time, by, old, new, resolved on
    assert [(r[0], int(r[1]), r[5], r[6], r[7]) for r in rows] == [
        ("1", first_id, "-", "true", VARIANTS[variant]["first_resolved_on"]),
        ("2", marta_id, "-", "false", "2025-10-01"),
        ("3", owen_id, "-", "partial", "2025-09-15"),
        ("4", owen_id, "partial", "true", "2025-10-20"),
    ]
    assert [r[4] for r in rows[:3]] == ["editor"] * 3
    assert rows[3][4] not in ("", "editor")  # the OS user, since no --by was given


def test_readme_shows_the_scenario_as_it_runs(tmp_path: Path) -> None:
    if not MILLER.exists():
        pytest.skip(f"{MILLER} is absent: the README shows the canonical variant")
    shown: list[str] = []
    scenario.run(str(tmp_path / "ledger.db"), tmp_path, canonical=True, echo=shown.append)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The ledger", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    blocks = ["$ " + block for block in section.split("\n$ ") if block]
    blocks[0] = blocks[0][2:]
    # In order, without the JSON scores (the README shows the table); the first article's
    # add command appears twice, so the blocks are matched by place, not by command.
    expected = [text.rstrip("\n") for text in shown if "--format json" not in text.split("\n")[0]]
    # 3 adds, a listing, 4 resolutions, scores, the same text again, a copy, audit
    assert len(blocks) == len(expected) == 12
    for block, want in zip(blocks, expected, strict=True):
        if block.startswith("$ oplens audit\n"):  # times and the OS user differ between runs
            assert [line.split()[:2] for line in block.splitlines()] == [
                line.split()[:2] for line in want.splitlines()
            ]
            continue
        assert block.rstrip("\n") == want

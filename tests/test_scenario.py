"""The README's ledger scenario, on SQLite and PostgreSQL, with every number checked by hand.

Stand-in predictions (see ``tests/scenario.py``), as of 2026-12-01:

    author A (first article)  p=0.7 true      p=0.8 due       p=0.4 due
    Marta Lindqvist           p=0.8 false     p=0.4 not due (2026-12-31)
    Owen Hartley              p=0.9 partial, corrected to true    p=0.7 due

Brier: A (0.7 - 1)² = 0.09; Lindqvist (0.8 - 0)² = 0.64; Hartley (0.9 - 1)² = 0.01.
Log: ln 0.7 = -0.356675; ln 0.2 = -1.609438; ln 0.9 = -0.105361.
Pooled over the three: Brier 0.74 / 3 = 0.246667, log -2.071474 / 3 = -0.690491, base rate
2 / 3, base-rate Brier mean(o²) - (2/3)² = 2/3 - 4/9 = 2/9 = 0.222222. Each author's own
base rate is 1, 0 and 1 (one outcome each), so their base-rate Brier is 0.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from tests import scenario
from tests.conftest import MILLER


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


def test_scenario_steps_and_numbers(outputs: list[str], variant: str) -> None:
    first = "Aaron David Miller" if variant == "canonical" else "Ruth Okonjo"
    adds, listing = outputs[:3], outputs[3]
    assert [line.split()[0] for line in adds] == ["new", "new", "new"]
    assert "(3 predictions)" in adds[0] and "(2 predictions)" in adds[1]

    rows = listing.splitlines()[1:]
    assert [row.split()[0] for row in rows] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [row.split()[3] for row in rows] == ["due"] * 4 + ["open"] + ["due"] * 2
    probabilities = "0.70 0.80 0.40 0.80 0.40 0.90 0.70".split()
    assert [row.split()[2] for row in rows] == probabilities

    resolved = outputs[4:8]
    assert resolved[0].splitlines() == [
        f"resolved prediction 1: true ({'2020-01-08' if variant == 'canonical' else '2026-09-15'})",
        f"  {first}: Brier 0.090, 1 scored of 3",
    ]
    assert resolved[2].splitlines()[1] == "  Owen Hartley: Brier 0.160, 1 scored of 2"  # 0.4²
    assert resolved[3].splitlines()[1] == "  Owen Hartley: Brier 0.010, 1 scored of 2"

    table = outputs[8]
    split = [re.split(r"\s{2,}", line.strip()) for line in table.splitlines()[3:7]]
    cells = {row[0]: row[1:] for row in split}
    # preds, not due, due, resolved, scored, brier, log, base rate, base brier, vs pool
    assert cells == {
        first: "3 0 2 1 1 0.090 -0.357 1.000 0.000 -0.157".split(),
        "Marta Lindqvist": "2 1 0 1 1 0.640 -1.609 0.000 0.000 +0.393".split(),
        "Owen Hartley": "2 0 1 1 1 0.010 -0.105 1.000 0.000 -0.237".split(),
        "(pooled)": "3 0.247 -0.690 0.667 0.222".split(),
    }
    assert "    0.7-0.8  n=1   forecast 0.700  observed 1.000" in table
    assert "    0.8-0.9  n=1   forecast 0.800  observed 0.000" in table
    assert "    0.9-1.0  n=1   forecast 0.900  observed 1.000" in table

    readd = outputs[9]
    assert readd.startswith("reanalysed ")
    assert "(3 predictions, resolutions kept: 1)" in readd


def test_scenario_scores_after_readding(outputs: list[str]) -> None:
    report = json.loads(outputs[10])
    cards = {card["author_id"]: card for card in report["authors"]}
    first, marta, owen = cards[1], cards[2], cards[3]
    assert (first["predictions"], first["not_due"], first["due"], first["resolved"]) == (3, 0, 2, 1)
    assert (marta["predictions"], marta["not_due"], marta["due"], marta["resolved"]) == (2, 1, 0, 1)
    assert (owen["predictions"], owen["not_due"], owen["due"], owen["resolved"]) == (2, 0, 1, 1)
    assert [c["score"]["brier"] for c in (first, marta, owen)] == [
        approx(0.09),
        approx(0.64),
        approx(0.01),
    ]
    assert [c["score"]["log_score"] for c in (first, marta, owen)] == [
        approx(math.log(0.7)),
        approx(math.log(0.2)),
        approx(math.log(0.9)),
    ]
    assert [c["score"]["base_rate"] for c in (first, marta, owen)] == [1.0, 0.0, 1.0]
    assert first["score"]["calibration"] == [
        {"lower": 0.7, "upper": 0.8, "count": 1, "mean_probability": 0.7, "observed": 1.0}
    ]
    pooled = report["pooled"]
    assert pooled["scored"] == 3
    assert pooled["brier"] == approx(0.74 / 3)
    assert pooled["log_score"] == approx((math.log(0.7) + math.log(0.2) + math.log(0.9)) / 3)
    assert pooled["base_rate"] == approx(2 / 3)
    assert pooled["base_rate_brier"] == approx(2 / 9)
    assert first["brier_vs_pooled"] == approx(0.09 - 0.74 / 3)
    assert marta["brier_vs_pooled"] == approx(0.64 - 0.74 / 3)


def test_scenario_audit_shows_each_change(outputs: list[str]) -> None:
    rows = [line.split() for line in outputs[11].splitlines()[1:]]
    # change, prediction, date, time, by, old, new, resolved on
    assert [(r[0], r[1], r[4], r[5], r[6]) for r in rows] == [
        ("1", "1", "editor", "-", "true"),
        ("2", "4", "editor", "-", "false"),
        ("3", "6", "editor", "-", "partial"),
        ("4", "6", r[4] if (r := rows[3]) else "", "partial", "true"),
    ]
    assert rows[3][4] not in ("", "editor")  # the OS user, since no --by was given
    assert rows[3][7] == "2025-09-01"


def test_readme_shows_the_scenario_as_it_runs(tmp_path: Path) -> None:
    if not MILLER.exists():
        pytest.skip(f"{MILLER} is absent: the README shows the canonical variant")
    shown: list[str] = []
    scenario.run(str(tmp_path / "ledger.db"), tmp_path, canonical=True, echo=shown.append)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The ledger", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    blocks = ["$ " + block for block in section.split("\n$ ") if block]
    blocks[0] = blocks[0][2:]
    by_command = {text.split("\n", 1)[0]: text.rstrip("\n") for text in shown}
    assert len(blocks) == 11  # 3 adds, a listing, 4 resolutions, scores, re-add, audit
    for block in blocks:
        command, _, output = block.partition("\n")
        if command == "$ oplens audit":  # times and the OS user differ from run to run
            expected = by_command[command].splitlines()
            assert [line.split()[:2] for line in output.splitlines()] == [
                line.split()[:2] for line in expected[1:]
            ]
            continue
        assert f"{command}\n{output}".rstrip("\n") == by_command[command]

"""Quality gate: attribution spans on PolNeAR dev (skipped when ../shared/data is absent).

Floors sit a little under the F1 scores measured when they were set (2026-12-01: exact
source 0.732, cue 0.706, content 0.583; overlap source 0.805, cue 0.791, content 0.833;
proportional overlap source 0.794, cue 0.765, content 0.792).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oplens.evaluation import attributions
from oplens.evaluation.table import Table

FLOORS = {
    "source exact": 0.725,
    "cue exact": 0.70,
    "content exact": 0.575,
    "source overlap": 0.80,
    "cue overlap": 0.785,
    "content overlap": 0.825,
    "source proportional": 0.785,
    "cue proportional": 0.755,
    "content proportional": 0.785,
}


@pytest.fixture(scope="module")
def table() -> Table:
    from tests.conftest import DATA

    if not (DATA / "attribution" / "polnear" / "dev").is_dir():
        pytest.skip(f"{DATA / 'attribution' / 'polnear'} is absent: attribution gate skipped")
    assert isinstance(DATA, Path)
    return attributions.evaluate(DATA)


@pytest.mark.quality
@pytest.mark.parametrize("row", sorted(FLOORS))
def test_floor(table: Table, row: str) -> None:
    assert table.cell(row, "f1") >= FLOORS[row]

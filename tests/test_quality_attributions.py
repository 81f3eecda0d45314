"""Quality gate: attribution spans on PolNeAR dev (skipped when ../shared/data is absent).

Floors sit a little under the F1 scores measured when they were set (2026-12-01: exact
source 0.721, cue 0.695, content 0.577; overlap source 0.793, cue 0.774, content 0.819).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oplens.evaluation import attributions
from oplens.evaluation.table import Table

FLOORS = {
    "source exact": 0.71,
    "cue exact": 0.685,
    "content exact": 0.565,
    "source overlap": 0.785,
    "cue overlap": 0.765,
    "content overlap": 0.81,
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

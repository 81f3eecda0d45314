"""Quality gate: body extraction and metadata on ../shared/data (skipped when absent).

Floors sit a little under the scores measured when they were set (2026-11-25:
ScrapingHub F1 0.961, WCXB word F1 0.937, author 0.662, date 0.844), and oplens must stay
at least as good as trafilatura alone on every column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oplens.evaluation import extraction
from oplens.evaluation.table import Table

FLOORS = {"scrapinghub_f1": 0.955, "wcxb_word_f1": 0.930, "wcxb_author": 0.650, "wcxb_date": 0.835}


@pytest.fixture(scope="module")
def table(request: pytest.FixtureRequest) -> Table:
    data = request.getfixturevalue("data")
    assert isinstance(data, Path)
    return extraction.evaluate(data)


@pytest.fixture(scope="module")
def data() -> Path:
    from tests.conftest import DATA

    if not (DATA / "extraction").is_dir():
        pytest.skip(f"{DATA / 'extraction'} is absent: extraction quality gate skipped")
    return DATA


@pytest.mark.quality
@pytest.mark.parametrize("column", sorted(FLOORS))
def test_floor(table: Table, column: str) -> None:
    assert table.cell("oplens", column) >= FLOORS[column]


@pytest.mark.quality
@pytest.mark.parametrize("column", sorted(FLOORS))
def test_oplens_at_least_as_good_as_trafilatura(table: Table, column: str) -> None:
    assert table.cell("oplens", column) >= table.cell("trafilatura", column)

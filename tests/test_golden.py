"""Whole analyses of the example articles equal their pinned golden files."""

from __future__ import annotations

import json

import pytest

from tests.conftest import analysis_of
from tests.golden import CASES, GOLDEN, golden_view


@pytest.mark.parametrize("name", sorted(CASES))
def test_analysis_matches_golden_file(name: str) -> None:
    path, published, keep_text = CASES[name]
    if not path.exists():
        pytest.skip(f"{path} is absent")
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    actual = golden_view(analysis_of(path, published), keep_text)
    assert actual == expected, f"regenerate with `python -m tests.golden` if intended ({name})"

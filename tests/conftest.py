"""Shared fixtures: example texts, the shared data folder, and cached analyses."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from oplens import Analysis, analyze
from oplens.store.engine import scratch_schema

# Timing belongs in benchmarks: a busy CI machine must not fail a property test.
settings.register_profile("oplens", deadline=None, max_examples=60)
settings.load_profile("oplens")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbour-levy.txt"
EXAMPLE_PUBLISHED = "2025-03-14"
SHARED = ROOT.parent / "shared"
MILLER = SHARED / "examples" / "miller-soleimani.txt"
MILLER_PUBLISHED = "2020-01-03"
DATA = SHARED / "data"


@functools.cache
def analysis_of(path: Path, published: str) -> Analysis:
    """Analyse a file once per test session."""
    return analyze(path.read_text(encoding="utf-8"), published=published, source=path.name)


@pytest.fixture
def example() -> Analysis:
    """The project's own example op-ed, analysed."""
    return analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)


@pytest.fixture
def miller() -> Analysis:
    """The canonical example (Miller, CNN, 2020-01-03); skipped when ../shared is absent."""
    if not MILLER.exists():
        pytest.skip(f"{MILLER} is absent (a user's clone): canonical example not checked")
    return analysis_of(MILLER, MILLER_PUBLISHED)


@pytest.fixture
def data() -> Path:
    """The public evaluation data; skipped when ../shared/data is absent."""
    if not DATA.is_dir():
        pytest.skip(f"{DATA} is absent: quality gates need ../shared/data")
    return DATA


@pytest.fixture
def miller_text() -> str:
    """The canonical example's raw text; skipped when ../shared is absent."""
    if not MILLER.exists():
        pytest.skip(f"{MILLER} is absent (a user's clone): canonical example not checked")
    return MILLER.read_text(encoding="utf-8")


POSTGRES_ENV = "OPLENS_TEST_POSTGRES_URL"


def _postgres_schema_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh schema on the test server for one test, dropped afterwards."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(
            f"{POSTGRES_ENV} is not set: PostgreSQL store tests skipped "
            '(eval "$(scripts/dev-postgres.sh start)" starts a server and sets it)'
        )
    with scratch_schema(base, "test") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty ledger database: an SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
    else:
        yield from _postgres_schema_url(request)


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A new, empty ledger in a schema of the PostgreSQL test server; skipped without one."""
    yield from _postgres_schema_url(request)

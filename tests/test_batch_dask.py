"""The Dask engine on a real LocalCluster (2 worker processes on 127.0.0.1) into PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from oplens.batch import BatchOptions, run_batch
from oplens.errors import OplensError
from tests.batch_corpus import build_mixed, check_mixed_run
from tests.conftest import POSTGRES_ENV


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A LocalCluster shared by this module's tests (it takes seconds to start)."""
    if not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"{POSTGRES_ENV} is not set: the Dask engine needs PostgreSQL")
    from distributed import LocalCluster

    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",
    ) as cluster:
        yield cluster.scheduler_address


def test_mixed_archive_into_postgresql(scheduler: str, postgres_url: str, tmp_path: Path) -> None:
    inputs, expected = build_mixed(tmp_path)
    failures = tmp_path / "failures.jsonl"
    options = BatchOptions(db=postgres_url)
    progress = run_batch(
        inputs, options, scheduler=scheduler, failures=failures, partition_bytes=3000
    )
    assert (progress.analysed, progress.imported, progress.skipped, progress.failed) == (
        expected.analysed,
        expected.imported,
        0,
        len(expected.failures),
    )
    assert len(progress.workers) == 2  # both cluster workers took partitions
    check_mixed_run(postgres_url, expected, failures)

    again = run_batch(inputs, options, scheduler=scheduler, failures=failures)
    assert (again.analysed, again.skipped, again.failed) == (
        0,
        expected.analysed + expected.imported,
        len(expected.failures),
    )
    check_mixed_run(postgres_url, expected, failures)


def test_an_unusable_database_stops_the_run_before_it_starts(
    postgres_url: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("Jane Doe said the plan will fail. She is wrong.")
    url = os.environ[POSTGRES_ENV].rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(OplensError, match=r'database "no_such_database" does not exist'):
        run_batch([str(tmp_path)], BatchOptions(db=url), scheduler="tcp://127.0.0.1:9")


def test_sqlite_is_refused_with_a_cluster(tmp_path: Path) -> None:
    with pytest.raises(OplensError, match=r"^a Dask cluster needs a database every machine"):
        run_batch([str(tmp_path)], BatchOptions(db=str(tmp_path / "x.db")), scheduler="tcp://x:1")


def test_an_unreachable_scheduler_is_one_line(postgres_url: str, tmp_path: Path) -> None:
    from oplens.batch.dask import connect

    with pytest.raises(OplensError, match=r"^cannot reach the Dask scheduler at tcp://127\."):
        connect("tcp://127.0.0.1:9", timeout=2)

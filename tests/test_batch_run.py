"""Running a batch: the failures file, progress counts, checks before any work starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oplens.batch import BatchOptions, Failure, FailureLog, PartitionResult, Progress, run_batch
from oplens.batch.run import check_engine
from oplens.errors import OplensError


def test_failure_log_writes_json_lines_or_tsv(tmp_path: Path) -> None:
    failures = [
        Failure("a.jsonl", "line 3", "malformed JSON: Expecting value"),
        Failure("b\tc.txt", None, "two\nlines"),
    ]
    with FailureLog(tmp_path / "f.jsonl", create=False) as log:
        assert not log.written
        log.write(failures)
    rows = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text().splitlines()]
    assert rows == [
        {"input": "a.jsonl", "record": "line 3", "reason": "malformed JSON: Expecting value"},
        {"input": "b\tc.txt", "record": None, "reason": "two\nlines"},
    ]
    with FailureLog(tmp_path / "f.tsv", create=True) as log:
        log.write(failures)
    assert (tmp_path / "f.tsv").read_text() == (
        "input\trecord\treason\n"
        "a.jsonl\tline 3\tmalformed JSON: Expecting value\n"
        "b c.txt\t\ttwo lines\n"
    )
    with FailureLog(tmp_path / "empty.tsv", create=True):
        pass
    assert (tmp_path / "empty.tsv").read_text() == "input\trecord\treason\n"


def test_progress_adds_partitions_and_keeps_each_workers_peak() -> None:
    progress = Progress(total_bytes=300)
    for worker, rss in (("h:1", 300.0), ("h:2", 280.0), ("h:1", 250.0)):
        result = PartitionResult(
            size=100,
            analysed=2,
            imported=1,
            skipped=3,
            failures=(Failure("x", None, "y"),),
            worker=worker,
            peak_rss_mb=rss,
            cpu_s=0.5,
        )
        progress = progress.add(result, elapsed=1.5)
    assert progress == Progress(
        total_bytes=300,
        done_bytes=300,
        analysed=6,
        imported=3,
        skipped=9,
        failed=3,
        partitions=3,
        elapsed=1.5,
        workers={"h:1": 300.0, "h:2": 280.0},
        cpu_s=1.5,
    )


def test_check_engine_refuses_sqlite_with_a_scheduler() -> None:
    check_engine("postgresql://u@h/db", "tcp://h:8786")
    check_engine("ledger.db", None)
    for db in ("ledger.db", "sqlite:///ledger.db"):
        with pytest.raises(OplensError, match=r"SQLite works only with local workers$"):
            check_engine(db, "tcp://h:8786")


def test_default_failures_file_is_made_only_when_something_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Jane Doe said the plan will fail. She is wrong.")
    options = BatchOptions(db=str(tmp_path / "ledger.db"))
    done = run_batch([str(tmp_path / "in")], options)
    assert (done.analysed, done.failures_file) == (1, None)
    assert not (tmp_path / "oplens-failures.jsonl").exists()
    (tmp_path / "in" / "b.txt").write_text("")
    done = run_batch([str(tmp_path / "in")], options)
    assert (done.analysed, done.skipped, done.failed) == (0, 1, 1)
    assert done.failures_file == "oplens-failures.jsonl"
    row = json.loads((tmp_path / "oplens-failures.jsonl").read_text())
    assert row == {
        "input": str(tmp_path / "in" / "b.txt"),
        "record": None,
        "reason": "input is empty",
    }

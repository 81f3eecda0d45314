"""The local engine: a mixed archive into SQLite, and a run killed midway then restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from oplens.batch import BatchOptions, run_batch
from oplens.schema import document_id
from tests.batch_corpus import article, build_mixed, check_mixed_run, stored_ids


def test_mixed_archive_into_sqlite(tmp_path: Path) -> None:
    inputs, expected = build_mixed(tmp_path)
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    failures = tmp_path / "failures.jsonl"
    # 3,000 bytes: the JSONL file and the WARC.gz file are each cut into several ranges.
    progress = run_batch(
        inputs, BatchOptions(db=db), workers=2, failures=failures, partition_bytes=3000
    )
    assert (progress.analysed, progress.imported, progress.skipped, progress.failed) == (
        expected.analysed,
        expected.imported,
        0,
        len(expected.failures),
    )
    assert progress.ignored_files == expected.ignored
    assert progress.done_bytes == progress.total_bytes
    assert len(progress.workers) == 2
    check_mixed_run(db, expected, failures)

    again = run_batch(inputs, BatchOptions(db=db), workers=2, failures=failures)
    assert (again.analysed, again.imported, again.skipped, again.failed) == (
        0,
        0,
        expected.analysed + expected.imported,
        len(expected.failures),
    )
    check_mixed_run(db, expected, failures)


def oplens_batch(*args: str) -> subprocess.Popen[str]:
    """Start ``oplens batch ARGS`` as a real child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "oplens.cli", "batch", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OPLENS_BATCH_SIZE": "2"},
    )


def count_or_zero(db: str) -> int:
    try:
        return len(stored_ids(db))
    except Exception:  # not created yet
        return 0


def test_killed_run_restarted_stores_every_article_exactly_once(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    total = 40
    for number in range(total):
        (folder / f"{number:02d}.txt").write_text(article(100 + number), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    args = (str(folder), "--db", db, "--workers", "2", "--partition-bytes", "3000")
    child = oplens_batch(*args)
    deadline = time.monotonic() + 120
    while count_or_zero(db) < 6 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    helpers = psutil.Process(child.pid).children(recursive=True)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL
    _, alive = psutil.wait_procs(helpers, timeout=15)
    assert alive == []  # the workers noticed and exited
    stored = count_or_zero(db)
    assert 6 <= stored < total

    again = oplens_batch(*args)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    analysed = total - stored
    assert out.splitlines()[0] == (
        f"{analysed} analysed, {stored} skipped (already stored), 0 failed"
    )
    ids = stored_ids(db)
    assert ids == sorted(document_id(article(100 + n)) for n in range(total))

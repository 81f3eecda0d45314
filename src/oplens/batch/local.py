"""The local engine: a pool of worker processes on this machine, each loading spaCy once.

The parent only plans partitions (names and byte ranges) and collects their results; each
worker reads its own partitions and writes its own batches to the database (SQLite queues
the writers: WAL mode, ``BEGIN IMMEDIATE``, a 30 s busy timeout). At most two partitions
per worker are in flight, so the parent's memory does not grow with the input. A worker
whose batch process is gone (killed) exits at once.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from oplens.batch.inputs import Partition
from oplens.batch.records import PartitionResult
from oplens.batch.work import BatchOptions, BatchWorker
from oplens.errors import OplensError

# Partitions queued per worker: one running and one ready, so no worker waits for the
# parent and the parent holds only a handful of small partition records.
IN_FLIGHT_PER_WORKER = 2

_worker: BatchWorker | None = None
_startup_error: OplensError | None = None


def _initialise(options: BatchOptions) -> None:
    global _worker, _startup_error
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    try:
        _worker = BatchWorker(options)
    except OplensError as error:  # raised again by the first task, as one clear line
        _startup_error = error


def _exit_with_parent() -> None:
    # The batch process holds the write end of a pipe whose read end is this sentinel: it
    # reads as ready when that process is gone, however it died (SIGKILL included). The
    # worker's own parent is the forkserver, which outlives it, so os.getppid() cannot tell.
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(1)  # an open transaction is rolled back by the database


def _run(partition: Partition) -> PartitionResult:
    if _worker is None:
        raise _startup_error or OplensError("the worker did not start")
    return _worker.run(partition)


def run_local(
    partitions: Iterable[Partition],
    options: BatchOptions,
    *,
    workers: int,
    on_result: Callable[[PartitionResult], None],
) -> None:
    """Run every partition on a pool of ``workers`` processes, calling ``on_result`` for
    each partition done (in the order they finish).

    Raises:
        OplensError: a worker could not start (no model, unusable database), the database
            failed, or a worker process died; what was stored stays stored.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["oplens.batch.work"])
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_initialise, initargs=(options,)
    )
    pending: set[Future[PartitionResult]] = set()

    def collect(until: int) -> None:
        nonlocal pending
        while len(pending) > until:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                on_result(future.result())

    try:
        for partition in partitions:
            collect(IN_FLIGHT_PER_WORKER * workers - 1)
            pending.add(pool.submit(_run, partition))
        collect(0)
    except BrokenProcessPool:
        raise OplensError(
            "a worker process died (killed, or out of memory); run the batch again to resume"
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

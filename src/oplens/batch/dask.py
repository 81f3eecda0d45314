"""The Dask engine: partitions run on a ``distributed`` cluster, each worker writing its own.

The client sends partitions (file names and byte ranges), never article text; a worker
plugin loads spaCy and opens the database once per worker process; each task reads its
partition, analyses it and writes its batches straight to the database (PostgreSQL, shared
by every machine), and returns only counts and failures. Every worker must see the inputs
at the same paths as the client (a shared file system or volume).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from distributed import Client, Future, KilledWorker, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from oplens.batch.inputs import Partition
from oplens.batch.records import Failure, PartitionResult
from oplens.batch.work import BatchOptions, BatchWorker
from oplens.errors import OplensError

PLUGIN_NAME = "oplens-batch"
# Partitions in flight per worker thread: one running, one waiting on the worker, so the
# cluster never idles on the client and the scheduler holds few tasks at once.
IN_FLIGHT_PER_THREAD = 2
# Seconds to wait for the scheduler, and for a first worker to join it.
CONNECT_TIMEOUT_S = 30


class OplensPlugin(WorkerPlugin):
    """Load spaCy and open the database once when a worker starts (or joins later)."""

    def __init__(self, options: BatchOptions) -> None:
        """Keep the options every task on the worker uses."""
        self.options = options
        self.worker: BatchWorker | None = None
        self.error: OplensError | None = None

    def setup(self, worker: Any) -> None:
        """Load the model and open the store; a failure is raised by each task instead."""
        try:
            self.worker = BatchWorker(self.options)
        except OplensError as error:
            self.error = error

    def teardown(self, worker: Any) -> None:
        """Close the database connections."""
        if self.worker is not None:
            self.worker.close()


def run_partition_task(partition: Partition) -> PartitionResult:
    """The task: run one partition with the worker's loaded model and open store."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, OplensPlugin)
    if plugin.worker is None:
        raise plugin.error or OplensError("the oplens worker plugin did not start")
    return plugin.worker.run(partition)


def connect(address: str, *, timeout: float = CONNECT_TIMEOUT_S) -> Client:
    """Connect to a Dask scheduler and wait for a first worker.

    Raises:
        OplensError: the scheduler cannot be reached, or no worker joins it in time.
    """
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise OplensError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()
        raise OplensError(
            f"no Dask worker joined the scheduler at {address} within {timeout:g} s"
        ) from None
    return client


def run_dask(
    partitions: Iterable[Partition],
    options: BatchOptions,
    *,
    scheduler: str,
    on_result: Callable[[PartitionResult], None],
) -> None:
    """Run every partition on the cluster at ``scheduler``, calling ``on_result`` for each.

    A partition that kills its worker repeatedly (Dask gives up after three tries) is
    reported as a failure and the rest go on.

    Raises:
        OplensError: the cluster cannot be reached, a worker cannot start (no model,
            unusable database), or the database failed.
    """
    client = connect(scheduler)
    try:
        client.register_plugin(OplensPlugin(options), name=PLUGIN_NAME)
        window = IN_FLIGHT_PER_THREAD * max(sum(client.nthreads().values()), 1)
        running = as_completed(loop=client.loop)
        given: dict[object, Partition] = {}

        def finish(future: Future[PartitionResult]) -> None:
            partition = given.pop(future.key)
            try:
                on_result(future.result())
            except KilledWorker:
                reason = "it killed the Dask worker running it, three times"
                where = None if partition.kind == "files" else f"bytes from {partition.start}"
                failures = tuple(Failure(path, where, reason) for path in partition.paths)
                on_result(PartitionResult(size=partition.size, failures=failures))
            future.release()

        for partition in partitions:
            while running.count() >= window:
                finish(next(running))
            future = client.submit(run_partition_task, partition, pure=False)
            given[future.key] = partition
            running.add(future)
        for future in running:
            finish(future)
    finally:
        client.close()

"""Batch: analyse archives (folders, JSONL, WARC) into the ledger on local workers or Dask.

>>> from oplens.batch import BatchOptions, run_batch
>>> progress = run_batch(["archive/"], BatchOptions(db="ledger.db"), workers=2)  # doctest: +SKIP
>>> progress.analysed, progress.skipped, progress.failed                         # doctest: +SKIP
"""

from oplens.batch.inputs import PARTITION_BYTES, InputFile, Partition, input_files, partitions
from oplens.batch.readers import read_partition
from oplens.batch.records import Failure, Item, PartitionResult
from oplens.batch.run import DEFAULT_FAILURES, FailureLog, Progress, run_batch
from oplens.batch.work import BatchOptions, BatchWorker, run_partition

__all__ = [
    "DEFAULT_FAILURES",
    "PARTITION_BYTES",
    "BatchOptions",
    "BatchWorker",
    "Failure",
    "FailureLog",
    "InputFile",
    "Item",
    "Partition",
    "PartitionResult",
    "Progress",
    "input_files",
    "partitions",
    "read_partition",
    "run_batch",
    "run_partition",
]

"""Run one partition: read it, prepare each article, skip what is stored, parse, store.

This is the whole task of a worker, the same under both engines. A worker loads spaCy and
opens the database once (``BatchWorker``), then runs partitions one after another. Each
batch of 32 articles is checked against the store by document id (computed by
``prepare``, before the parse), parsed in ``nlp.pipe`` batches of ``settings.batch_size``
and stored in one transaction (``ledger.store_records``), so a killed worker loses at most
the batch it was working on and a re-run skips everything stored before.
"""

from __future__ import annotations

import os
import resource
import socket
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from oplens.batch.inputs import Partition
from oplens.batch.readers import read_partition
from oplens.batch.records import Failure, Item, PartitionResult
from oplens.errors import ModelError, OplensError
from oplens.ledger import store_records
from oplens.nlp import load_nlp
from oplens.schema import Analysis, Author
from oplens.settings import SETTINGS_HELP, Settings, load_settings
from oplens.store import Store

# Documents per nlp.pipe batch in a batch worker, unless OPLENS_BATCH_SIZE says otherwise.
# On 96 editorials (about 1,000 words each) the parse took the same CPU time at batches of
# 4, 8, 16 and 32 (16.4-17.7 s), while peak memory rose with the batch: 279, 336, 479 and
# 757 MB. 8 keeps a worker near 350 MB, well under the 600 MB aim.
PARSE_BATCH = 8
# Articles per write transaction (and per has_documents query): one round trip per 32.
WRITE_BATCH = 32


def batch_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings for batch workers: as ``load_settings``, with a parse batch of 8 by default.

    Raises:
        InputError: an environment variable holds a value of the wrong type.
    """
    env = os.environ if environ is None else environ
    if SETTINGS_HELP["batch_size"][0] not in env and overrides.get("batch_size") is None:
        overrides["batch_size"] = PARSE_BATCH
    return load_settings(env, **overrides)


@dataclass(frozen=True)
class BatchOptions:
    """What every worker needs: the database URL, whether to skip stored articles, and
    the settings (``max_bytes``, ``batch_size``: the parse batch)."""

    db: str
    resume: bool = True
    settings: Settings = field(default_factory=batch_settings)


def with_given_metadata(record: Analysis, item: Item) -> Analysis:
    """Apply what the input says about an article to its prepared record.

    A given title replaces the page's; given author names replace the page's authors,
    keeping the role and affiliation of a page author of the same name; a fallback date
    (a WARC capture date) fills in a publication date the page does not state.
    """
    metadata = record.metadata
    if item.title:
        metadata = metadata.model_copy(update={"title": item.title})
    if item.authors:
        found = {author.name.casefold(): author for author in metadata.authors}
        authors = tuple(found.get(name.casefold(), Author(name=name)) for name in item.authors)
        metadata = metadata.model_copy(update={"authors": authors})
    document = record.document
    if document.published is None and item.fallback_published is not None:
        document = document.model_copy(update={"published": item.fallback_published})
    return record.model_copy(update={"metadata": metadata, "document": document})


def prepare_item(item: Item, settings: Settings) -> tuple[Analysis, bool]:
    """Return the item's record and whether it still needs the parse stages.

    Raises:
        OplensError: the article cannot be analysed (empty, binary, no article, bad date).
    """
    if item.analysis is not None:
        return item.analysis, False
    if item.text is None:
        raise OplensError("no text to analyse")
    from oplens.pipeline import prepare  # imported here: the stages load spaCy (0.5 s)

    record = prepare(item.text, published=item.published, source=item.source, settings=settings)
    return with_given_metadata(record, item), True


def peak_rss_mb() -> float:
    """Return this process's resident memory high-water mark, in MB (Linux: KB units)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_partition(partition: Partition, store: Store, options: BatchOptions) -> PartitionResult:
    """Read, analyse and store one partition; return its counts and failures.

    Raises:
        StoreError: the database failed (what was stored before stays stored).
        ModelError: the spaCy model is missing.
    """
    settings = options.settings
    started = time.process_time()
    failures: list[Failure] = []
    result = PartitionResult(size=partition.size)
    chunk: list[tuple[Item, Analysis, bool]] = []
    for entry in read_partition(partition, max_bytes=settings.max_bytes):
        if isinstance(entry, Failure):
            failures.append(entry)
            continue
        try:
            chunk.append((entry, *prepare_item(entry, settings)))
        except ModelError:
            raise
        except Exception as error:  # one odd page must not stop the partition
            failures.append(Failure(entry.input, entry.locate(), _reason(error)))
        if len(chunk) >= WRITE_BATCH:
            result = _store_chunk(store, chunk, options, result, failures)
            chunk = []
    result = _store_chunk(store, chunk, options, result, failures)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    return replace(
        result,
        failures=tuple(failures),
        worker=worker,
        peak_rss_mb=peak_rss_mb(),
        cpu_s=time.process_time() - started,
    )


def _reason(error: Exception) -> str:
    if isinstance(error, OplensError):
        return str(error)
    lines = str(error).strip().splitlines()
    return f"cannot prepare the article: {type(error).__name__}: {lines[0] if lines else ''}"


def _store_chunk(
    store: Store,
    chunk: Sequence[tuple[Item, Analysis, bool]],
    options: BatchOptions,
    result: PartitionResult,
    failures: list[Failure],
) -> PartitionResult:
    if not chunk:
        return result
    outcomes = store_records(
        store,
        [(record, needs_parse) for _, record, needs_parse in chunk],
        batch_size=options.settings.batch_size,
        skip_existing=options.resume,
        one_transaction=True,
    )
    analysed, imported, skipped = result.analysed, result.imported, result.skipped
    for (item, _, needs_parse), outcome in zip(chunk, outcomes, strict=True):
        if outcome.error is not None:
            failures.append(Failure(item.input, item.locate(), outcome.error))
        elif outcome.skipped_id is not None:
            skipped += 1
        elif needs_parse:
            analysed += 1
        else:
            imported += 1
    return replace(result, analysed=analysed, imported=imported, skipped=skipped)


class BatchWorker:
    """One worker process's state: spaCy loaded and the database open, once."""

    def __init__(self, options: BatchOptions) -> None:
        """Load the model and open the store.

        Raises:
            ModelError: the spaCy model is missing.
            StoreError: the database cannot be used.
        """
        self.options = options
        load_nlp()
        self.store = Store.open(options.db)

    def run(self, partition: Partition) -> PartitionResult:
        """Run one partition (see ``run_partition``)."""
        return run_partition(partition, self.store, self.options)

    def close(self) -> None:
        """Close the database connections."""
        self.store.close()

"""The records a batch passes around: an article read, a failure, a partition's result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from oplens.schema import Analysis


@dataclass(frozen=True)
class Failure:
    """A record that could not be stored: the input file, where in it (None: the whole
    file), and why."""

    input: str
    record: str | None
    reason: str


def whole_file() -> str | None:
    """Locate an item that is a whole file: no record within it."""
    return None


@dataclass(frozen=True)
class Item:
    """One article read from an input, with what the input says about it.

    ``text`` is the decoded text or HTML page, unless ``analysis`` is a record to store as
    it is. ``published`` overrides the page's own date; ``fallback_published`` (a WARC
    capture date) is used only when the page states none. ``locate`` says where the item
    is in its input, for a failure report (it may read the file, so only failures call it).
    """

    input: str
    locate: Callable[[], str | None] = whole_file
    text: str | None = None
    analysis: Analysis | None = None
    source: str | None = None
    published: date | str | None = None
    fallback_published: date | None = None
    title: str | None = None
    authors: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class PartitionResult:
    """What one task did: counts, the failures met, its CPU time, the worker's peak memory.

    ``analysed`` counts articles parsed and stored, ``imported`` Analysis records stored as
    they were, ``skipped`` articles already stored (or met twice); ``cpu_s`` is the CPU time
    the worker spent on the partition (which other jobs on the machine do not inflate).
    """

    size: int
    analysed: int = 0
    imported: int = 0
    skipped: int = 0
    failures: tuple[Failure, ...] = ()
    worker: str = ""
    peak_rss_mb: float = 0.0
    cpu_s: float = 0.0


def too_long(max_bytes: int, what: str) -> str:
    """Say that an input is over the size limit, naming the option that raises it."""
    return f"{what} is over the {max_bytes:,}-byte limit (raise it with --max-bytes)"

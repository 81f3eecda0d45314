"""Analyse sources and store them in the ledger: the work behind ``oplens add``.

Each source is read, prepared and (unless it is already an Analysis record in JSON)
analysed, parsing ``settings.batch_size`` sources per spaCy batch; each analysis is then
stored in a transaction of its own, so a crash loses at most the document being written
and a re-run (with ``skip_existing``) carries on where the crash left off.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from oplens.errors import OplensError
from oplens.pipeline import analyze_prepared, prepare
from oplens.schema import Analysis
from oplens.settings import Settings
from oplens.store import AddResult, Store

# Reads a source (path, URL, "-") into its text and the origin to record.
Reader = Callable[[str], tuple[str, str | None]]


@dataclass(frozen=True)
class Added:
    """What happened to one source: stored, skipped (already stored), or an error."""

    source: str
    result: AddResult | None = None
    skipped_id: str | None = None
    error: str | None = None


def analysis_record(text: str) -> Analysis | None:
    """Return the Analysis record a JSON text holds, or None when it is not one.

    Raises:
        OplensError: it looks like an Analysis record (JSON with ``schema_version`` and
            ``document``) but does not validate.
    """
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not {"schema_version", "document"} <= data.keys():
        return None
    try:
        return Analysis.from_json(text)
    except (ValidationError, ValueError) as error:
        first = str(error).splitlines()[0]
        raise OplensError(f"not a valid Analysis record: {first}") from None


def _prepare_one(
    source: str, read: Reader, published: date | str | None, settings: Settings
) -> tuple[Analysis, bool]:
    """Read one source; return its record and whether it still needs the parse stages."""
    text, origin = read(source)
    record = analysis_record(text)
    if record is not None:
        return record, False
    return prepare(text, published=published, source=origin, settings=settings), True


def _chunk(
    store: Store,
    chunk: Sequence[str],
    read: Reader,
    published: date | str | None,
    settings: Settings,
    skip_existing: bool,
) -> Iterator[Added]:
    ready: dict[int, Analysis] = {}
    pending: dict[int, Analysis] = {}
    outcomes: dict[int, Added] = {}
    for index, source in enumerate(chunk):
        try:
            record, needs_parse = _prepare_one(source, read, published, settings)
        except OplensError as error:
            outcomes[index] = Added(source, error=str(error))
            continue
        (pending if needs_parse else ready)[index] = record
    if skip_existing:
        stored = store.has_documents(r.document.id for r in [*ready.values(), *pending.values()])
        for records in (ready, pending):
            for index in [i for i, r in records.items() if r.document.id in stored]:
                outcomes[index] = Added(chunk[index], skipped_id=records.pop(index).document.id)
    parsed = analyze_prepared(pending.values(), batch_size=settings.batch_size)
    ready.update(zip(pending, parsed, strict=True))
    for index in sorted(ready):
        outcomes[index] = Added(chunk[index], result=store.add_analysis(ready[index]))
    for index in range(len(chunk)):
        yield outcomes[index]


def add_sources(
    store: Store,
    sources: Sequence[str],
    read: Reader,
    *,
    settings: Settings,
    published: date | str | None = None,
    skip_existing: bool = False,
) -> Iterator[Added]:
    """Analyse and store each source, yielding what happened to it, in order.

    A source that cannot be read or analysed is reported (``Added.error``) and the rest go
    on. JSON files holding an Analysis record (``oplens analyze -o x.json``) are stored as
    they are.

    Raises:
        StoreError: the database failed; what was stored before stays stored.
    """
    step = max(settings.batch_size, 1)
    for start in range(0, len(sources), step):
        yield from _chunk(
            store, sources[start : start + step], read, published, settings, skip_existing
        )

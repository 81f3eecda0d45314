"""Analyse sources and store them in the ledger: the work behind ``oplens add``.

Each source is read, prepared and (unless it is already an Analysis record in JSON)
analysed, parsing ``settings.batch_size`` sources per spaCy batch; each analysis is then
stored in a transaction of its own, so a crash loses at most the document being written
and a re-run (with ``skip_existing``) carries on where the crash left off.

``store_records`` (skip what is stored, parse the rest in batches, store) is shared with
``oplens batch``, which stores each batch in one transaction instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from oplens.errors import ModelError, OplensError
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
    from oplens.pipeline import prepare  # imported here: the stages load spaCy (0.5 s)

    return prepare(text, published=published, source=origin, settings=settings), True


@dataclass(frozen=True)
class Outcome:
    """What storing one record came to: stored (its result), skipped, or an error."""

    result: AddResult | None = None
    skipped_id: str | None = None
    error: str | None = None


def analyze_isolated(prepared: Sequence[Analysis], *, batch_size: int) -> list[Analysis | str]:
    """Complete prepared records in ``nlp.pipe`` batches; a record that breaks a stage is
    retried alone, and comes back as the one-line reason it failed.

    Raises:
        ModelError: the spaCy model is missing (no record can be analysed then).
    """
    # Imported here so that the ledger's reading commands never load spaCy (0.5 s of start-up).
    from oplens.pipeline import analyze_prepared

    try:
        return list(analyze_prepared(prepared, batch_size=batch_size))
    except ModelError:
        raise
    except Exception:  # a bug one document triggers must not cost the other documents
        pass
    outcomes: list[Analysis | str] = []
    for record in prepared:
        try:
            outcomes.append(next(analyze_prepared([record])))
        except ModelError:
            raise
        except Exception as error:
            outcomes.append(f"analysis failed: {type(error).__name__}: {error}".splitlines()[0])
    return outcomes


def store_records(
    store: Store,
    records: Sequence[tuple[Analysis, bool]],
    *,
    batch_size: int,
    skip_existing: bool,
    one_transaction: bool,
) -> list[Outcome]:
    """Store records (each with whether it still needs the parse stages), in order.

    With ``skip_existing``, a record whose document is stored already, or appears earlier in
    ``records``, is skipped before it is parsed. The rest are completed in ``nlp.pipe``
    batches and stored in one transaction (``one_transaction``) or one each.

    Raises:
        StoreError: the database failed; what was stored before stays stored.
    """
    outcomes: dict[int, Outcome] = {}
    seen = store.has_documents(r.document.id for r, _ in records) if skip_existing else set()
    ready: dict[int, Analysis] = {}
    pending: dict[int, Analysis] = {}
    for index, (record, needs_parse) in enumerate(records):
        if record.document.id in seen:
            outcomes[index] = Outcome(skipped_id=record.document.id)
            continue
        if skip_existing:
            seen.add(record.document.id)
        (pending if needs_parse else ready)[index] = record
    completed = analyze_isolated(list(pending.values()), batch_size=batch_size)
    for index, analysis in zip(pending, completed, strict=True):
        if isinstance(analysis, str):
            outcomes[index] = Outcome(error=analysis)
        else:
            ready[index] = analysis
    order = sorted(ready)
    if one_transaction:
        results = store.add_analyses(ready[index] for index in order)
    else:
        results = [store.add_analysis(ready[index]) for index in order]
    outcomes.update(
        (index, Outcome(result=result)) for index, result in zip(order, results, strict=True)
    )
    return [outcomes[index] for index in range(len(records))]


def _chunk(
    store: Store,
    chunk: Sequence[str],
    read: Reader,
    published: date | str | None,
    settings: Settings,
    skip_existing: bool,
) -> Iterator[Added]:
    records: list[tuple[Analysis, bool]] = []
    errors: dict[int, str] = {}
    for index, source in enumerate(chunk):
        try:
            records.append(_prepare_one(source, read, published, settings))
        except OplensError as error:
            errors[index] = str(error)
    stored = iter(
        store_records(
            store,
            records,
            batch_size=settings.batch_size,
            skip_existing=skip_existing,
            one_transaction=False,
        )
    )
    for index, source in enumerate(chunk):
        if index in errors:
            yield Added(source, error=errors[index])
            continue
        outcome = next(stored)
        yield Added(source, outcome.result, outcome.skipped_id, outcome.error)


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

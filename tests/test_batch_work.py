"""Running one partition in this process: given metadata, counts, resume, duplicates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from oplens.batch.inputs import Partition
from oplens.batch.records import Failure, Item
from oplens.batch.work import (
    BatchOptions,
    batch_settings,
    prepare_item,
    run_partition,
    with_given_metadata,
)
from oplens.pipeline import prepare
from oplens.schema import document_id
from oplens.settings import Settings
from oplens.store import Store
from tests.batch_corpus import analysis_line, article
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of


def test_given_metadata_overrides_title_and_authors_and_fills_a_missing_date() -> None:
    record = prepare(article(1))
    assert record.metadata.authors[0].affiliation == "University of Northmoor"
    given = Item(
        "dump.jsonl",
        title="Given title",
        authors=("marta lindqvist", "Ann Author"),
        fallback_published=date(2024, 5, 1),
    )
    changed = with_given_metadata(record, given)
    assert changed.metadata.title == "Given title"
    assert [(a.name, a.affiliation) for a in changed.metadata.authors] == [
        ("Marta Lindqvist", "University of Northmoor"),  # the page's author, kept whole
        ("Ann Author", None),
    ]
    assert changed.document.published == date(2024, 5, 1)
    dated = prepare(article(1), published="2025-03-14")
    assert with_given_metadata(dated, given).document.published == date(2025, 3, 14)


def test_prepare_item_keeps_a_record_as_it_is() -> None:
    record = analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)
    assert prepare_item(Item("x.jsonl", analysis=record), Settings()) == (record, False)
    prepared, needs_parse = prepare_item(Item("a.txt", text=article(2)), Settings())
    assert (prepared.document.id, needs_parse) == (document_id(article(2)), True)


def test_run_partition_counts_skips_and_reports(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"text": article(1)}),
        json.dumps({"text": article(1), "url": "https://example.org/again"}),  # met twice
        analysis_line(2),
        json.dumps({"text": "   "}),
        json.dumps({"text": article(3)}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    partition = Partition("jsonl", (str(path),), size=path.stat().st_size)
    options = BatchOptions(db=str(tmp_path / "ledger.db"), settings=Settings(batch_size=2))
    with Store.open(options.db) as store:
        first = run_partition(partition, store, options)
        assert (first.analysed, first.imported, first.skipped, first.size) == (
            2,
            1,
            1,
            partition.size,
        )
        assert first.failures == (Failure(str(path), "line 4", "input is empty"),)
        assert first.peak_rss_mb > 50 and first.cpu_s > 0
        again = run_partition(partition, store, options)
        assert (again.analysed, again.imported, again.skipped) == (0, 0, 4)
        redo = run_partition(partition, store, BatchOptions(db=options.db, resume=False))
        assert (redo.analysed, redo.imported, redo.skipped) == (3, 1, 0)
        assert len(store.has_documents(document_id(article(n)) for n in (1, 2, 3))) == 3


def test_batch_settings_parse_in_batches_of_8_unless_told_otherwise() -> None:
    assert batch_settings({}).batch_size == 8
    assert batch_settings({"OPLENS_BATCH_SIZE": "16"}).batch_size == 16
    assert batch_settings({"OPLENS_BATCH_SIZE": "16"}, batch_size=4).batch_size == 4
    assert batch_settings({}, db="x.db").db == "x.db"

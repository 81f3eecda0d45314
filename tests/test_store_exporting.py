"""The store's export queries: page by page, in storage order, filtered; read-only opening."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from oplens import Analysis
from oplens.errors import StoreError
from oplens.schema import document_id
from oplens.store import Store
from oplens.store.records import ExportQuery
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of
from tests.export_cases import variant


@pytest.fixture
def harbour() -> Analysis:
    return analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)


def test_every_copy_comes_out_once_by_article(db_url: str, harbour: Analysis) -> None:
    records = [variant(harbour, n) for n in range(5)]
    with Store.open(db_url) as store:
        store.add_analyses(records)
        out = list(store.export_analyses(page_size=2))
    by_id = sorted(records, key=lambda r: r.document.id)  # each its own article: by its id
    assert out == by_id  # the exact records stored


def _pages_read(store: Store, table: str) -> list[str]:
    """Record the SELECTs from ``table`` that the store sends from now on."""
    seen: list[str] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def count(_c: object, _cur: object, statement: str, *_args: object) -> None:
        if statement.lstrip().startswith("SELECT") and f"FROM {table}" in statement:
            seen.append(statement)

    return seen


def test_pages_are_read_as_the_export_goes(db_url: str, harbour: Analysis) -> None:
    with Store.open(db_url) as store:
        store.add_analyses([variant(harbour, n) for n in range(5)])
        pages = _pages_read(store, "documents")
        stream = store.export_analyses(page_size=2)
        assert pages == []  # nothing is read before the first record is asked for
        next(stream)
        assert len(pages) == 1
        next(stream)
        assert len(pages) == 1  # the second record was on the first page
        rest = list(stream)
    assert len(rest) == 3
    assert len(pages) == 4  # pages of 2, 2 and 1 records, then an empty one: the end
    assert all("LIMIT" in page for page in pages)


def test_filters_by_author_dates_and_status(db_url: str, harbour: Analysis) -> None:
    older = variant(harbour, 1, author="Owen Hartley", published=date(2024, 5, 1))
    newer = variant(harbour, 2, published=date(2025, 6, 1))
    with Store.open(db_url) as store:
        store.add_analyses([older, newer])
        by_author = list(store.export_articles(ExportQuery(author="hartley")))
        since = list(store.export_analyses(ExportQuery(since=date(2025, 1, 1))))
        until = list(store.export_articles(ExportQuery(until=date(2024, 5, 1))))
        prediction = store.predictions(author="Hartley")[0].id
        store.resolve(prediction, "true", on=date(2025, 1, 2))
        resolved = list(store.export_articles(ExportQuery(status="resolved"), page_size=1))
        assert store.has_author("HARTLEY") and not store.has_author("Nobody")
    assert [a.authors for a in by_author] == [("Owen Hartley",)]
    assert [a.document.id for a in since] == [newer.document.id]
    assert [a.document_id for a in until] == [older.document.id]
    assert [a.document_id for a in resolved] == [older.document.id]
    assert [p.id for p in resolved[0].predictions] == [prediction]
    assert resolved[0].analysis == older
    assert resolved[0].published == date(2024, 5, 1)


def test_an_article_comes_out_with_its_latest_copy(db_url: str, harbour: Analysis) -> None:
    copy = harbour.model_copy(
        update={"metadata": harbour.metadata.model_copy(update={"site": "Mirror"})}
    )
    text = harbour.document.text.replace("More >", "Read more")
    copy = copy.model_copy(
        update={
            "document": copy.document.model_copy(update={"text": text, "id": document_id(text)})
        }
    )
    with Store.open(db_url) as store:
        store.add_analysis(harbour)
        assert store.add_analysis(copy).status == "copy"
        articles = list(store.export_articles())
        copies = list(store.export_analyses())
    assert [a.document_id for a in articles] == [copy.document.id]
    assert articles[0].id == harbour.document.id
    assert [c.document.id for c in copies] == [harbour.document.id, copy.document.id]


def test_opening_without_create_refuses_a_missing_or_empty_database(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    with pytest.raises(StoreError, match=f"^no ledger database at {missing}$"):
        Store.open(str(missing), create=False)
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("CREATE TABLE notes (x)").connection.close()
    with pytest.raises(StoreError, match="holds no oplens ledger"):
        Store.open(str(empty), create=False)
    ledger = tmp_path / "ledger.db"
    Store.open(str(ledger)).close()
    Store.open(str(ledger), create=False).close()


def test_opening_without_create_refuses_an_empty_postgres_schema(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="holds no oplens ledger"):
        Store.open(postgres_url, create=False)

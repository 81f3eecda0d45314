"""``add_sources``: text and Analysis JSON sources, errors that do not stop the rest, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oplens.cli.common import read_source
from oplens.errors import OplensError
from oplens.ledger import add_sources, analysis_record
from oplens.settings import load_settings
from oplens.store import Store
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of


def test_analysis_record_recognises_only_analysis_json() -> None:
    record = analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)
    assert analysis_record(record.to_json()) == record
    assert analysis_record("The levy will fail.") is None
    assert analysis_record('{"some": "json"}') is None
    broken = json.loads(record.to_json())
    broken["document"]["body"][0]["text"] = "not the text"
    with pytest.raises(OplensError, match="not a valid Analysis record: 1 span"):
        analysis_record(json.dumps(broken))


def test_add_sources_stores_reports_and_skips(tmp_path: Path) -> None:
    settings = load_settings(environ={}, db=str(tmp_path / "ledger.db"))
    record = tmp_path / "record.json"
    record.write_text(analysis_of(EXAMPLE, EXAMPLE_PUBLISHED).to_json(), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Jane Doe said the plan will fail. She is wrong.", encoding="utf-8")
    sources = [str(record), str(empty), str(other), str(EXAMPLE)]

    def read(source: str) -> tuple[str, str | None]:
        return read_source(source, settings)

    with Store.open(settings.db) as store:
        first = list(add_sources(store, sources, read, settings=settings, published="2025-03-14"))
        assert [(a.result.status if a.result else None, a.error) for a in first] == [
            ("new", None),
            (None, "input is empty"),
            ("new", None),
            ("reanalysed", None),  # the same text as the JSON record
        ]
        again = list(add_sources(store, sources, read, settings=settings, skip_existing=True))
        assert [a.skipped_id is not None for a in again] == [True, False, True, True]
        other_result = first[2].result
        assert other_result is not None
        assert str(store.article(other_result.article_id).published) == "2025-03-14"


def test_a_document_that_breaks_a_stage_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oplens import pipeline, prepare
    from oplens.ledger import store_records
    from oplens.nlp import ParsedDocument
    from tests.batch_corpus import article

    def breaks_on_day_2(parsed: ParsedDocument, record: object) -> dict[str, object]:
        if "day 2 " in parsed.document.text:
            raise ValueError("a stage bug\nsecond line")
        return {}

    monkeypatch.setattr(pipeline, "STAGES", (*pipeline.STAGES, ("breaks", breaks_on_day_2)))
    records = [(prepare(article(n)), True) for n in (1, 2, 3)]
    with Store.open(str(tmp_path / "ledger.db")) as store:
        outcomes = store_records(
            store, records, batch_size=8, skip_existing=True, one_transaction=True
        )
        assert [(o.result.status if o.result else None, o.error) for o in outcomes] == [
            ("new", None),
            (None, "analysis failed: ValueError: a stage bug"),
            ("new", None),
        ]

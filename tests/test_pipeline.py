"""The public API: analyze, prepare, analyze_prepared."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

import oplens
from oplens import InputError, analyze, analyze_prepared, prepare
from oplens.pipeline import STAGES
from tests.test_ingest import ARTICLE_HTML


def test_public_names() -> None:
    assert {"Analysis", "analyze", "InputError", "json_schema"} <= set(oplens.__all__)
    assert all(hasattr(oplens, name) for name in oplens.__all__)
    assert oplens.SCHEMA_VERSION == 1


def test_plain_text_offsets_are_into_the_input() -> None:
    text = "Title Line Here\n\nThe plan will fail. Everyone knows it.\n\nMore >\n"
    analysis = analyze(text, published="2024-05-01", source="note.txt")
    assert analysis.document.text == text
    assert analysis.document.published == date(2024, 5, 1)
    assert analysis.document.source == "note.txt"
    assert [s.text for s in analysis.sentences] == ["The plan will fail.", "Everyone knows it."]
    assert [(f.kind, f.text) for f in analysis.furniture] == [
        ("title", "Title Line Here"),
        ("more_link", "More >"),
    ]
    assert analysis.metadata.title == "Title Line Here"


def test_html_is_recognised_and_its_metadata_used() -> None:
    analysis = analyze(ARTICLE_HTML, source="https://www.courier.example/opinion/levy")
    assert analysis.metadata.title == "The levy will fail"
    assert [a.name for a in analysis.metadata.authors] == ["Jane Doe"]
    assert analysis.metadata.site == "Northmoor Courier"
    assert analysis.document.published == date(2025, 3, 14)
    assert analysis.document.body[0].text.startswith("The council voted on Tuesday")


def test_the_given_date_overrides_the_page_date() -> None:
    analysis = analyze(ARTICLE_HTML, published=date(2025, 1, 1))
    assert analysis.document.published == date(2025, 1, 1)


def test_arguments_stage_runs_in_the_pipeline() -> None:
    analysis = analyze("A sentence with nothing reported. Another one.")
    assert [u.text for u in analysis.arguments.units] == [
        "A sentence with nothing reported.",
        "Another one.",
    ]
    assert [name for name, _ in STAGES][-1] == "arguments"


def test_batches_keep_order_and_match_single_analyses() -> None:
    texts = [f"Paragraph number {i} is here. It says {i} things." for i in range(5)]
    batch = list(analyze_prepared((prepare(t) for t in texts), batch_size=2))
    assert [a.document.text for a in batch] == texts
    assert batch == [analyze(t) for t in texts]


def test_all_furniture_is_refused() -> None:
    with pytest.raises(InputError, match="every line of the input is page furniture"):
        analyze("More >\nShare this article\n")


def test_the_loaded_models_are_frozen_out_of_the_collector_after_the_first_analysis() -> None:
    probe = (
        "import gc, oplens; before = gc.get_freeze_count(); "
        "oplens.analyze('Jane Doe said the plan will fail. She is wrong.'); "
        "print(before, gc.get_freeze_count() > 50_000)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.split() == ["0", "True"], result.stderr

"""The export driver: options that fit together, and the summary line."""

from __future__ import annotations

from datetime import date

import pytest

from oplens.errors import InputError
from oplens.export import ExportOptions, ExportSummary
from oplens.store.records import ExportQuery


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        (ExportSummary("jsonl", 1, 1), "1 analysis"),
        (ExportSummary("jsonl", 1200, 1200), "1,200 analyses"),
        (ExportSummary("csv", 1, 6), "1 article, 6 predictions"),
        (ExportSummary("xaif", 2, 2), "2 articles, 2 argument maps"),
        (ExportSummary("claimreview", 1, 1), "1 article, 1 review"),
    ],
)
def test_summary_line(summary: ExportSummary, line: str) -> None:
    assert summary.line() == line


def test_options_that_fit() -> None:
    ExportOptions(format="csv", bom=True, query=ExportQuery(status="due")).check()
    ExportOptions(
        format="claimreview", reviewer="Desk", query=ExportQuery(status="resolved")
    ).check()
    ExportOptions(
        format="jsonl", query=ExportQuery(since=date(2020, 1, 3), until=date(2020, 1, 3))
    ).check()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ExportOptions(format="xaif", bom=True), "--bom applies to --format csv only"),
        (
            ExportOptions(format="jsonl", reviewer="Desk"),
            "--reviewer applies to --format claimreview",
        ),
        (ExportOptions(format="jsonl", query=ExportQuery(status="open")), "--status applies to"),
        (
            ExportOptions(format="claimreview", query=ExportQuery(status="due")),
            "resolved predictions only",
        ),
        (
            ExportOptions(
                format="csv", query=ExportQuery(since=date(2021, 1, 2), until=date(2021, 1, 1))
            ),
            "--since 2021-01-02 is after --until 2021-01-01",
        ),
    ],
)
def test_options_that_do_not_fit(options: ExportOptions, message: str) -> None:
    with pytest.raises(InputError, match=message):
        options.check()

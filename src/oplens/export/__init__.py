"""Exports of the ledger in the formats the field uses: JSONL, CSV, xAIF and ClaimReview.

``export_to(store, options, path)`` streams the ledger page by page into a file (or standard
output): memory stays that of one page of articles however large the database.

| format | one ... per | what |
|---|---|---|
| ``jsonl`` | stored copy, line | the Analysis record (schema v1); ``oplens batch`` reads it |
| ``csv`` | prediction, row | article, sentence, probability, horizon, holder, resolution |
| ``xaif`` | article, line | the argument as an AIF graph (see ``oplens.export.xaif``) |
| ``claimreview`` | resolved prediction, array item | a schema.org ClaimReview (JSON-LD) |
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal, TextIO

from pydantic import BaseModel, ConfigDict

from oplens.errors import InputError, StoreError
from oplens.export.claimreview import claim_reviews
from oplens.export.csv import CsvWriter
from oplens.export.output import output_stream
from oplens.export.xaif import to_xaif
from oplens.store import Store
from oplens.store.records import ExportQuery

Format = Literal["jsonl", "csv", "xaif", "claimreview"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "xaif", "claimreview")
# What one record of each format is (singular, plural), for the summary line.
RECORDS = {
    "jsonl": ("analysis", "analyses"),
    "csv": ("prediction", "predictions"),
    "xaif": ("argument map", "argument maps"),
    "claimreview": ("review", "reviews"),
}


def _count(count: int, names: tuple[str, str]) -> str:
    return f"{count:,} {names[0] if count == 1 else names[1]}"


__all__ = [
    "FORMATS",
    "ExportOptions",
    "ExportSummary",
    "Format",
    "claim_reviews",
    "export_to",
    "to_xaif",
    "write_export",
]


class ExportOptions(BaseModel):
    """What to export and how: the format, which articles, and the format's own options.

    ``bom`` (CSV only) starts the file with a UTF-8 byte-order mark, for Excel;
    ``reviewer`` (ClaimReview only) names the organisation publishing the reviews.
    """

    model_config = ConfigDict(frozen=True)

    format: Format
    query: ExportQuery = ExportQuery()
    bom: bool = False
    reviewer: str | None = None

    def check(self) -> None:
        """Refuse options that do not fit the format or each other.

        Raises:
            InputError: an option of another format, or ``since`` after ``until``.
        """
        query = self.query
        if self.bom and self.format != "csv":
            raise InputError("--bom applies to --format csv only")
        if self.reviewer is not None and self.format != "claimreview":
            raise InputError("--reviewer applies to --format claimreview only")
        if query.status is not None and self.format not in ("csv", "claimreview"):
            raise InputError("--status applies to --format csv only (claimreview is resolved)")
        if self.format == "claimreview" and query.status not in (None, "resolved"):
            raise InputError("--format claimreview exports resolved predictions only")
        if query.since and query.until and query.since > query.until:
            raise InputError(f"--since {query.since} is after --until {query.until}")


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote: how many articles, and how many records of its format."""

    format: Format
    articles: int
    records: int

    def line(self) -> str:
        """Return the summary as one line, e.g. ``3 articles, 7 predictions``."""
        records = _count(self.records, RECORDS[self.format])
        if self.format == "jsonl":
            return records
        return f"{_count(self.articles, ('article', 'articles'))}, {records}"


def _jsonl(store: Store, options: ExportOptions, stream: TextIO) -> ExportSummary:
    count = 0
    for analysis in store.export_analyses(options.query):
        stream.write(analysis.to_json(indent=None) + "\n")
        count += 1
    return ExportSummary("jsonl", count, count)


def _csv(store: Store, options: ExportOptions, stream: TextIO) -> ExportSummary:
    writer = CsvWriter(stream, bom=options.bom)
    articles = rows = 0
    for article in store.export_articles(options.query):
        written = writer.article(article)
        articles += 1 if written else 0
        rows += written
    return ExportSummary("csv", articles, rows)


def _xaif(store: Store, options: ExportOptions, stream: TextIO) -> ExportSummary:
    count = 0
    for article in store.export_articles(options.query):
        stream.write(json.dumps(to_xaif(article.analysis), ensure_ascii=False) + "\n")
        count += 1
    return ExportSummary("xaif", count, count)


def _claimreview(store: Store, options: ExportOptions, stream: TextIO) -> ExportSummary:
    query = options.query.model_copy(update={"status": "resolved"})
    articles = reviews = 0
    stream.write("[")
    for article in store.export_articles(query):
        articles += 1
        for review in claim_reviews(article, reviewer=options.reviewer):
            stream.write(",\n" if reviews else "\n")
            stream.write(json.dumps(review, ensure_ascii=False, indent=2))
            reviews += 1
    stream.write("\n]\n" if reviews else "]\n")
    return ExportSummary("claimreview", articles, reviews)


WRITERS = {"jsonl": _jsonl, "csv": _csv, "xaif": _xaif, "claimreview": _claimreview}


def write_export(store: Store, options: ExportOptions, stream: TextIO) -> ExportSummary:
    """Stream the export into an open text stream; return what was written."""
    return WRITERS[options.format](store, options, stream)


def export_to(store: Store, options: ExportOptions, path: str | None) -> ExportSummary:
    """Export the ledger into a file (``None`` or ``-``: standard output).

    The options are checked, and an ``author`` that matches nobody is refused, before
    anything is written; a file is replaced only once the export is complete.

    Raises:
        InputError: options that do not fit together, or a file that cannot be written.
        StoreError: an author no stored article has, or a database failure.
    """
    options.check()
    author = options.query.author
    if author is not None and not store.has_author(author):
        raise StoreError(
            f"no author in the ledger matches {author!r} (`oplens authors` lists them)"
        )
    with output_stream(path) as stream:
        return write_export(store, options, stream)

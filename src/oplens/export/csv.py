"""CSV: one row per prediction, for spreadsheets and data frames.

The file is UTF-8 (with a byte-order mark when asked: Excel then reads it as UTF-8), rows end
in CRLF (RFC 4180, the ``csv`` module's default), fields holding a comma, a quote or a line
break are quoted, dates are ISO 8601 (YYYY-MM-DD), numbers are plain decimals and an unknown
value is an empty field.

Formula injection: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and some treat a leading tab or carriage return the same way) as a formula, so text taken
from an article could run code on the reader's machine. Every text cell that starts with one
of those characters is written with a leading apostrophe (``'=HYPERLINK(...)``), which
spreadsheets show as text; the number columns (ids, offsets, probability) are never changed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from typing import TextIO

from oplens.export.people import holder, is_web_url, sentences_of
from oplens.schema import Prediction
from oplens.store.records import ExportedArticle, PredictionRecord

COLUMNS = (
    "prediction_id",
    "article_id",
    "local_id",
    "url",
    "source",
    "title",
    "author",
    "outlet",
    "published",
    "sentence",
    "text",
    "start",
    "end",
    "event",
    "polarity",
    "cue",
    "probability",
    "horizon",
    "horizon_start",
    "horizon_end",
    "condition",
    "holder",
    "holder_id",
    "status",
    "outcome",
    "resolution_date",
    "evidence",
    "note",
)
# OWASP's list of characters that make a spreadsheet cell a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"

Cell = str | int | float | date | None


def safe(value: Cell) -> str | int | float:
    """Return a cell as written: text defused against formulas, dates ISO, None empty."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return value


def _row(
    article: ExportedArticle, record: PredictionRecord, found: Prediction | None
) -> list[Cell]:
    analysis = article.analysis
    horizon = found.horizon if found else None
    resolution = record.resolution
    return [
        record.id,
        article.id,
        record.local_id,
        article.source if is_web_url(article.source) else None,
        article.source,
        article.title,
        "; ".join(article.authors),
        article.outlet,
        article.published,
        sentences_of(analysis.sentences, found.start, found.end) if found else None,
        record.text,
        found.start if found else None,
        found.end if found else None,
        record.event,
        record.polarity,
        found.cue.text if found and found.cue else None,
        record.probability,
        horizon.text if horizon else record.horizon,
        horizon.start if horizon else None,
        horizon.end if horizon else record.due,
        found.condition.text if found and found.condition else None,
        holder(analysis, found) if found else None,
        record.holder,
        record.status,
        resolution.outcome if resolution else None,
        resolution.resolved_on if resolution else None,
        resolution.evidence if resolution else None,
        resolution.note if resolution else None,
    ]


def csv_rows(article: ExportedArticle) -> Iterator[list[Cell]]:
    """Yield the rows of an article's predictions (raw values; ``safe`` makes them cells)."""
    by_id = {prediction.id: prediction for prediction in article.analysis.predictions}
    for record in article.predictions:
        yield _row(article, record, by_id.get(record.local_id))


class CsvWriter:
    """Write CSV rows to a text stream opened with ``newline=""``."""

    def __init__(self, stream: TextIO, *, bom: bool = False) -> None:
        """Start the file: the byte-order mark when asked, then the header row."""
        if bom:
            stream.write(BOM)
        self._writer = csv.writer(stream)
        self._writer.writerow(COLUMNS)

    def article(self, article: ExportedArticle) -> int:
        """Write one article's rows; return how many."""
        count = 0
        for row in csv_rows(article):
            self._writer.writerow([safe(cell) for cell in row])
            count += 1
        return count

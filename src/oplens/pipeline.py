"""The pipeline: chain the stages, nothing else.

``prepare`` does the cheap, per-document part that can fail on bad input (ingest,
furniture, metadata); ``complete`` runs the stages over one shared parse. ``analyze_many``
streams prepared documents through spaCy in ``nlp.pipe`` batches.
"""

from __future__ import annotations

import functools
import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from oplens.arguments import find_arguments
from oplens.attributions import find_reports
from oplens.dates import parse_published
from oplens.entities import find_entities
from oplens.errors import InputError
from oplens.fetch import is_url
from oplens.forecasts import find_predictions
from oplens.furniture import find_furniture
from oplens.ingest import ingest_text
from oplens.language import guess_language
from oplens.metadata import build_metadata
from oplens.nlp import ParsedDocument, parse_many
from oplens.schema import Analysis, BodySpan, Document, Furniture, document_id
from oplens.settings import Settings, load_settings


def prepare(
    source_text_or_html: str,
    *,
    published: date | str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
) -> Analysis:
    """Ingest a text or HTML page and find its furniture, metadata and body.

    Returns an Analysis with no parse-based findings yet (see ``complete``).

    Raises:
        InputError: the input is empty, binary, too large, has no article, or the
            publication date is malformed.
    """
    settings = settings or load_settings()
    given_date = parse_published(published)
    url = source if source and is_url(source) else None
    ingested = ingest_text(source_text_or_html, url=url, max_bytes=settings.max_bytes)
    text = ingested.text
    found = find_furniture(text, is_html=ingested.is_html, title=ingested.page.title)
    body = tuple(BodySpan(start=s, end=e, text=text[s:e]) for s, e in found.paragraphs)
    if not body:
        raise InputError("no article text: every line of the input is page furniture")
    furniture = tuple(
        Furniture(start=p.start, end=p.end, text=text[p.start : p.end], kind=p.kind)
        for p in found.pieces
    )
    metadata, stated_date = build_metadata(text, ingested.page, found.pieces)
    language, share = guess_language(" ".join(span.text for span in body))
    warnings: list[str] = []
    if language != "en":
        warnings.append(
            f"the text does not look like English (guessed {language!r}; {share:.0%} of its "
            "words are common function words of that language); analysed anyway as English"
        )
    document = Document(
        id=document_id(text),
        source=source,
        published=given_date or stated_date,
        language=language,
        text=text,
        body=body,
    )
    return Analysis(
        document=document, metadata=metadata, furniture=furniture, warnings=tuple(warnings)
    )


# A stage reads the shared parse and the record so far, and returns the fields it fills.
Stage = Callable[[ParsedDocument, Analysis], dict[str, Any]]


def _entities_stage(parsed: ParsedDocument, analysis: Analysis) -> dict[str, Any]:
    return {"entities": find_entities(parsed)}


def _attributions_stage(parsed: ParsedDocument, analysis: Analysis) -> dict[str, Any]:
    attributions, unattributed = find_reports(parsed, analysis.entities)
    return {"attributions": attributions, "unattributed": unattributed}


def _predictions_stage(parsed: ParsedDocument, analysis: Analysis) -> dict[str, Any]:
    return {"predictions": find_predictions(parsed, analysis.attributions)}


def _arguments_stage(parsed: ParsedDocument, analysis: Analysis) -> dict[str, Any]:
    return {"arguments": find_arguments(parsed, analysis)}


# In order: a later stage may read what an earlier one filled (holders need attributions).
STAGES: tuple[tuple[str, Stage], ...] = (
    ("entities", _entities_stage),
    ("attributions", _attributions_stage),
    ("predictions", _predictions_stage),
    ("arguments", _arguments_stage),
)


def complete(parsed: ParsedDocument, prepared: Analysis) -> Analysis:
    """Run every parse-based stage over one shared parse and fill the record."""
    analysis = prepared.model_copy(update={"sentences": parsed.sentences})
    for _, stage in STAGES:
        analysis = analysis.model_copy(update=stage(parsed, analysis))
    return analysis


def analyze_prepared(prepared: Iterable[Analysis], *, batch_size: int = 32) -> Iterator[Analysis]:
    """Complete prepared records, parsing them in ``nlp.pipe`` batches, in order."""
    # parse_many reads ahead a batch at a time and yields in order: a queue pairs them up.
    pending: deque[Analysis] = deque()

    def documents() -> Iterator[tuple[Document, tuple[Furniture, ...]]]:
        for record in prepared:
            pending.append(record)
            yield record.document, record.furniture

    for parsed in parse_many(documents(), batch_size=batch_size):
        completed = complete(parsed, pending.popleft())
        _freeze_models()
        yield completed


@functools.cache
def _freeze_models() -> None:
    """Once a process has analysed its first document, hide what it loaded from the collector.

    The spaCy model, the stages' models and dateparser's language data are about 96,000
    objects that live as long as the process; frozen (``gc.freeze``), they are no
    longer scanned by every full collection. In the web UI's process, which analyses pasted
    articles, the article page's p95 went from 242 ms to 67 ms (p50 31 -> 23 ms,
    ``benchmarks/web.py``).
    """
    gc.collect()
    gc.freeze()


def analyze(
    source_text_or_html: str,
    *,
    published: date | str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
) -> Analysis:
    """Analyse one article (plain text or HTML, recognised automatically).

    Args:
        source_text_or_html: the article as text, or a whole HTML page.
        published: publication date (``YYYY-MM-DD`` or a date); overrides the page's own.
        source: where the text came from (a path or URL), kept in the record.
        settings: options; defaults, then ``OPLENS_*`` environment variables.

    Raises:
        InputError: bad input (see ``prepare``).
        ModelError: the spaCy English model is not installed.
    """
    record = prepare(source_text_or_html, published=published, source=source, settings=settings)
    return next(analyze_prepared([record]))

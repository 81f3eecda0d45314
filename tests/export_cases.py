"""Distinct articles for export tests: the example op-ed with a numbered postscript each."""

from __future__ import annotations

from datetime import date

from oplens import Analysis
from oplens.schema import Author, BodySpan, document_id


def variant(
    analysis: Analysis,
    number: int,
    *,
    author: str | None = None,
    published: date | None = None,
) -> Analysis:
    """Another article: the text with "Postscript N." appended, optionally by another author."""
    extra = f"Postscript {number}."
    text = f"{analysis.document.text}\n\n{extra}"
    start = len(text) - len(extra)
    document = analysis.document.model_copy(
        update={
            "id": document_id(text),
            "text": text,
            "body": (*analysis.document.body, BodySpan(start=start, end=len(text), text=extra)),
            "published": published or analysis.document.published,
        }
    )
    metadata = analysis.metadata
    if author is not None:
        metadata = metadata.model_copy(update={"authors": (Author(name=author),)})
    return analysis.model_copy(update={"document": document, "metadata": metadata})

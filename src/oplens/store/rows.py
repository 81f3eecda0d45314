"""Turn an Analysis into table rows: pure functions, no database.

Two keys join things across analyses. ``body_key`` hashes the normalised body text, so a
republished copy with other furniture (author box, "originally published in" line, site)
is recognised as the same article. ``text_key`` is a prediction's normalised text, so that
re-analysis finds the prediction it had before and its resolution survives.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from oplens.schema import Analysis

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Normalise text for matching: NFKC, straight quotes, one dash, single spaces, casefold."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return _SPACE.sub(" ", text).strip().casefold()


def body_key(analysis: Analysis) -> str:
    """Return the hex SHA-256 of the normalised body text (furniture left out)."""
    body = "\n".join(normalise(span.text) for span in analysis.document.body)
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def prediction_keys(analysis: Analysis) -> list[str]:
    """Return each prediction's ``text_key``; a repeated text gets ``#2``, ``#3``, ... ."""
    seen: dict[str, int] = {}
    keys = []
    for prediction in analysis.predictions:
        key = normalise(prediction.text)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def author_key(name: str, affiliation: str | None) -> tuple[str, str]:
    """Return the ``(name_key, affiliation_key)`` an author is joined by across articles."""
    return normalise(name), normalise(affiliation) if affiliation else ""


@dataclass(frozen=True)
class ArticleRows:
    """The rows one analysis contributes, without article ids (added when stored)."""

    predictions: list[dict[str, Any]]
    attributions: list[dict[str, Any]]
    units: list[dict[str, Any]]


def article_rows(analysis: Analysis) -> ArticleRows:
    """Return the prediction, attribution and argument-unit rows of an analysis."""
    predictions = [
        {
            "local_id": p.id,
            "text_key": key,
            "start": p.start,
            "end": p.end,
            "text": p.text,
            "event": p.event,
            "polarity": p.polarity,
            "probability": p.probability,
            "cue": p.cue.text if p.cue else None,
            "horizon": p.horizon.text if p.horizon else None,
            "due_start": p.horizon.start if p.horizon else None,
            "due": p.horizon.end if p.horizon else None,
            "condition": p.condition.text if p.condition else None,
            "holder": p.holder,
        }
        for p, key in zip(analysis.predictions, prediction_keys(analysis), strict=True)
    ]
    attributions = [
        {
            "local_id": a.id,
            "speaker": a.speaker.text,
            "speaker_entity": a.speaker.entity,
            "cue": a.cue.text,
            "content": a.content.text,
            "content_start": a.content.start,
            "content_end": a.content.end,
            "kind": a.kind,
            "stance": a.stance,
        }
        for a in analysis.attributions
    ]
    units = [
        {
            "local_id": u.id,
            "role": u.role,
            "type": u.type,
            "start": u.start,
            "end": u.end,
            "text": u.text,
        }
        for u in analysis.arguments.units
    ]
    return ArticleRows(predictions, attributions, units)

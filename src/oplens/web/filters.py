"""Template filters: how numbers, dates and ids read on a page, and links that keep filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request


def percent(value: float | None) -> str:
    """0.7 → "70 %"; None → "–"."""
    return "–" if value is None else f"{value * 100:.0f} %"


def score(value: float | None, places: int = 3) -> str:
    """A score to three places (0.09 → "0.090"); None → "–"."""
    return "–" if value is None else f"{value:.{places}f}"


def signed(value: float | None) -> str:
    """A difference with its sign (−0.157, +0.393); None → "–"."""
    if value is None:
        return "–"
    if abs(value) < 0.0005:  # rounds to zero: no sign, rather than "+0.000"
        return "0.000"
    return f"{value:+.3f}".replace("-", "−")


def day(value: date | datetime | None) -> str:
    """A date as YYYY-MM-DD (a time as YYYY-MM-DD HH:MM UTC); None → "–"."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def short_id(article_id: str) -> str:
    """An article id shortened for a link: its first 12 hex digits."""
    return article_id.removeprefix("sha256:")[:12]


def thousands(value: int) -> str:
    """1234 → "1,234"."""
    return f"{value:,}"


def url_with(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters changed (None or "" removes one)."""
    query = dict(request.query_params.items())
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    return request.url.path + ("?" + urlencode(query) if query else "")


FILTERS: dict[str, Callable[..., str]] = {
    "percent": percent,
    "score": score,
    "signed": signed,
    "day": day,
    "short_id": short_id,
    "thousands": thousands,
}

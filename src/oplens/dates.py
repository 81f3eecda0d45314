"""Dates in page text ("January 3, 2020", "3 Jan 2020", "2020-01-03") and on the command line."""

from __future__ import annotations

import re
from datetime import date

from oplens.errors import InputError

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b"),
    re.compile(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
)
# Words that may surround a date on a dateline: "Updated 10:32 AM EST, Fri January 3, 2020".
_DATELINE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last|modified|on|at|am|pm|a\.m\.|p\.m\.|[ecmp][sd]t|gmt|utc|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\d{1,2}:\d\d|[|,•·—–-]",
    re.I,
)


def find_date(text: str, *, whole: bool = False) -> date | None:
    """Return the first calendar date written in ``text``, or None.

    With ``whole``, the text must be a dateline: nothing but the date and words such as
    "Published", "Updated", a weekday or a time.
    """
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        found = _to_date(match)
        if found is None:
            continue
        if whole:
            rest = text[: match.start()] + text[match.end() :]
            if _DATELINE_WORDS.sub("", rest).strip(" .:"):
                return None
        return found
    return None


def _to_date(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = int(parts["mon"]) if parts.get("mon") else _MONTHS[parts["month"].lower()]
    try:
        return date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None


def parse_published(value: date | str | None) -> date | None:
    """Read a publication date given by a user: a date, ``YYYY-MM-DD`` text, or None.

    Raises:
        InputError: text that is not a real ``YYYY-MM-DD`` date.
    """
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InputError(f"bad publication date {value!r}: expected YYYY-MM-DD, e.g. 2020-01-03")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"bad publication date {value!r}: no such day") from None

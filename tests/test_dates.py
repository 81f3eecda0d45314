"""Dates in page text and on the command line."""

from __future__ import annotations

from datetime import date

import pytest

from oplens.dates import find_date, parse_published
from oplens.errors import InputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 3, 2020", date(2020, 1, 3)),
        ("Jan. 3, 2020", date(2020, 1, 3)),
        ("3 January 2020", date(2020, 1, 3)),
        ("Published 2020-01-03", date(2020, 1, 3)),
        ("Updated 10:32 AM EST, Fri January 3, 2020", date(2020, 1, 3)),
        ("February 30, 2020", None),
        ("no date here", None),
    ],
)
def test_find_date(text: str, expected: date | None) -> None:
    assert find_date(text) == expected


def test_find_date_whole_line_only() -> None:
    assert find_date("On January 3, 2020 the strike killed him.", whole=True) is None
    assert find_date("Posted on January 3, 2020", whole=True) == date(2020, 1, 3)


def test_parse_published() -> None:
    assert parse_published("2020-01-03") == date(2020, 1, 3)
    assert parse_published(date(2020, 1, 3)) == date(2020, 1, 3)
    assert parse_published(None) is None
    with pytest.raises(InputError, match="expected YYYY-MM-DD"):
        parse_published("03/01/2020")
    with pytest.raises(InputError, match="no such day"):
        parse_published("2020-02-30")

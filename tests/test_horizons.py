"""Time expressions resolved against fixed publication dates."""

from __future__ import annotations

from datetime import date

import pytest

from oplens.horizons import add_months, add_units, find_horizons, part_window
from oplens.schema import Horizon

MILLER = date(2020, 1, 3)  # a Friday
HARBOUR = date(2025, 3, 14)  # a Friday
TUESDAY = date(2025, 3, 11)


def only(text: str, published: date | None) -> Horizon:
    found = find_horizons(text, published)
    assert len(found) == 1, found
    return found[0].horizon


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("for months to come", date(2020, 1, 3), date(2020, 4, 3)),
        ("for years to come", date(2020, 1, 3), date(2023, 1, 3)),
        ("by the end of the year", date(2020, 1, 3), date(2020, 12, 31)),
        ("within a decade", date(2020, 1, 3), date(2030, 1, 3)),
        ("next spring", date(2020, 3, 1), date(2020, 5, 31)),
        ("in the coming weeks", date(2020, 1, 3), date(2020, 1, 24)),
        ("over the next few days", date(2020, 1, 3), date(2020, 1, 6)),
        ("within the next twelve months", date(2020, 1, 3), date(2021, 1, 3)),
        ("by 2030", date(2020, 1, 3), date(2030, 12, 31)),
        ("in 2030", date(2030, 1, 1), date(2030, 12, 31)),
        ("early December", date(2020, 12, 1), date(2020, 12, 10)),
        ("in late 2020", date(2020, 9, 1), date(2020, 12, 31)),
        ("mid-2021", date(2021, 5, 1), date(2021, 8, 31)),
        ("the end of 2017", date(2017, 12, 1), date(2017, 12, 31)),
        ("at the end of the month", date(2020, 1, 22), date(2020, 1, 31)),
        ("by March 2021", date(2020, 1, 3), date(2021, 3, 31)),
        ("next year", date(2021, 1, 1), date(2021, 12, 31)),
        ("by next year", date(2020, 1, 3), date(2021, 12, 31)),
        ("next month", date(2020, 2, 1), date(2020, 2, 29)),
        ("next week", date(2020, 1, 6), date(2020, 1, 12)),
        ("later this year", date(2020, 1, 3), date(2020, 12, 31)),
        ("in two years", date(2020, 1, 3), date(2022, 1, 3)),
        ("for a generation", date(2020, 1, 3), date(2045, 1, 3)),
        ("July 6", date(2020, 7, 6), date(2020, 7, 6)),
        ("by July 6", date(2020, 1, 3), date(2020, 7, 6)),
        ("on 6 July 2021", date(2021, 7, 6), date(2021, 7, 6)),
        ("from May 3", date(2020, 5, 3), date(2020, 5, 3)),
        ("tomorrow", date(2020, 1, 4), date(2020, 1, 4)),
        ("soon", date(2020, 1, 3), date(2020, 4, 3)),
        ("in the summer", date(2020, 6, 1), date(2020, 8, 31)),
    ],
)
def test_phrase_resolves_from_the_publication_date(phrase: str, start: date, end: date) -> None:
    assert only(phrase, MILLER) == Horizon(text=phrase, start=start, end=end)


def test_open_ended_phrases_have_a_start_and_no_end() -> None:
    assert only("eventually", MILLER) == Horizon(text="eventually", start=MILLER, end=None)
    assert only("in the long run", MILLER).end is None


def test_without_a_publication_date_the_phrase_is_kept_and_dates_are_null() -> None:
    assert only("by the end of the year", None) == Horizon(
        text="by the end of the year", start=None, end=None
    )


def test_a_bare_weekday_is_the_first_one_after_publication() -> None:
    # Published on a Friday: "Friday" in a forecast is the next one, a week on.
    assert only("Friday", MILLER) == Horizon(
        text="Friday", start=date(2020, 1, 10), end=date(2020, 1, 10)
    )
    assert only("on Monday", MILLER).start == date(2020, 1, 6)
    # Published on a Tuesday: "Friday" is three days on, in the same week ...
    assert only("Friday", TUESDAY).start == date(2025, 3, 14)
    assert only("this Friday", TUESDAY).start == date(2025, 3, 14)
    # ... and "next Friday" is the Friday of the following week, not the same one.
    assert only("next Friday", TUESDAY).start == date(2025, 3, 21)
    assert only("by Thursday", TUESDAY) == Horizon(
        text="by Thursday", start=TUESDAY, end=date(2025, 3, 13)
    )


def test_a_month_named_alone_is_its_next_occurrence_the_current_one_included() -> None:
    assert only("in March", HARBOUR) == Horizon(
        text="in March", start=HARBOUR, end=date(2025, 3, 31)
    )
    assert only("in February", HARBOUR).start == date(2026, 2, 1)


def test_next_season_is_the_first_starting_after_publication() -> None:
    assert only("next spring", date(2025, 4, 11)).start == date(2026, 3, 1)
    assert only("this winter", date(2025, 1, 10)) == Horizon(
        text="this winter", start=date(2025, 1, 10), end=date(2025, 2, 28)
    )


def test_within_two_seasons_is_six_months() -> None:
    assert only("within two seasons", HARBOUR).end == date(2025, 9, 14)


def test_several_expressions_are_found_leftmost_first_longest_kept() -> None:
    found = find_horizons("If it passes in March, ships will leave within two seasons.", HARBOUR)
    assert [(f.start, f.end, f.horizon.text) for f in found] == [
        (13, 21, "in March"),
        (40, 58, "within two seasons"),
    ]


def test_month_arithmetic_clamps_to_the_month_end() -> None:
    assert add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert add_units(date(2020, 1, 3), "decade", 1) == date(2030, 1, 3)
    assert add_units(date(2020, 1, 3), "weeks", 3) == date(2020, 1, 24)


def test_parts_of_a_month_and_a_year() -> None:
    assert part_window("late", date(2020, 2, 1), date(2020, 2, 29)) == (
        date(2020, 2, 21),
        date(2020, 2, 29),
    )
    assert part_window("the end of", date(2020, 1, 1), date(2020, 12, 31)) == (
        date(2020, 12, 1),
        date(2020, 12, 31),
    )

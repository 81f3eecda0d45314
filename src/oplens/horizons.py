"""Horizons: the time expression of a prediction, resolved to dates from the publication date.

Each rule reads one kind of phrase and returns the window in which the prediction is due,
``start`` to ``end`` (both inclusive); without a publication date the phrase is kept and the
dates are null. Conventions, where English is vague:

- a bare plural ("for months to come", "in the coming weeks") is 3 units, "a few" 3, "a
  couple of" 2, "several" 5; "a generation" is 25 years, a season or quarter 3 months;
- "within / in / over the next N units" runs from publication to N units after it;
  "for N units" and "for units to come" likewise;
- "by P" runs from publication to the end of P ("by 2030" → 2030-12-31; "by the end of the
  year" → 31 December of the publication year); "in P" and bare P are P itself;
- "next week / month / year / decade" is the whole next calendar unit (weeks start on
  Monday); "this year" and "later this year" run from publication to its end;
- seasons are meteorological, northern hemisphere (spring March–May, summer June–August,
  autumn September–November, winter December–February); "next spring" is the first spring
  starting after publication;
- "early / mid / late" a month is days 1–10 / 11–20 / 21–end; of a year, January–April /
  May–August / September–December; "the end of" a year is its December, of a month its last
  10 days, of a decade its last year;
- a month named alone is its next occurrence, the current month included ("in March"
  written on 14 March is this March);
- a weekday named alone ("Friday", "on Friday") is the first such day strictly after
  publication; "this Friday" the one in the publication week if still ahead, else the
  next; "next Friday" the one in the following week (dateparser returns the first Friday
  ahead for all three, and so puts "next Friday" into the wrong week when written early in a
  week);
- "soon" and "shortly" are 3 months; "in the near future" and "in the short term" a year;
  "eventually", "one day", "in the long run" have a start (publication) and no end.

dateparser resolves explicit day dates ("July 6", "6 July 2021", "December 14"), preferring
the future; every other rule is our own, because dateparser returns a single day for a
period ("next year" → the publication day a year on; "in March" → 3 March when written on
the 3rd) and nothing for "early December", "the end of the year", "next spring", "within a
decade", "in the coming weeks" or "for months to come".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from oplens.schema import Horizon

Window = tuple[date, date | None]

MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS.pop("may", None)  # "may" alone is the modal; "May 3" is read by the day-date rule
WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
    "few": 3, "a few": 3, "couple": 2, "a couple of": 2, "several": 5, "many": 5,
}  # fmt: skip
VAGUE = 3  # a bare plural ("for months to come") is read as 3 units
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_UNIT = r"(?P<unit>day|week|month|year|decade|century|centurie|season|quarter|generation)s?"
_NUM = r"(?P<num>\d+|a few|a couple of|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"
_MONTH_NAME = (
    r"(?:january|february|march|april|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"
_PART = r"(?P<part>early|mid|middle of|late|the end of|end of|the start of|the beginning of)"
# A calendar period: a month (of a year), a season (of a year), a year, or a named unit.
_PERIOD = (
    rf"(?:(?P<month>{_MONTH_NAME})(?:,? (?P<myear>(?:19|20)\d\d))?"
    rf"|(?:(?P<which>next|this|the coming|the) )?{_SEASON}(?: (?:of )?(?P<syear>(?:19|20)\d\d))?"
    rf"|(?P<year>(?:19|20)\d\d)"
    rf"|(?P<which2>this|the|next) (?P<punit>year|month|week|decade|century))"
)
_DAY_DATE = (
    rf"(?:{_MONTH_NAME}|may) \d{{1,2}}(?:st|nd|rd|th)?(?:,? (?:19|20)\d\d)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH_NAME}|may)(?:,? (?:19|20)\d\d)?"
)


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by whole months, clamped to the last day of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_units(day: date, unit: str, count: float) -> date:
    """Return ``day`` plus ``count`` units (day, week, month, ..., generation)."""
    unit = unit.lower().removesuffix("s").replace("centurie", "century")
    if unit == "day":
        return day + timedelta(days=round(count))
    if unit == "week":
        return day + timedelta(days=round(7 * count))
    months = {"month": 1, "season": 3, "quarter": 3, "year": 12, "decade": 120}
    months.update({"generation": 300, "century": 1200})
    return add_months(day, round(count * months[unit]))


def month_window(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a calendar month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def season_window(year: int, season: str) -> tuple[date, date]:
    """The meteorological season starting in ``year`` (winter runs into the next year)."""
    first = date(year, SEASONS[season], 1)
    return first, add_months(first, 3) - timedelta(days=1)


def next_season(published: date, season: str, *, strictly_after: bool) -> tuple[date, date]:
    """The season's next occurrence: starting after publication, or containing it."""
    for year in (published.year - 1, published.year, published.year + 1):
        first, last = season_window(year, season)
        if first > published or (not strictly_after and last >= published):
            return first, last
    return season_window(published.year + 1, season)


def unit_window(unit: str, published: date, *, which: str) -> tuple[date, date]:
    """The calendar unit (week, month, year, decade, century) containing or after publication."""
    unit = unit.lower()
    step = 1 if which == "next" else 0
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = add_months(published.replace(day=1), step)
        return month_window(first.year, first.month)
    size = {"year": 1, "decade": 10, "century": 100}[unit]
    first_year = published.year // size * size + step * size
    return date(first_year, 1, 1), date(first_year + size - 1, 12, 31)


def part_window(part: str, first: date, last: date) -> tuple[date, date]:
    """Narrow a period to its early / mid / late part or its end (see the module note)."""
    part = part.lower().removeprefix("the ")
    if (last - first).days < 40:  # a month
        days = {"early": (1, 10), "mid": (11, 20), "middle of": (11, 20), "late": (21, 31)}
        days.update({"end of": (22, 31), "start of": (1, 10), "beginning of": (1, 10)})
        low, high = days[part]
        return first.replace(day=low), first.replace(day=min(high, last.day))
    if (last - first).days < 400:  # a year (or a season, read like one)
        months = {"early": (1, 4), "mid": (5, 8), "middle of": (5, 8), "late": (9, 12)}
        months.update({"end of": (12, 12), "start of": (1, 1), "beginning of": (1, 1)})
        low, high = months[part]
        return month_window(first.year, low)[0], month_window(first.year, high)[1]
    if part == "end of":  # a decade or more: its last tenth
        return date(last.year - (last.year - first.year) // 10, 1, 1), last
    return first, last


def period_window(match: re.Match[str], published: date) -> tuple[date, date]:
    """The calendar period a ``_PERIOD`` match names, narrowed by its part if any."""
    groups = match.groupdict()
    if groups.get("month"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        ahead = published.year if month >= published.month else published.year + 1
        first, last = month_window(int(groups["myear"] or ahead), month)
    elif groups.get("season"):
        season = groups["season"].lower()
        if groups.get("syear"):
            first, last = season_window(int(groups["syear"]), season)
        else:
            strictly = (groups.get("which") or "").lower() == "next"
            first, last = next_season(published, season, strictly_after=strictly)
    elif groups.get("year"):
        first, last = date(int(groups["year"]), 1, 1), date(int(groups["year"]), 12, 31)
    else:
        which = (groups.get("which2") or "this").lower()
        first, last = unit_window(groups["punit"], published, which=which)
    if groups.get("part"):
        first, last = part_window(groups["part"], first, last)
    return first, last


def _count(match: re.Match[str]) -> float:
    raw = (match.groupdict().get("num") or "").lower()
    if not raw:
        return VAGUE if match["unit"].lower().endswith("s") else 1.0
    return float(raw) if raw.isdigit() else float(NUMBERS.get(raw, VAGUE))


def _from_now(match: re.Match[str], published: date) -> Window:
    return published, add_units(published, match["unit"], _count(match))


def _by_period(match: re.Match[str], published: date) -> Window:
    return published, period_window(match, published)[1]


def _in_period(match: re.Match[str], published: date) -> Window:
    first, last = period_window(match, published)
    return (published if first <= published <= last else first), last


def _next_unit(match: re.Match[str], published: date) -> Window:
    return unit_window(match["unit"], published, which="next")


def _rest_of_unit(match: re.Match[str], published: date) -> Window:
    return published, unit_window(match["unit"], published, which="this")[1]


def _weekday(match: re.Match[str], published: date) -> Window:
    target = WEEKDAYS[match["weekday"].lower()]
    if (match.groupdict().get("which") or "").lower() == "next":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=1)
        day = monday + timedelta(days=target)
    else:
        day = published + timedelta(days=(target - published.weekday()) % 7 or 7)
    if (match.groupdict().get("prep") or "").lower() in {"by", "before", "until"}:
        return published, day
    return day, day


def _day_date(match: re.Match[str], published: date) -> Window | None:
    import dateparser  # deferred: its first call loads language data (about 80 ms)

    base = datetime(published.year, published.month, published.day)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
    found = dateparser.parse(match["date"], languages=["en"], settings=settings)
    if found is None:
        return None
    day = found.date()
    if (match.groupdict().get("prep") or "").lower() in {"by", "before", "until"}:
        return published, day
    return day, day


def _relative_day(match: re.Match[str], published: date) -> Window:
    offsets = {"tomorrow": 1, "the day after tomorrow": 2, "tonight": 0, "later today": 0}
    day = published + timedelta(days=offsets[match[0].lower()])
    return day, day


_VAGUE_ENDS = {
    "soon": ("month", 3),
    "shortly": ("month", 3),
    "before long": ("month", 3),
    "in the near future": ("year", 1),
    "in the short term": ("year", 1),
    "in the near term": ("year", 1),
}


def _vague(match: re.Match[str], published: date) -> Window:
    phrase = " ".join(match[0].lower().split())
    if phrase in _VAGUE_ENDS:
        unit, count = _VAGUE_ENDS[phrase]
        return published, add_units(published, unit, count)
    return published, None


Resolver = Callable[[re.Match[str], date], Window | None]


@dataclass(frozen=True)
class Rule:
    """One kind of time expression and how to resolve it."""

    pattern: re.Pattern[str]
    resolve: Resolver


def _rule(pattern: str, resolve: Resolver) -> Rule:
    return Rule(re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.IGNORECASE), resolve)


_PLURAL = r"(?P<unit>days|weeks|months|years|decades|seasons|quarters)"
_YEAR = r"(?:19|20)\d\d"
_COMING = rf"(?:in|over|during|within) (?:the )?(?:coming|next|upcoming) (?:{_NUM} )?{_PLURAL}"
_WITHIN = rf"(?:within|in|over|for|during) (?:the (?:next|coming) )?(?:{_NUM} )?{_UNIT}"
_NEXT_SEASON = rf"(?:(?:in|during) )?(?P<which>next|this|the coming) {_SEASON}"
_ON_WEEKDAY = rf"(?:(?P<prep>on|by|before|until) )?(?:(?P<which>this|next|coming) )?{_WEEKDAY}"
_VAGUE_WORDS = (
    r"soon|shortly|before long|in the (?:near|short|long) (?:future|term|run)|"
    r"eventually|one day|some ?day|sooner or later|in the years ahead|the next time"
)
RULES: tuple[Rule, ...] = (
    _rule(rf"for (?:many )?{_PLURAL} to come", _from_now),
    _rule(_COMING, _from_now),
    _rule(rf"{_WITHIN}(?:'?s? time)?", _from_now),
    _rule(rf"{_NUM} {_UNIT} from now", _from_now),
    _rule(r"for (?:a|another|the next) (?P<unit>generation)", _from_now),
    _rule(rf"(?:by|before|until) (?:{_PART}[ -])?{_PERIOD}", _by_period),
    _rule(r"by year-end|by (?:the )?year's end", lambda m, p: (p, date(p.year, 12, 31))),
    _rule(r"later this (?P<unit>week|month|year|decade)", _rest_of_unit),
    _rule(r"this (?P<unit>week|month|year)", _rest_of_unit),
    _rule(rf"(?:(?:in|at|during|towards?) )?{_PART}[ -]{_PERIOD}", _in_period),
    _rule(r"(?:next|the coming) (?P<unit>week|month|year|decade|century)", _next_unit),
    _rule(rf"(?:(?P<prep>on|by|from|until|before) )?(?P<date>{_DAY_DATE})", _day_date),
    _rule(rf"(?:in|during|from) {_PERIOD}", _in_period),
    _rule(rf"{_NEXT_SEASON}(?: (?P<syear>{_YEAR}))?", _in_period),
    _rule(_ON_WEEKDAY, _weekday),
    _rule(r"the day after tomorrow|tomorrow|tonight|later today", _relative_day),
    _rule(_VAGUE_WORDS, _vague),
)


@dataclass(frozen=True)
class Found:
    """A time expression found in a text: where it is and the horizon it resolves to."""

    start: int
    end: int
    horizon: Horizon


def find_horizons(text: str, published: date | None) -> list[Found]:
    """Return every time expression in ``text`` that some rule reads, leftmost first.

    Overlapping matches keep the longer one. Offsets are into ``text``.
    """
    matches: list[tuple[int, int, Rule, re.Match[str]]] = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            matches.append((match.start(), match.end(), rule, match))
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    found: list[Found] = []
    taken_until = -1
    for start, end, rule, match in matches:
        if start < taken_until:
            continue
        horizon = resolve(match, rule, published)
        if horizon is not None:
            found.append(Found(start, end, horizon))
            taken_until = end
    return found


def resolve(match: re.Match[str], rule: Rule, published: date | None) -> Horizon | None:
    """Resolve one match: the phrase, and its dates when the publication date is known."""
    phrase = match[0]
    if published is None:
        return Horizon(text=phrase, start=None, end=None)
    try:
        window = rule.resolve(match, published)
    except (KeyError, ValueError, OverflowError):
        return None
    if window is None:
        return None
    return Horizon(text=phrase, start=window[0], end=window[1])

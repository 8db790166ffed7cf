"""The day of the call, from the lead sentence."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .text import MONTHS

_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTHS.split("|"), start=1)} | _ABBR
# Dates are found from their digits (a digit-led pattern scans fast), then the month word
# is checked on either side: "October 31, 2022", "1 April", "31st of October", "2022-10-31".
_NUMBER = re.compile(r"[0-9]{1,4}(?:-[0-9]{2}-[0-9]{2}\b)?")
_MONTH_BEFORE = re.compile(r"\b([A-Za-z]{3,9})\.?\s*$")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s*(?:of\s+)?([A-Za-z]{3,9})\b\.?")
_YEAR_AFTER = re.compile(r"(?:st|nd|rd|th)?\s*,?\s*((?:19|20)[0-9]{2})\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_DAY = re.compile(
    r"\b(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass
class FoundDate:
    month: int
    day: int
    year: int | None
    start: int
    end: int


def find_date(sentence: str) -> FoundDate | None:
    """The first month-and-day in a sentence (year optional)."""
    for m in _NUMBER.finditer(sentence):
        digits = m.group(0)
        if len(digits) == 10:  # 2022-10-31
            y, mo, d = digits.split("-")
            if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31:
                return FoundDate(int(mo), int(d), int(y), m.start(), m.end())
            continue
        if len(digits) > 2 or not 1 <= int(digits) <= 31:
            continue
        month, start, end = _month_near(sentence, m)
        if month is None:
            continue
        y = _YEAR_AFTER.match(sentence, end)
        if y:
            end = y.end()
        return FoundDate(month, int(digits), int(y.group(1)) if y else None, start, end)
    return None


def _month_near(sentence: str, m: re.Match[str]) -> tuple[int | None, int, int]:
    before = _MONTH_BEFORE.search(sentence, max(0, m.start() - 12), m.start())
    if before and before.group(1).lower() in _MONTH_NUMBER:
        return _MONTH_NUMBER[before.group(1).lower()], before.start(1), m.end()
    after = _MONTH_AFTER.match(sentence, m.end())
    if after and after.group(1).lower() in _MONTH_NUMBER:
        return _MONTH_NUMBER[after.group(1).lower()], m.start(), after.end()
    return None, 0, 0


def resolve_year(
    found: FoundDate, published: dt.datetime | None, context: str
) -> tuple[dt.date, str | None]:
    """Fill a missing year from the page's date line, else from a year printed nearby.

    A call is published on or shortly after its day, so a "December 31" call posted on
    January 2 belongs to the previous year. Returns the date and a warning, if any.
    """
    if found.year is not None:
        return _make(found.year, found.month, found.day), None
    if published is not None:
        day = _make(published.year, found.month, found.day)
        if day > published.date() + dt.timedelta(days=1):
            day = _make(published.year - 1, found.month, found.day)
        return day, None
    year = _YEAR.search(context)
    if year:
        return (
            _make(int(year.group(0)), found.month, found.day),
            "call date has no year; took the year printed in the text",
        )
    raise ValueError("call date has no year and the page has no publication date")


def relative_date(sentence: str, published: dt.datetime | None) -> tuple[dt.date, int, int] | None:
    """'On Monday' / 'today' / 'yesterday' counted back from the publication date."""
    if published is None:
        return None
    m = RELATIVE_DAY.search(sentence)
    if not m:
        return None
    word = m["w"].lower()
    base = published.date()
    if word == "today":
        return base, m.start(), m.end()
    if word == "yesterday":
        return base - dt.timedelta(days=1), m.start(), m.end()
    back = (base.weekday() - _WEEKDAYS.index(word)) % 7
    return base - dt.timedelta(days=back), m.start(), m.end()


def _make(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"impossible call date {year}-{month:02d}-{day:02d}") from exc

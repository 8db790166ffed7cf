"""The home page's chart of calls per year, as numbers a template draws as SVG.

Geometry is computed here so the template only places shapes; every label is made by us from
integers, and the template escapes it anyway.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from functools import cached_property

WIDTH, HEIGHT = 640, 220
TOP, BOTTOM, SIDE = 24, 28, 8
# calendar.month_abbr formats a date at each look-up: 600 of them per home page.
MONTH_NAMES = tuple(calendar.month_abbr)[1:]


@dataclass
class Bar:
    year: int
    count: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    months: list[int]
    show_year: bool = True
    show_count: bool = True

    @property
    def count_y(self) -> float:
        return round(self.y - 5, 1)

    @cached_property
    def title(self) -> str:
        busy = [f"{name} {n}" for name, n in zip(MONTH_NAMES, self.months, strict=True) if n]
        calls = "call" if self.count == 1 else "calls"
        return f"{self.year}: {self.count} {calls}" + (f" ({', '.join(busy)})" if busy else "")


@dataclass
class Chart:
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    label_y: float = HEIGHT - 8

    @property
    def month_names(self) -> list[str]:
        return list(MONTH_NAMES)


def calls_chart(per_month: list[tuple[int, int, int]]) -> Chart | None:
    """Bars for every year from the first to the last with calls (empty years included)."""
    if not per_month:
        return None
    years: dict[int, list[int]] = {}
    first, last = per_month[0][0], per_month[-1][0]
    for year in range(first, last + 1):
        years[year] = [0] * 12
    for year, month, n in per_month:
        years[year][month - 1] += n
    tallest = max(sum(months) for months in years.values()) or 1
    slot = (WIDTH - 2 * SIDE) / len(years)
    bar_width = min(slot * 0.7, 60)
    usable = HEIGHT - TOP - BOTTOM
    # Labels need room: with many years, every few years are named and counts go to tooltips.
    every = 1 if len(years) <= 12 else 5
    bars = []
    for i, (year, months) in enumerate(sorted(years.items())):
        count = sum(months)
        height = round(usable * count / tallest, 1)
        x = round(SIDE + i * slot + (slot - bar_width) / 2, 1)
        bars.append(
            Bar(
                year=year,
                count=count,
                x=x,
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(bar_width, 1),
                height=height,
                label_x=round(x + bar_width / 2, 1),
                months=months,
                show_year=year % every == 0,
                show_count=len(years) <= 15,
            )
        )
    return Chart(bars=bars)

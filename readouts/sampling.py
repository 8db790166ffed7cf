"""Samples of statements spread over the whole archive, for the facets of a large result.

The first rows a database finds come in its table's order, which is the order of import: in
an archive imported, or kept up to date, year by year, the first 2,000 matches of a common
word all come from its first years, and facets counted over them would say the word was used
in those years only. The two samples here do not follow that order:

- `scattered`: the rows in the order of a hash of their id, so the first `size` are a
  uniform sample. It reads every row it chooses from, so it is for a few thousand rows, or
  for an index that gives ids without reading the rows (SQLite's FTS5 table).
- `in_windows`: the rows within WINDOWS ranges of ids spread evenly over the archive,
  WINDOW_IDS ids each. What it reads does not grow with the archive or the number of rows
  chosen from, so it is for a database that has to read a row to test it (PostgreSQL, where
  the GIN index gives no ids without the rows), and for very many matches. Its size is the
  rows' share of the archive times WINDOWS × WINDOW_IDS: thousands for a common word, tens
  for a rare one.
"""

from __future__ import annotations

import math
from functools import reduce
from operator import or_

from django.db.models import Func, IntegerField, Q, QuerySet

from .models import Statement

WINDOWS = 100  # one window for every 1 % of the archive: each year of it has some
WINDOW_IDS = 60  # 6,000 statements read at most, at any size (about 12 ms on PostgreSQL)
# Up to this many matches, PostgreSQL reads them all for `scattered` (1-4 µs each: a phrase
# is checked against each row's positions); past it, `in_windows`.
SCATTER_LIMIT = 5_000
# Up to this many, SQLite chooses among every match's id in its FTS table (27-40 ns each,
# twice: counted, then chosen); past it, among those in the windows.
INDEX_SCAN_LIMIT = 100_000


class Scatter(Func):
    """An id mixed by Knuth's multiplicative hash (× 2654435761, the low 32 bits): ids in
    this order follow neither import order nor dates. Integer arithmetic that both databases
    compute in C, exact for ids below 3.4 × 10⁹."""

    template = "((%(expressions)s * 2654435761) & 4294967295)"
    output_field = IntegerField()


def scatter_sql(column: str) -> str:
    """Scatter of an integer column, as SQL text."""
    return Scatter.template % {"expressions": column}


def scatter_threshold(share: float) -> int:
    """The Scatter value under which `share` (0 to 1) of all ids fall."""
    return math.ceil(share * 2**32)


def scattered(rows: QuerySet[Statement], size: int) -> QuerySet[Statement]:
    """`size` of the `rows`, uniformly: every row when there are fewer."""
    return rows.order_by(Scatter("pk"))[:size]


def spread(
    rows: QuerySet[Statement],
    size: int,
    matched: int | None,
    tested: QuerySet[Statement] | None = None,
) -> QuerySet[Statement]:
    """About `size` of the `rows`, `matched` of them (None: more than were counted):
    `scattered` up to SCATTER_LIMIT, else `in_windows` over `tested`, the same rows in a
    form whose every windowed row is tested (by default `rows`)."""
    if matched is not None and matched <= SCATTER_LIMIT:
        return scattered(rows, size)
    return in_windows(rows if tested is None else tested)


def windows() -> list[tuple[int, int]]:
    """WINDOWS ranges of WINDOW_IDS ids, [start, end), spread evenly over the statements'
    ids (covering them all when there are fewer ids than that)."""
    # Two queries: SQLite reads the index's ends for a lone MIN() or MAX(), but for both in
    # one SELECT it scans the table (67 ms at 1M statements).
    ids = Statement.objects.order_by("pk").values_list("pk", flat=True)
    low, high = ids.first() or 0, ids.last() or 0
    span = high - low + 1
    starts = sorted({low + span * k // WINDOWS for k in range(WINDOWS)})
    return [(start, start + WINDOW_IDS) for start in starts]


def in_windows(rows: QuerySet[Statement]) -> QuerySet[Statement]:
    """The `rows` whose id is in one of the windows."""
    ranges = [Q(pk__gte=start, pk__lt=end) for start, end in windows()]
    return rows.filter(reduce(or_, ranges)).order_by()

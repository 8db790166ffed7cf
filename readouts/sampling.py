"""Samples of statements spread over the whole archive, for the facets of a large result.

The first rows a database finds come in its table's order, which is the order of import: in
an archive imported, or kept up to date, year by year, the first 2,000 matches of a common
word all come from its first years, and facets counted over them would say the word was used
in those years only. The two samples here do not follow that order:

- under a hash threshold (`scatter_sql`, `scatter_threshold`): the rows whose id's hash
  falls under a threshold set for the share wanted, a uniform sample. It tests every row it
  chooses from, so it is for the few thousand rows a capped count has listed, or for an
  index that gives ids without reading the rows (SQLite's FTS5 table).
- `in_windows`: the rows within about WINDOWS ranges of ids spread evenly over the archive,
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

from django.db.models import Q, QuerySet

from .models import Statement

WINDOWS = 100  # one window for every 1 % of the archive: each year of it has some
WINDOW_IDS = 60  # 6,000 statements read at most, at any size (about 12 ms on PostgreSQL)
# Up to this many matches, SQLite chooses among every match's id in its FTS table (27-40 ns
# each, twice: counted, then chosen); past it, among those in the windows.
INDEX_SCAN_LIMIT = 100_000
# Knuth's multiplicative hash (× 2654435761, the low 32 bits): ids in this order follow
# neither import order nor dates. Integer arithmetic that both databases compute in C, exact
# for ids below 3.4 × 10⁹.
SCATTER = "(({} * 2654435761) & 4294967295)"


def scatter_sql(column: str) -> str:
    """The hash of an integer column, as SQL text: 0 to 2³² - 1."""
    return SCATTER.format(column)


def scatter_threshold(share: float) -> int:
    """The hash under which `share` (0 to 1) of all ids fall."""
    return math.ceil(share * 2**32)


def windows() -> list[tuple[int, int]]:
    """About WINDOWS ranges of WINDOW_IDS ids, [start, end), spread evenly over the
    statements' ids, one every `stride` ids from the lowest (covering them all when there
    are fewer ids than WINDOWS × WINDOW_IDS)."""
    low, high, stride = _layout()
    return [(start, start + WINDOW_IDS) for start in range(low, high + 1, stride)]


def _layout() -> tuple[int, int, int]:
    # Two queries: SQLite reads the index's ends for a lone MIN() or MAX(), but for both in
    # one SELECT it scans the table (67 ms at 1M statements).
    ids = Statement.objects.order_by("pk").values_list("pk", flat=True)
    low, high = ids.first() or 0, ids.last() or 0
    return low, high, max((high - low + 1) // WINDOWS, WINDOW_IDS)


def in_windows(rows: QuerySet[Statement]) -> QuerySet[Statement]:
    """The `rows` whose id is in one of the windows."""
    ranges = [Q(pk__gte=start, pk__lt=end) for start, end in windows()]
    return rows.filter(reduce(or_, ranges)).order_by()

"""Full-text search over statements: the one interface the pages use.

    parse_query(q) -> Query                 raises QueryError (a message for the user)
    search_statements(q, queryset, sort)    matching statements, annotated with `rank`
    index_matches, count_matches            the same from the index alone (no other filter),
    first_matches                           listed (capped), counted, or the first found
    capped_count_sql(listed_sql)            SQL counting what index_matches lists, capped
    spread_sample                           some of them, spread over the archive (facets)
    sorts_few_rows_whole()                  how to fetch a page of few matches
    add_snippets(statements, q)             sets `snippet` on the rows of one page

The backend is picked by the database vendor; both read the same parsed query
(query.py), so both databases find the same statements. Hits in snippets are wrapped in
HIT_START / HIT_END, which the `highlight` template filter turns into <mark> after escaping.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from types import ModuleType

from django.db import connection
from django.db.models import F, QuerySet

from ..models import Statement
from .query import Query, QueryError, Term, parse_query

HIT_START = "\ue000"
HIT_END = "\ue001"
SORTS = ("relevance", "newest", "oldest")

__all__ = [
    "HIT_END",
    "HIT_START",
    "SORTS",
    "Query",
    "QueryError",
    "Term",
    "add_snippets",
    "capped_count_sql",
    "count_matches",
    "first_matches",
    "index_matches",
    "parse_query",
    "search_statements",
    "sorts_few_rows_whole",
    "spread_sample",
]


def _backend() -> ModuleType:
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    if connection.vendor == "sqlite":
        from . import sqlite

        return sqlite
    raise NotImplementedError(f"No search backend for {connection.vendor}")


def _parsed(q: str | Query) -> Query:
    return q if isinstance(q, Query) else parse_query(q)


def search_statements(
    q: str | Query,
    queryset: QuerySet[Statement] | None = None,
    sort: str = "relevance",
    common: bool = False,
    speakers: Collection[int] | None = None,
) -> QuerySet[Statement]:
    """Statements matching `q` within `queryset`, annotated with `rank`, in the `sort` order:
    relevance (rank, higher is better; equal ranks by the readout added last, then in reading
    order), or newest/oldest call first and in reading order within a readout (there rank is
    0.0: it could not change the order). Lazy: paginate it; its count() does no ranking.

    `common`: the caller knows the query matches many statements (thousands). In date order
    the backend then lets the database walk the calls' date index and test each statement
    against the match set, stopping after a page, instead of sorting every match (SQLite:
    7 ms instead of 42 ms for a word in half of 100,000 statements; 12 ms instead of 0.1 ms
    for a rare word, hence the flag).

    `speakers`: `queryset` holds only these speakers' statements (a person or country
    filter). The backend may narrow its index scan to them as well (SQLite: 4 ms instead of
    200 ms for a common word within one person at 1,000,000 statements)."""
    if sort not in SORTS:
        raise QueryError(f"Sort by one of: {', '.join(SORTS)}.")
    query = _parsed(q)
    statements = Statement.objects.all() if queryset is None else queryset
    if sort == "relevance":
        statements = _backend().filter_and_rank(statements, query, speakers=speakers)
        # Equal scores: the readout added last first, in reading order. Both are columns of
        # the statement row; the call's date joined every match to its readout and call
        # before the sort (PostgreSQL 465 ms instead of 288 ms, SQLite 867 ms instead of
        # 657 ms, for a word in half of 1,000,000 statements).
        return statements.order_by("-rank", "-readout_id", "position")
    # Call date, readout and position already order every row: no ties for rank to break,
    # and scoring every match only to sort by date doubled the time of a common word.
    backend = _backend()
    if common:
        statements = backend.filter_for_date_walk(statements, query, speakers=speakers)
        date = F("readout__call__date")
    else:
        statements = backend.filter_and_rank(statements, query, ranked=False, speakers=speakers)
        date = backend.date_for_sorting_matches(F("readout__call__date"))
    if sort == "newest":
        return statements.order_by(date.desc(), "-readout_id", "position")
    return statements.order_by(date.asc(), "readout_id", "position")


def index_matches(
    q: str | Query,
    statements: QuerySet[Statement],
    speakers: Collection[int] | None = None,
) -> tuple[str, list] | None:
    """SQL listing the ids (column `id`) of `statements` matching `q` from the search index
    alone, and its parameters, where `statements` are every statement or, with `speakers`,
    exactly those speakers' (no other filter). None when the backend has no such list
    cheaper than search_statements' rows (PostgreSQL: the vector is on the row)."""
    return _backend().index_matches(_parsed(q), statements, speakers)


def count_matches(
    q: str | Query,
    statements: QuerySet[Statement],
    cap: int,
    speakers: Collection[int] | None = None,
) -> int:
    """How many of `statements` match `q`, at most cap + 1: in the index alone where
    index_matches can list them (`statements` as it says), else through the rows."""
    listed = index_matches(q, statements, speakers)
    if listed is None:
        rows = search_statements(q, statements, "newest", speakers=speakers)
        return rows.order_by().values("pk")[: cap + 1].count()
    sql, params = listed
    with connection.cursor() as cursor:
        cursor.execute(capped_count_sql(sql), [*params, cap + 1])
        return cursor.fetchone()[0]


def capped_count_sql(listed_sql: str) -> str:
    """SQL counting the ids that `listed_sql` (index_matches) lists, stopping at the number
    given as its last parameter."""
    return f"SELECT COUNT(*) FROM (SELECT id FROM ({listed_sql}) listed LIMIT %s) capped"  # noqa: S608


def first_matches(
    q: str | Query,
    statements: QuerySet[Statement],
    limit: int,
    speakers: Collection[int] | None = None,
) -> QuerySet[Statement]:
    """`limit` of `statements` matching `q`, the first the database finds (in the order of
    its table, which is the order of import), as index_matches lists them where it can."""
    return _backend().first_matches(_parsed(q), statements, limit, speakers)


def spread_sample(
    q: str | Query,
    statements: QuerySet[Statement],
    size: int,
    speakers: Collection[int] | None = None,
    indexed: int | None = None,
) -> QuerySet[Statement]:
    """About `size` of `statements` matching `q`, spread over the archive rather than the
    first the database finds (sampling.py), for more matches than a capped count counts.
    `speakers`: as in search_statements; `indexed`: how many matches index_matches lists,
    if the caller counted them (up to sampling.INDEX_SCAN_LIMIT + 1)."""
    return _backend().spread_sample(_parsed(q), statements, size, speakers, indexed)


def sorts_few_rows_whole() -> bool:
    """Whether a page of a few matches (fewer than the caller deems common) is best fetched
    by the ordered query selecting whole rows, rather than the page's ids first and then
    their rows. PostgreSQL: yes, its top-N sort keeps 20 rows whatever their width, and the
    second query costs a round trip and a plan. SQLite: no, its sorter copies every row it
    is given, text included."""
    return _backend().SORTS_FEW_ROWS_WHOLE


def plan_for_date_walk():
    """A context in which the queries walk the date index for a common term (see
    search_statements): SQLite follows the query's shape, PostgreSQL needs telling."""
    return _backend().plan_for_date_walk()


def refresh_after_bulk_write() -> None:
    """After an import: what the database needs to search the new rows at full speed (the
    planner's statistics; on PostgreSQL the GIN index's pending list merged). Autovacuum would
    do it in time; until then every search reads the pending list: 12 ms instead of 0.3 ms
    for a rare word after 10,000 new statements."""
    _backend().refresh_after_bulk_write()


def add_snippets(statements: Sequence[Statement], q: str | Query) -> None:
    """Set `snippet` on each statement: about 30 words around its best hits, each hit between
    HIT_START and HIT_END, with … where the text was cut. At most one query for all of them
    (SQLite makes them from the rows' text alone)."""
    statements = list(statements)
    if not statements:
        return
    found = _backend().snippets(statements, _parsed(q), HIT_START, HIT_END)
    for statement in statements:
        snippet = found.get(statement.pk)
        if snippet is None:  # not a match (the caller passed other rows): the opening words
            words = statement.text.split()
            snippet = " ".join(words[:30]) + ("…" if len(words) > 30 else "")
        statement.snippet = snippet

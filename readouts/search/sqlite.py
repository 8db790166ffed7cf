"""SQLite backend: FTS5 MATCH over the external-content table of migration 0002.

Every term goes to FTS5 as a double-quoted string, so nothing the user typed is read as FTS5
syntax (the sqlite-utils / datasette way); FTS5's own tokenizer then splits and stems it as it
did the indexed text. The FTS table is joined on rowid, and ranked from its side with bm25.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Sequence
from contextlib import nullcontext

from django.db import connection, models
from django.db.models import F, FloatField, Func, QuerySet, Value
from django.db.models.expressions import Col, RawSQL
from django.db.models.sql.constants import INNER
from django.db.models.sql.datastructures import Join

from .. import sampling, search
from ..models import Statement
from .query import Query, Term

FTS = "readouts_statement_fts"
TOKENIZE = "porter unicode61 remove_diacritics 2"  # the index's (migration 0003)
# Its sorter copies whole rows: two words' 313 matches at 10,000 statements took the page
# 0.8 ms longer in one query than their ids and then 20 rows.
SORTS_FEW_ROWS_WHOLE = False
SNIPPET_TOKENS = 30


def quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(term: Term) -> str:
    if term.prefix:
        # FTS5 matches a prefix against stored stems, unstemmed: "agree"* misses "agreed"
        # (stored as agre). The stemmed word as well finds the inflections, as on PostgreSQL.
        return f"({quote(term.text)}* OR {quote(term.text)})"
    return quote(term.text)


def compile_match(query: Query, speakers: Collection[int] | None = None) -> str:
    """The FTS5 MATCH expression for a parsed query, over the text column; with `speakers`,
    only their statements (the speaker_id column of migration 0003), which FTS5 intersects
    with the words itself, skipping through the longer list."""
    groups = []
    for group in query.groups:
        alternatives = [_term(t) for t in group]
        groups.append(alternatives[0] if len(group) == 1 else f"({' OR '.join(alternatives)})")
    expression = f"({' AND '.join(groups)})"
    for term in query.excluded:
        expression += f" NOT {_term(term)}"
    expression = f"text : ({expression})"
    if speakers is not None:
        ids = " OR ".join(quote(str(int(pk))) for pk in sorted(speakers)) or quote("none")
        expression += f" AND speaker_id : ({ids})"
    return expression


class _Match(models.Expression):
    output_field = models.BooleanField()

    def __init__(self, alias: str, match: str) -> None:
        super().__init__()
        self.alias, self.match = alias, match

    def as_sql(self, compiler, connection):
        qn = compiler.quote_name_unless_alias
        return f"{qn(self.alias)}.{qn(FTS)} MATCH %s", [self.match]


def _rowid_field() -> models.Field:
    rowid = models.BigIntegerField()
    rowid.set_attributes_from_name("rowid")
    rowid.model = Statement  # expressions hash a field by its model; never added to it
    return rowid


def _rank_field() -> models.Field:
    rank = models.FloatField()
    rank.set_attributes_from_name("rank")
    rank.model = Statement
    return rank


class _FtsRelation:
    """Stands in for a relation field so the query can INNER JOIN the FTS table on rowid,
    with the MATCH in the ON clause. Django relabels the join like any other when the
    QuerySet becomes a subquery (the facets do that), which raw extra() SQL would not."""

    def __init__(self, match: str) -> None:
        self.match = match

    def get_joining_fields(self):
        return ((Statement._meta.pk, _rowid_field()),)

    def get_extra_restriction(self, alias, related_alias):
        return _Match(alias, self.match)


def filter_and_rank(
    queryset: QuerySet[Statement],
    query: Query,
    ranked: bool = True,
    speakers: Collection[int] | None = None,
) -> QuerySet[Statement]:
    queryset = queryset.all()
    base = queryset.query.get_initial_alias()
    match = compile_match(query, speakers)
    join = Join(FTS, base, None, INNER, _FtsRelation(match), nullable=False)
    alias = queryset.query.join(join)
    if not ranked:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    # FTS5's `rank` is bm25(), lower for better matches.
    rank = Func(Col(alias, _rank_field()), template="(-%(expressions)s)", output_field=FloatField())
    return queryset.annotate(rank=rank)


def filter_for_date_walk(
    queryset: QuerySet[Statement], query: Query, speakers: Collection[int] | None = None
) -> QuerySet[Statement]:
    """The same matches as an `+id IN (SELECT rowid ... MATCH)` set: SQLite then scans the
    calls by the date index and probes the set for each statement, stopping after the page,
    where the join on the FTS table makes it sort every match. The unary + keeps the planner
    from using the set to look statements up by id (it needs ANALYZE statistics to prefer
    the walk: docs/benchmarks.md)."""
    match = compile_match(query, speakers)
    match_ids = RawSQL(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [match])  # noqa: S611, S608
    walk_id = Func(F("pk"), template="+%(expressions)s", output_field=models.IntegerField())
    return (
        queryset.alias(_walk_id=walk_id)
        .filter(_walk_id__in=match_ids)
        .annotate(rank=Value(0.0, output_field=FloatField()))
    )


def index_matches(
    query: Query,
    statements: QuerySet[Statement],
    speakers: Collection[int] | None = None,
) -> tuple[str, list]:
    """Listed by the FTS table alone (`statements` are every statement, or the speakers').
    Joined to their statement rows (which tests nothing here), the first 10,001 matches of a
    prefix in 1M statements took 13.8 ms to count instead of 1.1 ms, and those of two words
    15.5 instead of 2.3: a B-tree look-up for each."""
    sql = f"SELECT rowid AS id FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608
    return sql, [compile_match(query, speakers)]


def first_matches(
    query: Query,
    statements: QuerySet[Statement],
    limit: int,
    speakers: Collection[int] | None = None,
) -> QuerySet[Statement]:
    """`limit` matches, the first the FTS table lists (see index_matches)."""
    sql, params = index_matches(query, statements, speakers)
    ids = RawSQL(f"{sql} LIMIT %s", [*params, limit])  # noqa: S611
    return Statement.objects.filter(pk__in=ids).order_by()


def spread_sample(
    query: Query,
    statements: QuerySet[Statement],
    size: int,
    speakers: Collection[int] | None = None,
    indexed: int | None = None,
) -> QuerySet[Statement]:
    """About `size` of the matches in `statements`, uniformly: those whose id's hash
    (sampling.py) falls under a threshold set for that many. They are chosen in the FTS
    table alone, which lists every match's id at 30-40 ns each, against a B-tree look-up
    for each match joined. Sorting every match by its hash to keep the first `size` took
    twice as long (6.4 against 2.9 ms for a word in half of 100,000 statements).

    The threshold needs the number of matches in the index, counted there (27 ns a match)
    unless the caller did (`indexed`: 3.8 ms for the common word at 1M).
    With filters other than the speakers', fewer of the chosen ids pass them. Past
    INDEX_SCAN_LIMIT matches, counting and choosing among them all took 54 ms for a word in
    half of 1M statements: the sample is then the matches in the id windows
    (sampling.windows), each a range FTS5 seeks to in its lists."""
    limit = sampling.INDEX_SCAN_LIMIT
    if indexed is None:
        indexed = search.count_matches(query, statements, limit, speakers)
    found = max(indexed, 1)
    if found > limit:
        ids = _in_windows(compile_match(query, speakers))
        return statements.filter(pk__in=ids).order_by()
    sql, params = index_matches(query, statements, speakers)
    threshold = sampling.scatter_threshold(min(1.0, size / found))
    chosen = f"SELECT id FROM ({sql}) listed WHERE {sampling.scatter_sql('id')} < %s"  # noqa: S608
    return statements.filter(pk__in=RawSQL(chosen, [*params, threshold])).order_by()  # noqa: S611


def _in_windows(match: str) -> RawSQL:
    """The ids of the matches in the id windows, one range of the FTS table's rowids each."""
    one = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s AND rowid >= %s AND rowid < %s"  # noqa: S608
    windows = sampling.windows()
    params = [value for start, end in windows for value in (match, start, end)]
    return RawSQL(" UNION ALL ".join([one] * len(windows)), params)  # noqa: S611


def date_for_sorting_matches(date: models.Expression) -> models.Expression:
    """SQLite reads a rare term's matches from the FTS table and sorts them by itself."""
    return date


def plan_for_date_walk():
    """The `+id IN (...)` of filter_for_date_walk already makes SQLite walk the dates."""
    return nullcontext()


def refresh_after_bulk_write() -> None:
    with connection.cursor() as cursor:
        # Statistics from a sample of each index (a full ANALYZE reads them whole): enough for
        # the planner to prefer the date walk for a common word (filter_for_date_walk).
        cursor.execute("PRAGMA analysis_limit = 1000")
        cursor.execute("ANALYZE")


_scratch = threading.local()


def _page_index() -> sqlite3.Connection:
    """This thread's FTS5 table for one page's rows, in a private in-memory database: the
    search index's tokenizer, the rows' text only (external content, like the index)."""
    db = getattr(_scratch, "db", None)
    if db is None:
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.executescript(
            "CREATE TABLE page (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
            "CREATE VIRTUAL TABLE page_fts USING fts5(text, content='page', "
            f"content_rowid='id', tokenize='{TOKENIZE}');"
        )
        _scratch.db = db
    return db


def snippets(statements: Sequence[Statement], query: Query, start: str, end: str) -> dict:
    """{statement id: excerpt} for the given rows, by snippet() over an FTS5 table of these
    rows alone, indexed as the search index would and dropped with the transaction.

    Asked of the search index, `MATCH ... AND rowid IN (page's ids)` made FTS5 evaluate the
    query again for each of the ids: for a prefix, every word that begins with it merged 20
    times, 15 ms at 1,000,000 statements (1-3 ms for words and phrases); over the page's
    rows it takes 0.3-0.6 ms whatever the archive's size."""
    rows = {s.pk: s.text for s in statements}
    if not rows:
        return {}
    db = _page_index()
    db.execute("BEGIN")
    try:
        db.executemany("INSERT INTO page (id, text) VALUES (?, ?)", rows.items())
        db.execute("INSERT INTO page_fts (rowid, text) SELECT id, text FROM page")
        found = db.execute(
            "SELECT rowid, snippet(page_fts, 0, ?, ?, ?, ?) FROM page_fts WHERE page_fts MATCH ?",
            [start, end, "…", SNIPPET_TOKENS, compile_match(query)],
        ).fetchall()
    finally:
        db.execute("ROLLBACK")
    return dict(found)

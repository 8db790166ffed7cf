"""PostgreSQL backend: a tsquery built from the parsed query, matched against the stored
generated column of migration 0002 (GIN-indexed), ranked with ts_rank.

Each term reaches PostgreSQL only as the argument of phraseto_tsquery(), which reads plain
text and has no operators; the operators come from the tree. A prefix's lexeme is built here
from letters and digits alone, so it cannot carry tsquery syntax either.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from contextlib import contextmanager

from django.db import connection, models, transaction
from django.db.models import FloatField, Func, QuerySet
from django.db.models.expressions import Col, RawSQL

from .. import sampling
from ..models import Statement
from .query import Query, Term

CONFIG = "readouts_english"
_CONFIG = f"'{CONFIG}'::regconfig"
HEADLINE_OPTIONS = (
    'StartSel="{start}", StopSel="{end}", MaxWords=30, MinWords=12, ShortWord=2, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# A statement this short is shown whole (fragments would trim its first and last words).
WHOLE_OPTIONS = 'StartSel="{start}", StopSel="{end}", HighlightAll=true'
WHOLE_WORDS = 30
FRAGMENT_DELIMITER = " … "
# A rare word's page at 10,000 statements: 12.4 ms in one query, 14.7 ms in two (ids, rows).
SORTS_FEW_ROWS_WHOLE = True


class _TsVectorField(models.Field):
    def db_type(self, connection):
        return "tsvector"


class _TsQueryField(models.Field):
    def db_type(self, connection):
        return "tsquery"


def _vector_field() -> models.Field:
    vector = _TsVectorField()
    vector.set_attributes_from_name("search_vector")
    vector.model = Statement  # expressions hash a field by its model; never added to it
    return vector


def _term(term: Term) -> tuple[str, list]:
    if not term.prefix:
        return f"phraseto_tsquery({_CONFIG}, %s)", [term.text]
    # PostgreSQL stems a prefix ('agree:*' becomes 'agre':*) while FTS5 does not; the same
    # reading on both: the typed letters as a prefix of a stored word, or the word stemmed.
    lexeme = f"'{term.words[-1]}':*"
    if len(term.words) == 1:
        prefix_sql, params = "%s::tsquery", [lexeme]
    else:
        head = " ".join(term.words[:-1])
        prefix_sql, params = f"(phraseto_tsquery({_CONFIG}, %s) <-> %s::tsquery)", [head, lexeme]
    return f"(phraseto_tsquery({_CONFIG}, %s) || {prefix_sql})", [term.text, *params]


def compile_tsquery(query: Query) -> tuple[str, list]:
    """SQL for a tsquery expression, and its parameters."""
    parts, params = [], []
    for group in query.groups:
        sqls = []
        for term in group:
            sql, p = _term(term)
            sqls.append(sql)
            params += p
        parts.append(sqls[0] if len(sqls) == 1 else f"({' || '.join(sqls)})")
    for term in query.excluded:
        sql, p = _term(term)
        parts.append(f"!!{sql}")
        params += p
    return f"({' && '.join(parts)})", params


class _Matches(Func):
    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = models.BooleanField()
    conditional = True


class _Tested(_Matches):
    """The same test in a form no index serves: each row's vector is read and tested."""

    template = "(%(expressions)s) IS TRUE"


def filter_and_rank(
    queryset: QuerySet[Statement],
    query: Query,
    ranked: bool = True,
    speakers: Collection[int] | None = None,
    indexed: bool = True,
) -> QuerySet[Statement]:
    """`speakers` is not needed: PostgreSQL combines the speaker index with the GIN index.
    Not `indexed`: each row the rest of the query reads is tested (spread_sample)."""
    queryset = queryset.all()
    # A Col on the statement table's alias, so it is relabelled if this becomes a subquery.
    vector = Col(queryset.query.get_initial_alias(), _vector_field())
    sql, params = compile_tsquery(query)
    tsquery = RawSQL(sql, params, output_field=_TsQueryField())  # noqa: S611  (terms are params)
    queryset = queryset.filter((_Matches if indexed else _Tested)(vector, tsquery))
    if not ranked:
        return queryset.annotate(rank=models.Value(0.0, output_field=FloatField()))
    # Normalisation 1: divide by 1 + log(length), so long statements do not win by size.
    rank = Func(vector, tsquery, models.Value(1), function="ts_rank", output_field=FloatField())
    return queryset.annotate(rank=rank)


def filter_for_date_walk(
    queryset: QuerySet[Statement], query: Query, speakers: Collection[int] | None = None
) -> QuerySet[Statement]:
    """The plain unranked filter: run it within plan_for_date_walk()."""
    return filter_and_rank(queryset, query, ranked=False)


def index_matches(
    query: Query,
    statements: QuerySet[Statement],
    speakers: Collection[int] | None = None,
) -> None:
    """None: the search vector is on the statement row, so there is no table to leave out,
    and a count goes through `statements` as any count does. (Given the speakers' ids as
    literals, the planner intersected the whole GIN bitmap of a common word with the
    speaker's index: 42 ms for a count that `statements`' own speaker subquery gets in 12.)"""
    return None


def first_matches(
    query: Query,
    statements: QuerySet[Statement],
    limit: int,
    speakers: Collection[int] | None = None,
) -> QuerySet[Statement]:
    """The matches themselves, not their ids for an `IN`: the facets read their columns from
    the rows the search found (an `IN` looked each of 2,000 up again by primary key)."""
    return _unranked(query, statements)[:limit]


def spread_sample(
    query: Query,
    statements: QuerySet[Statement],
    size: int,
    speakers: Collection[int] | None = None,
    indexed: int | None = None,
) -> QuerySet[Statement]:
    """A sample of very many matches spread over the archive (sampling.py): reading them
    all grows with the archive (0.5 s for a word in half of 1M statements), so the sample
    is the matches among the statements of evenly spread id windows, each tested row by
    row: offered the GIN index, the planner may read every match in the archive and keep
    those in the windows. `size` and `indexed` are not needed: the windows' size is fixed."""
    tested = filter_and_rank(statements, query, ranked=False, indexed=False)
    return sampling.in_windows(tested)


def _unranked(query: Query, statements: QuerySet[Statement]) -> QuerySet[Statement]:
    return filter_and_rank(statements, query, ranked=False).order_by()


WALK_OFF = ("bitmapscan", "seqscan", "sort", "material", "hashjoin", "mergejoin")


@contextmanager
def plan_for_date_walk():
    """Queries in this block walk the date index rather than read every match from the GIN
    index and sort them. For a single word the planner does so by itself, but its estimate
    of a phrase or of several words can be a few hundred matches where there are 90,000
    (in 1M statements): it then reads them all (0.7-1 s) where the walk stops after a page
    (2 ms). The caller's capped count is the better estimate: it says the term is common,
    and even at 0.1 % of the statements the walk tests ~20,000 of them, ~60 ms.
    Turning off the bitmap and sequential scans alone was not enough: with a phrase estimated
    at 39 matches it read them all by another index and sorted them, or kept them in a
    Materialize node (90 ms at 100k statements, 1 ms walked), so sorts, materialising and
    hash and merge joins are off too: what is left is the nested loop down the date index.
    Transaction-local settings (SET LOCAL), so nothing outlives the block."""
    off = ", ".join(f"set_config('enable_{name}', 'off', true)" for name in WALK_OFF)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT {off}")  # noqa: S608 - names from WALK_OFF
        yield


def date_for_sorting_matches(date: models.Expression) -> models.Expression:
    """The call date as an expression no index serves (`date + 0`), for the few matches of a
    rare term: its statistics can put a term's frequency a hundred times too high (1,598
    estimated, 40 found in 1M statements), and the planner then walks every call by date
    looking for them (1.7 s) where reading the matches from the GIN index and sorting them
    takes 12 ms."""
    return Func(date, template="(%(expressions)s + 0)", output_field=models.DateField())


def refresh_after_bulk_write() -> None:
    with connection.cursor() as cursor:
        # New rows wait in the GIN index's pending list (fastupdate), which every search
        # reads through, until VACUUM or autoanalyze merges it.
        cursor.execute("SELECT gin_clean_pending_list('readouts_statement_search_vector')")
        cursor.execute(
            "ANALYZE readouts_statement, readouts_readout, readouts_call, readouts_participant,"
            " readouts_person, readouts_personalias"
        )


def _with_ellipses(headline: str, text: str, start: str, end: str) -> str:
    """ts_headline does not say where it cut; add … where the excerpt is not the text's
    beginning or end."""
    plain = headline.replace(start, "").replace(end, "")
    fragments = plain.split(FRAGMENT_DELIMITER)
    body = text.strip()
    if fragments[0].strip() and not body.startswith(fragments[0].strip()):
        headline = "…" + headline.lstrip()
    if fragments[-1].strip() and not body.endswith(fragments[-1].strip()):
        headline = headline.rstrip() + "…"
    return headline


def snippets(statements: Sequence[Statement], query: Query, start: str, end: str) -> dict:
    """{statement id: excerpt}, in one query for the given rows."""
    texts = {s.pk: s.text for s in statements}
    if not texts:
        return {}
    tsquery, params = compile_tsquery(query)
    short = [pk for pk, text in texts.items() if len(text.split()) <= WHOLE_WORDS]
    sql = (
        f"SELECT id, CASE WHEN id = ANY(%s) "  # noqa: S608
        f"THEN ts_headline({_CONFIG}, text, {tsquery}, %s) "
        f"ELSE ts_headline({_CONFIG}, text, {tsquery}, %s) END "
        "FROM readouts_statement WHERE id = ANY(%s)"
    )
    whole = WHOLE_OPTIONS.format(start=start, end=end)
    fragments = HEADLINE_OPTIONS.format(start=start, end=end)
    with connection.cursor() as cursor:
        cursor.execute(sql, [short, *params, whole, *params, fragments, list(texts)])
        rows = cursor.fetchall()
    return {pk: _with_ellipses(headline, texts[pk], start, end) for pk, headline in rows}

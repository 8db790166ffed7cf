"""Reads. Views, downloads and the export command get their QuerySets here."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Func, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from . import sampling, search
from .models import Call, Participant, Person, Readout, Statement

FACET_SIZE = 10
MAX_SUGGESTIONS = 2000
# Counts stop here ("more than 10,000"): an exact count of a common word scans every match.
COUNT_CAP = 10_000
# Facets count this many of the matches, spread over the archive (all of them when there are
# fewer; sampling.py).
FACET_SAMPLE = 2_000
# From this many matches on, a date-ordered page walks the date index (search_statements).
COMMON_MATCHES = 1_000
SUGGESTIONS_SECONDS = 300
# Each process reads the suggestions' version at most this often; a change made in another
# process (a web worker, an import) shows within it. In this one, saving or deleting a
# person or a participant forgets the version at once (apps.py).
VERSION_SECONDS = 1.0

# Every person as the facets name them: id -> (slug, name, country).
PeopleById = dict[int, tuple[str, str, str]]


def calls_for_export(calls: QuerySet[Call]) -> QuerySet[Call]:
    """Calls with everything the export format needs, oldest first, in few queries."""
    statements = Statement.objects.select_related("speaker").order_by("position")
    readouts = (
        Readout.objects.defer("raw_text")
        .order_by("id")
        .prefetch_related(Prefetch("statements", queryset=statements))
    )
    participants = Participant.objects.select_related("person").order_by("position")
    return calls.order_by("date", "id").prefetch_related(
        Prefetch("participants", queryset=participants),
        Prefetch("readouts", queryset=readouts),
    )


def archive_counts() -> dict[str, int]:
    return {
        "calls": Call.objects.count(),
        "people": Person.objects.count(),
        "statements": Statement.objects.count(),
    }


def calls_per_month() -> list[tuple[int, int, int]]:
    """(year, month, number of calls), oldest first."""
    rows = (
        Call.objects.annotate(year=_Year("date"), month=_Month("date"))
        .values("year", "month")
        .annotate(n=Count("id"))
        .order_by("year", "month")
    )
    return [(r["year"], r["month"], r["n"]) for r in rows]


def call_detail(pk: int) -> QuerySet[Call]:
    """The call with its participants, readouts and their statements: four queries."""
    readouts = Readout.objects.order_by("id").prefetch_related(
        Prefetch("statements", queryset=Statement.objects.in_order())
    )
    return Call.objects.filter(pk=pk).prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("person")),
        Prefetch("readouts", queryset=readouts),
    )


def _count_of(rows: QuerySet, column: str) -> Subquery:
    return Subquery(
        rows.filter(**{column: OuterRef("pk")})
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def people_for_listing(people: QuerySet[Person]) -> QuerySet[Person]:
    """People with `call_count` and `statement_count`. Correlated counts rather than
    Person.with_counts()'s joins: the joins multiply calls by statements before counting,
    which took seconds with 100,000 statements; these run for the rows of the page only."""
    return people.annotate(
        call_count=Coalesce(_count_of(Participant.objects.all(), "person"), 0),
        statement_count=Coalesce(_count_of(Statement.objects.all(), "speaker"), 0),
    ).order_by("name", "id")


def person_calls(person: Person) -> QuerySet[Call]:
    return (
        Call.objects.for_listing()
        .filter(pk__in=Participant.objects.filter(person=person).values("call_id"))
        .order_by("date", "id")
    )


def counterparts(person: Person) -> QuerySet[Person]:
    """The people this person was in calls with, most calls first."""
    calls = Participant.objects.filter(person=person).values("call_id")
    return (
        Person.objects.filter(participations__call__in=calls)
        .exclude(pk=person.pk)
        .annotate(shared=Count("participations__call", distinct=True))
        .order_by("-shared", "name")
    )


def known_countries() -> list[str]:
    """Every country printed for a participant, for the filter forms' suggestions."""
    rows = (
        Participant.objects.exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct()
    )
    return list(rows)


def known_people() -> QuerySet[Person]:
    """Names for the filter forms' suggestions (a few hundred in a large archive)."""
    return Person.objects.order_by("name").only("name", "slug")[:MAX_SUGGESTIONS]


def _suggestions_version() -> tuple:
    """Changes when people or participants are added or people edited; cheap (max of a
    primary key, 352 people). An edited participant's country shows within the timeout."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM readouts_person),"
            " (SELECT max(updated_at) FROM readouts_person),"
            " (SELECT max(id) FROM readouts_participant)"
        )
        return tuple(str(v) for v in cursor.fetchone())


@dataclass(frozen=True)
class Suggestions:
    """What the filter forms offer (names, countries) and how a typed country is resolved,
    as of one version of the people and participants; each part is kept in the cache."""

    version: str

    def _cached(self, name: str, make):
        key = f"readouts:{name}:{self.version}"
        value = cache.get(key)
        if value is None:
            value = make()
            cache.set(key, value, SUGGESTIONS_SECONDS)
        return value

    def datalists(self, people: bool = True) -> SafeString:
        """The <datalist>s of names and countries for the filter inputs: rendering ~350 names
        and the DISTINCT over every participant cost more than the rest of a search page
        for a rare word."""

        def render() -> SafeString:
            context = {
                "people": known_people() if people else None,
                "countries": known_countries(),
            }
            return render_to_string("readouts/_datalists.html", context)

        return self._cached(f"suggestions:{int(people)}", render)

    def country_spellings(self, typed: str) -> tuple[str, ...]:
        """The countries, as printed for participants and people, that `typed` names in
        any case (usually one; none for a country the archive does not know)."""

        def spellings() -> dict[str, tuple[str, ...]]:
            printed = set(known_countries())
            printed.update(Person.objects.exclude(country="").values_list("country", flat=True))
            by_key: dict[str, list[str]] = {}
            for country in sorted(printed):
                by_key.setdefault(country.casefold(), []).append(country)
            return {key: tuple(names) for key, names in by_key.items()}

        return self._cached("countries", spellings).get(typed.strip().casefold(), ())

    def people(self) -> PeopleById:
        """Every person's (slug, name, country) by id, for the facets. Kept in this process,
        not in the cache, which would unpickle a few hundred names on every search."""
        global _people_memo  # noqa: PLW0603 - one (version, map) pair, swapped whole
        memo = _people_memo
        if memo is None or memo[0] != self.version:
            memo = _people_memo = (self.version, _people_by_id(Person.objects.all()))
        return memo[1]


_people_memo: tuple[str, PeopleById] | None = None


_version_memo: tuple[float, str] | None = None


def suggestions() -> Suggestions:
    """One query at most once a second (VERSION_SECONDS); what it returns reads the cache
    until people or participants change. The query is a round trip and a plan: 0.4-0.5 ms
    of a 12 ms search page for a rare word on PostgreSQL."""
    global _version_memo  # noqa: PLW0603 - one (time, version) pair, swapped whole
    now = time.monotonic()
    memo = _version_memo
    if memo is None or now - memo[0] >= VERSION_SECONDS:
        version = hashlib.sha256("|".join(_suggestions_version()).encode()).hexdigest()[:16]
        memo = _version_memo = (now, version)
    return Suggestions(memo[1])


def forget_suggestions_version(**_signal) -> None:
    """The next suggestions() reads the version again (a signal receiver, apps.py)."""
    global _version_memo  # noqa: PLW0603
    _version_memo = None


def statements_for_listing(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    """What a row of statements shows (templates/readouts/_statement_results.html): speaker,
    readout title, call date, and nothing else. Each timestamp left out is a datetime less to
    parse per row; the whole rows took a search page 2.9 ms of its 12 to build."""
    return statements.select_related("speaker", "readout__call").only(
        "readout", "position", "speaker", "speaker_label", "kind", "text",
        "speaker__name", "speaker__slug", "readout__title", "readout__call__date",
    )  # fmt: skip


def order_statements(statements: QuerySet[Statement], sort: str) -> QuerySet[Statement]:
    """For listings without a text query (relevance means nothing there: newest first)."""
    if sort == "oldest":
        return statements.order_by("readout__call__date", "readout_id", "position")
    return statements.order_by("-readout__call__date", "-readout_id", "position")


@dataclass
class Facets:
    people: list[dict]
    countries: list[dict]
    years: list[dict]
    counted: int = 0  # the statements counted
    sampled: bool = False  # a sample of the matches, not all of them


def facets_and_count(
    matches: QuerySet[Statement],
    query: search.Query | None = None,
    statements: QuerySet[Statement] | None = None,
    speakers: Collection[int] | None = None,
    people: PeopleById | None = None,
    index_alone: bool = False,
) -> tuple[Facets, int]:
    """The facets of `matches` and their number, at most COUNT_CAP + 1 (more than the cap).
    `people`: see statement_facets.

    With `query`, `matches` are the `statements` matching it (`speakers`: `statements` holds
    only theirs). `index_alone`: `statements` are every statement or exactly the speakers'
    (no other filter), and the search backend may count in its index alone.

    One statement counts the matches (capped at COUNT_CAP + 1) and groups them for the
    facets: all of them when there are no more than FACET_SAMPLE; else, when the count is
    exact, about FACET_SAMPLE of them, chosen by a hash of their ids among every match
    (sampling.py); else none, and a sample spread over the archive follows. Grouping the
    first 2,001 before counting cost 2-9 ms for every result larger than that; a count as
    a query of its own, a round trip more for every search with few matches (8.9 → 10.1 ms
    for a rare word on PostgreSQL); the sample as a query of its own, a second pass over
    every match (a date range's 5,500 matches at 100k statements: 20 ms on PostgreSQL)."""
    listed = None
    if query is not None and index_alone:
        listed = search.index_matches(query, statements, speakers)
    try:
        found, grouped = _count_and_sample(matches.order_by()[: COUNT_CAP + 1], listed)
    except EmptyResultSet:  # a filter that nothing can pass, as `country__in=[]`
        found, grouped = 0, []
    counted = min(found, COUNT_CAP + 1)
    if grouped is not None:
        facets = _facets(grouped, people)
        facets.sampled = found > FACET_SAMPLE
        return facets, counted
    if query is None:
        sample = sampling.in_windows(matches)
    else:
        indexed = None if listed is None else found  # what the index listed, if counted
        sample = search.spread_sample(query, statements, FACET_SAMPLE, speakers, indexed)
    facets = statement_facets(matches, sample, people)
    if not facets.counted:  # a narrow filter can leave a thin sample none: then the first ones
        if listed is None:
            first = matches.order_by()[:FACET_SAMPLE]
        else:
            first = search.first_matches(query, statements, FACET_SAMPLE, speakers)
        facets = statement_facets(matches, first, people)
    facets.sampled = True
    return facets, counted


class _Year(Func):
    """The year of a date column in C: Django's ExtractYear on SQLite is a Python function
    called for every row (django_date_extract)."""

    output_field = IntegerField()
    sqlite_template = "CAST(substr(%(expressions)s, 1, 4) AS integer)"
    postgresql_template = "date_part('year', %(expressions)s)::integer"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=self.sqlite_template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=self.postgresql_template, **extra)


class _Month(_Year):
    """The month of a date column in C (see _Year)."""

    sqlite_template = "CAST(substr(%(expressions)s, 6, 2) AS integer)"
    postgresql_template = "date_part('month', %(expressions)s)::integer"


def statement_facets(
    matches: QuerySet[Statement],
    sample: QuerySet[Statement] | None = None,
    people: PeopleById | None = None,
) -> Facets:
    """Counts by speaker, speaker's country and year over the `matches`, or over `sample`,
    some of them (facets_and_count takes one spread over the archive; without it, the first
    FACET_SAMPLE the database finds).

    One query groups the sampled rows' own speaker ids by year (a few thousand groups at
    most, summed here): no `IN` that looks each sampled row up again, no join to people,
    whose names and countries come from `people` (Suggestions.people)."""
    if sample is None:
        sample = matches.order_by()[:FACET_SAMPLE]
    try:
        sql, params = _rows_sql(sample)
    except EmptyResultSet:  # a filter that nothing can pass, as `country__in=[]`
        return _facets([], people)
    with connection.cursor() as cursor:
        cursor.execute(_grouping_sql(sql), params)
        return _facets(cursor.fetchall(), people)


def _facets(rows: list[tuple[int | None, int, int]], people: PeopleById | None) -> Facets:
    """Facets from (speaker id, year, number of statements) rows (_grouping_sql)."""
    if people is None:
        people = suggestions().people()
    missing = {speaker for speaker, _, _ in rows if speaker is not None} - people.keys()
    if missing:  # added since `people` was read
        people = {**people, **_people_by_id(Person.objects.filter(pk__in=missing))}
    by_person: Counter[tuple[str, str]] = Counter()
    countries: Counter[str] = Counter()
    years: Counter[int] = Counter()
    for speaker, year, n in rows:
        if speaker is not None:
            slug, name, country = people[speaker]
            by_person[slug, name] += n
            if country:
                countries[country] += n
        years[year] += n
    top_people = sorted(by_person.items(), key=lambda kv: (-kv[1], kv[0][1]))[:FACET_SIZE]
    top_countries = sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]
    return Facets(
        counted=sum(years.values()),
        people=[
            {"speaker__slug": slug, "speaker__name": name, "n": n} for (slug, name), n in top_people
        ],
        countries=[{"speaker__country": c, "n": n} for c, n in top_countries],
        years=[{"year": y, "n": n} for y, n in sorted(years.items(), reverse=True)],
    )


def _rows_sql(rows: QuerySet[Statement], *first: str) -> tuple[str, list]:
    """SQL for the (`first` columns..., speaker_id, readout_id) of `rows`, and its
    parameters. Raises EmptyResultSet when `rows` can hold nothing."""
    sql, params = rows.values_list(*first, "speaker_id", "readout_id").query.sql_with_params()
    return sql, [*params]


def _grouping_sql(rows_sql: str) -> str:
    """(speaker id, year, number of statements) over the rows of `rows_sql` (_rows_sql).
    Raw SQL because the ORM cannot group over a subquery in FROM, and grouping
    `Statement.objects.filter(pk__in=sampled)` read every sampled row a second time: 10 ms
    instead of 6 for 2,000 matches on PostgreSQL."""
    template = {"sqlite": _Year.sqlite_template, "postgresql": _Year.postgresql_template}
    year = template[connection.vendor] % {"expressions": "c.date"}
    return (
        f"SELECT t.speaker_id, {year}, COUNT(*) FROM ({rows_sql}) t"  # noqa: S608
        " JOIN readouts_readout r ON r.id = t.readout_id"
        " JOIN readouts_call c ON c.id = r.call_id GROUP BY 1, 2"
    )


def _count_and_sample(
    rows: QuerySet[Statement], listed: tuple[str, list] | None = None
) -> tuple[int, list[tuple[int | None, int, int]] | None]:
    """How many matches there are, up to a cap + 1: `rows`, a QuerySet of at most COUNT_CAP
    + 1; or, if given, those `listed` (SQL for a column `id`, and its parameters), counted
    up to INDEX_SCAN_LIMIT + 1 (sampling.py: an index lists ids at 27 ns each). With it,
    from the same statement, the facets' rows (_grouping_sql) of every match when there are
    no more than FACET_SAMPLE; else of about FACET_SAMPLE of them, those whose id's hash is
    under a threshold set from the count, when it is not capped; else None, the grouping's
    LIMIT being 0, which both databases skip. Without `listed`, the rows are read once for
    both: matched twice, the 1,500 matches of a common word within one person took 3.3 ms
    on PostgreSQL instead of 2.5."""
    share = "(SELECT 4294967296.0 * %s / NULLIF(n, 0) FROM counted)"  # NULL: no match
    chosen = f"{sampling.scatter_sql('id')} < {share}"
    gate = "LIMIT CASE WHEN (SELECT n FROM counted) <= %s THEN %s ELSE 0 END"
    if listed is None:
        cap = COUNT_CAP
        sql, params = _rows_sql(rows, "pk")
        head = (
            f"WITH listed (id, speaker_id, readout_id) AS ({sql}),"  # noqa: S608
            " counted (n) AS (SELECT COUNT(*) FROM listed)"
        )
        grouped = _grouping_sql(
            f"SELECT speaker_id, readout_id FROM listed WHERE {chosen} {gate}"  # noqa: S608
        )
        params = [*params, FACET_SAMPLE]
    else:
        cap = max(sampling.INDEX_SCAN_LIMIT, COUNT_CAP)
        sql, params = listed
        head = f"WITH counted (n) AS ({search.capped_count_sql(sql)})"
        grouped = _grouping_sql(
            "SELECT speaker_id, readout_id FROM readouts_statement"  # noqa: S608
            f" WHERE id IN (SELECT id FROM ({sql}) listed WHERE {chosen}) {gate}"
        )
        params = [*params, cap + 1, *params, FACET_SAMPLE]
    with connection.cursor() as cursor:
        cursor.execute(
            f"{head} SELECT NULL, NULL, n FROM counted UNION ALL {grouped}",  # noqa: S608
            [*params, cap, cap],
        )
        found = cursor.fetchall()
    # The count's row is the one without a year (every call has a date).
    counted = next(n for _, year, n in found if year is None)
    return counted, [row for row in found if row[1] is not None] if counted <= cap else None


def _people_by_id(people: QuerySet[Person]) -> PeopleById:
    rows = people.values_list("pk", "slug", "name", "country")
    return {pk: (slug, name, country) for pk, slug, name, country in rows}


def find_statements(
    q: str | search.Query,
    statements: QuerySet[Statement],
    sort: str,
    common: bool = False,
    speakers: Collection[int] | None = None,
) -> QuerySet[Statement]:
    """Statements matching the query `q` within `statements`, in the `sort` order; `common`
    when the caller counted at least COMMON_MATCHES of them, `speakers` when `statements`
    holds only these speakers' statements (see search_statements).

    Raises search.QueryError (its message is for the user) for a query that cannot be run.
    """
    return search.search_statements(
        q, queryset=statements, sort=sort, common=common, speakers=speakers
    )


def add_snippets(statements: list[Statement], q: str | search.Query) -> None:
    """Sets `snippet` (hits between sentinels, for the `highlight` filter) on a page's rows."""
    search.add_snippets(statements, q)

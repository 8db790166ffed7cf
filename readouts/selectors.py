"""Reads. Views, downloads and the export command get their QuerySets here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from . import search
from .models import Call, Participant, Person, Readout, Statement

FACET_SIZE = 10
MAX_SUGGESTIONS = 2000


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
        Call.objects.annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
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


def statements_for_listing(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    """What a row of statements shows: speaker, readout title, call date."""
    return statements.select_related("speaker", "readout__call").defer(
        "readout__raw_text", "readout__call__created_at", "readout__call__updated_at"
    )


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


def statement_facets(statements: QuerySet[Statement]) -> Facets:
    """Counts by speaker, speaker's country and year over every matching statement.

    One grouped query (speaker, year) summed here: a few thousand groups at most, where three
    queries would each run the search again."""
    rows = (
        statements.order_by()
        .values("speaker__slug", "speaker__name", "speaker__country")
        .annotate(year=ExtractYear("readout__call__date"), n=Count("id"))
        .order_by()
    )
    people: Counter[tuple[str, str]] = Counter()
    countries: Counter[str] = Counter()
    years: Counter[int] = Counter()
    for row in rows:
        if row["speaker__slug"]:
            people[row["speaker__slug"], row["speaker__name"]] += row["n"]
            if row["speaker__country"]:
                countries[row["speaker__country"]] += row["n"]
        years[row["year"]] += row["n"]
    top_people = sorted(people.items(), key=lambda kv: (-kv[1], kv[0][1]))[:FACET_SIZE]
    top_countries = sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]
    return Facets(
        people=[
            {"speaker__slug": slug, "speaker__name": name, "n": n} for (slug, name), n in top_people
        ],
        countries=[{"speaker__country": c, "n": n} for c, n in top_countries],
        years=[{"year": y, "n": n} for y, n in sorted(years.items(), reverse=True)],
    )


def find_statements(
    q: str | search.Query, statements: QuerySet[Statement], sort: str
) -> QuerySet[Statement]:
    """Statements matching the query `q` within `statements`, in the `sort` order.

    Raises search.QueryError (its message is for the user) for a query that cannot be run.
    """
    return search.search_statements(q, queryset=statements, sort=sort)


def add_snippets(statements: list[Statement], q: str | search.Query) -> None:
    """Sets `snippet` (hits between sentinels, for the `highlight` filter) on a page's rows."""
    search.add_snippets(statements, q)

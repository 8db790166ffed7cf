"""The number of queries of every page is fixed: it does not grow with the rows shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from readouts.models import Call, Person

from .factories import corpus, many_statements

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _version_kept(monkeypatch):
    """The steady state, however slow the machine: the suggestions' version read once (it
    is read again after VERSION_SECONDS, see test_suggestions.py)."""
    monkeypatch.setattr("readouts.selectors.VERSION_SECONDS", 3600)


def urls() -> dict[str, str]:
    chen = Person.objects.get(slug="bo-chen")
    call = Call.objects.filter(participants__person=chen).order_by("-id").first()
    return {
        "home": "/",
        "calls": "/calls/",
        "calls filtered": "/calls/?person=Bo+Chen&date_from=2020-01-01&medium=phone",
        "call detail": call.get_absolute_url(),
        "people": "/people/",
        "people filtered": "/people/?name=chen&country=China",
        "person": chen.get_absolute_url(),
        "person search": chen.get_absolute_url() + "?q=grain",
        "search": "/search/?q=grain",
        "search filtered": "/search/?q=grain&person=bo-chen&year=2024&kind=statement",
        "browse statements": "/search/?person=bo-chen",
        "search help": "/search/help/",
    }


# A page's snippets: one query on PostgreSQL (ts_headline); SQLite makes them from the rows
# it already has (readouts/search/sqlite.py).
SNIPPETS = 1 if connection.vendor == "postgresql" else 0
# A search's page of fewer than 1,000 matches in date order: one query on PostgreSQL, which
# selects the rows in the ordered query; SQLite sorts the ids, then fetches their rows.
FEW_ROWS = 1 if connection.vendor == "postgresql" else 2

# Otherwise the same on SQLite and PostgreSQL, once the suggestion lists are cached (the
# first request after people or participants change adds two: people and countries) and
# their version read (once a second: + 1 on the pages that offer suggestions).
EXPECTED = {
    "home": 7,  # 3 counts, calls per month, latest calls + 2 prefetches
    "calls": 4,  # count, page, 2 prefetches
    "calls filtered": 4,
    "call detail": 4,  # call, participants, readouts, statements
    "people": 2,  # count, page
    "people filtered": 2,
    "person": 8,  # person, statements count + page, calls count + page + 2, counterparts
    "person search": 8 + SNIPPETS,
    # the count with the facets (of every match, or of a sample of them up to the count
    # cap), the page's rows (FEW_ROWS; past 1,000 matches: the ids, then the rows),
    # snippets. Past the count cap: + the facets of a sample spread over the archive (+ on
    # SQLite the number of matches in the FTS table, and past INDEX_SCAN_LIMIT the
    # statements' lowest and highest ids (two); on PostgreSQL those two)
    "search": 1 + FEW_ROWS + SNIPPETS,
    "search filtered": 2 + FEW_ROWS + SNIPPETS,  # + the ids of the speakers the filters leave
    "browse statements": 1 + FEW_ROWS,  # the same without snippets
    "search help": 0,
}


def count_queries(client, url: str) -> int:
    client.get(url)  # the cached suggestion lists: count the steady state
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def build(calls: int, statements: int) -> None:
    corpus(calls)
    many_statements(Person.objects.get(slug="bo-chen"), statements)


def test_query_counts_do_not_grow_with_rows(client, django_db_blocker):
    build(3, 3)
    small = {name: count_queries(client, url) for name, url in urls().items()}
    Call.objects.all().delete()
    Person.objects.all().delete()
    build(30, 30)
    large = {name: count_queries(client, url) for name, url in urls().items()}
    assert small == large
    for name, expected in EXPECTED.items():
        assert large[name] == expected, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pinned_query_counts(client, django_assert_num_queries, name):
    build(30, 30)
    url = urls()[name]
    client.get(url)  # the cached suggestion lists: count the steady state
    with django_assert_num_queries(EXPECTED[name]):
        assert client.get(url).status_code == 200

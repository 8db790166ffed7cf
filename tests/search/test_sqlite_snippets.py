"""SQLite: a page's snippets come from an FTS5 table of the page's rows alone
(readouts/search/sqlite.py), which must read the text exactly as the search index does."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from readouts import search
from readouts.models import Statement
from readouts.search import sqlite as backend

from .factories import statements

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend"),
]

TEXTS = [
    "The ministers agreed to resume grain exports through the Black Sea.",
    "They signed an agreement on energy security and on agreeing on grain.",
    "A reception at the Café de Flore in Paris, where the cafe was full.",
    "Both leaders discussed the foreign ministers meeting in Geneva. " + "More words. " * 40,
    "Win-win cooperation, said the minister; cooperation that is win-win for both sides.",
    "Nothing to see here.",
]
QUERIES = [
    "agree",
    "agree*",
    "grain OR café",
    "cafe",
    '"foreign ministers meeting"',
    "win-win",
    '"win-win cooperation"',
    "cooperation -nothing",
    "ministers geneva",
    "minist* gene*",
]


def index_snippets(rows: list[Statement], query: search.Query) -> dict[int, str]:
    """What snippet() over the search index itself gives for these rows."""
    ids = [row.pk for row in rows]
    marks = ", ".join(["%s"] * len(ids))
    fts = backend.FTS
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, snippet({fts}, 0, %s, %s, %s, %s) FROM {fts} "  # noqa: S608
            f"WHERE {fts} MATCH %s AND rowid IN ({marks})",
            [search.HIT_START, search.HIT_END, "…", backend.SNIPPET_TOKENS,
             backend.compile_match(query), *ids],
        )  # fmt: skip
        return dict(cursor.fetchall())


def page_snippets(rows: list[Statement], query: search.Query) -> dict[int, str]:
    return backend.snippets(rows, query, search.HIT_START, search.HIT_END)


@pytest.mark.parametrize("q", QUERIES)
def test_the_page_index_gives_the_search_index_snippets(q):
    rows = statements(*TEXTS)
    query = search.parse_query(q)
    expected = index_snippets(rows, query)
    assert expected, "each query matches a text"
    assert page_snippets(rows, query) == expected


def test_the_page_index_is_tokenized_as_the_search_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [backend.FTS])
        (sql,) = cursor.fetchone()
    assert f"tokenize='{backend.TOKENIZE}'" in sql


def test_a_row_passed_twice_gets_its_snippet_once():
    (row,) = statements("Grain exports resumed.")
    assert list(page_snippets([row, row], search.parse_query("grain"))) == [row.pk]


def test_the_page_index_keeps_nothing_between_pages():
    first, second = statements("Grain exports resumed.", "Grain prices fell.")
    assert set(page_snippets([first], search.parse_query("grain"))) == {first.pk}
    assert set(page_snippets([second], search.parse_query("grain"))) == {second.pk}
    (count,) = backend._page_index().execute("SELECT count(*) FROM page").fetchone()
    assert count == 0


def test_snippets_can_be_made_in_several_threads_at_once():
    """Each thread (runserver's, a threaded server's) has its own page index."""
    rows = statements(*TEXTS)
    queries = [search.parse_query(q) for q in QUERIES] * 3
    expected = [page_snippets(rows, query) for query in queries]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lambda query: page_snippets(rows, query), queries)) == expected

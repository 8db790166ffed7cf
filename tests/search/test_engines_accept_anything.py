"""Whatever is typed, the database accepts what the parser and compilers make of it: a
QueryError is the only failure a user can cause (no OperationalError, no ProgrammingError)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readouts import search

from .factories import statements

pytestmark = pytest.mark.django_db

SYNTAX = st.sampled_from(
    [
        '"',
        "-",
        "*",
        " OR ",
        " ",
        "(",
        ")",
        ":",
        "&",
        "|",
        "!",
        "'",
        "NOT",
        "AND",
        "NEAR",
        "\\",
        "^",
        "<->",
        ":*",
        "\x00",
        "\ue000",
        "é",
        "日本",
        "U.S.",
        "e-mail",
        "a@b.c",
    ]
)
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(SYNTAX, st.text(min_size=1, max_size=5)), max_size=25).map("".join),
)


@pytest.fixture
def rows():
    return statements(
        "Grain exports through the Black Sea resumed; the U.S. and e-mail a@b.c noted.",
        "Café talks in 日本 on trade, tariffs and NOT much else: 100% agreed.",
    )


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=QUERIES, sort=st.sampled_from(search.SORTS))
def test_the_engine_accepts_every_compiled_query(rows, q, sort):
    try:
        results = search.search_statements(q, sort=sort)
    except search.QueryError:
        return
    page = list(results[:20])
    assert results.count() == len(page)
    search.add_snippets(page, q)
    for row in page:
        assert isinstance(row.snippet, str) and isinstance(row.rank, float)

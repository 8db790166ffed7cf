"""SQLite: the joins a search makes from its matches read the covering indexes of migration
0004, not the statement and readout rows (whose long text comes before the joined columns)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from readouts import search
from readouts.selectors import statement_facets

from .factories import statements

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend"),
]

STATEMENT_INDEX = "COVERING INDEX readouts_statement_id_readout_speaker"
READOUT_INDEX = "COVERING INDEX readouts_readout_id_call"


def plan_of_last_query(run) -> str:
    with CaptureQueriesContext(connection) as queries:
        run()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + queries[-1]["sql"])
        return "\n".join(row[-1] for row in cursor.fetchall())


@pytest.fixture(autouse=True)
def rows():
    statements("Grain exports resumed.", "Grain prices fell.", date="2021-03-04")
    statements("Grain talks went on.", date="2023-05-06")
    search.refresh_after_bulk_write()  # the statistics, as after an import


def rows_read(plan: str) -> list[str]:
    """The steps that read statement or readout rows from their tables."""
    tables = (" readouts_statement ", " readouts_readout ", " s ", " r ")
    return [
        step
        for step in plan.splitlines()
        if any(t in f" {step} " for t in tables) and "COVERING INDEX" not in step
    ]


def test_the_facets_join_through_the_covering_indexes():
    matches = search.search_statements("grain", sort="newest")
    plan = plan_of_last_query(lambda: statement_facets(matches))
    assert STATEMENT_INDEX in plan and READOUT_INDEX in plan, plan
    assert rows_read(plan) == [], plan
    assert statement_facets(matches).counted == 3

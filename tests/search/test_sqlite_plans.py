"""SQLite: the joins a search makes from its matches read the covering indexes of migration
0004, not the statement and readout rows (whose long text comes before the joined columns)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from readouts import search
from readouts.models import Statement
from readouts.selectors import statement_facets, suggestions

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


# ANALYZE's statistics for these tables in the 100k bench archive (bench/run.py --size 100k):
# the planner then chooses as it does there. Those of a few test rows made a scan of a whole
# index look as cheap as a look-up.
ARCHIVE_STATISTICS = [
    ("readouts_statement", "readouts_statement_id_readout_speaker", "88722 1 1 1"),
    ("readouts_statement", "readouts_statement_speaker_id_5433a6a2", "121500 1001"),
    ("readouts_statement", "readouts_statement_readout_id_53a3d0b3", "59059 10"),
    ("readouts_statement", "sqlite_autoindex_readouts_statement_1", "44032 10 1"),
    ("readouts_readout", "readouts_readout_id_call", "11590 1 1"),
    ("readouts_readout", "readouts_readout_call_id_21333686", "11107 1"),
    ("readouts_call", "call_newest", "10556 2 1"),
    ("readouts_call", "readouts_call_date_5b504b5b", "10550 2"),
    ("readouts_person", "sqlite_autoindex_readouts_person_1", "352 1"),
]


@pytest.fixture(autouse=True)
def rows():
    statements("Grain exports resumed.", "Grain prices fell.", date="2021-03-04")
    statements("Grain talks went on.", date="2023-05-06")
    search.refresh_after_bulk_write()  # creates sqlite_stat1
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_schema WHERE type = 'index'")
        assert {index for _, index, _ in ARCHIVE_STATISTICS} <= {name for (name,) in cursor}
        tables = sorted({table for table, _, _ in ARCHIVE_STATISTICS})
        marks = ", ".join("%s" for _ in tables)
        cursor.execute(f"DELETE FROM sqlite_stat1 WHERE tbl IN ({marks})", tables)  # noqa: S608
        cursor.executemany("INSERT INTO sqlite_stat1 VALUES (%s, %s, %s)", ARCHIVE_STATISTICS)
        cursor.execute("ANALYZE sqlite_schema")  # reads sqlite_stat1 again


def rows_read(plan: str) -> list[str]:
    """The steps that read statement or readout rows from their tables."""
    tables = (" readouts_statement ", " readouts_readout ", " s ", " r ")
    return [
        step
        for step in plan.splitlines()
        if any(t in f" {step} " for t in tables) and "COVERING INDEX" not in step
    ]


@pytest.mark.parametrize("from_index", [False, True], ids=["matches", "index sample"])
def test_the_facets_join_through_the_covering_indexes(from_index):
    matches = search.search_statements("grain", sort="newest")
    statements = Statement.objects.all()
    sample = search.spread_sample("grain", statements, 10) if from_index else None
    people = suggestions().people()
    plan = plan_of_last_query(lambda: statement_facets(matches, sample, people))
    assert STATEMENT_INDEX in plan and READOUT_INDEX in plan, plan
    assert rows_read(plan) == [], plan
    assert statement_facets(matches, sample, people).counted == 3

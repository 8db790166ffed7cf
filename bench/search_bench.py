"""Search benchmark: the search page's server time against the raw full-text query.

Runs inside Django (DATABASE_URL, DEBUG off) on a database holding a generated corpus:

    python bench/search_bench.py MANIFEST --repeat 30 > result.json

For each query class the page (`Client().get("/search/?q=...")`, the whole view, templates
included, no network) and the raw SQL answering the same question with the engine's own
full-text index (ranked top 20, rows fetched) are run alternately, so both see the same noise;
p50 and p95 of each and their ratio are reported. The calls list with two filters is compared
with the SQL that lists the same 20 calls.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DATE_FROM, DATE_TO = "2010-01-01", "2012-12-31"
CALLS_FILTERS = {"country": "Germany", "medium": "phone"}


def query_classes(queries: dict[str, str], person: str) -> dict[str, dict]:
    """Query class -> page parameters and the question the raw SQL answers."""
    common = queries["common"]
    return {
        "common": {"q": common},
        "rare": {"q": queries["rare"]},
        "two_words": {"q": queries["two_words"]},
        "or": {"q": queries["or"]},
        "phrase": {"q": queries["phrase"]},
        "prefix": {"q": queries["prefix"]},
        "common_date_range": {"q": common, "date_from": DATE_FROM, "date_to": DATE_TO},
        "common_one_person": {"q": common, "person": person},
        "common_relevance": {"q": common, "sort": "relevance"},
    }


# -- the raw full-text queries ----------------------------------------------------------------


def fts5_expression(q: str) -> str:
    """The benchmark's own queries (not user input) in FTS5 syntax."""
    if q.startswith('"'):
        return q
    if q.endswith("*"):
        return f'"{q[:-1]}"*'
    if " OR " in q:
        return " OR ".join(f'"{w}"' for w in q.split(" OR "))
    return " ".join(f'"{w}"' for w in q.split())


def tsquery(q: str) -> tuple[str, str]:
    """(function, argument) for PostgreSQL."""
    if q.endswith("*"):
        return "to_tsquery", f"{q[:-1]}:*"
    if " OR " in q:
        return "websearch_to_tsquery", q.replace(" OR ", " or ")
    return "websearch_to_tsquery", q


class RawSQL:
    """The same questions asked of the database directly."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.vendor = connection.vendor
        try:
            if self.vendor == "sqlite":
                self.fts_table = self._sqlite_fts_table()
            else:
                self.vector = self._pg_vector_column()
            self.kind = "full-text"
        except LookupError:
            # No full-text index yet: compare with the substring scan the interim page does.
            self.kind = "substring"

    def _sqlite_fts_table(self) -> str:
        with self.connection.cursor() as c:
            c.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql LIKE '%VIRTUAL TABLE%fts5%' AND sql LIKE '%readouts_statement%'"
            )
            row = c.fetchone()
        if not row:
            raise LookupError("no FTS5 table over readouts_statement")
        return row[0]

    def _pg_vector_column(self) -> str:
        with self.connection.cursor() as c:
            c.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'readouts_statement' AND data_type = 'tsvector'"
            )
            row = c.fetchone()
        if not row:
            raise LookupError("no tsvector column on readouts_statement")
        with self.connection.cursor() as c:  # the configuration the index was built with
            c.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname = 'readouts_english'")
            self.config = "readouts_english" if c.fetchone() else "english"
        return row[0]

    def search(self, params: dict) -> list:
        where, args = [], []
        joins = ""
        if "date_from" in params:
            joins = (
                " JOIN readouts_readout r ON r.id = s.readout_id"
                " JOIN readouts_call c ON c.id = r.call_id"
            )
            where.append("c.date BETWEEN %s AND %s")
            args += [params["date_from"], params["date_to"]]
        if "person" in params:
            joins += " JOIN readouts_person p ON p.id = s.speaker_id"
            where.append("p.slug = %s")
            args.append(params["person"])
        extra = "".join(f" AND {w}" for w in where)
        if self.kind == "substring":
            like = "LIKE" if self.vendor == "sqlite" else "ILIKE"
            words = params["q"].split()
            sql = (
                f"SELECT s.id, s.text FROM readouts_statement s{joins} WHERE "  # noqa: S608
                + " AND ".join([f"s.text {like} %s"] * len(words))
                + f"{extra} ORDER BY s.id DESC LIMIT 20"
            )
            args = [f"%{w}%" for w in words] + args
        elif self.vendor == "sqlite":
            sql = (
                f"SELECT s.id, s.text FROM {self.fts_table} f"  # noqa: S608
                f" JOIN readouts_statement s ON s.id = f.rowid{joins}"
                f" WHERE {self.fts_table} MATCH %s{extra} ORDER BY f.rank LIMIT 20"
            )
            args = [fts5_expression(params["q"]), *args]
        else:
            function, term = tsquery(params["q"])
            sql = (
                f"SELECT s.id, s.text, ts_rank(s.{self.vector}, query) AS rank"  # noqa: S608
                f" FROM readouts_statement s{joins}, {function}('{self.config}', %s) query"
                f" WHERE s.{self.vector} @@ query{extra} ORDER BY rank DESC LIMIT 20"
            )
            args = [term, *args]
        with self.connection.cursor() as c:
            c.execute(sql, args)
            return c.fetchall()

    def calls(self, params: dict) -> list:
        sql = (
            "SELECT c.id, c.date, c.medium FROM readouts_call c WHERE c.medium = %s"
            " AND c.id IN (SELECT call_id FROM readouts_participant WHERE country = %s)"
            " ORDER BY c.date DESC, c.id DESC LIMIT 20"
        )
        with self.connection.cursor() as c:
            c.execute(sql, [params["medium"], params["country"]])
            return c.fetchall()


# -- timing -----------------------------------------------------------------------------------


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


@contextmanager
def recorded_queries():
    """A list that fills with [ms, sql] for every SQL query run inside the block: its execute
    and, on SQLite, the fetches of its rows (see _sqlite_fetches_timed)."""
    from django.db import connection

    queries: list[list] = []
    last: dict[int, list] = {}  # id(DB-API cursor) -> the entry of the query it ran last

    def record(execute, sql, params, many, context):
        entry = [0.0, sql]
        queries.append(entry)
        last[id(context["cursor"].cursor)] = entry
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            entry[0] += (time.perf_counter() - start) * 1000

    timed_fetches = _sqlite_fetches_timed(last) if connection.vendor == "sqlite" else nullcontext()
    with connection.execute_wrapper(record), timed_fetches:
        yield queries


@contextmanager
def _sqlite_fetches_timed(last: dict[int, list]):
    """SQLite computes a query's rows as they are fetched, after execute() returns: for a
    query without a sort (the excerpts' snippet(), say) execute() is only its first row.
    Within the block each fetch's time is added to the query its cursor ran last."""
    import sqlite3

    from django.db.backends.sqlite3.base import SQLiteCursorWrapper

    def timed(name: str):
        fetch = getattr(sqlite3.Cursor, name)

        def timed_fetch(self, *args):
            start = time.perf_counter()
            try:
                return fetch(self, *args)
            finally:
                if (entry := last.get(id(self))) is not None:
                    entry[0] += (time.perf_counter() - start) * 1000

        return timed_fetch

    names = ("fetchone", "fetchmany", "fetchall")
    for name in names:
        setattr(SQLiteCursorWrapper, name, timed(name))
    try:
        yield
    finally:
        for name in names:
            delattr(SQLiteCursorWrapper, name)


def anatomy(client, url: str) -> list[dict]:
    """Each SQL query one request of `url` runs, with its time: where the page's time goes."""
    with recorded_queries() as queries:
        total = timed(lambda: client.get(url))
    slowest = sorted(queries, key=lambda q: -q[0])[:8]
    return [
        {"ms": round(total, 2), "sql": "(whole request)"},
        *({"ms": round(ms, 2), "sql": " ".join(sql.split())[:160]} for ms, sql in slowest),
    ]


def db_time(client, url: str, runs: int = 7) -> float:
    """The median over `runs` requests of the time the page spent in its SQL queries."""
    totals = []
    for _ in range(runs):
        with recorded_queries() as queries:
            client.get(url)
        totals.append(sum(ms for ms, _ in queries))
    return round(sorted(totals)[len(totals) // 2], 2)


def busiest_speaker() -> str:
    from django.db.models import Count

    from readouts.models import Person

    return (
        Person.objects.annotate(n=Count("statements"))
        .order_by("-n", "id")
        .values_list("slug", flat=True)[0]
    )


def run(manifest: dict, repeat: int, budget: float, warmup: int = 3) -> dict:
    """`repeat` timed runs a case, fewer (at least 5) when a case takes over `budget` seconds."""
    from common import percentiles
    from django.test import Client

    from readouts import search

    # As a deployment has it after an import (import_readouts ends with this; the rows here
    # were loaded by the raw baseline): statistics, and PostgreSQL's GIN pending list merged.
    search.refresh_after_bulk_write()
    client = Client()
    raw = RawSQL()
    person = busiest_speaker()
    cases = {
        name: (f"/search/?{urlencode(params)}", lambda p=params: raw.search(p))
        for name, params in query_classes(manifest["queries"], person).items()
    }
    cases["calls_two_filters"] = (
        f"/calls/?{urlencode(CALLS_FILTERS)}",
        lambda: raw.calls(CALLS_FILTERS),
    )
    out: dict[str, dict] = {}
    for name, (url, raw_query) in cases.items():
        status = client.get(url).status_code
        if status != 200:
            out[name] = {"url": url, "status": status}
            continue
        hits = len(raw_query())
        page_ms, raw_ms = [], []
        started = time.perf_counter()
        for i in range(warmup + repeat):
            p = timed(lambda u=url: client.get(u))
            r = timed(raw_query)
            if i >= warmup:
                page_ms.append(p)
                raw_ms.append(r)
            if len(page_ms) >= 5 and time.perf_counter() - started > budget:
                break
        page, base = percentiles(page_ms), percentiles(raw_ms)
        page_db = db_time(client, url)
        out[name] = {
            "url": url,
            "raw_rows": hits,
            "page_ms": page,
            "raw_ms": base,
            "page_db_ms_p50": page_db,
            "db_ratio_p50": round(page_db / max(base["p50"], 0.01), 2),
            "ratio_p50": round(page["p50"] / max(base["p50"], 0.01), 2),
            "ratio_p95": round(page["p95"] / max(base["p95"], 0.01), 2),
        }
        print(
            f"{name:20} page p50 {page['p50']:8.1f} ms  raw p50 {base['p50']:8.1f} ms",
            file=sys.stderr,
        )
    # The fixed cost of any page here: the search help, a template and no query at all.
    floor = [timed(lambda: client.get("/search/help/")) for _ in range(warmup + repeat)][warmup:]
    common_url = cases["common"][0]
    return {
        "floor_ms": percentiles(floor),
        "person": person,
        "vendor": raw.vendor,
        "baseline": raw.kind,
        "cases": out,
        "anatomy_common": anatomy(client, common_url),
    }


def main() -> int:
    import argparse

    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--budget", type=float, default=20, help="seconds a case, about")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    print(json.dumps(run(manifest, args.repeat, args.budget)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

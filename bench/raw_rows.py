"""The raw bulk-insert baseline: the rows an import wrote, inserted again with plain SQL.

    python bench/raw_rows.py dump FILE   # every archive row of DATABASE_URL, to FILE
    python bench/raw_rows.py load FILE   # into the (empty, migrated) DATABASE_URL

`load` is what the import is compared with: the same rows into the same tables (so the same
indexes, constraints and search triggers), through the DB-API's executemany in batches, one
transaction a batch. Both commands stream, so memory stays bounded at any size.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from pathlib import Path

BATCH = 5000


def models_in_order():
    from readouts.models import Call, Participant, Person, PersonAlias, Readout, Statement

    return [Person, PersonAlias, Call, Participant, Readout, Statement]


def columns(model) -> list[str]:
    from django.db.models import GeneratedField

    return [f.column for f in model._meta.concrete_fields if not isinstance(f, GeneratedField)]


def dump(path: Path) -> None:
    from django.db import connection

    with path.open("wb") as out, connection.cursor() as cursor:
        for model in models_in_order():
            table, cols = model._meta.db_table, columns(model)
            pickle.dump((table, cols), out)
            quoted = ", ".join(connection.ops.quote_name(c) for c in cols)
            cursor.execute(f"SELECT {quoted} FROM {table} ORDER BY id")  # noqa: S608
            while rows := cursor.fetchmany(BATCH):
                pickle.dump(rows, out)
            pickle.dump(None, out)


def load(path: Path) -> dict[str, int | float]:
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection  # the DB-API connection itself, no Django in the loop
    mark = "?" if connection.vendor == "sqlite" else "%s"
    counts: dict[str, int | float] = {}
    seconds = 0.0
    with path.open("rb") as source:
        for _ in models_in_order():
            table, cols = pickle.load(source)  # noqa: S301 - our own file from `dump`
            sql = (
                f"INSERT INTO {table} ({', '.join(cols)})"  # noqa: S608
                f" VALUES ({', '.join([mark] * len(cols))})"
            )
            counts[table] = 0
            while (rows := pickle.load(source)) is not None:  # noqa: S301
                start = time.perf_counter()
                cursor = raw.cursor()
                cursor.execute("BEGIN")  # Django leaves the connection in autocommit
                cursor.executemany(sql, rows)
                cursor.execute("COMMIT")
                seconds += time.perf_counter() - start
                counts[table] += len(rows)
    if connection.vendor == "postgresql":
        with raw.cursor() as cursor:
            for model in models_in_order():
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"coalesce(max(id), 1)) FROM {table}"
                )
        raw.commit()
    counts["insert_seconds"] = round(seconds, 3)
    return counts


def main() -> int:
    import json

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    command, path = sys.argv[1], Path(sys.argv[2])
    if command == "dump":
        dump(path)
    elif command == "load":
        print(json.dumps(load(path)))
    else:
        raise SystemExit(f"unknown command {command!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

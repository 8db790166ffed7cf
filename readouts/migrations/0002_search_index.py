# ruff: noqa: S608  (fixed identifiers only, no input)
"""The full-text index, kept by the database itself (so ORM update() and bulk_create() and
raw SQL are all indexed at once). Vendor-specific, so it branches on the vendor; the core
tables stay portable and no model declares these objects.

PostgreSQL: a stored generated tsvector column with a GIN index, in a text search
configuration that is English stemming plus accent folding (unaccent, when the server has it),
so it folds accents like SQLite's `remove_diacritics 2`.
SQLite: an external-content FTS5 table kept by triggers, in the form the FTS5 docs give
(https://www.sqlite.org/fts5.html#external_content_tables).
"""

from django.db import migrations, transaction

PG_CONFIG = "readouts_english"
FTS = "readouts_statement_fts"


def _pg_forward(schema_editor) -> None:
    run = schema_editor.execute
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
        unaccent = cursor.fetchone() is not None
    if unaccent:
        try:  # needs the contrib package and the right to create it: optional
            with transaction.atomic(using=schema_editor.connection.alias):
                run("CREATE EXTENSION IF NOT EXISTS unaccent")
        except Exception:
            unaccent = False
    run(f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = pg_catalog.english)")
    if unaccent:
        run(
            f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem"
        )
    run(
        "ALTER TABLE readouts_statement ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('{PG_CONFIG}'::regconfig, text)) STORED"
    )
    run(
        "CREATE INDEX readouts_statement_search_vector "
        "ON readouts_statement USING gin (search_vector)"
    )


def _pg_backward(schema_editor) -> None:
    schema_editor.execute("ALTER TABLE readouts_statement DROP COLUMN search_vector")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION {PG_CONFIG}")


def _sqlite_forward(schema_editor) -> None:
    run = schema_editor.execute
    run(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(text, content='readouts_statement', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
    )
    run(
        f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON readouts_statement BEGIN "
        f"INSERT INTO {FTS}(rowid, text) VALUES (new.id, new.text); END"
    )
    run(
        f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON readouts_statement BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.id, old.text); END"
    )
    run(
        f"CREATE TRIGGER {FTS}_au AFTER UPDATE OF id, text ON readouts_statement BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.id, old.text); "
        f"INSERT INTO {FTS}(rowid, text) VALUES (new.id, new.text); END"
    )
    run(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def _sqlite_backward(schema_editor) -> None:
    for suffix in ("ai", "ad", "au"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS}_{suffix}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")


def forward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _pg_forward(schema_editor)
    elif vendor == "sqlite":
        _sqlite_forward(schema_editor)
    else:
        raise NotImplementedError(f"No full-text index for {vendor}")


def backward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _pg_backward(schema_editor)
    elif vendor == "sqlite":
        _sqlite_backward(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("readouts", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]

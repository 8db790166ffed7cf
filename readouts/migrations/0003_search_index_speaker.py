# ruff: noqa: S608  (fixed identifiers only, no input)
"""SQLite: the speaker's id indexed beside the text, so that a search within one person (or a
few) is an intersection inside FTS5. Filtering the statements by speaker after the MATCH read
every match of a common word first: 200 ms for a word in half of 1,000,000 statements, against
4 ms with the speaker's id in the MATCH (docs/benchmarks.md). The text alone is ranked (bm25
weight 0 for the id column). PostgreSQL needs nothing: it combines its indexes itself.
"""

from django.db import migrations

FTS = "readouts_statement_fts"
TOKENIZE = "porter unicode61 remove_diacritics 2"


def _drop(run) -> None:
    for suffix in ("ai", "ad", "au"):
        run(f"DROP TRIGGER IF EXISTS {FTS}_{suffix}")
    run(f"DROP TABLE IF EXISTS {FTS}")


def _create(run, columns: tuple[str, ...]) -> None:
    """The external-content table over `columns` of readouts_statement, and the triggers
    (https://www.sqlite.org/fts5.html#external_content_tables)."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    run(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5({names}, content='readouts_statement', "
        f"content_rowid='id', tokenize='{TOKENIZE}')"
    )
    run(
        f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON readouts_statement BEGIN "
        f"INSERT INTO {FTS}(rowid, {names}) VALUES (new.id, {new}); END"
    )
    run(
        f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON readouts_statement BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, {names}) VALUES ('delete', old.id, {old}); END"
    )
    run(
        f"CREATE TRIGGER {FTS}_au AFTER UPDATE OF id, {names} ON readouts_statement BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, {names}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {FTS}(rowid, {names}) VALUES (new.id, {new}); END"
    )
    if len(columns) > 1:  # FTS5's `rank` is bm25() over every column: rank by the text only
        weights = ", ".join(["1.0"] + ["0.0"] * (len(columns) - 1))
        run(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('rank', 'bm25({weights})')")
    run(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def forward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        _drop(schema_editor.execute)
        _create(schema_editor.execute, ("text", "speaker_id"))


def backward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        _drop(schema_editor.execute)
        _create(schema_editor.execute, ("text",))


class Migration(migrations.Migration):
    dependencies = [("readouts", "0002_search_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]

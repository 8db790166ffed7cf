"""SQLite: the columns a search joins through, readable from an index alone.

A search joins its matches to their speaker, readout and call: the facets 2,000 of them, a
date filter every one it counts. SQLite keeps a row whole in its table's B-tree, and the
columns these joins need come after the long ones: a statement's readout_id and speaker_id
after its text, a readout's call_id after its raw text (the whole file, several KB, spilling
onto overflow pages that SQLite follows to reach the last column). With the two indexes the
joins read neither table: at 100,000 statements the page for a common word within a date
range went from 80 to 55 ms, a prefix from 22 to 19.5 ms (docs/benchmarks.md).

PostgreSQL needs neither: it keeps long text out of line (TOAST), so its rows are short.
"""

from django.db import migrations

INDEXES = {
    "readouts_statement_id_readout_speaker": "readouts_statement (id, readout_id, speaker_id)",
    "readouts_readout_id_call": "readouts_readout (id, call_id)",
}


def forward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {columns}")


def backward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("readouts", "0003_search_index_speaker")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]

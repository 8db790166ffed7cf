"""Backup, restore and copy: everything equal after a round trip, on either database."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.db import connection

from readouts.archive import ArchiveError, dump, load_records, read_records
from readouts.models import Call, Person, Readout, Statement

from .factories import archive
from .scratch import manage, scratch_database


def dump_text() -> str:
    out = io.StringIO()
    dump(out)
    return out.getvalue()


@pytest.fixture
def filled(db):
    calls = archive(calls=4, statements=5)
    Statement.objects.filter(position=1, readout__call=calls[0]).update(edited=True)
    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="change_statement"))
    user = User.objects.create_user("editor", password="a long pass phrase 42")
    user.groups.add(editors)
    return calls


def test_round_trip_restores_every_row_as_it_was(filled):
    before = dump_text()
    assert '"readouts.statement"' in before and '"editor"' in before

    counts = load_records(read_records(before.splitlines()), replace=True)

    assert counts["readouts.statement"] == 20 and counts["readouts.call"] == 4
    assert dump_text() == before  # every field of every row, timestamps and flags included
    assert User.objects.get(username="editor").has_perm("readouts.change_statement")
    assert User.objects.get(username="editor").check_password("a long pass phrase 42")


def test_timestamps_come_back_to_the_microsecond(filled):
    """A millisecond-only backup would turn 12:00:00.000401 into 12:00:00 on restore."""
    stamp = dt.datetime(2024, 3, 1, 12, 0, 0, 401)
    Call.objects.filter(pk=filled[0].pk).update(created_at=stamp)
    Readout.objects.filter(call=filled[1]).update(updated_at=stamp.replace(microsecond=123456))

    load_records(read_records(dump_text().splitlines()), replace=True)

    assert Call.objects.get(pk=filled[0].pk).created_at == stamp
    readout = Readout.objects.get(call_id=filled[1].pk)
    assert readout.updated_at == stamp.replace(microsecond=123456)


def test_search_works_after_a_restore(filled, client):
    before = client.get("/search/?q=ceasefire").content.decode()
    assert "statement 0 of call 3" in before  # "On ceasefire, statement 0 of call 3."
    load_records(read_records(dump_text().splitlines()), replace=True)
    after = client.get("/search/?q=ceasefire")
    assert after.status_code == 200
    body = after.content.decode()
    assert "statement 0 of call 3" in body and "statement 1 of call 3" not in body


def test_new_rows_after_a_restore_get_fresh_ids(filled):
    text = dump_text()
    load_records(read_records(text.splitlines()), replace=True)
    highest = Person.objects.order_by("-pk").first().pk
    # On PostgreSQL this needs the id sequences moved past the restored ids.
    added = Person.objects.create(name="New Person", slug="new-person")
    assert added.pk > highest


def test_restore_refuses_a_database_that_holds_an_archive(filled):
    text = dump_text()
    with pytest.raises(ArchiveError, match="--replace"):
        load_records(read_records(text.splitlines()))


def test_a_truncated_dump_restores_nothing(filled):
    text = dump_text()
    cut = text.splitlines()[:-3]  # no end line, and some statements missing
    with pytest.raises(ArchiveError, match="truncated"):
        load_records(read_records(cut), replace=True)
    assert dump_text() == text  # the replace was rolled back with the rest


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "not a readout archive"),
        ('{"format": "something else"}\n', "not a readout archive"),
        ('{"format": "readout-archive", "version": 99}\n', "version 99"),
        ('{"format": "readout-archive", "version": 1}\n{oops\n', "line 2: not JSON"),
    ],
)
def test_restore_explains_a_bad_file(db, tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("restore_archive", str(path), stdout=io.StringIO())
    assert not Readout.objects.exists()


def test_backup_and_restore_commands_with_a_compressed_file(filled, tmp_path):
    before = dump_text()
    path = tmp_path / "archive.jsonl.gz"
    call_command("backup_archive", "-o", str(path), stderr=io.StringIO())
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert not (tmp_path / "archive.jsonl.gz.partial").exists()
    Call.objects.all().delete()
    out = io.StringIO()
    call_command("restore_archive", str(path), "--replace", stdout=out)
    assert "4 readouts.call" in out.getvalue()
    assert dump_text() == before


@pytest.mark.django_db(transaction=True)
def test_copy_from_a_sqlite_file_to_another_database(tmp_path):
    """SQLite -> (the suite's database vendor), the way an archive moves to PostgreSQL."""
    archive(calls=3, statements=4)
    original = tmp_path / "original.jsonl"
    original.write_text(dump_text())
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "restore_archive", str(original))

    with scratch_database(tmp_path, "copy") as target:
        result = manage(source, "copy_archive", "--to", target)
        assert "12 readouts.statement" in result.stdout
        again = manage(source, "copy_archive", "--to", target, check=False)
        assert again.returncode == 1 and "--replace" in again.stderr
        copied = manage(target, "backup_archive", "-o", "-")
    assert copied.stdout == original.read_text()
    assert connection.vendor in ("sqlite", "postgresql")

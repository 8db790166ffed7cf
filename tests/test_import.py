from __future__ import annotations

import hashlib
import re
import shutil

import pytest
from django.db import DatabaseError

from readouts import services
from readouts.models import Call, Person, Readout, Statement, StatementKind
from readouts.models import name_key as models_key
from readouts.services import Importer

from .conftest import FIXTURES, SEEDS, run_command

SEED_WANG = FIXTURES / "000_1a5f70aa50cc05b5.txt"
SEED_YANG = FIXTURES / "004_140103acfe350e8f.txt"


def import_(*paths, extra=()):
    return run_command("import_readouts", *map(str, paths), *extra)


@pytest.fixture
def messy(tmp_path):
    """A folder as users have them: good files, an empty one, a binary one, a Latin-1 one."""
    folder = tmp_path / "incoming"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED_WANG, folder / "good-1.txt")
    shutil.copy(SEED_YANG, folder / "sub" / "good-2.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin = SEED_WANG.read_text(encoding="utf-8").replace(
        "Wang Yi said that the 20th", "Wang Yi said that the café 20th"
    )
    latin = latin.replace("October 31, 2022", "November 2, 2022")
    (folder / "latin1.txt").write_bytes(latin.replace("\u00a0", " ").encode("latin-1"))
    return folder


@pytest.mark.django_db
def test_imports_the_fixtures_then_changes_nothing():
    out, err, status = import_(FIXTURES)
    assert status == 0, err
    assert Readout.objects.count() == len(list(FIXTURES.rglob("*.txt")))
    out, err, status = import_(FIXTURES)
    assert status == 0
    n = Readout.objects.count()
    assert "0 created" in out and f"{n} unchanged" in out and "0 updated" in out


@pytest.mark.django_db
def test_bad_files_are_reported_and_the_rest_imported(messy):
    out, err, status = import_(messy)
    assert status == 1
    assert "empty.txt" in err and "empty" in err.split("empty.txt", 1)[1].splitlines()[0]
    assert "image.txt" in err and "binary" in err.split("image.txt", 1)[1].splitlines()[0]
    assert "latin1.txt" in err and "warning" in err
    assert "3 created" in out and "2 failed" in out
    assert set(Readout.objects.values_list("source_file", flat=True)) == {
        "good-1.txt",
        "good-2.txt",
        "latin1.txt",
    }
    latin = Readout.objects.get(source_file="latin1.txt")
    assert "café" in latin.raw_text
    assert Statement.objects.filter(readout=latin, text__contains="café").exists()

    counts = (Call.objects.count(), Readout.objects.count(), Statement.objects.count())
    out, err, status = import_(messy)
    assert status == 1  # the broken files are still broken
    assert "0 created" in out and "3 unchanged" in out and "2 failed" in out
    assert counts == (Call.objects.count(), Readout.objects.count(), Statement.objects.count())


@pytest.mark.django_db
def test_raw_text_is_kept_byte_for_byte(tmp_path):
    data = SEED_WANG.read_bytes()
    variants = {
        "bom.txt": b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"),
        "utf16.txt": data.decode("utf-8").replace("31, 2022", "30, 2022").encode("utf-16"),
    }
    for name, content in variants.items():
        (tmp_path / name).write_bytes(content)
    out, err, status = import_(tmp_path)
    assert status == 0, err
    for name, content in variants.items():
        readout = Readout.objects.get(source_file=name)
        assert readout.sha256 == hashlib.sha256(content).hexdigest()
        assert readout.raw_text.encode(readout.encoding) == content


@pytest.mark.django_db
def test_changed_file_updates_its_readout(tmp_path):
    path = tmp_path / "call.txt"
    shutil.copy(SEED_YANG, path)
    import_(path)
    readout = Readout.objects.get()
    path.write_text(
        SEED_YANG.read_text(encoding="utf-8").replace("maintain contact", "keep in close contact"),
        encoding="utf-8",
    )
    out, err, status = import_(path)
    assert status == 0 and "1 updated" in out
    readout.refresh_from_db()
    assert readout.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert Statement.objects.filter(
        readout=readout, text__contains="keep in close contact"
    ).exists()
    assert not Statement.objects.filter(text__contains="maintain contact").exists()
    assert Call.objects.count() == 1


@pytest.mark.django_db
def test_changed_date_moves_the_readout_and_keeps_one_call(tmp_path):
    path = tmp_path / "call.txt"
    shutil.copy(SEED_YANG, path)
    import_(path)
    path.write_text(
        SEED_YANG.read_text(encoding="utf-8").replace("February 6, 2021", "February 7, 2021"),
        encoding="utf-8",
    )
    import_(path)
    call = Call.objects.get()
    assert call.date.isoformat() == "2021-02-07"


@pytest.mark.django_db
def test_edited_readout_is_kept_on_reimport(tmp_path):
    path = tmp_path / "call.txt"
    shutil.copy(SEED_YANG, path)
    import_(path)
    statement = Statement.objects.filter(kind=StatementKind.STATEMENT).first()
    statement.text = "Corrected by staff."
    statement.edited = True
    statement.save()
    path.write_text(
        SEED_YANG.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8"
    )
    out, err, status = import_(path)
    assert status == 0
    assert "1 kept because edited" in out and "call.txt" in err
    statement.refresh_from_db()
    assert statement.text == "Corrected by staff."
    assert not Statement.objects.filter(text__contains="A new closing line").exists()


@pytest.mark.django_db
def test_two_readouts_of_one_call_share_it(tmp_path):
    text = SEED_WANG.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    other = text.replace("Home\u00a0>\u00a0China News", "Home > News").replace(
        "Blinken said that the world expects", "Blinken said that the whole world expects"
    )
    (tmp_path / "b.txt").write_text(other, encoding="utf-8")
    out, err, status = import_(tmp_path)
    assert status == 0, err
    assert re.match(r"2 files in \d+\.\d\d s: 1 created, 1 attached to an existing call,", out)
    call = Call.objects.get()
    assert call.readouts.count() == 2


@pytest.mark.django_db
def test_name_forms_resolve_to_one_person():
    import_(*SEEDS)
    blinken = Person.objects.get(name="Antony Blinken")
    assert Person.objects.filter(name__icontains="Blinken").count() == 1
    assert blinken.participations.count() == 2
    keys = set(blinken.aliases.values_list("key", flat=True))
    assert {"antony blinken", "blinken"} <= keys
    assert Person.objects.by_alias("BLINKEN").get() == blinken
    # "Blinken said" in one seed and "Antony Blinken said" in the other: one speaker.
    assert Statement.objects.filter(speaker=blinken).values("readout").distinct().count() == 2


@pytest.mark.django_db
def test_dry_run_writes_nothing(messy):
    out, err, status = import_(messy, extra=["--dry-run"])
    assert "Dry run" in out and "3 created" in out
    assert status == 1  # still reports the broken files
    assert Readout.objects.count() == 0 and Person.objects.count() == 0


@pytest.mark.django_db
def test_a_failing_write_leaves_nothing_half_written(monkeypatch, tmp_path):
    shutil.copy(SEED_WANG, tmp_path / "a.txt")
    shutil.copy(SEED_YANG, tmp_path / "b.txt")
    original = services.insert_rows
    calls = {"n": 0}

    def flaky(model, rows, **kwargs):
        # Writing a.txt's statements fails, alone or with b.txt's in the batch's one write.
        if (
            model is Statement
            and Readout.objects.filter(
                pk__in={row["readout_id"] for row in rows}, source_file="a.txt"
            ).exists()
        ):
            calls["n"] += 1
            raise DatabaseError("disk I/O error")
        return original(model, rows, **kwargs)

    monkeypatch.setattr(services, "insert_rows", flaky)
    out, err, status = import_(tmp_path)
    assert calls["n"] == 2  # the batch's write, then a.txt's own when written file by file
    assert status == 1 and "a.txt" in err and "disk I/O error" in err
    assert "1 created" in out and "1 failed" in out
    assert list(Readout.objects.values_list("source_file", flat=True)) == ["b.txt"]
    # Nothing of a.txt: its call and its people that no other call has are gone with it.
    assert Call.objects.count() == 1
    assert not Person.objects.filter(name="Wang Yi").exists()
    monkeypatch.undo()
    out, err, status = import_(tmp_path)
    assert status == 0 and "1 created" in out and "1 unchanged" in out


@pytest.fixture
def no_replay(monkeypatch):
    """Fail the test if a batch has to be written again file by file."""

    def replay(self, item):
        raise AssertionError(f"the batch was written again file by file, at {item.source}")

    monkeypatch.setattr(Importer, "import_prepared", replay)


def corpus(folder, days=12):
    """Both seeds on `days` different days: distinct files, distinct calls."""
    folder.mkdir(exist_ok=True)
    for seed, old in ((SEED_WANG, "October 31, 2022"), (SEED_YANG, "February 6, 2021")):
        text = seed.read_text(encoding="utf-8")
        for day in range(1, days + 1):
            new = f"March {day}, 2019"
            (folder / f"{seed.stem}-{day:02}.txt").write_text(
                text.replace(old, new), encoding="utf-8"
            )
    return sorted(folder.iterdir())


def assert_written_as_parsed(items, results):
    for item, result in zip(items, results, strict=True):
        readout = Readout.objects.get(source_file=item.source)
        assert result.outcome == "created" and result.readout_id == readout.pk
        assert list(readout.statements.values_list("position", "kind", "text")) == [
            (s.position, s.kind, s.text) for s in item.parsed.statements
        ]
        assert list(readout.call.participants.values_list("person__name", flat=True)) == [
            p.name for p in item.parsed.participants
        ]


def test_a_batch_writes_every_statement_of_its_files_in_order(db, tmp_path, no_replay):
    items = [services.prepare_path(path) for path in corpus(tmp_path / "in")]
    results = Importer().import_batch(items)
    assert_written_as_parsed(items, results)
    assert Call.objects.count() == len(items)
    assert [r.outcome for r in Importer().import_batch(items)] == ["unchanged"] * len(items)


def test_a_batchs_new_calls_go_in_together_on_postgresql(db, tmp_path, no_replay):
    """On PostgreSQL a batch takes its new calls' ids from the sequence ahead and inserts the
    calls at its end, in one statement: no round trip a file. SQLite, with no round trips to
    save, inserts each call as it comes. Either way the readouts are on their own calls."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    items = [services.prepare_path(path) for path in corpus(tmp_path / "in")]
    with CaptureQueriesContext(connection) as queries:
        results = Importer().import_batch(items)
    assert_written_as_parsed(items, results)
    inserts = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "readouts_call"')]
    if connection.vendor == "postgresql":
        assert len(inserts) == 1
    else:
        assert len(inserts) == len(items)
    calls = {Readout.objects.get(pk=r.readout_id).call_id for r in results}
    assert len(calls) == len(items) == Call.objects.count()
    # The next batch's calls take new ids, past the ones the first batch took ahead.
    new_days = [p for p in corpus(tmp_path / "more", days=14) if p.stem.endswith(("-13", "-14"))]
    more = [services.prepare_path(path) for path in new_days]
    later = Importer().import_batch(more)
    assert [r.outcome for r in later] == ["created"] * 4
    assert {Readout.objects.get(pk=r.readout_id).call_id for r in later}.isdisjoint(calls)
    assert Call.objects.count() == len(items) + len(more)


def test_a_batch_whose_write_fails_is_written_again_file_by_file(db, tmp_path, monkeypatch):
    items = [services.prepare_path(path) for path in corpus(tmp_path / "in")]
    items.insert(3, services.Prepared("broken.txt", error="empty file"))
    original = services.insert_rows
    failed = []

    def flaky(model, rows, **kwargs):
        if model is Statement and not failed:
            failed.append(len(rows))
            raise DatabaseError("deadlock detected")
        return original(model, rows, **kwargs)

    monkeypatch.setattr(services, "insert_rows", flaky)
    importer = Importer()
    results = importer.import_batch(items)
    assert failed and failed[0] > len(items[0].parsed.statements)  # the batch's write failed
    assert results[3].outcome == "failed" and results[3].message == "empty file"
    del items[3], results[3]
    assert_written_as_parsed(items, results)  # and every good file is there, once
    assert Call.objects.count() == len(items)
    assert Statement.objects.count() == sum(len(i.parsed.statements) for i in items)
    # The importer forgot what the rolled-back batch taught it, and learnt it again.
    assert [r.outcome for r in importer.import_batch(items)] == ["unchanged"] * len(items)


@pytest.mark.django_db
def test_a_file_changed_within_one_batch_is_updated(tmp_path, no_replay):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SEED_YANG, tmp_path / "a" / "call.txt")
    changed = SEED_YANG.read_text(encoding="utf-8").replace(
        "maintain contact", "keep in close contact"
    )
    (tmp_path / "b" / "call.txt").write_text(changed, encoding="utf-8")
    out, err, status = import_(tmp_path)
    assert status == 0 and "1 created" in out and "1 updated" in out
    readout = Readout.objects.get()
    assert list(readout.statements.values_list("text", flat=True)) == [
        s.text for s in services.prepare_path(tmp_path / "b" / "call.txt").parsed.statements
    ]
    assert Call.objects.get().participants.count() == 2


@pytest.mark.django_db
def test_a_file_repeated_within_one_batch_is_unchanged(tmp_path, no_replay):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED_YANG, tmp_path / folder / "call.txt")
    importer = Importer()
    first, again = importer.import_batch(
        [services.prepare_path(tmp_path / folder / "call.txt") for folder in ("a", "b")]
    )
    assert (first.outcome, again.outcome) == ("created", "unchanged")
    assert first.readout_id == again.readout_id == Readout.objects.get().pk


@pytest.mark.django_db
def test_a_readout_attached_within_one_batch_says_who_asked_for_the_call(tmp_path, no_replay):
    text = SEED_WANG.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text.replace(" at the latter's request", ""), "utf-8")
    other = text.replace("Blinken said that the world", "Blinken said that the whole world")
    (tmp_path / "b.txt").write_text(other, encoding="utf-8")
    out, err, status = import_(tmp_path)
    assert status == 0, err
    assert re.match(r"2 files in \d+\.\d\d s: 1 created, 1 attached to an existing call,", out)
    call = Call.objects.get()
    assert list(call.participants.filter(requested=True).values_list("person__name")) == [
        ("Antony Blinken",)
    ]


@pytest.mark.django_db
def test_importer_reports_unknown_path_cleanly():
    out, err, status = import_("/nonexistent/readouts")
    assert status == 1 and "no such file or directory" in err


@pytest.mark.django_db
@pytest.mark.parametrize("named", ["../incoming", "./../incoming/", "../.cache/incoming"])
def test_a_folder_named_by_a_relative_or_hidden_path_is_imported(tmp_path, monkeypatch, named):
    (tmp_path / "work").mkdir()
    folder = (tmp_path / "work" / named).resolve()
    (folder / ".git").mkdir(parents=True)
    shutil.copy(SEED_WANG, folder / "wang.txt")
    shutil.copy(SEED_YANG, folder / ".yang.txt.swp")  # hidden within the folder: left out
    shutil.copy(SEED_YANG, folder / ".git" / "yang.txt")
    monkeypatch.chdir(tmp_path / "work")
    out, err, status = import_(named)
    assert status == 0, err
    assert "1 files" in out and "1 created" in out
    assert list(Readout.objects.values_list("source_file", flat=True)) == ["wang.txt"]


@pytest.mark.django_db
def test_same_content_under_another_name_is_not_duplicated(tmp_path):
    shutil.copy(SEED_WANG, tmp_path / "a.txt")
    shutil.copy(SEED_WANG, tmp_path / "copy-of-a.txt")
    out, err, status = import_(tmp_path)
    assert status == 0
    assert Readout.objects.count() == 1 and "1 unchanged" in out


def test_importer_needs_no_command(db):
    importer = Importer()
    result = importer.import_path(SEED_WANG)
    assert result.outcome == "created" and result.readout_id


@pytest.mark.django_db
def test_middle_initial_resolves_to_the_known_person(tmp_path):
    import_(SEED_WANG)
    text = SEED_YANG.read_text(encoding="utf-8").replace(
        "Secretary of State Antony Blinken", "Secretary of State Antony J. Blinken"
    )
    (tmp_path / "initial.txt").write_text(text, encoding="utf-8")
    out, err, status = import_(tmp_path)
    assert status == 0, err
    assert Person.objects.filter(name__contains="Blinken").count() == 1
    blinken = Person.objects.get(name="Antony Blinken")
    assert blinken.participations.count() == 2
    assert blinken.aliases.filter(key="antony j blinken").exists()


@pytest.mark.django_db(transaction=True)
def test_worker_processes_give_the_same_import(messy):
    out, err, status = import_(messy, extra=["--jobs", "2"])
    assert status == 1
    assert "3 created" in out and "2 failed" in out
    assert "empty.txt" in err and "image.txt" in err and "latin1.txt" in err
    assert set(Readout.objects.values_list("source_file", flat=True)) == {
        "good-1.txt",
        "good-2.txt",
        "latin1.txt",
    }
    out, err, status = import_(messy, extra=["--jobs", "2"])
    assert "3 unchanged" in out and "0 created" in out


@pytest.mark.django_db(transaction=True)
def test_an_import_that_wrote_leaves_the_search_index_ready(monkeypatch):
    """The statistics and (PostgreSQL) the GIN pending list are brought up to date once, at
    the end of an import that wrote something; a dry run or a re-run changes nothing."""
    from readouts import search

    calls = []
    real = search.refresh_after_bulk_write
    monkeypatch.setattr(search, "refresh_after_bulk_write", lambda: calls.append(real()))
    import_(SEED_WANG, SEED_YANG, extra=["--dry-run"])
    assert calls == []
    out, _, status = import_(SEED_WANG, SEED_YANG)
    assert status == 0 and calls == [None]  # ran, on this database, without an error
    import_(SEED_WANG, SEED_YANG)
    assert calls == [None]
    assert Statement.objects.filter(text__contains="Blinken").exists()


def lavrov_readout(counterpart: str, date: str = "September 10, 2020", body: str = "") -> str:
    """A readout of a meeting of Wang Yi with a Russian counterpart named as given."""
    surname = counterpart.split()[-1]
    return (
        "Home > China News\nWang Yi Meets with Russian Foreign Minister " + counterpart + "\n\n"
        f"On {date}, Foreign Minister Wang Yi met with Russian Foreign Minister {counterpart} "
        "in Moscow.\n\n"
        f"{surname} said that Russia values its partnership with China. {body}\n\n"
        "Wang Yi said that China is ready to work with Russia.\n"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Sergey Lavrov", "Sergei Lavrov"),
        ("Sergei Lavrov", "Sergei Viktorovich Lavrov"),
    ],
)
def test_another_translation_spelling_a_name_otherwise_joins_the_call(tmp_path, first, second):
    (tmp_path / "a.txt").write_text(lavrov_readout(first), encoding="utf-8")
    (tmp_path / "b.txt").write_text(lavrov_readout(second, body="Sanctions."), encoding="utf-8")
    out, err, status = import_(tmp_path)
    assert status == 0, err
    assert "1 created, 1 attached to an existing call" in out
    call = Call.objects.get()
    assert call.readouts.count() == 2
    lavrov = Person.objects.get(country="Russia")
    assert lavrov.name == first
    assert {models_key(first), models_key(second)} <= set(
        lavrov.aliases.values_list("key", flat=True)
    )
    said = Statement.objects.filter(text__startswith="Lavrov said")
    assert said.count() == 2 and {s.speaker_id for s in said} == {lavrov.pk}


@pytest.mark.django_db
def test_another_person_or_another_day_is_not_taken_for_a_spelling(tmp_path):
    (tmp_path / "a.txt").write_text(lavrov_readout("Sergei Lavrov"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(lavrov_readout("Sergei Shoigu"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(
        lavrov_readout("Sergey Lavrov", date="September 11, 2020"), encoding="utf-8"
    )
    out, err, status = import_(tmp_path)
    assert status == 0, err
    assert Call.objects.count() == 3
    assert Person.objects.filter(country="Russia").count() == 3  # no spelling matched off-call


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Sergey Lavrov", "Sergei Lavrov", True),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
        ("Mohammad Javad Zarif", "Mohammed Javad Zarif", True),
        ("Josep Borrell", "Josep Borrell Fontelles", True),
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", True),
        ("Wang Yi", "Wang Yu", False),
        ("Li Qiang", "Li Keqiang", False),
        ("Sergei Lavrov", "Sergei Shoigu", False),
        ("Lavrov", "Sergei Lavrov", False),
    ],
)
def test_spelling_variants(a, b, same):
    assert services.spelling_variants(a, b) is same
    assert services.spelling_variants(b, a) is same

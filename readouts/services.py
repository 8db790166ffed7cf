"""Writes. Parsed readouts go into the tables here and nowhere else.

`Importer` keeps what it has learnt during one run (known files, resolved people) so that a
large import costs a handful of queries a file. Every file succeeds or fails alone: written
in its own savepoint (`import_prepared`), or in a batch (`import_batch`) that, should any of
its writes fail, is rolled back and written again file by file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from reversion.models import Revision, Version

from . import parsing
from .models import (
    Call,
    Participant,
    Person,
    PersonAlias,
    Protectable,
    Readout,
    Statement,
    name_key,
)

CREATED = "created"
ATTACHED = "attached"
UPDATED = "updated"
UNCHANGED = "unchanged"
KEPT = "kept"
FAILED = "failed"
OUTCOMES = (CREATED, ATTACHED, UPDATED, UNCHANGED, KEPT, FAILED)


@dataclass
class ImportResult:
    source: str
    outcome: str
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    readout_id: int | None = None


class ImportFailed(Exception):
    pass


@dataclass
class Prepared:
    """A file read, hashed, decoded and parsed: all an import needs that touches no database.

    Made by `prepare`, which may run in another process (import_readouts --jobs).
    """

    source: str
    sha: str = ""
    decoded: parsing.Decoded | None = None
    parsed: parsing.ParsedReadout | None = None
    error: str = ""


def prepare(data: bytes, source: str, skip_shas: frozenset[str] = frozenset()) -> Prepared:
    """Hash, decode and parse; content already in the archive (`skip_shas`) is not parsed."""
    sha = sha256_hex(data)
    if sha in skip_shas:
        return Prepared(source, sha)
    try:
        decoded = parsing.decode(data)
        return Prepared(source, sha, decoded, parsing.parse_readout(decoded.text))
    except parsing.ParseError as exc:
        return Prepared(source, sha, error=str(exc))


def prepare_path(
    path: Path, skip_shas: frozenset[str] = frozenset(), source: str | None = None
) -> Prepared:
    source = source or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Prepared(source, error=f"cannot read: {exc.strerror or exc}")
    return prepare(data, source, skip_shas)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Importer:
    """Imports readout files; one instance per run."""

    def __init__(self) -> None:
        # source_file -> (readout id, sha256); sha256 -> source_file
        self._files: dict[str, tuple[int, str]] = {}
        self._shas: dict[str, str] = {}
        for pk, source, sha in Readout.objects.values_list("id", "source_file", "sha256"):
            self._files[source] = (pk, sha)
            self._shas[sha] = source
        self._people: dict[tuple[str, str], Person] = {}
        # date -> {call id: person ids}, read once a date, and the dates that have calls at all:
        # a query a file to look for the call was a fifth of the import's time.
        self._calls_on: dict[dt.date, dict[int, set[int]]] = {}
        self._call_dates: set[dt.date] = set(
            Call.objects.order_by().values_list("date", flat=True).distinct()
        )
        # While a batch is written: its new calls (PostgreSQL: their ids taken ahead from the
        # table's sequence), its new readouts (each with its result and statements), the
        # participants of its new calls (by call id) and its statements, all inserted together
        # before it commits; and what it taught the caches of files, undone if it rolls back.
        self._batch: bool = False
        self._calls: list[dict] = []
        self._call_ids: list[int] = []
        self._readouts: list[tuple[dict, ImportResult, list[dict]]] = []
        self._participants: dict[int, list[dict]] = {}
        self._statements: list[dict] = []
        self._learnt: list[tuple[str, str, tuple[int, str] | None]] = []

    # -- public -----------------------------------------------------------------------------

    @property
    def known_shas(self) -> frozenset[str]:
        return frozenset(self._shas)

    def import_path(self, path: Path, source_file: str | None = None) -> ImportResult:
        return self.import_prepared(prepare_path(path, self.known_shas, source_file))

    def import_bytes(self, data: bytes, source_file: str) -> ImportResult:
        return self.import_prepared(prepare(data, source_file, self.known_shas))

    def import_prepared(self, item: Prepared) -> ImportResult:
        """Write one prepared file (see `prepare`), in its own transaction."""
        try:
            return self._import(item)
        except (ImportFailed, DatabaseError) as exc:
            # What this file wrote was rolled back; people cached meanwhile may be gone too.
            self._people.clear()
            self._calls_on.clear()
            return ImportResult(item.source, FAILED, f"not written: {exc}", self._warnings(item))

    def import_batch(self, items: list[Prepared]) -> list[ImportResult]:
        """Write prepared files in one transaction, each with the outcome `import_prepared` gives.

        No file gets a savepoint of its own, and the new readouts, participants and statements
        of the batch go in together at its end (by COPY on PostgreSQL): a new file costs one
        query of its own, for its call, where it cost six. Should any write fail, the whole
        batch is rolled back and written again file by file, so a bad file fails alone, with
        its reason, and the others land.
        """
        self._batch = True
        try:
            with transaction.atomic():
                results = [self._import(item) for item in items]
                self._flush()
        except (ImportFailed, DatabaseError):
            self._forget_batch()
        else:
            return results
        finally:
            self._batch = False
            self._calls, self._readouts, self._participants, self._statements = [], [], {}, []
            self._learnt = []
        with transaction.atomic():
            return [self.import_prepared(item) for item in items]

    @staticmethod
    def _warnings(item: Prepared) -> list[str]:
        if item.decoded is None or item.parsed is None:
            return []
        return list(item.decoded.warnings) + list(item.parsed.warnings)

    def _import(self, item: Prepared) -> ImportResult:
        source_file, sha = item.source, item.sha
        if item.error:
            return ImportResult(source_file, FAILED, item.error)
        known = self._files.get(source_file)
        if known and known[0] is None:  # written earlier in this batch, its id still to come
            self._flush()
            known = self._files[source_file]
        if known and known[1] == sha:
            return ImportResult(source_file, UNCHANGED, readout_id=known[0])
        if not known and sha in self._shas:
            return ImportResult(
                source_file, UNCHANGED, f"same content as {self._shas[sha]}", readout_id=None
            )
        if item.parsed is None:  # skipped as known content, but it is needed after all
            return ImportResult(
                source_file, FAILED, f"same content as {self._shas.get(sha, 'another file')}"
            )
        with nullcontext() if self._batch else transaction.atomic():
            result = self._write(item.parsed, source_file, sha, item.decoded, known)
        result.warnings = self._warnings(item)
        if result.outcome in (CREATED, ATTACHED, UPDATED):
            if known:
                self._shas.pop(known[1], None)
            self._files[source_file] = (result.readout_id, sha)
            self._shas[sha] = source_file
            if self._batch:
                self._learnt.append((source_file, sha, known))
        return result

    def _forget_batch(self) -> None:
        """The batch was rolled back: forget what the caches learnt from it."""
        for source_file, sha, known in reversed(self._learnt):
            self._shas.pop(sha, None)
            if known:
                self._files[source_file] = known
                self._shas[known[1]] = source_file
            else:
                self._files.pop(source_file, None)
        self._people.clear()
        self._calls_on.clear()

    def _flush(self) -> None:
        """Insert the rows the batch has put off so far."""
        if self._calls:
            rows, self._calls = self._calls, []
            insert_rows(Call, rows)
        if self._readouts:
            pending, self._readouts = self._readouts, []
            rows = [row for row, _, _ in pending]
            ids = {source: pk for pk, source in insert_rows(Readout, rows, returning="source_file")}
            for row, result, statements in pending:
                result.readout_id = ids[row["source_file"]]
                self._files[row["source_file"]] = (result.readout_id, row["sha256"])
                for statement in statements:
                    statement["readout_id"] = result.readout_id
                self._statements.extend(statements)
        if self._participants:
            rows = [row for rows in self._participants.values() for row in rows]
            self._participants = {}
            insert_rows(Participant, rows)
        if self._statements:
            rows, self._statements = self._statements, []
            insert_rows(Statement, rows)

    # -- writing ----------------------------------------------------------------------------

    def _write(
        self,
        parsed: parsing.ParsedReadout,
        source_file: str,
        sha: str,
        decoded: parsing.Decoded,
        known: tuple[int, str] | None,
    ) -> ImportResult:
        readout = None
        if known:
            self._flush()  # what follows reads and replaces rows the batch may have put off
            readout = Readout.objects.select_related("call").get(pk=known[0])
            if is_protected(readout):
                return ImportResult(
                    source_file,
                    KEPT,
                    "edited by staff; the new version of the file was not applied",
                    readout_id=readout.pk,
                )
        people = self._resolve_all(parsed)
        call = self._find_call(parsed.date, people)
        outcome = CREATED
        if readout is not None:
            outcome = UPDATED
            old_call = readout.call
            if call is None and not old_call.edited and old_call.readouts.count() == 1:
                call = old_call  # this readout alone defines that call: correct it in place
                call.date, call.medium = parsed.date, parsed.medium
                call.save(update_fields=["date", "medium", "updated_at"])
                call.participants.all().delete()
                self._add_participants(call, parsed, people)
        elif call is not None:
            outcome = ATTACHED
        if call is None:
            call_id = self._new_call(parsed.date, parsed.medium)
            call = Call(pk=call_id, date=parsed.date, medium=parsed.medium)
            self._add_participants(call, parsed, people)
            self._calls_on.setdefault(call.date, {})[call.pk] = {p.pk for p in people}
            self._call_dates.add(call.date)
        elif outcome == ATTACHED and not call.edited:
            pending = self._participants.get(call.pk)
            if pending is None:
                merge_requested(call, parsed, people)
            else:
                merge_requested_rows(pending, parsed, people)

        fields = {
            "call": call,
            "sha256": sha,
            "encoding": decoded.encoding,
            "title": parsed.title[:500],
            "section": (parsed.section or "")[:200],
            "published_at": parsed.published_at,
            "url": parsed.url or "",
            "raw_text": decoded.raw_text,
        }
        speakers = {
            p.name: person.pk for p, person in zip(parsed.participants, people, strict=True)
        }
        statements = [
            {
                "readout_id": readout.pk if readout else None,
                "position": s.position,
                "kind": s.kind,
                "speaker_id": speakers.get(s.speaker) if s.speaker else None,
                "speaker_label": s.speaker_label[:200],
                "text": s.text,
            }
            for s in parsed.statements
        ]
        if readout is None:
            row = {"source_file": source_file, "call_id": call.pk, **fields}
            del row["call"]
            if self._batch:  # its id, and so its statements, come with the batch's readouts
                result = ImportResult(source_file, outcome)
                self._readouts.append((row, result, statements))
                return result
            (readout_id,) = insert_rows(Readout, [row], returning=True)
            readout = Readout(pk=readout_id)
            for statement in statements:
                statement["readout_id"] = readout_id
        else:
            previous_call = readout.call
            for name, value in fields.items():
                setattr(readout, name, value)
            readout.save()
            readout.statements.all().delete()
            if previous_call.pk != call.pk and not previous_call.readouts.exists():
                previous_call.delete()
            self._calls_on.clear()  # calls may have moved or gone; rare, so start afresh
            self._call_dates.add(parsed.date)
        if self._batch:
            self._statements.extend(statements)
        else:
            insert_rows(Statement, statements)
        return ImportResult(source_file, outcome, readout_id=readout.pk)

    def _new_call(self, date: dt.date, medium: str) -> int:
        """A new call's id. In a batch on PostgreSQL the call waits for the batch's end, its id
        taken ahead from the table's sequence (CALL_IDS_AHEAD at a time): an INSERT ...
        RETURNING for each new call was a round trip a file, the one left per file."""
        row = {"date": date, "medium": medium}
        if not (self._batch and connection.vendor == "postgresql"):
            (call_id,) = insert_rows(Call, [row], returning=True)
            return call_id
        if not self._call_ids:
            self._call_ids = next_ids(Call, CALL_IDS_AHEAD)[::-1]
        row["id"] = self._call_ids.pop()
        self._calls.append(row)
        return row["id"]

    def _members_on(self, date: dt.date) -> dict[int, set[int]]:
        """Call id -> its people's ids, for every call on `date` (read once a date)."""
        members = self._calls_on.get(date)
        if members is None:
            members = {}
            if date in self._call_dates:
                self._flush()  # the batch's calls on this date count too
                members = call_members(date)
            self._calls_on[date] = members
        return members

    def _find_call(self, date: dt.date, people: list[Person]) -> Call | None:
        call_id = matching_call_id(self._members_on(date), people)
        if call_id is None:
            return None
        if any(row["id"] == call_id for row in self._calls):
            self._flush()  # a call this batch has not inserted yet
        return Call.objects.get(pk=call_id)

    def _add_participants(
        self, call: Call, parsed: parsing.ParsedReadout, people: list[Person]
    ) -> None:
        rows = [
            {
                "call_id": call.pk,
                "person_id": person.pk,
                "title": p.title[:500],
                "country": p.country[:100],
                "requested": p.requested,
                "position": i,
            }
            for i, (p, person) in enumerate(zip(parsed.participants, people, strict=True))
        ]
        if self._batch:
            self._participants[call.pk] = rows
        else:
            insert_rows(Participant, rows)

    def _resolve_all(self, parsed: parsing.ParsedReadout) -> list[Person]:
        """The people of a readout, each known by one of their names or else new. A name known
        by none may be another spelling of a participant of a call that day between the same
        others: another translation of that call ('Sergey' and 'Sergei Lavrov'). Then it is
        that person, and the spelling is learnt as theirs."""
        found = [self._known(p) for p in parsed.participants]
        missing = [i for i, person in enumerate(found) if person is None]
        if missing:
            for i, person in self._spelt_otherwise(parsed, found, missing).items():
                found[i] = person
        people = []
        for p, person in zip(parsed.participants, found, strict=True):
            if person is None:
                person = create_person(p.name, p.country)
            self._people[name_key(p.name), p.country] = person
            learn_aliases(person, [p.name, *p.aliases])
            people.append(person)
        return people

    def _known(self, parsed: parsing.ParsedParticipant) -> Person | None:
        person = self._people.get((name_key(parsed.name), parsed.country))
        return person or resolve_person(parsed.name, parsed.country, create=False)

    def _spelt_otherwise(
        self, parsed: parsing.ParsedReadout, found: list[Person | None], missing: list[int]
    ) -> dict[int, Person]:
        """{index of an unknown participant: the person they are}, from a call on the same date
        whose people are the known ones and, one for one, the unknown ones spelt otherwise."""
        known = {person.pk for person in found if person is not None}
        size = len(known) + len(missing)
        calls = [
            (call_id, ids - known)
            for call_id, ids in sorted(self._members_on(parsed.date).items())
            if len(ids) == size and known <= ids
        ]
        if not calls:
            return {}
        persons = Person.objects.in_bulk(set().union(*(others for _, others in calls)))
        unknown = [parsed.participants[i] for i in missing]
        for _, others in calls:
            pairs = pair_spellings(unknown, [persons[pk] for pk in sorted(others)])
            if pairs is not None:
                return dict(zip(missing, pairs, strict=True))
        return {}


def is_protected(readout: Readout) -> bool:
    """A readout is kept as it is when staff edited it, its call, or any of its statements."""
    return readout.edited or readout.call.edited or readout.statements.filter(edited=True).exists()


def resolve_person(name: str, country: str, create: bool = True) -> Person | None:
    """The person this name means: by alias, preferring the same country; else a new person
    (or None, if not `create`).

    "Antony J. Blinken" is "Antony Blinken": middle initials are tried away when the full form
    is unknown, but only a person of the same country is taken that way.
    """
    candidates = list(Person.objects.by_alias(name).order_by("id"))
    if not candidates:
        words = name_key(name).split()
        bare = " ".join(w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1))
        if bare != " ".join(words):
            candidates = [p for p in Person.objects.by_alias(bare) if p.country == country]
    if len(candidates) > 1:
        same_country = [p for p in candidates if p.country == country]
        candidates = same_country or candidates
    if candidates:
        return candidates[0]
    return create_person(name, country) if create else None


def create_person(name: str, country: str) -> Person:
    """A new person, known by this name."""
    person = Person.objects.create(name=name, country=country, slug=Person.unique_slug(name))
    PersonAlias.objects.create(person=person, name=name)
    return person


def learn_aliases(person: Person, names: Iterable[str]) -> None:
    """Record the forms of `person`'s name this source used, once each."""
    seen = getattr(person, "_alias_keys", None)
    if seen is None:
        seen = set(person.aliases.values_list("key", flat=True))
        person._alias_keys = seen
    new = {}
    for name in names:
        key = name_key(name)
        if key and key not in seen and key not in new:
            new[key] = PersonAlias(person=person, name=name[:200], key=key)
    if new:
        PersonAlias.objects.bulk_create(new.values(), ignore_conflicts=True)
        seen.update(new)


def pair_spellings(
    unknown: list[parsing.ParsedParticipant], persons: list[Person]
) -> list[Person] | None:
    """For each of `unknown`, the one of `persons` whose name is theirs spelt otherwise and
    whose country is theirs (spelling_variants), or None unless every one has exactly one,
    each a different person."""
    chosen = []
    for p in unknown:
        fits = [
            person
            for person in persons
            if (not p.country or not person.country or p.country == person.country)
            and spelling_variants(p.name, person.name)
        ]
        if len(fits) != 1 or fits[0] in chosen:
            return None
        chosen.append(fits[0])
    return chosen


def spelling_variants(a: str, b: str) -> bool:
    """Whether two printed names may be one person's in two translations: every word of one
    among the other's ('Josep Borrell', 'Josep Borrell Fontelles'), or word for word alike but
    for a letter or two ('Sergey'/'Sergei', 'Zelensky'/'Zelenskyy', 'Mohammad'/'Mohammed').
    Asked only of the participants of a call on the same day between the same others."""
    words_a, words_b = name_key(a).split(), name_key(b).split()
    if not words_a or not words_b:
        return False
    fewer, more = sorted((words_a, words_b), key=len)
    if len(fewer) >= 2 and set(fewer) <= set(more):
        return True
    return len(words_a) == len(words_b) and all(map(_alike, words_a, words_b))


def _alike(a: str, b: str) -> bool:
    return a == b or (
        a[0] == b[0] and min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.8
    )


def call_members(date: dt.date) -> dict[int, set[int]]:
    """Call id -> the ids of its people, for every call on `date`."""
    members: dict[int, set[int]] = {}
    for call_id, person_id in Participant.objects.filter(call__date=date).values_list(
        "call_id", "person_id"
    ):
        members.setdefault(call_id, set()).add(person_id)
    return members


def matching_call_id(members: dict[int, set[int]], people: list[Person]) -> int | None:
    """The first of the calls in `members` (call id -> person ids) between exactly `people`."""
    wanted = {p.pk for p in people}
    return next((pk for pk, persons in sorted(members.items()) if persons == wanted), None)


COPY_FROM = 100  # rows from which COPY beats a multi-row INSERT on PostgreSQL
CALL_IDS_AHEAD = 200  # a batch's files (import_readouts): at most one new call each


def next_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` new primary keys for `model` from its table's sequence (PostgreSQL), ascending.
    Unused ones leave gaps, as a rolled-back insert does."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, n],
        )
        return sorted(row[0] for row in cursor.fetchall())


def insert_rows(
    model: type[models.Model], rows: list[dict], chunk: int = 500, returning: bool | str = False
) -> list:
    """INSERT rows, a multi-row VALUES per chunk, fields not given taking their defaults.

    On PostgreSQL, many rows without `returning` go in by COPY instead: for the statements of
    an import batch it took half the time of the INSERTs, parsing no SQL for each chunk.

    `bulk_create()` and `create()` build a model instance and prepare each value through its
    field: for the import that was a third of its time (docs/benchmarks.md). Like bulk_create,
    this sends no signals; the database keeps the search index itself. With `returning`, the
    new ids come back in order (SQLite 3.35+ and PostgreSQL both have RETURNING); with a field
    name, (id, value) pairs come back, in no promised order, to tell a chunk's rows apart.
    """
    if not rows:
        return []
    fields = [  # the primary key only where the rows give it (next_ids)
        f
        for f in model._meta.concrete_fields
        if (not f.primary_key or f.attname in rows[0]) and not isinstance(f, models.GeneratedField)
    ]
    now = timezone.now()
    defaults = {}
    for f in fields:
        if f.attname not in rows[0]:
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            defaults[f.attname] = f.get_db_prep_save(now if auto else f.get_default(), connection)
    names = [f.attname for f in fields]
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql" and not returning and len(rows) >= COPY_FROM:
        copy = "COPY {} ({}) FROM STDIN".format(
            quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
        )
        with connection.cursor() as cursor, connection.wrap_database_errors:
            with cursor.cursor.copy(copy) as stream:
                for row in rows:
                    values = {**defaults, **row}
                    stream.write_row([values[n] for n in names])
        return []
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608 - names from the model
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    )
    tail = ""
    if returning:
        tail = f" RETURNING {quote(model._meta.pk.column)}"
        if isinstance(returning, str):
            tail += ", " + quote(model._meta.get_field(returning).column)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids: list = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            params = [r[n] for r in ({**defaults, **row} for row in part) for n in names]
            cursor.execute(head + ", ".join([one] * len(part)) + tail, params)
            if isinstance(returning, str):
                ids.extend(cursor.fetchall())
            elif returning:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _requesters(parsed: parsing.ParsedReadout, people: list[Person]) -> set[int]:
    """The ids of the people this readout says asked for the call."""
    return {person.pk for p, person in zip(parsed.participants, people, strict=True) if p.requested}


def merge_requested(call: Call, parsed: parsing.ParsedReadout, people: list[Person]) -> None:
    """Another readout of the call may say who asked for it when the first did not."""
    asked = _requesters(parsed, people)
    if asked and not call.participants.filter(requested=True).exists():
        call.participants.filter(person_id__in=asked).update(requested=True)


def merge_requested_rows(
    rows: list[dict], parsed: parsing.ParsedReadout, people: list[Person]
) -> None:
    """`merge_requested` for participant rows not yet inserted."""
    asked = _requesters(parsed, people)
    if asked and not any(row["requested"] for row in rows):
        for row in rows:
            if row["person_id"] in asked:
                row["requested"] = True


# -- staff corrections -----------------------------------------------------------------------
# History is kept by django-reversion. These functions write their own revisions (rather than
# relying on reversion's save signals) so that the state *before* a merge is recorded too, and
# so that bulk `update()`s, which send no signals, still leave a trace.


def record_revision(objects: Iterable[models.Model], comment: str, user=None) -> Revision | None:
    """Store the current state of `objects` as one revision, whatever revision is open."""
    objects = [obj for obj in objects if obj.pk is not None]
    if not objects:
        return None
    revision = Revision.objects.create(date_created=timezone.now(), user=user, comment=comment)
    Version.objects.bulk_create(
        Version(
            revision=revision,
            object_id=str(obj.pk),
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            db=obj._state.db or "default",
            format="json",
            serialized_data=serializers.serialize("json", [obj]),
            object_repr=str(obj)[:191],
        )
        for obj in objects
    )
    return revision


@dataclass
class MergeResult:
    survivor: Person
    merged_names: list[str]
    statements: int = 0
    participations: int = 0
    aliases: int = 0


def _names(people: Iterable[Person]) -> str:
    return ", ".join(p.name for p in people)


@transaction.atomic
def merge_people(survivor: Person, others: Iterable[Person], user=None) -> MergeResult:
    """Fold duplicates into `survivor`: their statements, calls and names become its own.

    The merged names stay as aliases of the survivor, so later imports resolve to it. The state
    before the merge is recorded as a revision; reverting that revision undoes the merge.
    """
    others = [p for p in others if p.pk != survivor.pk]
    if not others:
        raise ValueError("choose at least one other person to merge")
    other_ids = [p.pk for p in others]
    statements = list(Statement.objects.filter(speaker_id__in=other_ids))
    participants = list(
        Participant.objects.filter(person_id__in=[survivor.pk, *other_ids]).select_related("person")
    )
    aliases = list(PersonAlias.objects.filter(person_id__in=[survivor.pk, *other_ids]))
    record_revision(
        [survivor, *others, *aliases, *participants, *statements],
        f"State before merging {_names(others)} into {survivor.name}",
        user,
    )
    result = MergeResult(survivor=survivor, merged_names=[p.name for p in others])

    result.statements = Statement.objects.filter(speaker_id__in=other_ids).update(speaker=survivor)

    kept = {p.call_id: p for p in participants if p.person_id == survivor.pk}
    for participant in participants:
        if participant.person_id == survivor.pk:
            continue
        mine = kept.get(participant.call_id)
        if mine is None:  # the survivor was not in this call: the row becomes the survivor's
            Participant.objects.filter(pk=participant.pk).update(person=survivor)
            kept[participant.call_id] = participant
        else:  # both were in the call: keep one row, losing no detail the other had
            mine.requested = mine.requested or participant.requested
            mine.title = mine.title or participant.title
            mine.country = mine.country or participant.country
            participant.delete()
            Participant.objects.filter(pk=mine.pk).update(
                requested=mine.requested, title=mine.title, country=mine.country
            )
        result.participations += 1

    known = {a.key for a in aliases if a.person_id == survivor.pk}
    for alias in aliases:
        if alias.person_id == survivor.pk:
            continue
        if alias.key in known:
            alias.delete()
        else:
            PersonAlias.objects.filter(pk=alias.pk).update(person=survivor)
            known.add(alias.key)
            result.aliases += 1
    new_aliases = {}
    for other in others:  # the names as printed on their person records
        key = name_key(other.name)
        if key and key not in known and key not in new_aliases:
            new_aliases[key] = PersonAlias(person=survivor, name=other.name, key=key)
    PersonAlias.objects.bulk_create(new_aliases.values())
    result.aliases += len(new_aliases)

    Person.objects.filter(pk__in=other_ids).delete()
    Person.objects.filter(pk=survivor.pk).update(edited=True, updated_at=timezone.now())
    survivor.refresh_from_db()
    record_revision(
        [
            survivor,
            *survivor.aliases.all(),
            *Participant.objects.filter(person=survivor),
            *Statement.objects.filter(pk__in=[s.pk for s in statements]),
        ],
        f"Merged {_names(others)} into {survivor.name}",
        user,
    )
    return result


PROTECTABLE = (Call, Readout, Statement, Person)


@transaction.atomic
def release_for_reimport(records: Iterable[Protectable], user=None) -> int:
    """Clear the `edited` mark so the next import of the source overwrites these records.

    Releasing a readout releases its statements too. Returns how many records were released.
    """
    released: list[models.Model] = []
    count = 0
    for record in records:
        model = type(record)
        if model not in PROTECTABLE:
            raise TypeError(f"{model.__name__} has no edited mark")
        related = []
        if isinstance(record, Readout):
            related = list(record.statements.filter(edited=True))
            Statement.objects.filter(pk__in=[s.pk for s in related]).update(edited=False)
        if record.edited or related:
            model.objects.filter(pk=record.pk).update(edited=False)
            released.append(record)
            released.extend(related)
            count += 1
    for obj in released:
        obj.refresh_from_db()
    record_revision(released, "Released for re-import", user)
    return count

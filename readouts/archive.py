"""A portable archive dump: every table, as JSON Lines, in dependency order.

The same file restores into SQLite or PostgreSQL, so it serves for backups and for moving an
archive from the SQLite default to PostgreSQL. Rows keep their primary keys and timestamps;
search indexes are kept by the database itself (generated column, triggers), so they are rebuilt
as the rows go in.

    {"format": "readout-archive", "version": 1, "models": [...]}      first line
    {"model": "readouts.person", "pk": 1, "fields": {...}}             one line a row
    {"end": true, "counts": {"readouts.person": 120, ...}}             last line

Users and groups are included (with password hashes: keep backups private); sessions and the
admin's change log are not.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction

FORMAT = "readout-archive"
VERSION = 1
CHUNK = 1000


class ArchiveError(Exception):
    pass


def archived_models() -> list[type[models.Model]]:
    """auth groups and users, then the app's tables, each after the tables it points to."""
    ordered: list[type[models.Model]] = [apps.get_model("auth", "Group")]
    ordered.append(apps.get_model("auth", "User"))
    pending = [
        m
        for m in apps.get_app_config("readouts").get_models()
        if m._meta.managed and not m._meta.proxy
    ]
    while pending:
        ready = [
            m
            for m in pending
            if all(
                f.related_model is m or f.related_model not in pending
                for f in m._meta.concrete_fields
                if f.is_relation
            )
        ]
        if not ready:
            raise ArchiveError(f"circular foreign keys among {pending}")
        ordered.extend(ready)
        pending = [m for m in pending if m not in ready]
    return ordered


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _generated(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.concrete_fields if getattr(f, "generated", False)}


# -- dumping --------------------------------------------------------------------------------


def dump_records(using: str = "default") -> Iterator[dict[str, Any]]:
    """Every row of every archived table, a chunk at a time (keyset order by primary key)."""
    todo = archived_models()
    yield {"format": FORMAT, "version": VERSION, "models": [_label(m) for m in todo]}
    counts: dict[str, int] = {}
    for model in todo:
        label, skip = _label(model), _generated(model)
        counts[label] = 0
        queryset = model._base_manager.using(using).order_by("pk")
        last = None
        while True:
            chunk = list((queryset if last is None else queryset.filter(pk__gt=last))[:CHUNK])
            if not chunk:
                break
            last = chunk[-1].pk
            for record in serializers.serialize("python", chunk, use_natural_foreign_keys=True):
                for name in skip:
                    record["fields"].pop(name, None)
                counts[label] += 1
                yield record
    yield {"end": True, "counts": counts}


class ArchiveEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder with times to the microsecond (it keeps milliseconds only): a restore
    gives back every timestamp exactly as it was stored."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def dump(out: IO[str], using: str = "default") -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in dump_records(using):
        out.write(json.dumps(record, cls=ArchiveEncoder, ensure_ascii=False) + "\n")
        counts = record.get("counts", counts)
    return counts


# -- loading --------------------------------------------------------------------------------


def read_records(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArchiveError(f"line {number}: not JSON ({exc.msg})") from None


def is_empty(using: str = "default") -> bool:
    return not any(
        m._base_manager.using(using).exists()
        for m in archived_models()
        if m._meta.app_label == "readouts"
    )


def load_records(
    records: Iterable[dict[str, Any]], using: str = "default", replace: bool = False
) -> dict[str, int]:
    """Write a dump into the database `using`, in one transaction: all of it or nothing."""
    records = iter(records)
    header = next(records, None)
    if not header or header.get("format") != FORMAT:
        raise ArchiveError("not a readout archive dump (the first line does not say so)")
    if header.get("version") != VERSION:
        raise ArchiveError(f"dump version {header.get('version')} is not {VERSION}")
    known = {_label(m): m for m in archived_models()}
    unknown = set(header.get("models", [])) - set(known)
    if unknown:
        raise ArchiveError(f"the dump has tables this version does not know: {sorted(unknown)}")

    counts: dict[str, int] = {}
    with transaction.atomic(using=using):
        if not is_empty(using):
            if not replace:
                raise ArchiveError("the database already holds an archive (use --replace)")
            for model in reversed(archived_models()):
                model._base_manager.using(using).all().delete()
        batch: list[dict[str, Any]] = []
        footer = None
        for record in records:
            if record.get("end"):
                footer = record
                break
            if record.get("model") not in known:
                raise ArchiveError(f"a row of an unknown table: {record.get('model')!r}")
            if batch and (batch[0]["model"] != record["model"] or len(batch) >= CHUNK):
                _write(batch, known[batch[0]["model"]], using, counts)
                batch = []
            batch.append(record)
        if batch:
            _write(batch, known[batch[0]["model"]], using, counts)
        if footer is None:
            raise ArchiveError("the dump is truncated (no end line); nothing was restored")
        expected = {k: v for k, v in footer.get("counts", {}).items() if v}
        if expected != {k: v for k, v in counts.items() if v}:
            raise ArchiveError(f"row counts differ from the dump's: {counts} != {expected}")
        _reset_sequences(using)
    return counts


def _write(
    batch: list[dict[str, Any]], model: type[models.Model], using: str, counts: dict[str, int]
) -> None:
    objects = list(serializers.deserialize("python", batch, using=using))
    if any(o.m2m_data for o in objects):  # users and groups: few rows, with permissions
        for obj in objects:
            obj.save(using=using)
    else:
        fields = [
            f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)
        ]
        rows = [o.object for o in objects]
        size = connections[using].ops.bulk_batch_size(fields, rows) or len(rows)
        for start in range(0, len(rows), size):
            # raw=True, as fixtures load: keeps created_at/updated_at instead of stamping now.
            model._base_manager.using(using)._insert(
                rows[start : start + size], fields=fields, using=using, raw=True
            )
    label = _label(model)
    counts[label] = counts.get(label, 0) + len(objects)


def _reset_sequences(using: str) -> None:
    """PostgreSQL's id sequences must move past the restored ids."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), archived_models())
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


# -- files ----------------------------------------------------------------------------------


def open_text(path: Path, mode: str, compressed: bool | None = None) -> IO[str]:
    """Gzip when `compressed`, or by default when the name ends in .gz."""
    if compressed if compressed is not None else path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")
    return path.open(mode, encoding="utf-8")

"""python manage.py copy_archive --to postgres://user@host:5432/readouts

Copies the archive of this process's database (DATABASE_URL) into another one, row for row:
the way to move from the SQLite default to PostgreSQL. The target is migrated first.
"""

from __future__ import annotations

import dj_database_url
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from readouts.archive import ArchiveError, dump_records, load_records

TARGET = "copy_target"


class Command(BaseCommand):
    help = "Copy every table of the archive into the database at --to (migrating it first)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--to", required=True, metavar="DATABASE_URL")
        parser.add_argument(
            "--replace", action="store_true", help="Delete what the target holds first."
        )

    def handle(self, *args, **options) -> None:
        config = dj_database_url.parse(options["to"])
        source = connections["default"].settings_dict
        if (config["ENGINE"], config["NAME"], config.get("HOST", "")) == (
            source["ENGINE"],
            source["NAME"],
            source.get("HOST", ""),
        ):
            raise CommandError("--to names the database this process already uses")
        configured = connections.configure_settings({"default": dict(source), TARGET: config})
        connections.settings[TARGET] = configured[TARGET]
        try:
            call_command("migrate", database=TARGET, interactive=False, verbosity=0)
            counts = load_records(dump_records("default"), using=TARGET, replace=options["replace"])
        except ArchiveError as exc:
            raise CommandError(str(exc)) from None
        finally:
            connections[TARGET].close()
        summary = ", ".join(f"{n} {label}" for label, n in counts.items()) or "no rows"
        self.stdout.write(f"Copied: {summary}")

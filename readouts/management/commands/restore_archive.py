"""python manage.py restore_archive archive.jsonl.gz [--replace]"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from readouts.archive import ArchiveError, load_records, open_text, read_records


class Command(BaseCommand):
    help = (
        "Restore a backup_archive file into a migrated database, in one transaction. "
        "Refuses a database that already holds readouts unless --replace is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("input", help='A file written by backup_archive, or "-" for stdin.')
        parser.add_argument(
            "--replace", action="store_true", help="Delete what the database holds first."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options) -> None:
        source = options["input"]
        try:
            if source == "-":
                counts = self.load(sys.stdin, options)
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"{source}: no such file")
                with open_text(path, "r") as lines:
                    counts = self.load(lines, options)
        except ArchiveError as exc:
            raise CommandError(f"{source}: {exc}") from None
        summary = ", ".join(f"{n} {label}" for label, n in counts.items()) or "no rows"
        self.stdout.write(f"Restored: {summary}")

    @staticmethod
    def load(lines, options) -> dict[str, int]:
        return load_records(
            read_records(lines), using=options["database"], replace=options["replace"]
        )

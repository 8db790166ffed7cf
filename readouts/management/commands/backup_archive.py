"""python manage.py backup_archive -o archive.jsonl.gz"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from readouts.archive import dump, open_text


class Command(BaseCommand):
    help = "Write every table of the archive to a portable JSON Lines file (.gz: compressed)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", required=True, help='A file, or "-" for stdout.')
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options) -> None:
        target = options["output"]
        if target == "-":
            counts = dump(sys.stdout, using=options["database"])
        else:
            path = Path(target)
            partial = path.with_name(path.name + ".partial")
            with open_text(partial, "w", compressed=path.suffix == ".gz") as out:
                counts = dump(out, using=options["database"])
            partial.replace(path)  # a backup that stopped halfway never takes the real name
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stderr.write(f"Backed up: {summary}")

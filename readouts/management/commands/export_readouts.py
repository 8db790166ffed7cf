"""python manage.py export_readouts [--format jsonl|csv] [-o FILE] [--from DATE] [--to DATE]
[--person NAME]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from readouts.export import FORMATS
from readouts.filters import CallFilter
from readouts.models import Call
from readouts.selectors import calls_for_export

CHUNK = 500


class Command(BaseCommand):
    help = "Export calls with their readouts and statements (see docs/export-format.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=sorted(FORMATS), default="jsonl")
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")
        parser.add_argument("--from", dest="date_from", help="Calls on or after YYYY-MM-DD.")
        parser.add_argument("--to", dest="date_to", help="Calls on or before YYYY-MM-DD.")
        parser.add_argument("--person", help="Calls with this person (name, alias or slug).")

    def handle(self, *args, **options) -> None:
        data = {key: options[key] for key in ("date_from", "date_to", "person") if options.get(key)}
        filterset = CallFilter(data, queryset=Call.objects.all())
        if not filterset.is_valid():
            errors = "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in filterset.errors.items()
            )
            raise CommandError(f"invalid filter: {errors}")
        calls = calls_for_export(filterset.qs).iterator(chunk_size=CHUNK)
        write_lines = FORMATS[options["format"]]
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                out.writelines(write_lines(calls))
        else:
            for line in write_lines(calls):
                self.stdout.write(line, ending="")

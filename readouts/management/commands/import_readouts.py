"""python manage.py import_readouts PATH [PATH ...] [--dry-run] [--quiet]"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from readouts import search
from readouts.services import (
    ATTACHED,
    CREATED,
    FAILED,
    KEPT,
    OUTCOMES,
    UPDATED,
    Importer,
    ImportResult,
    Prepared,
    prepare_path,
)

SUMMARY_LABELS = {
    "created": "created",
    "attached": "attached to an existing call",
    "updated": "updated",
    "unchanged": "unchanged",
    "kept": "kept because edited",
    "failed": "failed",
}


BATCH = 200
PARALLEL_FROM = 100  # below this, starting worker processes costs more than it saves


CHUNK = 16  # files a worker task prepares at once
IN_FLIGHT = 8  # tasks queued ahead of the writer: bounds memory however many files there are


@contextmanager
def prepared_files(
    files: list[Path], skip_shas: frozenset[str], jobs: int | None
) -> Iterator[Iterator[Prepared]]:
    """Files read and parsed in order, by worker processes when that pays.

    Parsing is pure Python and as costly as writing, so on a machine with more than one CPU
    it runs beside the database writes instead of before each of them. Only a few chunks are
    prepared ahead of the writer, so a million files take no more memory than a thousand.
    """
    if jobs is None:
        jobs = max((os.cpu_count() or 1) - 1, 1) if len(files) >= PARALLEL_FROM else 0
    if jobs < 1:
        yield (prepare_path(path, skip_shas) for path in files)
        return
    # fork: the workers inherit the loaded code and touch no database connection.
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield _ahead(pool, files, skip_shas)


def _ahead(pool, files: list[Path], skip_shas: frozenset[str]) -> Iterator[Prepared]:
    chunks = (files[i : i + CHUNK] for i in range(0, len(files), CHUNK))
    pending: deque = deque()
    for chunk in chunks:
        pending.append(pool.apply_async(prepare_chunk, (chunk, skip_shas)))
        if len(pending) >= IN_FLIGHT:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()


def prepare_chunk(paths: list[Path], skip_shas: frozenset[str]) -> list[Prepared]:
    return [prepare_path(path, skip_shas) for path in paths]


def describe_problems(path: Path, result: ImportResult) -> list[str]:
    lines = [f"warning: {path}: {warning}" for warning in result.warnings]
    if result.outcome == FAILED:
        lines.append(f"error: {path}: {result.message}")
    elif result.outcome == KEPT:
        lines.append(f"kept: {path}: {result.message}")
    return lines


def collect_files(paths: list[str]) -> list[Path]:
    """Files named, and every file under directories named, in a stable order. Hidden files
    and folders within a directory named are left out (".git", editor swap files); the
    directory's own path may have any name ("../incoming", "./new")."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{raw}: no such file or directory")
    return files


class Command(BaseCommand):
    help = "Import readout text files (files or directories, recursively)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and check everything, write nothing."
        )
        parser.add_argument("--quiet", action="store_true", help="Only report problems.")
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="Processes that read and parse files while this one writes "
            f"(default: one fewer than the CPUs for {PARALLEL_FROM}+ files, else none).",
        )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        files = collect_files(options["paths"])
        quiet = options["quiet"]
        counts: Counter[str] = Counter()
        problems: list[str] = []
        bar = tqdm(
            total=len(files),
            unit="file",
            disable=quiet or not sys.stderr.isatty(),
            file=sys.stderr,
            dynamic_ncols=True,
        )
        dry_run = options["dry_run"]
        try:
            # A batch of files is written and committed at once, which keeps a large import
            # fast (each file still succeeds or fails alone, see Importer.import_batch), and a
            # dry run is one transaction rolled back at the end.
            with transaction.atomic() if dry_run else nullcontext():
                importer = Importer()
                with prepared_files(files, importer.known_shas, options["jobs"]) as prepared:
                    for start in range(0, len(files), BATCH):
                        batch = files[start : start + BATCH]
                        results = importer.import_batch([next(prepared) for _ in batch])
                        for path, result in zip(batch, results, strict=True):
                            counts[result.outcome] += 1
                            problems.extend(describe_problems(path, result))
                        bar.update(len(batch))
                if dry_run:
                    transaction.set_rollback(True)
            if not dry_run and counts[CREATED] + counts[ATTACHED] + counts[UPDATED]:
                search.refresh_after_bulk_write()
        finally:
            bar.close()

        for line in problems:
            self.stderr.write(line)
        summary = ", ".join(f"{counts[o]} {SUMMARY_LABELS[o]}" for o in OUTCOMES)
        prefix = "Dry run, nothing written: " if dry_run else ""
        took = time.perf_counter() - started
        if not quiet or counts[FAILED]:
            self.stdout.write(f"{prefix}{len(files)} files in {took:.2f} s: {summary}")
        if counts[FAILED]:
            raise CommandError(f"{counts[FAILED]} of {len(files)} files could not be imported")

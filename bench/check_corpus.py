"""Check a generated corpus against what the archive makes of it.

    python bench/check_corpus.py var/bench/corpus-10k             # through the parser
    DATABASE_URL=... python bench/check_corpus.py DIR --imported  # rows import_readouts wrote

Compares, file by file, the speaker the generator meant for every statement (manifest.json)
with the parser's attribution, or with the Statement rows in the database after an import.
Exits 1 and lists the first differences when any file disagrees.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Speakers = list[str | None]


def parsed_speakers(files: Iterable[Path]) -> dict[str, Speakers]:
    from readouts import parsing

    out = {}
    for path in files:
        decoded = parsing.decode(path.read_bytes())
        text = decoded[0] if isinstance(decoded, tuple) else decoded.text
        out[path.name] = [s.speaker for s in parsing.parse_readout(text).statements]
    return out


def imported_speakers(names: Iterable[str]) -> dict[str, Speakers]:
    from readouts.models import Statement

    out: dict[str, Speakers] = {name: [] for name in names}
    rows = (
        Statement.objects.filter(readout__source_file__in=list(out))
        .order_by("readout__source_file", "position")
        .values_list("readout__source_file", "speaker__name")
    )
    for source, speaker in rows.iterator():
        out[source].append(speaker)
    return out


def differences(expected: dict[str, Speakers], got: dict[str, Speakers]) -> list[str]:
    return [
        f"{name}: expected {want}, got {got.get(name)}"
        for name, want in sorted(expected.items())
        if got.get(name) != want
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--imported", action="store_true", help="check the rows, not the parser")
    args = parser.parse_args(argv)
    manifest = json.loads((args.corpus / "manifest.json").read_text(encoding="utf-8"))
    expected: dict[str, Speakers] = manifest["speakers"]
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if args.imported:
        import django

        django.setup()
        got = imported_speakers(expected)
    else:
        wanted = set(expected)
        got = parsed_speakers(p for p in (args.corpus / "files").rglob("*.txt") if p.name in wanted)
    bad = differences(expected, got)
    for line in bad[:10]:
        print(line, file=sys.stderr)
    statements = sum(len(v) for v in expected.values())
    print(f"{len(expected) - len(bad)} of {len(expected)} files ({statements} statements) agree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

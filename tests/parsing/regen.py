"""Rewrite the golden JSON files from the current parser: python -m tests.parsing.regen

Review every changed file with `git diff tests/parsing/golden` before committing.
"""

from __future__ import annotations

import sys

from tests.parsing.golden_io import GOLDEN_DIR, dump, golden_path, parse_file, sample_paths, to_json


def main(names: list[str]) -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for sample in sample_paths():
        if names and sample.stem not in names:
            continue
        target = golden_path(sample)
        new = dump(to_json(parse_file(sample)))
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if new != old:
            target.write_text(new, encoding="utf-8")
            print(("updated " if old else "created ") + str(target.relative_to(GOLDEN_DIR.parent)))


if __name__ == "__main__":
    main(sys.argv[1:])

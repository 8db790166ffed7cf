"""Each sample text beside its expected JSON. Regenerate on purpose with
`python -m tests.parsing.regen` (or REGEN_GOLDEN=1 pytest ...), then review the diff."""

from __future__ import annotations

import json
import os

import pytest

from .golden_io import dump, golden_path, parse_file, sample_paths, to_json

SAMPLES = sample_paths()


def test_every_sample_has_a_golden_file():
    assert len(SAMPLES) >= 20
    missing = [p.name for p in SAMPLES if not golden_path(p).exists()]
    assert not missing, f"run python -m tests.parsing.regen for {missing}"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_parse_matches_golden(sample):
    got = to_json(parse_file(sample))
    target = golden_path(sample)
    if os.environ.get("REGEN_GOLDEN") == "1":
        target.write_text(dump(got), encoding="utf-8")
    want = json.loads(target.read_text(encoding="utf-8"))
    assert got == want

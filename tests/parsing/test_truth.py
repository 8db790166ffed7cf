"""The hand-made truth files' facts, compared the way the export scorer compares them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .golden_io import ROOT, norm, parse_file

TRUTH_DIR = Path(__file__).resolve().parent / "truth"
FIXTURE_DIRS = (ROOT / "fixtures", ROOT / "fixtures" / "samples")


def _cases():
    for path in sorted(TRUTH_DIR.glob("*.json")):
        for name, truth in json.loads(path.read_text(encoding="utf-8")).items():
            if not name.startswith("_"):
                yield pytest.param(name, truth, id=name)


def _fixture(name: str) -> Path:
    for folder in FIXTURE_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(name)


@pytest.mark.parametrize(("name", "truth"), list(_cases()))
def test_truth_facts(name, truth):
    r = parse_file(_fixture(name))
    got = {
        "title": r.title,
        "section": r.section,
        "date": r.date.isoformat(),
        "medium": r.medium,
        "requested_by": r.requested_by.name if r.requested_by else None,
    }
    for key, value in got.items():
        assert norm(value) == norm(truth[key]), key
    stamp = r.published_at.isoformat()[:16] if r.published_at else None
    assert stamp == truth["published_at"]
    countries = {norm(p.name): norm(p.country) for p in r.participants}
    titles = {norm(p.name): norm(p.title) for p in r.participants}
    assert countries == {norm(k): norm(v) for k, v in truth["participants"].items()}
    for person, title in truth["titles"].items():
        assert titles[norm(person)] == norm(title), person
    statements = [(norm(s.text), s.speaker) for s in r.statements]
    for prefix, speaker in truth["sentences"]:
        hits = [who for text, who in statements if norm(prefix) in text]
        assert hits, f"sentence not found: {prefix!r}"
        assert hits[0] == speaker, prefix


def test_same_call_pairs_agree_on_date_and_people():
    """Two translations of one call must be matchable by date and participants."""
    for path in sorted(TRUTH_DIR.glob("*.json")):
        for group in json.loads(path.read_text(encoding="utf-8")).get("_same_call", []):
            keys = set()
            for name in group:
                r = parse_file(_fixture(name))
                keys.add((r.date, frozenset(norm(p.name) for p in r.participants)))
            assert len(keys) == 1, group

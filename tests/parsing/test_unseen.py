"""Readouts written for testing only (never used to design a rule), scored field by field and
sentence by sentence exactly like the export scorer: `python -m tests.parsing.test_unseen`
prints the totals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .golden_io import norm, parse_file

UNSEEN = Path(__file__).resolve().parent / "unseen"
TRUTH = json.loads((UNSEEN / "truth.json").read_text(encoding="utf-8"))


def score(name: str, truth: dict) -> tuple[list[str], int, int, int, int]:
    """(misses, fields right, fields, sentences right, sentences) for one file."""
    r = parse_file(UNSEEN / name)
    got = {
        "title": r.title,
        "section": r.section,
        "date": r.date.isoformat(),
        "medium": r.medium,
        "requested_by": r.requested_by.name if r.requested_by else None,
    }
    checks = [(key, norm(truth[key]), norm(got[key])) for key in got if key in truth]
    stamp = r.published_at.isoformat()[:16] if r.published_at else None
    checks.append(("published_at", truth["published_at"], stamp))
    countries = {norm(p.name): norm(p.country) for p in r.participants}
    titles = {norm(p.name): norm(p.title) for p in r.participants}
    for person, country in truth["participants"].items():
        checks.append((f"participant {person}", norm(country), countries.get(norm(person), "-")))
    for person, title in truth["titles"].items():
        checks.append((f"title of {person}", norm(title), titles.get(norm(person), "-")))
    if "participant_count" in truth:
        checks.append(("participant_count", truth["participant_count"], len(countries)))
    misses = [f"{key}: want {want!r} got {have!r}" for key, want, have in checks if want != have]
    statements = [(norm(s.text), norm(s.speaker)) for s in r.statements]
    sent_ok = 0
    for prefix, speaker in truth["sentences"]:
        hits = [who for text, who in statements if norm(prefix) in text]
        if hits and hits[0] == norm(speaker):
            sent_ok += 1
        else:
            misses.append(f"sentence {prefix[:40]!r}: want {speaker!r} got {hits[:1]}")
    n_sent = len(truth["sentences"])
    fields_ok = len(checks) - (len(misses) - (n_sent - sent_ok))
    return misses, fields_ok, len(checks), sent_ok, n_sent


CASES = sorted(k for k in TRUTH if not k.startswith("_"))


def test_enough_unseen_samples():
    assert len(CASES) >= 25
    assert {p.name for p in UNSEEN.glob("*.txt")} == set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_unseen_readout(name):
    misses = score(name, TRUTH[name])[0]
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("group", TRUTH.get("_same_call", []), ids=lambda g: g[0])
def test_unseen_translations_match(group):
    keys = set()
    for name in group:
        r = parse_file(UNSEEN / name)
        keys.add((r.date, frozenset(norm(p.name) for p in r.participants)))
    assert len(keys) == 1, keys


def main() -> None:
    files = fields = fields_all = sents = sents_all = 0
    for name in CASES:
        try:
            misses, f_ok, f_all, s_ok, s_all = score(name, TRUTH[name])
        except Exception as exc:  # noqa: BLE001 - a report, not a test
            print(f"{name}: {type(exc).__name__}: {exc}")
            t = TRUTH[name]
            fields_all += 6 + len(t["participants"]) + len(t["titles"]) + ("participant_count" in t)
            sents_all += len(TRUTH[name]["sentences"])
            continue
        for miss in misses:
            print(f"{name}: {miss}")
        files += not misses
        fields, fields_all = fields + f_ok, fields_all + f_all
        sents, sents_all = sents + s_ok, sents_all + s_all
    print(f"files {files}/{len(CASES)} fields {fields}/{fields_all} sentences {sents}/{sents_all}")


if __name__ == "__main__":
    main()

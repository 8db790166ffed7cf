"""The benchmark corpus: deterministic, and read by the archive the way it was meant."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from readouts.models import Person, Readout, Statement

from .conftest import ROOT, run_command

sys.path.insert(0, str(ROOT / "bench"))

import check_corpus  # noqa: E402
import generate_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    assert generate_corpus.main(["--size", "1k", "--out", str(out)]) == 0
    return out


def manifest(corpus: Path) -> dict:
    return json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))


def test_same_size_gives_the_same_bytes(corpus, tmp_path):
    again = tmp_path / "again"
    generate_corpus.main(["--size", "1k", "--out", str(again)])
    first = sorted((corpus / "files").rglob("*.txt"))
    second = sorted((again / "files").rglob("*.txt"))
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))


def test_manifest_counts_what_was_written(corpus):
    m = manifest(corpus)
    files = list((corpus / "files").rglob("*.txt"))
    assert len(files) == m["readouts"] == len(m["speakers"])
    assert m["statements"] == sum(len(v) for v in m["speakers"].values()) >= 1000
    assert set(m["queries"]) == {"common", "rare", "two_words", "or", "phrase", "prefix"}


def test_a_non_empty_directory_is_refused(corpus):
    with pytest.raises(SystemExit):
        generate_corpus.main(["--size", "1k", "--out", str(corpus)])


def test_the_parser_attributes_every_statement_as_meant(corpus):
    m = manifest(corpus)
    got = check_corpus.parsed_speakers((corpus / "files").rglob("*.txt"))
    assert check_corpus.differences(m["speakers"], got) == []


def test_a_wrong_speaker_is_reported(corpus):
    m = manifest(corpus)
    name, speakers = next((n, s) for n, s in m["speakers"].items() if any(s))
    wrong = {name: [None] * len(speakers)}
    assert check_corpus.differences({name: speakers}, wrong) != []


@pytest.mark.django_db
def test_every_file_imports_with_its_speakers(corpus):
    out, err, status = run_command("import_readouts", str(corpus / "files"), "--quiet")
    assert status == 0, err
    m = manifest(corpus)
    assert Readout.objects.count() == m["readouts"]
    assert Statement.objects.count() == m["statements"]
    got = check_corpus.imported_speakers(m["speakers"])
    assert check_corpus.differences(m["speakers"], got) == []
    # a few hundred people in the full corpus; every speaker here is one of them, once
    assert Person.objects.count() == len(set(Person.objects.values_list("name", flat=True)))
